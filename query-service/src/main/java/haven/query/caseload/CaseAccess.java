package haven.query.caseload;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import haven.events.CaseId;
import haven.infra.council.Partnership;
import haven.infra.privacy.StaffPseudonyms;
import haven.infra.security.NeedToKnow;
import haven.infra.security.Role;
import haven.infra.security.Staff;
import haven.query.access.AccessLog;
import haven.query.access.AccessLog.Basis;
import haven.query.access.AccessLog.View;
import haven.query.access.BreakGlass;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Need to know, read side: the rule the case applies to commands ({@link NeedToKnow}): nobody sees
 * another organisation's case, break-glass included, and nobody sees a case they are excluded
 * from. A case someone may not see does not exist for them.
 */
@Component
public class CaseAccess {

    private final CaseViews views;
    private final StaffPseudonyms pseudonyms;
    private final AccessLog log;
    private final BreakGlass breakGlass;
    private final Partnership partnership;

    CaseAccess(
            CaseViews views,
            StaffPseudonyms pseudonyms,
            AccessLog log,
            BreakGlass breakGlass,
            Partnership partnership) {
        this.views = views;
        this.partnership = partnership;
        this.pseudonyms = pseudonyms;
        this.log = log;
        this.breakGlass = breakGlass;
    }

    /**
     * The case's file if this member of staff may see it, recording the read and why it was
     * allowed; otherwise, as if there were no such case.
     */
    public CaseFile caseFile(String caseId, Staff staff, View view) {
        CaseFile found = notExcluded(caseId, staff, view);
        if (worksOn(staff, found)) {
            log.read(
                    staff,
                    caseId,
                    view,
                    staff.is(Role.CASE_MANAGER) ? Basis.TEAM_MANAGER : Basis.ASSIGNED_CASEWORKER,
                    null);
            return found;
        }
        String sealedReason =
                staff.is(Role.CASE_MANAGER) ? breakGlass.reason(caseId, staff).orElse(null) : null;
        if (sealedReason == null) {
            throw refused(caseId, staff, view, organisationOf(found));
        }
        log.read(staff, caseId, view, Basis.BREAK_GLASS, sealedReason);
        return found;
    }

    /**
     * Every case file of the officer's organisation, for the archive it takes when it leaves the
     * partnership: only its data protection officer, only while its file says it is leaving. Each
     * case's export is in the access log.
     */
    public List<CaseFile> archiveOf(Staff officer) {
        boolean leaving = partnership
                .organisation(officer.organisation())
                .map(Partnership.Organisation::leaving)
                .orElse(false);
        if (!officer.is(Role.ADMIN) || !leaving) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT,
                    "Only the officer of an organisation leaving the partnership exports its cases.");
        }
        var files = views.live()
                .caseFiles()
                .find(ofOrganisation(officer.organisation()))
                .map(CaseFile::of)
                .into(new ArrayList<>());
        files.forEach(file -> log.read(officer, file.caseId(), View.ARCHIVE, Basis.ORGANISATION_LEAVING, null));
        return files;
    }

    /** Whether this member of staff works on the case and is not kept from it: what a list may show them. */
    public boolean mayList(Staff staff, CaseFile file) {
        return NeedToKnow.sameOrganisation(staff, organisationOf(file))
                && !file.excluded().contains(pseudonyms.of(staff.id()))
                && worksOn(staff, file);
    }

    /**
     * The open cases among these on which this member of staff owns actions, as far as that lets them
     * read the actions (their organisation's, not excluded), each read in the access log. Whether they
     * may see the rest of each case is {@link #mayList}.
     */
    public List<CaseFile> forActionOwner(Staff owner, Collection<String> caseIds) {
        var files =
                views.live().caseFiles().find(in(CaseFile.ID, List.copyOf(caseIds))).into(new ArrayList<>()).stream()
                        .map(CaseFile::of)
                        .filter(file -> file.status() != CaseStatus.CLOSED
                                && !file.erased()
                                && NeedToKnow.sameOrganisation(owner, organisationOf(file))
                                && !file.excluded().contains(pseudonyms.of(owner.id())))
                        .toList();
        files.forEach(file -> log.read(owner, file.caseId(), View.ACTIONS, Basis.ACTION_OWNER, null));
        return files;
    }

    /** A case manager may break the glass on any case they are not excluded from. */
    void mayBreakGlass(String caseId, Staff staff) {
        notExcluded(caseId, staff, null);
    }

    /**
     * Which case files this member of staff may see, as a store filter: {@link #worksOn} and not
     * excluded. Asked of the store so that a caseload read sends only the reader's rows.
     */
    Bson visibleTo(Staff staff) {
        var worksOn = NeedToKnow.grants(staff).stream()
                .map(grant -> eq(
                        switch (grant.field()) {
                            case TEAM -> CaseFile.TEAM;
                            case ASSIGNEE -> CaseFile.ASSIGNEE;
                            case APPEAL_HEARER -> CaseFile.APPEAL_HEARER;
                        },
                        grant.value()))
                .toList();
        return worksOn.isEmpty()
                ? in(CaseFile.ID, List.of())
                : and(
                        ofOrganisation(staff.organisation()),
                        ne(CaseFile.EXCLUDED, pseudonyms.of(staff.id())),
                        or(worksOn));
    }

    /** The rows of an organisation's cases; a row from before Haven served a partnership names none and is the founder's. */
    Bson ofOrganisation(String organisation) {
        return in(CaseFile.ORGANISATION, partnership.recordedAs(organisation));
    }

    /** Whose case it is: a row that names no organisation is from before partnerships, the founder's. */
    String organisationOf(CaseFile file) {
        return partnership.organisationOf(file.organisation());
    }

    private CaseFile notExcluded(String caseId, Staff staff, View view) {
        Document found = views.live().caseFiles().find(eq(CaseFile.ID, caseId)).first();
        CaseFile file = found == null ? null : CaseFile.of(found);
        if (file == null
                || !NeedToKnow.sameOrganisation(staff, organisationOf(file))
                || file.excluded().contains(pseudonyms.of(staff.id()))) {
            throw refused(caseId, staff, view, file == null ? null : organisationOf(file));
        }
        return file;
    }

    /**
     * "No such case", logged when the id could name a case: whether it does is for the data
     * protection officer to see, never the reader; the case's organisation's officer when there is
     * such a case, the reader's otherwise. Anything else asked for is not a case id and not logged.
     */
    private ResponseStatusException refused(String caseId, Staff staff, View view, String caseOrganisation) {
        if (CaseId.isWellFormed(caseId)) {
            log.refused(staff, caseId, view, caseOrganisation != null ? caseOrganisation : staff.organisation());
        }
        return noSuchCase();
    }

    private boolean worksOn(Staff staff, CaseFile caseFile) {
        return NeedToKnow.worksOn(
                staff, organisationOf(caseFile), caseFile.team(), caseFile.assignee(), caseFile.appealHearer());
    }

    private static ResponseStatusException noSuchCase() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no case with that id.");
    }
}
