package haven.query.letters;

import haven.events.LetterKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The letters' templates: plain text files a council can change (one per kind, in the folder
 * {@code HAVEN_LETTER_TEMPLATES}, else the bundled ones), with fields such as {@code {{reference}}}.
 * Filling one only replaces the known fields by the case's values, as text: nothing in a template or
 * a case is ever evaluated, and a field the template names that Haven does not know is left as it is
 * for the caseworker to see and edit.
 */
@Component
public class LetterTemplates {

    /** The fields a template may use. */
    public enum Field {
        DATE,
        REFERENCE,
        ORGANISATION,
        OUTCOME,
        SUMMARY,
        APPEAL_UNTIL,
        APPEAL_OUTCOME,
        APPEAL_REASONS,
        MEETING_KIND,
        MEETING_WHEN,
        MEETING_PLACE;

        String placeholder() {
            String[] words = name().toLowerCase(Locale.ROOT).split("_");
            var camel = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) {
                camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
            return "{{" + camel + "}}";
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[a-zA-Z]+}}");

    private final Map<LetterKind, String> templates = new EnumMap<>(LetterKind.class);

    LetterTemplates(@Value("${haven.letters.templates:}") String folder) {
        for (LetterKind kind : LetterKind.values()) {
            templates.put(kind, read(folder, kind));
        }
    }

    /** The letter of that kind with the case's values in its fields (a value not known is left blank). */
    public String fill(LetterKind kind, Map<Field, String> values) {
        Matcher m = PLACEHOLDER.matcher(templates.get(kind));
        var filled = new StringBuilder();
        while (m.find()) {
            String found = m.group();
            String value = Arrays.stream(Field.values())
                    .filter(field -> field.placeholder().equals(found))
                    .findFirst()
                    .map(field -> values.getOrDefault(field, ""))
                    .map(known -> known == null ? "" : known)
                    .orElse(found);
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        m.appendTail(filled);
        return filled.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    /** A council's own file if there is one, else the bundled template; checked at start-up. */
    private static String read(String folder, LetterKind kind) {
        String name = kind.name().toLowerCase(Locale.ROOT) + ".txt";
        try {
            if (!folder.isBlank() && Files.isRegularFile(Path.of(folder, name))) {
                return Files.readString(Path.of(folder, name), StandardCharsets.UTF_8);
            }
            try (InputStream bundled = LetterTemplates.class.getResourceAsStream("/haven/letters/" + name)) {
                if (bundled == null) {
                    throw new IllegalStateException("No letter template " + name);
                }
                return new String(bundled.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
