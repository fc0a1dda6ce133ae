package haven.query.pages;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** What a form sent, trimmed, without blanks or the form's own controls; the templates show it back. */
public class FormAnswers {

    private static final Set<String> CONTROLS = Set.of("_csrf", "_goto", "_returnToCheck");
    protected final MultiValueMap<String, String> answers = new LinkedMultiValueMap<>();

    FormAnswers(MultiValueMap<String, String> form) {
        form.forEach((name, values) -> {
            if (!CONTROLS.contains(name)) {
                values.stream()
                        .filter(v -> v != null && !v.isBlank())
                        .map(String::trim)
                        .forEach(v -> answers.add(name, v));
            }
        });
    }

    public String value(String field) {
        return answers.getFirst(field);
    }

    public List<String> values(String field) {
        return answers.getOrDefault(field, List.of());
    }

    public boolean has(String field, String value) {
        return values(field).contains(value);
    }

    /** A date input ({@link #date}) and a time box ({@code field-time}, 14:30); null unless both are real. */
    public LocalDateTime dateTime(String field) {
        LocalDate day = date(field);
        String time = value(field + "-time");
        if (day == null || time == null || !time.matches("\\d{1,2}[:.]\\d{2}")) {
            return null;
        }
        String[] parts = time.split("[:.]");
        try {
            return day.atTime(LocalTime.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A GOV.UK date input's three fields ({@code field-day}, {@code -month}, {@code -year}); null unless a real date. */
    public LocalDate date(String field) {
        try {
            return LocalDate.of(
                    Integer.parseInt(value(field + "-year")),
                    Integer.parseInt(value(field + "-month")),
                    Integer.parseInt(value(field + "-day")));
        } catch (NumberFormatException | DateTimeException | NullPointerException e) {
            return null;
        }
    }
}
