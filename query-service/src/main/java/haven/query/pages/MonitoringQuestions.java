package haven.query.pages;

import haven.events.MonitoringQuestion;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The equality monitoring questions as a page asks them, in the reader's language. Every message key
 * is made from a question's constant and its own answer codes, never from a request.
 */
@Component
class MonitoringQuestions {

    record Option(String code, String label) {}

    record Question(String name, String text, List<Option> options) {}

    private final MessageSource messages;

    MonitoringQuestions(MessageSource messages) {
        this.messages = messages;
    }

    List<Question> in(Locale locale) {
        return Arrays.stream(MonitoringQuestion.values())
                .map(question -> new Question(
                        question.name(),
                        message("MonitoringQuestion." + question.name(), locale),
                        question.answers().stream()
                                .map(code -> new Option(code, message(answerKey(question, code), locale)))
                                .toList()))
                .toList();
    }

    /** The message key of an answer the question offers: "prefer not to say" is one key for every question. */
    static String answerKey(MonitoringQuestion question, String code) {
        return code.equals(MonitoringQuestion.PREFER_NOT_TO_SAY)
                ? "MonitoringQuestion." + code
                : "MonitoringQuestion." + question.name() + "." + code;
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
