package haven.query.pages;

import haven.infra.council.Areas;
import haven.infra.security.Role;
import haven.infra.security.Staff;
import haven.query.web.Words;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.LocaleResolver;

/** What every page's template may use: who is signed in, enum values in plain words, and the labels of answers. */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

    private final MessageSource messages;
    private final Areas areas;
    private final Languages languages;

    private final DataSize largestFile;

    PageModel(
            MessageSource messages,
            Areas areas,
            LocaleResolver languages,
            @Value("${haven.evidence.max-file-size:8MB}") DataSize largestFile) {
        this.languages = (Languages) languages;
        this.messages = messages;
        this.areas = areas;
        this.largestFile = largestFile;
    }

    /** Who is signed in, as the page header needs it: what they may open. Null on anonymous pages. */
    public record SignedIn(
            String id, boolean worksOnCases, boolean readsTrends, boolean admin, boolean reportingCentre) {}

    /** Enum values in plain words, for the templates. */
    public static final class PlainWords {
        public String of(Enum<?> value) {
            return Words.of(value);
        }

        /** An enum value as the trends name it; {@code NONE} is a value not recorded (yet). */
        public String ofName(String name) {
            return "NONE".equals(name) ? "none recorded" : Words.ofName(name);
        }
    }

    @ModelAttribute("signedIn")
    SignedIn signedIn() {
        return Staff.current()
                .map(staff -> new SignedIn(
                        staff.id(),
                        StaffPages.worksOnCases(staff),
                        !Collections.disjoint(staff.roles(), PagesSecurity.READ_TRENDS),
                        staff.is(Role.ADMIN),
                        staff.is(Role.REPORTING_CENTRE)))
                .orElse(null);
    }

    /** The largest evidence file, in the words a file upload's hint uses ("8 MB"). */
    @ModelAttribute("largestFile")
    String largestFile() {
        return largestFile.toMegabytes() + " MB";
    }

    @ModelAttribute("words")
    PlainWords words() {
        return new PlainWords();
    }

    /**
     * A language the page can be read in: its name in itself, and "change the language to it" in
     * itself. Which is current is the template's to say: a page may change it after the model is made
     * (a follow-up page opens in the language its report was made in).
     */
    public record Language(String code, String name, String change) {}

    /** The languages a reporter's page is offered in; null on staff pages, which are in English. */
    @ModelAttribute("languages")
    List<Language> languages(HttpServletRequest request) {
        if (!Languages.offersLanguages(request.getRequestURI())
                || languages.codes().size() < 2) {
            return null;
        }
        return languages.codes().stream()
                .map(code -> {
                    Locale in = Locale.forLanguageTag(code);
                    return new Language(
                            code,
                            messages.getMessage("language.name", null, code, in),
                            messages.getMessage("language.change", null, "", in));
                })
                .toList();
    }

    @ModelAttribute("labels")
    Labels labels(Locale locale) {
        return new Labels(messages, locale);
    }

    /** The council's areas: their labels by code. */
    @ModelAttribute("areas")
    Areas areas() {
        return areas;
    }
}
