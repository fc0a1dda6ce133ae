package haven.query.letters;

import haven.events.LetterKind;

/** What each kind of letter is called, where it is listed. */
public final class LetterTitles {

    private LetterTitles() {}

    public static String of(LetterKind kind) {
        return switch (kind) {
            case ACKNOWLEDGEMENT -> "We have received your report";
            case MEETING_INVITATION -> "Invitation to a meeting";
            case OUTCOME -> "The outcome of your report";
            case APPEAL_OUTCOME -> "The outcome of your appeal";
        };
    }
}
