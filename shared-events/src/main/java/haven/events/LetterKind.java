package haven.events;

/** The letters a case sends the reporter, each from a template the council can change. */
public enum LetterKind {
    ACKNOWLEDGEMENT,
    MEETING_INVITATION,
    OUTCOME,
    APPEAL_OUTCOME
}
