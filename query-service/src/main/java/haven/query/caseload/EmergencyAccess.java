package haven.query.caseload;

import haven.infra.security.Staff;
import haven.query.access.BreakGlass;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Break-glass: a case manager opens a case outside their own work for a while, giving a reason that is
 * sealed into the access log. Any case of their organisation they are not kept from; never an erased one.
 */
@Component
public class EmergencyAccess {

    private final CaseAccess access;
    private final BreakGlass breakGlass;
    private final CaseViews views;

    EmergencyAccess(CaseAccess access, BreakGlass breakGlass, CaseViews views) {
        this.access = access;
        this.breakGlass = breakGlass;
        this.views = views;
    }

    /** Opens the case (as if there were none, when it may not be opened). */
    public void open(String caseId, String reason, Staff manager) {
        access.mayBreakGlass(caseId, manager);
        if (breakGlass.isErased(caseId)) {
            throw new CaseErased();
        }
        breakGlass.grant(caseId, manager, reason);
    }

    /** The id of the case with this reference, to open it by; empty if there is none. */
    public Optional<String> caseWithReference(String reference) {
        return views.withReference(reference).map(CaseFile::caseId);
    }
}
