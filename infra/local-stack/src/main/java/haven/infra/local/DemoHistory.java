package haven.infra.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Made-up years of incidents, so that a new install's board pages show tables and charts: for the
 * council about 1,500 closed cases over the 33 months before this one, fewer for the police and the
 * housing association, with a realistic mix of types, categories, areas, perceived motivations and
 * outcomes, and a season. Not real people or events. Written as the import template's CSV and
 * imported by each partner's own data protection officer, as each would bring in its own log. The
 * same month gives the same files.
 */
final class DemoHistory {

    /** A demo partner's log: its officer, its size beside the council's, and where its staff work. */
    record Partner(String officer, double scale, List<Weighted> workplaces) {}

    static final List<Partner> PARTNERS = List.of(
            new Partner(
                    "dpo.smith",
                    1,
                    List.of(
                            w("ADULTS", 26),
                            w("CHILDREN", 22),
                            w("PLACE", 20),
                            w("HOUSING", 16),
                            w("RESOURCES", 11),
                            w("CHIEF-EXEC", 5))),
            new Partner("dpo.hughes", 0.45, List.of(w("NOT_SURE", 1))),
            new Partner(
                    "dpo.brown",
                    0.2,
                    List.of(w("HOMES-TENANCY", 50), w("HOMES-REPAIRS", 35), w("HOMES-CORPORATE", 15))));

    static final int MONTHS = 33;
    private static final String HEADER = "source_id,reported_month,type,category,area,location_type,reporter_role,"
            + "perceived_motivations,characteristics,strands,outcome,closed_on";

    private record Weighted(String value, double weight) {}

    private DemoHistory() {}

