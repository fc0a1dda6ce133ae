package haven.query.pages;

import haven.events.AppealOutcome;
import haven.events.CaseId;
import haven.events.Category;
import haven.events.Companion;
import haven.events.LetterKind;
import haven.events.MeetingKind;
import haven.events.MonitoredStrand;
import haven.events.Motivation;
import haven.events.Outcome;
import haven.events.PoliceClassification;
import haven.events.ProtectedCharacteristic;
import haven.events.ReferralBasis;
import haven.events.ReportType;
import haven.events.RespondentRelationship;
import haven.events.RespondentStep;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.security.Role;
import haven.infra.security.Staff;
import haven.infra.security.StaffDirectory;
import haven.query.caseload.CaseStatus;
import haven.query.caseload.CaseView;
import haven.query.caseload.Caseload;
import haven.query.caseload.Caseload.Sort;
import haven.query.record.CaseRecords;
import haven.query.record.EvidenceDownloads;
import haven.query.record.ReferralBundles;
import haven.query.timeline.Timelines;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Caseworkers and case managers: the caseload, and a page per case with its details, the report,
 * notes, actions, messages, history and a form for each thing that can be done to it. The pages
 * read the views in this service (the same answers, checks and access log as the API) and send
 * each form to the command-service as the signed-in member of staff.
 */
@Controller
class CasePages {

    private final StaffDirectory directory;

    private static final int PAGE_SIZE = 25;
    /** The file input's id, which its error message links to. */
    private static final String ATTACHMENT = "attachments-file";

    private final Caseload caseload;
    private final CaseRecords records;
    private final Timelines timelines;
    private final CommandService commands;
    private final FreshViews freshViews;
    private final Areas areas;
    private final Partnership partnership;
    private final EvidenceDownloads downloads;
    private final ReferralBundles bundles;
    private final Clock clock;

    CasePages(
            StaffDirectory directory,
            Caseload caseload,
            CaseRecords records,
            Timelines timelines,
            CommandService commands,
            FreshViews freshViews,
            Areas areas,
            Partnership partnership,
            EvidenceDownloads downloads,
            ReferralBundles bundles,
            Clock clock) {
        this.directory = directory;
        this.bundles = bundles;
        this.clock = clock;
        this.downloads = downloads;
        this.partnership = partnership;
        this.caseload = caseload;
        this.records = records;
        this.timelines = timelines;
        this.commands = commands;
        this.freshViews = freshViews;
        this.areas = areas;
    }

