package haven.command.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.command.ApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

class ReportApiTest extends ApiTest {

    @Autowired
    MeterRegistry metrics;

    @Test
    void anAnonymousReportGetsAReferenceAndAReceiptThatIsNeverStoredInPlainText() throws Exception {
        var receipt = submitAnonymousReport();

        assertThat(receipt.get("reference").asText()).matches("HV-[2-9A-Z]{4}-[2-9A-Z]{2}");
        assertThat(receipt.get("receipt").asText()).matches("\\d{16}");
        assertThat(eventsOf(receipt.get("caseId").asText()))
                .containsExactly("ReportSubmitted", "ReportRoutedToTeam", "DeadlinesSet");
        assertThat(everyStoredDocument())
                .allSatisfy(d -> assertThat(d.toJson())
                        .doesNotContain(receipt.get("receipt").asText()));
    }

    @Test
    void aReceiptKeptByBcryptBeforeStillOpensItsReportAndIsThenKeptTheNewWay() throws Exception {
        var receipt = submitAnonymousReport();
        String reference = receipt.get("reference").asText();
        var access = database.getCollection("reporter_access");
        assertThat(access.find(new org.bson.Document("_id", reference)).first().getString("receiptHash"))
                .startsWith("hmac-sha256:");
        access.updateOne(
                new org.bson.Document("_id", reference),
                new org.bson.Document(
                        "$set",
                        new org.bson.Document(
                                "receiptHash",
                                new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4)
                                        .encode(receipt.get("receipt").asText()))));

