package haven.query.pages;

import haven.infra.security.Role;
import haven.infra.security.Staff;
import java.util.Collections;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Where staff sign in and out, and where each role lands after signing in. */
@Controller
class StaffPages {

    @GetMapping("/sign-in")
    String signIn() {
        return "staff/sign-in";
    }

    @GetMapping("/signed-out")
    String signedOut() {
        return "staff/signed-out";
    }

    /** Where a refused staff page is forwarded, with status 403 already set. */
    @RequestMapping(PagesSecurity.FORBIDDEN)
    String forbidden() {
        return "error/403";
    }

    /** After sign-in: the page each role works from. */
    @GetMapping("/staff")
    String home(Staff staff) {
        if (worksOnCases(staff)) {
            return "redirect:/cases";
        }
        if (staff.is(Role.BOARD) || staff.is(Role.PARTNERSHIP_BOARD)) {
            return "redirect:/trends";
        }
        if (staff.is(Role.REPORTING_CENTRE)) {
            return "redirect:/centre";
        }
        return staff.is(Role.ADMIN) ? "redirect:/admin" : "staff/no-role";
    }

    static boolean worksOnCases(Staff staff) {
        return !Collections.disjoint(staff.roles(), PagesSecurity.WORK_ON_CASES);
    }
}
