package haven.command.web;

import haven.infra.security.Staff;
import haven.infra.security.StaffDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who Haven takes the caller to be, as their token says and its staff directory now holds them:
 * what a client asks first, and what makes a new member of staff known (assignable, reachable by
 * mail) before they have done anything else.
 */
@RestController
class SignedInController {

    private final StaffDirectory directory;

    SignedInController(StaffDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("/api/staff/me")
    StaffDirectory.Member me(Staff staff) {
        return directory
                .member(staff.id())
                .orElseGet(() -> new StaffDirectory.Member(
                        staff.id(), staff.organisation(), staff.team(), staff.roles(), java.util.Optional.empty()));
    }
}
