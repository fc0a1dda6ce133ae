package haven.query.pages;

import haven.infra.council.Partnership;
import java.time.LocalDate;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The accessibility statement every UK public sector website must publish, in the GOV.UK model:
 * who runs the service, how accessible it is, how to ask for another format, what was tested and
 * how, and the enforcement procedure. The partnership's file names whom to ask; the date it was
 * last reviewed is a setting the council changes when it reviews it.
 */
@Controller
class AccessibilityPage {

    private final Partnership partnership;
    private final LocalDate reviewed;

    AccessibilityPage(Partnership partnership, @Value("${haven.accessibility.reviewed}") LocalDate reviewed) {
        this.partnership = partnership;
        this.reviewed = reviewed;
    }

    /** The statement in Welsh is a page of its own (a long text reads better whole than in messages). */
    @GetMapping("/accessibility")
    String statement(Model model, Locale locale) {
        model.addAttribute("runBy", partnership.name());
        model.addAttribute("contact", partnership.accessibilityContact().orElse(null));
        model.addAttribute("reviewed", reviewed);
        return "cy".equals(locale.getLanguage()) ? "accessibility-cy" : "accessibility";
    }
}
