package haven.query.pages;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The words of a reporter's page in the language it is read in, by message key. Keys are only ever
 * constants of the code, never anything a request holds.
 */
@Component
class PageText {

    private final MessageSource messages;

    PageText(MessageSource messages) {
        this.messages = messages;
    }

    String of(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}