        var message = json.createObjectNode()
                .put("reference", reference)
                .put("receipt", receipt.get("receipt").asText())
                .put("text", "Any news?")
                .toString();
        postJson("/api/reporter/messages", message, "").andExpect(status().isAccepted());
        assertThat(access.find(new org.bson.Document("_id", reference)).first().getString("receiptHash"))
                .startsWith("hmac-sha256:");
        postJson("/api/reporter/messages", message, "").andExpect(status().isAccepted());
    }

    @Test
    void aNamedReportCarriesTheReportersContactDetails() throws Exception {
        postJson(
                        "/api/reports",
                        ANONYMOUS_REPORT.replace(
                                "\"anonymous\": true, \"reporter\": null",
                                "\"anonymous\": false, \"reporter\": {\"name\": \"Sam Okafor\", \"email\": \"sam@example.org\"}, "
                                        + "\"contactPreference\": \"EMAIL\""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.reference").exists());
    }

    @Test
    void operatorsSeeReportsCountedByTypeAndNothingAboutTheReporter() throws Exception {
        double before = submittedHateIncidents();
        postJson(
                        "/api/reports",
                        ANONYMOUS_REPORT.replace(
                                "\"anonymous\": true, \"reporter\": null",
                                "\"anonymous\": false, \"reporter\": {\"name\": \"Quenby Canarysdottir\", \"email\": \"qc@example.org\"}, "
                                        + "\"contactPreference\": \"EMAIL\""))
                .andExpect(status().isCreated());
        postJson("/api/reports", ANONYMOUS_REPORT.replace("\"area\": \"CASTLE\"", "\"area\": \"\""))
                .andExpect(status().isBadRequest());

        assertThat(submittedHateIncidents()).isEqualTo(before + 1);
        assertThat(metrics.getMeters())
                .allSatisfy(meter -> assertThat(meter.getId().toString())
                        .doesNotContain("Canarysdottir")
                        .doesNotContain("qc@example.org")
                        .doesNotContain("CASTLE"));
    }

    private double submittedHateIncidents() {
        return metrics.get("haven.reports.submitted")
                .tag("type", "HATE_INCIDENT")
                .counter()
                .count();
    }

    @Test
    void invalidFieldsAreNamedAndNothingIsStored() throws Exception {
        long before = storedEventCount();
        long accessBefore = database.getCollection("reporter_access").countDocuments();

        postJson(
                        "/api/reports",
                        ANONYMOUS_REPORT
                                .replace("\"area\": \"CASTLE\"", "\"area\": \"\"")
                                .replace(
                                        "\"narrative\": \"What happened, in the reporter's words\"",
                                        "\"narrative\": null"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("area", "narrative")))
                .andExpect(jsonPath("$.trace").doesNotExist());

        assertThat(storedEventCount()).isEqualTo(before);
        assertThat(database.getCollection("reporter_access").countDocuments()).isEqualTo(accessBefore);
    }

    @Test
    void anAreaIsOneOfTheCouncilsCodesForTheTypeOfReportAndFreeTextIsRefusedUnechoed() throws Exception {
        long before = storedEventCount();
        for (String area : List.of("Highways near John Smith's house", "ADULTS")) {
            postJson("/api/reports", ANONYMOUS_REPORT.replace("\"area\": \"CASTLE\"", "\"area\": \"" + area + "\""))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("area"))
                    .andExpect(result -> assertThat(result.getResponse().getContentAsString())
                            .doesNotContain(area));
        }
        assertThat(storedEventCount()).isEqualTo(before);
        postJson("/api/reports", ANONYMOUS_REPORT.replace("\"area\": \"CASTLE\"", "\"area\": \"NOT_SURE\""))
                .andExpect(status().isCreated());
    }

    @Test
    void anUnknownCategoryAndAnImpossibleDateAreNamedWithoutEchoingTheValue() throws Exception {
        postJson("/api/reports", ANONYMOUS_REPORT.replace("VERBAL_ABUSE", "SECRET_VALUE"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("category"))
                .andExpect(jsonPath("$.detail", Matchers.not(Matchers.containsString("SECRET_VALUE"))));
        postJson("/api/reports", ANONYMOUS_REPORT.replace("2026-10-01", "2026-13-45"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("occurredOn"))
                .andExpect(jsonPath("$.errors[0].reason").value("must be a date like 2026-10-01"));
    }

    @Test
    void anAnonymousReportCannotCarryAnIdentity() throws Exception {
        postJson("/api/reports", ANONYMOUS_REPORT.replace("\"reporter\": null", "\"reporter\": {\"name\": \"Sam\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reporter"));
    }

    @Test
    void aNamedReportNeedsTheReporterAndTheContactDetailTheyChose() throws Exception {
        postJson("/api/reports", ANONYMOUS_REPORT.replace("\"anonymous\": true", "\"anonymous\": false"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("reporter")));
        postJson(
                        "/api/reports",
                        ANONYMOUS_REPORT.replace(
                                "\"anonymous\": true, \"reporter\": null",
                                "\"anonymous\": false, \"reporter\": {\"name\": \"Sam\"}, \"contactPreference\": \"PHONE\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("reporter.phone")));
    }

    @Test
    void aHateIncidentNeedsAPerceivedMotivation() throws Exception {
        postJson("/api/reports", ANONYMOUS_REPORT.replace("[\"RACE\", \"RELIGION_OR_BELIEF\"]", "[]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("motivations"));
    }

    @Test
    void resendingWithTheSameIdempotencyKeyReturnsTheFirstReceiptAndOpensOneCase() throws Exception {
        String key = UUID.randomUUID().toString();
        long before = storedEventCount();

        String first = http.perform(post("/api/reports")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ANONYMOUS_REPORT))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String second = http.perform(post("/api/reports")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ANONYMOUS_REPORT))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(second).isEqualTo(first);
        assertThat(storedEventCount())
                .as("one case: reported, routed to its team and due for triage")
                .isEqualTo(before + 3);
        String receipt = json.readTree(first).get("receipt").asText();
        assertThat(everyStoredDocument()).allSatisfy(d -> assertThat(d.toJson()).doesNotContain(receipt));
    }

    @Test
    void anIdempotencyKeyCannotBeReusedForADifferentRequest() throws Exception {
        String key = UUID.randomUUID().toString();
        http.perform(post("/api/reports")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ANONYMOUS_REPORT))
                .andExpect(status().isCreated());

        http.perform(post("/api/reports")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ANONYMOUS_REPORT.replace("CASTLE", "ABBEY")))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.type").value("urn:haven:problem:idempotency-key-reused"));
    }

    @Test
    void aRefusedRequestCanBeRetriedWithTheSameKeyOnceCorrected() throws Exception {
        String key = UUID.randomUUID().toString();
        http.perform(post("/api/reports")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ANONYMOUS_REPORT.replace("VICTIM", "NOBODY")))
                .andExpect(status().isBadRequest());
        // a different body under the same key is a mismatch only once a request has succeeded
        http.perform(post("/api/reports")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ANONYMOUS_REPORT))
                .andExpect(status().isCreated());
    }

    @Test
    void theReporterWritesToTheCaseTeamWithReferenceAndReceipt() throws Exception {
        var receipt = submitAnonymousReport();
        String message = """
                {"reference": "%s", "receipt": "%s", "text": "There is more I remember"}""".formatted(
                receipt.get("reference").asText(), receipt.get("receipt").asText());

        http.perform(post("/api/reporter/messages")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(message))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.messageId").exists());

        assertThat(eventsOf(receipt.get("caseId").asText()))
                .containsExactly(
                        "ReportSubmitted", "ReportRoutedToTeam", "DeadlinesSet", "MessageFromReporterReceived");
    }

    @Test
    void aWrongReceiptGetsTheSameAnswerAsAnUnknownReference() throws Exception {
        var receipt = submitAnonymousReport();
        String wrongReceipt = """
                {"reference": "%s", "receipt": "0000000000000000", "text": "Hello"}""".formatted(receipt.get("reference").asText());
        String unknownReference = """
                {"reference": "HV-%s-ZZ", "receipt": "%s", "text": "Hello"}""".formatted(
                        UUID.randomUUID().toString().substring(0, 4).toUpperCase(),
                        receipt.get("receipt").asText());

        String a = http.perform(post("/api/reporter/messages")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(wrongReceipt))
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String b = http.perform(post("/api/reporter/messages")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(unknownReference))
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(a).isEqualTo(b);
        assertThat(eventsOf(receipt.get("caseId").asText()))
                .containsExactly("ReportSubmitted", "ReportRoutedToTeam", "DeadlinesSet");
    }

    @Test
    void theSixthWrongGuessInARowIsRefusedForAWhileWhetherOrNotTheReferenceExists() throws Exception {
        var receipt = submitAnonymousReport();
        String client = "10.0.0." + (int) (Math.random() * 250);
        String unknown = "HV-" + UUID.randomUUID().toString().substring(0, 4).toUpperCase() + "-QQ";
        var refusals = new java.util.ArrayList<String>();
        for (String reference : new String[] {receipt.get("reference").asText(), unknown}) {
            for (int guess = 1; guess <= 5; guess++) {
                guess(reference, "1234567890123456", client).andExpect(status().isNotFound());
            }
            refusals.add(guess(reference, "1234567890123456", client)
                    .andExpect(status().isTooManyRequests())
                    .andExpect(header().string("Retry-After", "900"))
                    .andExpect(jsonPath("$.type").value("urn:haven:problem:too-many-attempts"))
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
        }
        assertThat(refusals.get(0)).isEqualTo(refusals.get(1));
        guess(receipt.get("reference").asText(), receipt.get("receipt").asText(), client)
                .andExpect(status().isTooManyRequests());
        assertThat(eventsOf(receipt.get("caseId").asText()))
                .containsExactly("ReportSubmitted", "ReportRoutedToTeam", "DeadlinesSet");
    }

    private org.springframework.test.web.servlet.ResultActions guess(String reference, String receipt, String client)
            throws Exception {
        return http.perform(post("/api/reporter/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .with(request -> {
                    request.setRemoteAddr(client);
                    return request;
                })
                .content("""
                        {"reference": "%s", "receipt": "%s", "text": "Hello"}""".formatted(reference, receipt)));
    }
}
