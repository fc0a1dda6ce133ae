package haven.query.admin;

import haven.infra.council.Partnership;
import haven.infra.security.Staff;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The projections and their dead letters are the running of the partnership's one Haven, which its
 * founder runs: only the founder's data protection officers see and rebuild them. They hold no
 * personal data, but a rebuild slows every partner's views while it runs.
 */
@Component
public class HavenOperators {

    private final Partnership partnership;

    HavenOperators(Partnership partnership) {
        this.partnership = partnership;
    }

    public boolean includes(Staff staff) {
        return partnership.founder().id().equals(staff.organisation());
    }

    public void require(Staff staff) {
        if (!includes(staff)) {
            throw new ResponseStatusException(
                    HttpStatus.FORBIDDEN,
                    "The projections are looked after by the data protection officers of "
                            + partnership.founder().name() + ", which runs the partnership's Haven.");
        }
    }
}