    @GetMapping("/cases")
    ModelAndView caseload(
            @RequestParam(required = false) CaseStatus status,
            @RequestParam(required = false) ReportType type,
            @RequestParam(required = false) RiskLevel risk,
            @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "DUE") Sort sort,
            @RequestParam(defaultValue = "0") int page,
            Staff staff,
            HttpServletRequest request) {
        var filter = new Caseload.Filter(
                status == CaseStatus.CLOSED ? null : status,
                mine ? staff.id() : null,
                null,
                type,
                risk,
                overdue ? Boolean.TRUE : null,
                unread ? Boolean.TRUE : null);
        var shown = caseload.caseload(filter, sort, Math.max(0, page), PAGE_SIZE, staff);
        var model = new HashMap<String, Object>();
        model.put("caseload", shown);
        model.put("manager", staff.is(Role.CASE_MANAGER));
        var filters = filters(status, type, risk, overdue, mine, sort);
        filters.put("unread", unread);
        model.put("filters", filters);
        model.put(
                "statuses",
                List.of(
                        CaseStatus.SUBMITTED,
                        CaseStatus.TRIAGED,
                        CaseStatus.RESOLVED,
                        CaseStatus.APPEALED,
                        CaseStatus.REOPENED));
        model.put("types", ReportType.values());
        model.put("risks", RiskLevel.values());
        model.put("previous", page > 0 ? pageLink(request, page - 1) : null);
        model.put("next", (long) (page + 1) * PAGE_SIZE < shown.total() ? pageLink(request, page + 1) : null);
        return new ModelAndView("cases/caseload", model);
    }

    @GetMapping("/cases/{caseId}")
    ModelAndView casePage(@PathVariable String caseId, @RequestParam(required = false) String done, Staff staff) {
        requireWellFormed(caseId);
        var page = casePage(caseId, staff, Map.of(), null, new FormAnswers(new LinkedMultiValueMap<>()));
        CaseForm.bySlug(done == null ? "" : done).ifPresent(form -> page.addObject("done", form.done));
        return page;
    }

    /** Sends one form; on success back to the case (a refresh does not send it again), otherwise the page with what went wrong. */
    @PostMapping("/cases/{caseId}/{slug}")
    ModelAndView act(
            @PathVariable String caseId,
            @PathVariable String slug,
            @RequestParam MultiValueMap<String, String> form,
            Staff staff) {
        requireWellFormed(caseId);
        var caseForm = CaseForm.bySlug(slug)
                .filter(found -> !found.onMeeting())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return send(caseId, caseForm, new FormAnswers(form), staff, null);
    }

    /** A form about one meeting of the case (adjourn it, record or share its notes). */
    @PostMapping("/cases/{caseId}/meetings/{meetingId}/{slug}")
    ModelAndView actOnMeeting(
            @PathVariable String caseId,
            @PathVariable String meetingId,
            @PathVariable String slug,
            @RequestParam MultiValueMap<String, String> form,
            Staff staff) {
        requireWellFormed(caseId);
        requireWellFormed(meetingId);
        var caseForm = CaseForm.bySlug(slug)
                .filter(CaseForm::onMeeting)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return send(caseId, caseForm, new FormAnswers(form), staff, meetingId);
    }

    /**
     * Sends one form; on success back to the case, otherwise the page with what went wrong. A form on
     * one meeting has that meeting's id in its fields' ids, as the page has one such form per meeting.
     */
    private ModelAndView send(String caseId, CaseForm caseForm, FormAnswers answers, Staff staff, String meetingId) {
        Object[] ids = meetingId == null ? new Object[] {caseId} : new Object[] {caseId, meetingId};
        var answer =
                commands.actAs(HttpMethod.POST, "/api/cases/{caseId}/" + caseForm.path, caseForm.body(answers), ids);
        String formId = meetingId == null ? caseForm.slug : caseForm.slug + "-" + meetingId;
        if (answer.succeeded()) {
            freshViews.await();
            if (caseForm == CaseForm.CONFLICT && staff.id().equals(answers.value("caseworker"))) {
                return new ModelAndView("redirect:/cases"); // they are off the case: it is no longer theirs to see
            }
            String anchor = caseForm.onMeeting() ? "meetings" : caseForm.slug;
            return new ModelAndView("redirect:/cases/" + caseId + "?done=" + caseForm.slug + "#" + anchor);
        }
        if (answer.status() == 404) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        var problems = new LinkedHashMap<String, String>();
        answer.fieldErrors().forEach((field, reason) -> {
            var problem = caseForm.problem(field, reason);
            problems.putIfAbsent(formId + problem.getKey().substring(caseForm.slug.length()), problem.getValue());
        });
        if (problems.isEmpty()) { // refused as a whole, such as a 409: the command-service says why
            problems.put(formId, answer.body().path("detail").asText("This could not be done."));
        }
        var page = casePage(caseId, staff, problems, formId, answers);
        page.setStatus(answer.status() >= 500 ? HttpStatus.BAD_GATEWAY : HttpStatus.valueOf(answer.status()));
        return page;
    }

    /** A step taken with a person complained about: informed, interviewed, referred to the disciplinary process. */
    @PostMapping("/cases/{caseId}/respondents/{respondentId}/steps")
    ModelAndView respondentStep(
            @PathVariable String caseId,
            @PathVariable String respondentId,
            @RequestParam(required = false) RespondentStep step,
            Staff staff) {
        requireWellFormed(caseId);
        requireWellFormed(respondentId);
        if (step == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        var answer = commands.actAs(
                HttpMethod.POST,
                "/api/cases/{caseId}/respondents/{respondentId}/steps",
                Map.of("step", step.name()),
                caseId,
                respondentId);
        if (answer.succeeded()) {
            freshViews.await();
            return new ModelAndView("redirect:/cases/" + caseId + "?done=respondent-step#respondents");
        }
        if (answer.status() == 404) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        var page = casePage(
                caseId,
                staff,
                Map.of("respondents", answer.body().path("detail").asText("This could not be done.")),
                "respondent-step",
                new FormAnswers(new LinkedMultiValueMap<>()));
        page.setStatus(answer.status() >= 500 ? HttpStatus.BAD_GATEWAY : HttpStatus.valueOf(answer.status()));
        return page;
    }

    /** A file for the case, sent on to the command-service as an upload; refused files are named by what is wrong. */
    @PostMapping("/cases/{caseId}/attachments")
    ModelAndView attach(@PathVariable String caseId, @RequestParam(required = false) MultipartFile file, Staff staff) {
        requireWellFormed(caseId);
        var empty = new FormAnswers(new LinkedMultiValueMap<>());
        if (file == null || file.isEmpty()) {
            var page = casePage(caseId, staff, Map.of(ATTACHMENT, "Choose a file to add"), "attachments", empty);
            page.setStatus(HttpStatus.BAD_REQUEST);
            return page;
        }
        var answer = commands.actAs(HttpMethod.POST, "/api/cases/{caseId}/attachments", file, caseId);
        if (answer.succeeded()) {
            freshViews.await();
            return new ModelAndView("redirect:/cases/" + caseId + "?done=attachments#evidence");
        }
        if (answer.status() == 404) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String reason = answer.fieldErrors().get("file");
        var page = casePage(
                caseId,
                staff,
                Map.of(
                        ATTACHMENT,
                        reason != null
                                ? "The file " + reason
                                : answer.body().path("detail").asText("The file could not be added.")),
                "attachments",
                empty);
        page.setStatus(answer.status() >= 500 ? HttpStatus.BAD_GATEWAY : HttpStatus.valueOf(answer.status()));
        return page;
    }

    /** An evidence file, saved by the browser; the download is in the access log. */
    @GetMapping("/cases/{caseId}/attachments/{fileId}")
    ResponseEntity<byte[]> evidence(@PathVariable String caseId, @PathVariable String fileId, Staff staff) {
        requireWellFormed(caseId);
        return downloads.download(caseId, fileId, staff);
    }

    /** A referral's bundle, as the partner received it, saved by the browser; the read is in the access log. */
    @GetMapping("/cases/{caseId}/referrals/{referralId}/pdf")
    ResponseEntity<byte[]> referralBundle(@PathVariable String caseId, @PathVariable String referralId, Staff staff) {
        requireWellFormed(caseId);
        return bundles.download(caseId, referralId, staff);
    }

    /** Completing an action has its own address: the action's id is part of it. */
    @PostMapping("/cases/{caseId}/actions/{actionId}/completion")
    String completeAction(@PathVariable String caseId, @PathVariable String actionId) {
        requireWellFormed(caseId);
        requireWellFormed(actionId);
        var answer = commands.actAs(
                HttpMethod.POST, "/api/cases/{caseId}/actions/{actionId}/completion", null, caseId, actionId);
        if (!answer.succeeded()) {
            throw new ResponseStatusException(HttpStatus.valueOf(answer.status()));
        }
        freshViews.await();
        return "redirect:/cases/" + caseId + "#actions";
    }

    /** Ids go into the command-service's paths and into redirects: anything but an id Haven makes is no case. */
    private static void requireWellFormed(String id) {
        if (!CaseId.isWellFormed(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private ModelAndView casePage(
            String caseId, Staff staff, Map<String, String> problems, String failed, FormAnswers answers) {
        var model = new HashMap<String, Object>();
        var shown = caseload.find(caseId, staff);
        var record = records.read(caseId, staff);
        model.put("case", shown);
        model.put("record", record);
        model.put("triageStart", triageStart(shown, record));
        model.put("triageAreas", areas.of(staff.organisation(), shown.type())); // only its own cases are shown
        model.put("timeline", timelines.timeline(caseId, staff));
        model.put("problems", problems);
        model.put("failed", failed == null ? "" : failed);
        model.put("answers", answers);
        model.put("manager", staff.is(Role.CASE_MANAGER));
        model.put("team", staff.team() == null ? "" : staff.team());
        model.put("assignable", assignable(staff, shown));
        model.put("hearers", hearers(staff, shown, record));
        model.put("appealOutcomes", AppealOutcome.values());
        model.put("meetingKinds", MeetingKind.values());
        model.put("relationships", RespondentRelationship.values());
        model.put("letterKinds", LetterKind.values());
        model.put("respondentSteps", RespondentStep.values());
        model.put("companionRoles", Companion.Role.values());
        model.put("mayAppeal", mayAppeal(shown, record));
        model.put("me", staff.id());
        model.put("categories", Category.values());
        model.put("characteristics", ProtectedCharacteristic.values());
        model.put("strands", MonitoredStrand.values());
        model.put("risks", RiskLevel.values());
        model.put("routes", Route.values());
        model.put("outcomes", Outcome.values());
        model.put(
                "partners",
                partnership.takingReports().stream()
                        .filter(partner -> !partner.id().equals(staff.organisation()))
                        .toList());
        model.put("bases", ReferralBasis.values());
        model.put("policeClassifications", PoliceClassification.values());
        model.put(
                "partnerNames",
                partnership.organisations().stream()
                        .collect(Collectors.toMap(Partnership.Organisation::id, Partnership.Organisation::name)));
        model.put(
                "referredBy",
                record.report() == null || !record.report().referred()
                        ? null
                        : partnership
                                .organisation(record.report().referredFrom())
                                .map(Partnership.Organisation::name)
                                .orElse("a former partner"));
        return new ModelAndView("cases/case", model);
    }

    /** Someone to assign the case to, as the list shows them. */
    record Assignable(String id, String label) {}

    /** The manager's team as Haven knows it (those who have signed in), not whoever holds the case now. */
    private List<Assignable> assignable(Staff manager, CaseView shown) {
        if (!manager.is(Role.CASE_MANAGER) || manager.team() == null || manager.organisation() == null) {
            return List.of();
        }
        return directory.ofOrganisation(manager.organisation()).stream()
                .filter(member ->
                        member.team().equals(manager.team()) && !member.id().equals(shown.assignee()))
                .filter(member -> member.is(Role.CASEWORKER) || member.is(Role.CASE_MANAGER))
                .map(member -> new Assignable(
                        member.id(), member.id() + (member.is(Role.CASE_MANAGER) ? " (case manager)" : "")))
                .toList();
    }

    /**
     * The case managers of the organisation Haven knows who may hear the appeal: not whoever resolved
     * the case or investigated it (the case refuses them, and anyone kept off it, whatever the list says).
     */
    private List<Assignable> hearers(Staff manager, CaseView shown, CaseRecords.CaseRecord record) {
        if (!manager.is(Role.CASE_MANAGER) || manager.organisation() == null || shown.status() != CaseStatus.APPEALED) {
            return List.of();
        }
        String decidedBy =
                record.resolution() == null ? null : record.resolution().by();
        return directory.ofOrganisation(manager.organisation()).stream()
                .filter(member -> member.is(Role.CASE_MANAGER))
                .filter(member -> !member.id().equals(decidedBy) && !member.id().equals(shown.assignee()))
                .map(member -> new Assignable(
                        member.id(), member.id() + (member.team() == null ? "" : " (" + member.team() + ")")))
                .toList();
    }

    /** The current outcome may still be appealed: resolved or closed, within its window, not yet appealed. */
    private boolean mayAppeal(CaseView shown, CaseRecords.CaseRecord record) {
        boolean decided = shown.status() == CaseStatus.RESOLVED || shown.status() == CaseStatus.CLOSED;
        boolean appealedSince = record.appeal() != null
                && record.resolution() != null
                && !record.appeal().lodgedAt().isBefore(record.resolution().at());
        return decided
                && shown.appealDeadline() != null
                && shown.appealDeadline().isAfter(clock.instant())
                && !appealedSince;
    }

    /**
     * Triage starts from what the reporter said: their category, the characteristics and strands their
     * perceived motivations name, and their area. The perception itself is never changed.
     */
    private static FormAnswers triageStart(CaseView shown, CaseRecords.CaseRecord record) {
        var start = new LinkedMultiValueMap<String, String>();
        start.add("category", shown.category().name());
        if (record != null && record.report() != null) {
            for (Motivation perceived : record.report().motivations()) {
                perceived.characteristic().ifPresent(c -> start.add("characteristics", c.name()));
                perceived.strand().ifPresent(strand -> start.add("strands", strand.name()));
            }
            if (record.report().area() != null) {
                start.add("area", record.report().area());
            }
        }
        return new FormAnswers(start);
    }

    private static Map<String, Object> filters(
            CaseStatus status, ReportType type, RiskLevel risk, boolean overdue, boolean mine, Sort sort) {
        var filters = new HashMap<String, Object>();
        filters.put("status", status == null ? "" : status.name());
        filters.put("type", type == null ? "" : type.name());
        filters.put("risk", risk == null ? "" : risk.name());
        filters.put("overdue", overdue);
        filters.put("mine", mine);
        filters.put("sort", sort.name());
        return filters;
    }

    /** The same caseload, filters and all, one page on or back. */
    private static String pageLink(HttpServletRequest request, int page) {
        return UriComponentsBuilder.fromPath("/cases")
                .query(request.getQueryString())
                .replaceQueryParam("page", page)
                .toUriString();
    }
}
