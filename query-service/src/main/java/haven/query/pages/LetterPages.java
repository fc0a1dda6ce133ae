package haven.query.pages;

import haven.events.CaseId;
import haven.events.LetterKind;
import haven.infra.council.Partnership;
import haven.infra.security.Staff;
import haven.query.caseload.CaseView;
import haven.query.caseload.Caseload;
import haven.query.caseload.References;
import haven.query.letters.LetterPdf;
import haven.query.letters.LetterTemplates;
import haven.query.letters.LetterTemplates.Field;
import haven.query.letters.LetterTitles;
import haven.query.record.CaseRecords;
import haven.query.record.CaseRecords.CaseRecord;
import haven.query.reporter.ReporterStatuses;
import haven.query.web.Words;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Letters to the reporter: a draft filled from the council's template with the case's values, edited
 * by the caseworker and sent (as a message that tells the reporter it is there), then downloaded as a
 * PDF by staff from the case and by the reporter from their follow-up page.
 */
@Controller
class LetterPages {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK);
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final Caseload caseload;
    private final CaseRecords records;
    private final ReporterStatuses statuses;
    private final LetterTemplates templates;
    private final LetterPdf pdf;
    private final CommandService commands;
    private final FreshViews freshViews;
    private final Partnership partnership;
    private final Clock clock;

    LetterPages(
            Caseload caseload,
            CaseRecords records,
            ReporterStatuses statuses,
            LetterTemplates templates,
            LetterPdf pdf,
            CommandService commands,
            FreshViews freshViews,
            Partnership partnership,
            Clock clock) {
        this.caseload = caseload;
        this.records = records;
        this.statuses = statuses;
        this.templates = templates;
        this.pdf = pdf;
        this.commands = commands;
        this.freshViews = freshViews;
        this.partnership = partnership;
        this.clock = clock;
    }

    /** The letter of that kind, filled from its template with the case's values, to edit before sending. */
    @GetMapping("/cases/{caseId}/letters/draft")
    ModelAndView draft(
            @PathVariable String caseId, @RequestParam(defaultValue = "ACKNOWLEDGEMENT") LetterKind kind, Staff staff) {
        requireWellFormed(caseId);
        var shown = caseload.find(caseId, staff);
        var record = records.read(caseId, staff);
        return draftPage(caseId, kind, templates.fill(kind, values(shown, record, staff)), Map.of(), HttpStatus.OK);
    }

    @PostMapping("/cases/{caseId}/letters")
    ModelAndView send(
            @PathVariable String caseId,
            @RequestParam LetterKind kind,
            @RequestParam(defaultValue = "") String text,
            Staff staff) {
        requireWellFormed(caseId);
        var answer = commands.actAs(
                HttpMethod.POST, "/api/cases/{caseId}/letters", Map.of("kind", kind.name(), "text", text), caseId);
        if (answer.succeeded()) {
            freshViews.await();
            return new ModelAndView("redirect:/cases/" + caseId + "?done=letters#letters");
        }
        if (answer.status() == 404) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String problem = answer.fieldErrors().containsKey("text")
                ? (text.isBlank() ? "Enter the letter" : "The letter must be 20,000 characters or fewer")
                : answer.body().path("detail").asText("The letter could not be sent.");
        return draftPage(
                caseId,
                kind,
                text,
                Map.of("text", problem),
                answer.status() >= 500 ? HttpStatus.BAD_GATEWAY : HttpStatus.valueOf(answer.status()));
    }

    /** A letter of the case as a PDF, for staff who may read the case (the read is in the access log). */
    @GetMapping("/cases/{caseId}/letters/{letterId}/pdf")
    ResponseEntity<byte[]> staffCopy(@PathVariable String caseId, @PathVariable String letterId, Staff staff) {
        requireWellFormed(caseId);
        var shown = caseload.find(caseId, staff);
        var letter = records.read(caseId, staff).letter(letterId).filter(l -> l.text() != null);
        return letter.map(l ->
                        pdf.download(References.wellFormed(shown.reference()).orElse("case"), l.text()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The reporter's copy, with their reference and receipt in the form's body. */
    @PostMapping("/follow-up/letters/{letterId}/pdf")
    ResponseEntity<byte[]> reportersCopy(
            @PathVariable String letterId,
            @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String receipt,
            HttpServletRequest request) {
        var status = statuses.find(reference, receipt, request.getRemoteAddr())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return status.letters().stream()
                .filter(letter -> letter.id().equals(letterId) && letter.text() != null)
                .findFirst()
                .map(letter -> pdf.download(status.reference(), letter.text()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** What a template's fields are filled with: the case as it stands, never anything typed into a request. */
    private Map<Field, String> values(CaseView shown, CaseRecord record, Staff staff) {
        var values = new EnumMap<Field, String>(Field.class);
        values.put(Field.DATE, LocalDate.now(clock).format(DAY));
        values.put(Field.REFERENCE, shown.reference());
        values.put(
                Field.ORGANISATION,
                partnership // need to know: the case is of the reader's own organisation
                        .organisation(staff.organisation())
                        .map(Partnership.Organisation::name)
                        .orElse(""));
        if (record.resolution() != null) {
            values.put(Field.OUTCOME, Words.of(record.resolution().outcome()));
            values.put(Field.SUMMARY, record.resolution().summary());
        }
        if (shown.appealDeadline() != null) {
            values.put(Field.APPEAL_UNTIL, shown.appealDeadline().atZone(LONDON).format(DAY));
        }
        if (record.appeal() != null && record.appeal().decided()) {
            values.put(Field.APPEAL_OUTCOME, Words.of(record.appeal().outcome()));
            values.put(Field.APPEAL_REASONS, record.appeal().reasons());
        }
        // the next meeting not yet held, else the latest
        record.meetings().stream()
                .filter(meeting -> !meeting.held())
                .min(Comparator.comparing(CaseRecords.Meeting::when))
                .or(() -> record.meetings().stream().max(Comparator.comparing(CaseRecords.Meeting::when)))
                .ifPresent(meeting -> {
                    values.put(Field.MEETING_KIND, Words.of(meeting.kind()));
                    values.put(Field.MEETING_WHEN, meeting.when().format(WHEN));
                    values.put(Field.MEETING_PLACE, meeting.place());
                });
        return values;
    }

    private static ModelAndView draftPage(
            String caseId, LetterKind kind, String text, Map<String, String> problems, HttpStatus status) {
        var model = new HashMap<String, Object>();
        model.put("caseId", caseId);
        model.put("kind", kind);
        model.put("letterTitle", LetterTitles.of(kind));
        model.put("text", text);
        model.put("problems", problems);
        var page = new ModelAndView("letters/draft", model);
        page.setStatus(status);
        return page;
    }

    private static void requireWellFormed(String id) {
        if (!CaseId.isWellFormed(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
