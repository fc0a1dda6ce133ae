package haven.query.pages;

import haven.events.AppealOutcome;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.IntakeChannel;
import haven.events.LetterKind;
import haven.events.LocationType;
import haven.events.MeetingKind;
import haven.events.Motivation;
import haven.events.Outcome;
import haven.events.ReportType;
import haven.events.ReporterRole;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;

/**
 * The words for an answer chosen from a list, from {@code messages.properties}. A message key is
 * only ever made from a constant of one of the lists' enums, never from what a request holds: an
 * answer that is not one of the list's values reads {@link #NOT_RECOGNISED}. (Templates must not
 * build keys themselves: Thymeleaf's {@code __${...}__} evaluates its result as an expression.)
 */
public final class Labels {

    static final String NOT_RECOGNISED = "Not recognised";
    private static final List<Class<? extends Enum<?>>> LISTS = List.of(
            ReportType.class,
            Category.class,
            LocationType.class,
            Motivation.class,
            ReporterRole.class,
            ContactPreference.class,
            IntakeChannel.class,
            Outcome.class,
            AppealOutcome.class,
            MeetingKind.class,
            LetterKind.class);

    private final MessageSource messages;
    private final Locale locale;

    Labels(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    /** The label of an option the page offers. */
    public String of(Enum<?> option) {
        return message(option, "");
    }

    public String hint(Enum<?> option) {
        return message(option, ".hint");
    }

    /** The label of an answer to the list named {@code list} (an enum's simple name, written in the template). */
    public String of(String list, String answer) {
        return constant(list, answer).map(this::of).orElse(NOT_RECOGNISED);
    }

    private static Optional<Enum<?>> constant(String list, String answer) {
        return LISTS.stream()
                .filter(type -> type.getSimpleName().equals(list))
                .<Enum<?>>flatMap(type -> Arrays.stream(type.getEnumConstants()))
                .filter(constant -> constant.name().equals(answer))
                .findFirst();
    }

    private String message(Enum<?> option, String suffix) {
        return messages.getMessage(
                option.getDeclaringClass().getSimpleName() + "." + option.name() + suffix,
                null,
                NOT_RECOGNISED,
                locale);
    }
}
