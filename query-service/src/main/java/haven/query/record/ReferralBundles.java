package haven.query.record;

import haven.infra.council.Partnership;
import haven.infra.security.Staff;
import haven.query.caseload.Caseload;
import haven.query.caseload.References;
import haven.query.letters.LetterPdf;
import haven.query.record.CaseRecords.Referral;
import haven.query.web.Words;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * A referral as the partner received it, as a PDF made on the server: the report's categories and
 * the redacted copy, nothing else of the case. Masked passages print as black bars of their length
 * with nothing under them (the fonts a PDF is sure to have no █), so no copy of the bundle holds a
 * hidden word, however it is read.
 */
@Component
public class ReferralBundles {

    /** A run of a redacted text: as written, or hidden ({@code text} then only spaces of its length). */
    public record Run(String text, boolean hidden) {}

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final char MASK = '█';
    private static final char NO_BREAK_SPACE = ' ';

    private final TemplateEngine templates;
    private final Partnership partnership;
    private final Caseload caseload;
    private final CaseRecords records;

    ReferralBundles(TemplateEngine templates, Partnership partnership, Caseload caseload, CaseRecords records) {
        this.templates = templates;
        this.partnership = partnership;
        this.caseload = caseload;
        this.records = records;
    }

    /** A referral the reader's organisation made, for those who may read its case (the read is in the access log). */
    public ResponseEntity<byte[]> download(String caseId, String referralId, Staff staff) {
        String reference = caseload.find(caseId, staff).reference(); // need to know: their own organisation's case
        return records.read(caseId, staff)
                .referral(referralId)
                .map(referral -> bundle(
                        References.wellFormed(reference).orElse("case"),
                        partnership.organisationOf(staff.organisation()),
                        referral))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such referral."));
    }

    private ResponseEntity<byte[]> bundle(String reference, String from, Referral referral) {
        var model = new HashMap<String, Object>();
        model.put("reference", reference);
        model.put("from", nameOf(from));
        model.put("to", nameOf(referral.to()));
        model.put("on", referral.at().atZone(ZoneId.of("Europe/London")).format(DAY));
        model.put("by", referral.by());
        model.put(
                "basis",
                referral.lawfulBasis() == null
                        ? "the reporter's consent"
                        : "a lawful basis a case manager confirmed: " + referral.lawfulBasis());
        model.put("facts", facts(referral));
        model.put("narrative", referral.narrative() == null ? List.of() : paragraphs(referral.narrative()));
        model.put("notes", referral.notes().stream().map(ReferralBundles::runs).toList());
        return LetterPdf.attachment(
                LetterPdf.of(templates.process("letters/referral-bundle", new Context(Locale.UK, model))),
                reference + "-referral.pdf");
    }

    /** What every report says of the incident, in plain words, as label and value. */
    private static List<List<String>> facts(Referral referral) {
        var facts = new ArrayList<List<String>>();
        facts.add(List.of("Kind of report", Words.capitalised(referral.type())));
        facts.add(List.of("What happened", Words.capitalised(referral.category())));
        if (referral.occurredOn() != null) {
            facts.add(List.of("When", referral.occurredOn().format(DAY)));
        }
        if (referral.locationType() != null) {
            facts.add(List.of("Where", Words.capitalised(referral.locationType())));
        }
        if (!referral.motivations().isEmpty()) {
            facts.add(List.of(
                    "Motivated by",
                    String.join(
                            ", ", referral.motivations().stream().map(Words::of).toList())));
        }
        return facts;
    }

    private String nameOf(String organisation) {
        return partnership
                .organisation(organisation)
                .map(Partnership.Organisation::name)
                .orElse("a former partner");
    }

    private static List<List<Run>> paragraphs(String text) {
        return Arrays.stream(text.split("\\R\\s*\\R"))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .map(ReferralBundles::runs)
                .toList();
    }

    static List<Run> runs(String text) {
        var runs = new ArrayList<Run>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            boolean boundary = i == text.length() || (text.charAt(i) == MASK) != (text.charAt(start) == MASK);
            if (boundary) {
                boolean hidden = text.charAt(start) == MASK;
                String run = text.substring(start, i);
                runs.add(new Run(hidden ? String.valueOf(NO_BREAK_SPACE).repeat(run.length()) : run, hidden));
                start = i;
            }
        }
        return runs;
    }
}
