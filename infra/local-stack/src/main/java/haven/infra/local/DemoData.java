package haven.infra.local;

import java.util.List;
import java.util.Map;

/** A few made-up cases so that a new install has something to look at. Not real people. */
final class DemoData {

    private DemoData() {}

    /** Seeds the demo cases and returns the anonymous reporter's reference and receipt. */
    static Map<String, String> seed(String commandUrl, String identityUrl) {
        var reporter = JsonHttp.anonymous();
        var manager = JsonHttp.signedIn(identityUrl, "mgr.jones");

        var anonymous = created(reporter.post(
                commandUrl + "/api/reports",
                Map.ofEntries(
                        Map.entry("type", "HATE_INCIDENT"),
                        Map.entry("category", "VERBAL_ABUSE"),
                        Map.entry("occurredOn", "2026-10-01"),
                        Map.entry("locationType", "PUBLIC_TRANSPORT"),
                        Map.entry("area", "CASTLE"),
                        Map.entry("motivations", List.of("RACE", "RELIGION_OR_BELIEF")),
                        Map.entry("reporterRole", "VICTIM"),
                        Map.entry("anonymous", true),
                        Map.entry("narrative", "Demo: a passenger shouted abuse at me on the bus."))));

        var named = created(reporter.post(
                commandUrl + "/api/reports",
                Map.ofEntries(
                        Map.entry("type", "DIGNITY_AT_WORK"),
                        Map.entry("organisation", "castle-council"),
                        Map.entry("category", "BULLYING"),
                        Map.entry("occurredOn", "2026-09-15"),
                        Map.entry("locationType", "WORKPLACE"),
                        Map.entry("area", "PLACE"),
                        Map.entry("reporterRole", "VICTIM"),
                        Map.entry("anonymous", false),
                        Map.entry("reporter", Map.of("name", "Demo Reporter", "email", "demo.reporter@example.org")),
                        Map.entry("contactPreference", "EMAIL"),
                        Map.entry("narrative", "Demo: I am repeatedly left out of team meetings."))));
        // one new report for each other partner, seen only by its own intake team
        for (var partner : Map.of(
                        "castle-police",
                        "A group outside the station shouted threats at me.",
                        "castle-homes",
                        "My neighbour has written slurs on my door twice this month.")
                .entrySet()) {
            created(reporter.post(
                    commandUrl + "/api/reports",
                    Map.ofEntries(
                            Map.entry("type", "HATE_INCIDENT"),
                            Map.entry("organisation", partner.getKey()),
                            Map.entry("category", "THREATS"),
                            Map.entry("occurredOn", "2026-10-20"),
                            Map.entry("locationType", "STREET_OR_PUBLIC_SPACE"),
                            Map.entry("area", "MARKET"),
                            Map.entry("motivations", List.of("RACE")),
                            Map.entry("reporterRole", "VICTIM"),
                            Map.entry("anonymous", true),
                            Map.entry("narrative", "Demo: " + partner.getValue()))));
        }
        String caseUrl = commandUrl + "/api/cases/" + named.get("caseId");
        ok(manager.post(
                caseUrl + "/triage", Map.of("category", "BULLYING", "risk", "MEDIUM", "route", "INFORMAL_RESOLUTION")));
        // cases are assigned only to staff Haven knows: the caseworker signs in first
        ok(JsonHttp.signedIn(identityUrl, "cw.patel").get(commandUrl + "/api/staff/me"));
        ok(manager.post(caseUrl + "/assignment", Map.of("caseworker", "cw.patel", "team", "equality")));

        return anonymous;
    }

    private static Map<String, String> created(JsonHttp.Response response) {
        ok(response);
        return Map.of(
                "caseId",
                response.body().path("caseId").asText(),
                "reference",
                response.body().path("reference").asText(),
                "receipt",
                response.body().path("receipt").asText());
    }

    private static void ok(JsonHttp.Response response) {
        if (response.status() >= 300) {
            throw new IllegalStateException("demo data refused: " + response.status() + " " + response.body());
        }
    }
}