    /** The partner's file for the months before {@code today}'s, seeded by that month so a restart makes the same one. */
    static byte[] csv(LocalDate today, Partner partner) {
        YearMonth thisMonth = YearMonth.from(today);
        var random = new Random(thisMonth.hashCode() + partner.officer().hashCode());
        var lines = new ArrayList<String>();
        lines.add(HEADER);
        int number = 0;
        for (int m = MONTHS; m >= 1; m--) {
            YearMonth month = thisMonth.minusMonths(m);
            double season = 1 + 0.25 * Math.sin((month.getMonthValue() - 4) / 12.0 * 2 * Math.PI);
            double growth = 1 + 0.2 * (MONTHS - m) / MONTHS;
            int cases =
                    (int) Math.max(0, Math.round(partner.scale() * (41 * season * growth + random.nextGaussian() * 5)));
            for (int i = 0; i < cases; i++) {
                number++;
                String id = "DEMO-" + month.getYear() + "-" + String.format("%05d", number);
                lines.add(row(random, id, month, today, partner.workplaces()));
            }
        }
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Imports each partner's file as its own data protection officer and waits until they are in. */
    static int importInto(String commandUrl, String identityUrl, LocalDate today, Duration patience)
            throws InterruptedException {
        int rows = 0;
        for (var partner : PARTNERS) {
            rows += importInto(commandUrl, identityUrl, today, patience, partner);
        }
        return rows;
    }

    private static int importInto(
            String commandUrl, String identityUrl, LocalDate today, Duration patience, Partner partner)
            throws InterruptedException {
        var dpo = JsonHttp.signedIn(identityUrl, partner.officer());
        var started = dpo.postCsv(commandUrl + "/api/admin/imports", csv(today, partner));
        if (started.status() != 202) {
            throw new IllegalStateException("the demo history was refused: " + started.status() + " " + started.body());
        }
        String progress =
                commandUrl + "/api/admin/imports/" + started.body().path("id").asText();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            var state = dpo.get(progress).body();
            if (!state.path("state").asText().equals("RUNNING")) {
                if (!state.path("state").asText().equals("DONE")) {
                    throw new IllegalStateException("the demo history import stopped: " + state);
                }
                return state.path("rows").asInt();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the demo history import took longer than " + patience);
    }

    private static String row(Random random, String id, YearMonth month, LocalDate today, List<Weighted> workplaces) {
        boolean hate = random.nextDouble() < 0.62;
        String category;
        String area;
        String location;
        String role = pick(
                random,
                hate
                        ? List.of(w("VICTIM", 60), w("WITNESS", 22), w("THIRD_PARTY", 12), w("REPORTING_CENTRE", 6))
                        : List.of(w("VICTIM", 75), w("WITNESS", 20), w("THIRD_PARTY", 5)));
        var motivations = new LinkedHashSet<String>();
        String outcome;
        if (hate) {
            category = pick(
                    random,
                    List.of(
                            w("VERBAL_ABUSE", 34),
                            w("ONLINE_ABUSE", 17),
                            w("THREATS", 12),
                            w("HARASSMENT", 10),
                            w("DAMAGE_TO_PROPERTY", 8),
                            w("GRAFFITI_OR_LITERATURE", 7),
                            w("PHYSICAL_ASSAULT", 7),
                            w("OTHER", 5)));
            area = pick(
                    random,
                    List.of(
                            w("CASTLE", 22),
                            w("MARKET", 18),
                            w("RIVERSIDE", 16),
                            w("ABBEY", 12),
                            w("NORTHFIELD", 10),
                            w("SOUTHGATE", 9),
                            w("PRIORY", 7),
                            w("WESTBURY", 4),
                            w("NOT_SURE", 2)));
            location = category.equals("ONLINE_ABUSE")
                    ? "ONLINE"
                    : pick(
                            random,
                            List.of(
                                    w("STREET_OR_PUBLIC_SPACE", 36),
                                    w("HOME_OR_NEIGHBOURHOOD", 20),
                                    w("PUBLIC_TRANSPORT", 15),
                                    w("SHOP_OR_BUSINESS", 11),
                                    w("SCHOOL_OR_COLLEGE", 7),
                                    w("COUNCIL_BUILDING", 6),
                                    w("OTHER", 5)));
            var motivation = List.of(
                    w("RACE", 44),
                    w("RELIGION_OR_BELIEF", 15),
                    w("SEXUAL_ORIENTATION", 15),
                    w("DISABILITY", 12),
                    w("TRANSGENDER_IDENTITY", 6),
                    w("SEX", 4),
                    w("ALTERNATIVE_SUBCULTURE", 2),
                    w("OTHER", 2));
            motivations.add(pick(random, motivation));
            if (random.nextDouble() < 0.12) {
                motivations.add(pick(random, motivation));
            }
            outcome = pick(
                    random,
                    List.of(
                            w("RESOLVED_INFORMALLY", 38),
                            w("REFERRED_TO_POLICE", 20),
                            w("UPHELD", 16),
                            w("WITHDRAWN", 15),
                            w("NOT_UPHELD", 11)));
        } else {
            category = pick(
                    random,
                    List.of(
                            w("BULLYING", 40),
                            w("HARASSMENT", 24),
                            w("DISCRIMINATION", 15),
                            w("SEXUAL_HARASSMENT", 10),
                            w("VICTIMISATION", 7),
                            w("OTHER", 4)));
            area = pick(random, workplaces);
            location = pick(random, List.of(w("WORKPLACE", 84), w("COUNCIL_BUILDING", 10), w("ONLINE", 6)));
            if (random.nextDouble() < 0.6) {
                motivations.add(pick(
                        random,
                        List.of(
                                w("SEX", 30),
                                w("RACE", 25),
                                w("DISABILITY", 20),
                                w("AGE", 15),
                                w("PREGNANCY_AND_MATERNITY", 5),
                                w("SEXUAL_ORIENTATION", 5))));
            }
            outcome = pick(
                    random,
                    List.of(
                            w("NOT_UPHELD", 30),
                            w("UPHELD", 24),
                            w("PARTLY_UPHELD", 20),
                            w("RESOLVED_INFORMALLY", 16),
                            w("WITHDRAWN", 10)));
        }
        // staff mostly confirm what the reporter perceived; sometimes they record nothing more
        var characteristics = new LinkedHashSet<String>();
        var strands = new LinkedHashSet<String>();
        if (random.nextDouble() < 0.9) {
            for (String m : motivations) {
                String characteristic = CHARACTERISTICS.get(m);
                if (characteristic != null) {
                    characteristics.add(characteristic);
                }
                String strand = STRANDS.get(m);
                if (hate && strand != null) {
                    strands.add(strand);
                }
            }
        }
        LocalDate reported = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
        LocalDate closed = reported.plusDays(5 + (long) (-Math.log(1 - random.nextDouble()) * (hate ? 30 : 55)));
        if (!closed.isBefore(today)) {
            closed = today.minusDays(1);
        }
        return String.join(
                ",",
                id,
                month.toString(),
                hate ? "HATE_INCIDENT" : "DIGNITY_AT_WORK",
                category,
                area,
                location,
                role,
                String.join(";", motivations),
                String.join(";", characteristics),
                String.join(";", strands),
                outcome,
                closed.isBefore(reported) ? reported.toString() : closed.toString());
    }

    private static final Map<String, String> CHARACTERISTICS = Map.of(
            "RACE",
            "RACE",
            "RELIGION_OR_BELIEF",
            "RELIGION_OR_BELIEF",
            "SEXUAL_ORIENTATION",
            "SEXUAL_ORIENTATION",
            "DISABILITY",
            "DISABILITY",
            "TRANSGENDER_IDENTITY",
            "GENDER_REASSIGNMENT",
            "SEX",
            "SEX",
            "AGE",
            "AGE",
            "PREGNANCY_AND_MATERNITY",
            "PREGNANCY_AND_MATERNITY");
    private static final Map<String, String> STRANDS = Map.of(
            "RACE",
            "RACE",
            "RELIGION_OR_BELIEF",
            "RELIGION",
            "SEXUAL_ORIENTATION",
            "SEXUAL_ORIENTATION",
            "DISABILITY",
            "DISABILITY",
            "TRANSGENDER_IDENTITY",
            "TRANSGENDER_IDENTITY",
            "SEX",
            "SEX_OR_GENDER",
            "ALTERNATIVE_SUBCULTURE",
            "ALTERNATIVE_SUBCULTURE");

    private static Weighted w(String value, double weight) {
        return new Weighted(value, weight);
    }

    private static String pick(Random random, List<Weighted> choices) {
        double r = random.nextDouble()
                * choices.stream().mapToDouble(Weighted::weight).sum();
        for (var choice : choices) {
            r -= choice.weight();
            if (r <= 0) {
                return choice.value();
            }
        }
        return choices.get(choices.size() - 1).value();
    }
}
