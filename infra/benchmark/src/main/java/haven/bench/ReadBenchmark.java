package haven.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import haven.events.ActionAgreed;
import haven.events.ActionCompleted;
import haven.events.CaseClosed;
import haven.events.CaseId;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.CaseworkerAssigned;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.InvestigationNoteAdded;
import haven.events.LocationType;
import haven.events.MessageFromReporterReceived;
import haven.events.MessageToReporterSent;
import haven.events.MonitoredStrand;
import haven.events.Motivation;
import haven.events.Outcome;
import haven.events.ProtectedCharacteristic;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.ReporterMessagesRead;
import haven.events.ReporterRole;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.embedded.EmbeddedStore;
import haven.infra.eventstore.HavenEventStorageEngine;
import haven.infra.eventstore.PersonalDataSerializer;
import haven.infra.privacy.PersonalDataKeys;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The read side at 10,000 and 1,000,000 stored events: writes realistic case histories straight
 * into Haven's event store (the same serialised form the command-service writes), starts the real
 * query-service jar as its own process, times how long its projections take to catch up, then
 * times caseload, case, timeline and trend reads over HTTP, one client, one request at a time.
 * The open caseload is the same size at both sizes; the history behind it grows a hundredfold.
 *
 * <p>{@code java -jar infra/benchmark/target/haven-benchmark.jar reads [sizes=10000,1000000] [requests=2000]}
 */
final class ReadBenchmark {

    static final int OPEN_CASES = 500;
    static final int PROCESSORS = 5;
    static final int CLOSED_CASE_EVENTS = 12;
    static final int OPEN_CASE_EVENTS = 5;
    static final int MONTHS_OF_HISTORY = 60;
    /** One team, so that its case manager can read any case. */
    static final String TEAM = "team-bench";

    static final List<String> CASEWORKERS = List.of(
            "cw.01", "cw.02", "cw.03", "cw.04", "cw.05", "cw.06", "cw.07", "cw.08", "cw.09", "cw.10", "cw.11", "cw.12",
            "cw.13", "cw.14", "cw.15", "cw.16", "cw.17", "cw.18", "cw.19", "cw.20");
    static final List<String> AREAS = List.of(
            "Adult Social Care",
            "Children's Services",
            "Finance",
            "Housing",
            "Highways",
            "Libraries",
            "Leisure",
            "Waste",
            "Planning",
            "Legal Services");

    record Row(long stored, long cases, double catchUpSeconds, String read, double p50, double p99, double max) {}

    private final Random random = new Random(42);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    final BenchTokens tokens;
    final String admin;
    final String manager;
    final String board;
    /** Each caseworker reads their own caseload. */
    final List<String> caseworkers;

    ReadBenchmark() throws java.security.NoSuchAlgorithmException {
        tokens = new BenchTokens();
        admin = tokens.bearer("dpo.bench", null, "ADMIN");
        manager = tokens.bearer("mgr.01", TEAM, "CASE_MANAGER");
        board = tokens.bearer("board.bench", null, "BOARD");
        caseworkers = CASEWORKERS.stream()
                .map(id -> tokens.bearer(id, TEAM, "CASEWORKER"))
                .toList();
    }

    static void run(String[] args) throws Exception {
        String sizes = args.length > 1 ? args[1] : "10000,1000000";
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        Path jar = Path.of(System.getProperty("haven.root", ".")).resolve("query-service/target/query-service.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw -q -DskipTests package first");
        }
        var rows = new ArrayList<Row>();
        var benchmark = new ReadBenchmark();
        for (String size : sizes.split(",")) {
            rows.addAll(benchmark.measure(jar, Long.parseLong(size.trim()), requests));
        }
        System.out.println();
        System.out.println("| events stored | cases | projections caught up in | read | p50 ms | p99 ms | max ms |");
        System.out.println("|---:|---:|---:|---|---:|---:|---:|");
        rows.forEach(r -> System.out.printf(
                "| %,d | %,d | %.0f s | %s | %.1f | %.1f | %.1f |%n",
                r.stored(), r.cases(), r.catchUpSeconds(), r.read(), r.p50(), r.p99(), r.max()));
    }

    private List<Row> measure(Path jar, long events, int requests) throws Exception {
        try (var store = EmbeddedStore.inMemory();
                var client = MongoClients.create(store.uri("haven"))) {
            String masterKey = newMasterKey();
            var caseIds = load(client.getDatabase("haven"), events, masterKey);
            System.out.printf("%,d events stored for %,d cases (%d open)%n", events, caseIds.size(), OPEN_CASES);
            int port = freePort();
            Path log = Files.createTempFile("bench-query-service", ".log");
            Process service = startService(jar, port, store.uri("haven"), masterKey, log);
            try {
                String base = "http://127.0.0.1:" + port;
                Instant started = Instant.now();
                var caughtUp = awaitCaughtUp(base, events - 1, started, service, log.toFile());
                double catchUp = Collections.max(caughtUp.values());
                System.out.printf(
                        "query-service (started with the history already stored) caught up in %.0f s; heap %s%n",
                        catchUp, heap(base));
                System.out.printf("  each projection caught up in: %s%n", caughtUp);
                storeTime(base);
                var rows = new ArrayList<Row>();
                IntFunction<Read> caseload =
                        i -> new Read(base + "/api/caseload", caseworkers.get(i % caseworkers.size()));
                IntFunction<Read> oneCase =
                        i -> new Read(base + "/api/cases/" + caseIds.get(random.nextInt(caseIds.size())), manager);
                IntFunction<Read> timeline = i -> new Read(oneCase.apply(i).url() + "/timeline", manager);
                String[] tables = {
                    "by=category,outcome&period=financial-year",
                    "by=area&period=financial-quarter",
                    "by=characteristic,strand&period=financial-year",
                    "by=type&period=month"
                };
                IntFunction<Read> trends =
                        i -> new Read(base + "/api/trends?from=2025-04&to=2026-03&" + tables[i % tables.length], board);
                for (var read : Map.of(
                                "caseload (one caseworker, sorted by due date)",
                                caseload,
                                "case by id",
                                oneCase,
                                "case timeline",
                                timeline,
                                "trends (a year, by quarter)",
                                trends)
                        .entrySet()) {
                    var h = time(read.getValue(), requests);
                    rows.add(new Row(
                            events,
                            caseIds.size(),
                            catchUp,
                            read.getKey(),
                            ms(h, 50),
                            ms(h, 99),
                            h.getMaxValue() / 1000.0));
                    System.out.printf("  %-45s p50 %.1f ms, p99 %.1f ms%n", read.getKey(), ms(h, 50), ms(h, 99));
                }
                return rows;
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    static int freePort() throws java.io.IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String newMasterKey() {
        return java.util.Base64.getEncoder().encodeToString(java.security.SecureRandom.getSeed(32));
    }

    /** A service jar as its own process (-Xmx512m) on {@code uri}, trusting the benchmark's tokens. */
    Process startService(Path jar, int port, String uri, String masterKey, Path log) throws java.io.IOException {
        return startService(jar, port, uri, masterKey, log, "512m");
    }

    Process startService(Path jar, int port, String uri, String masterKey, Path log, String heap)
            throws java.io.IOException {
        var command =
                new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx" + heap));
        // e.g. -XX:StartFlightRecording=filename=qs.jfr to profile the service
        command.addAll(List.of(System.getenv()
                        .getOrDefault("HAVEN_BENCH_SERVICE_OPTS", "")
                        .split(" "))
                .stream()
                .filter(o -> !o.isBlank())
                .toList());
        command.addAll(List.of("-jar", jar.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("MONGODB_URI", uri);
        builder.environment().putAll(tokens.serviceEnvironment());
        builder.environment().put("HAVEN_MASTER_KEY", masterKey);
        builder.environment().put("HAVEN_REPORT_RATE_LIMIT", "off"); // the load comes from one address
        return builder.start();
    }

    /**
     * Closed cases with 12 events each and a fixed number of open ones with 5, opened over five years
     * and appended in time order, as a store fills: each case's events land among those of the cases
     * open alongside it. Personal data sealed with each case's key under {@code masterKey}, as the
     * command-service stores it.
     */
    List<String> load(MongoDatabase database, long events, String masterKey) {
        var json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        var serializer = new PersonalDataSerializer(
                JacksonSerializer.builder().objectMapper(json).build(),
                new PersonalDataKeys(database, masterKey, Duration.ofMinutes(10)),
                json);
        var engine = HavenEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        long closed = Math.max(0, (events - (long) OPEN_CASES * OPEN_CASE_EVENTS) / CLOSED_CASE_EVENTS);
        Instant end = Instant.parse("2026-11-01T09:00:00Z");
        var openings = new ArrayList<Opening>();
        for (long i = 0; i < closed + OPEN_CASES; i++) {
            boolean open = i >= closed;
            openings.add(new Opening(
                    open
                            ? end.minus(Duration.ofDays(random.nextInt(60)))
                            : end.minus(Duration.ofDays(random.nextInt(MONTHS_OF_HISTORY * 30))),
                    open));
        }
        openings.sort(Comparator.comparing(Opening::at));
        var due = new PriorityQueue<DomainEventMessage<?>>(Comparator.comparing(DomainEventMessage::getTimestamp));
        var appending = new Appending(engine, events);
        for (Opening opening : openings) {
            while (!due.isEmpty() && !due.peek().getTimestamp().isAfter(opening.at())) {
                appending.add(due.poll());
            }
            due.addAll(history(new CaseId(UUID.randomUUID().toString()), opening.open(), opening.at()));
        }
        while (!due.isEmpty()) {
            appending.add(due.poll());
        }
        appending.flush();
        var ids = appending.cases;
        for (long written = appending.written; written < events; written++) { // top up: the count is exact
            String last = ids.get(ids.size() - 1);
            long next = engine.lastSequenceNumberFor(last).orElse(-1L) + 1;
            engine.appendEvents(List.of(message(
                    new CaseId(last),
                    next,
                    new InvestigationNoteAdded(new CaseId(last), "n-" + next, "Follow-up note", "cw.01"),
                    appending.last)));
        }
        return ids;
    }

    private record Opening(Instant at, boolean open) {}

    /** Events appended a hundred at a time, up to the number asked for; the cases they opened. */
    private static final class Appending {
        private final HavenEventStorageEngine engine;
        private final long wanted;
        private final List<String> cases = new ArrayList<>();
        private final List<DomainEventMessage<?>> batch = new ArrayList<>();
        private long written;
        private Instant last;

        Appending(HavenEventStorageEngine engine, long wanted) {
            this.engine = engine;
            this.wanted = wanted;
        }

        void add(DomainEventMessage<?> event) {
            if (written + batch.size() >= wanted) {
                return;
            }
            batch.add(event);
            last = event.getTimestamp();
            if (event.getSequenceNumber() == 0) {
                cases.add(event.getAggregateIdentifier());
            }
            if (batch.size() == 100) {
                flush();
            }
        }

        void flush() {
            engine.appendEvents(batch);
            written += batch.size();
            batch.clear();
        }
    }

    private List<DomainEventMessage<?>> history(CaseId id, boolean open, Instant opened) {
        String caseworker = CASEWORKERS.get(random.nextInt(CASEWORKERS.size()));
        var category = pick(Category.values());
        var events = new ArrayList<Object>();
        events.add(new ReportSubmitted(
                id,
                "HV-" + id.value().substring(0, 4).toUpperCase() + "-"
                        + id.value().substring(4, 6).toUpperCase(),
                "$2a$10$benchmarkhashbenchmarkhashbenchmarkhashbenchmarkha",
                pick(ReportType.values()),
                category,
                LocalDate.ofInstant(opened, java.time.ZoneOffset.UTC).minusDays(2),
                pick(LocationType.values()),
                AREAS.get(random.nextInt(AREAS.size())),
                Set.of(pick(Motivation.values())),
                pick(ReporterRole.values()),
                random.nextBoolean(),
                null,
                ContactPreference.FOLLOW_UP_ONLY,
                "What happened, in the reporter's words, a few sentences long as most reports are.",
                List.of(),
                random.nextBoolean(),
                random.nextBoolean(),
                null));
        LocalDate day = LocalDate.ofInstant(opened, java.time.ZoneOffset.UTC);
        events.add(new CaseTriaged(
                id,
                category,
                Set.of(pick(ProtectedCharacteristic.values())),
                Set.of(pick(MonitoredStrand.values())),
                pick(RiskLevel.values()),
                pick(Route.values()),
                day.plusDays(3 + random.nextInt(60)),
                day.plusDays(30 + random.nextInt(60)),
                caseworker,
                null));
        events.add(new CaseworkerAssigned(id, caseworker, TEAM, "mgr.01"));
        events.add(
                new InvestigationNoteAdded(id, "n-1", "Spoke to the reporter; notes of the conversation.", caseworker));
        events.add(
                new MessageToReporterSent(id, "m-1", "Thank you for your report; we are looking into it.", caseworker));
        if (!open) {
            events.add(new MessageFromReporterReceived(id, "m-2", "Thank you, there is one more thing to add."));
            // read before the case closes: a closed case with an unread message stays in the caseload
            events.add(new ReporterMessagesRead(id, caseworker));
            events.add(new ActionAgreed(id, "a-1", "Mediation meeting", caseworker, day.plusDays(20), caseworker));
            events.add(new ActionCompleted(id, "a-1", caseworker, caseworker));
            events.add(new InvestigationNoteAdded(id, "n-2", "Mediation held; both parties attended.", caseworker));
            events.add(new CaseResolved(
                    id,
                    pick(Outcome.values()),
                    "Summary of the outcome.",
                    opened.plus(Duration.ofDays(60)),
                    caseworker));
            events.add(new CaseClosed(id, caseworker));
        }
        var messages = new ArrayList<DomainEventMessage<?>>();
        for (int seq = 0; seq < events.size(); seq++) {
            messages.add(message(id, seq, events.get(seq), opened.plus(Duration.ofDays(seq * 3L))));
        }
        return messages;
    }

    private static DomainEventMessage<?> message(CaseId id, long sequence, Object event, Instant at) {
        return new GenericDomainEventMessage<>(
                "Case", id.value(), sequence, event, Map.of(), UUID.randomUUID().toString(), at);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * Seconds from {@code started} until each projection's every segment reached {@code head},
     * returned once all {@link #PROCESSORS} have; progress printed every 30 s.
     */
    Map<String, Double> awaitCaughtUp(String base, long head, Instant started, Process service, File log)
            throws Exception {
        var done = new LinkedHashMap<String, Double>();
        Instant lastPrinted = Instant.now();
        while (done.size() < PROCESSORS) {
            if (!service.isAlive()) {
                throw new IllegalStateException("query-service stopped; see " + log);
            }
            try {
                JsonNode processors = json.readTree(http.send(
                                HttpRequest.newBuilder(URI.create(base + "/api/admin/processors"))
                                        .header("Authorization", admin)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                var positions = new StringBuilder();
                for (JsonNode processor : processors) {
                    String name = processor.path("name").asText();
                    long slowest = Long.MAX_VALUE;
                    for (JsonNode segment : processor.path("segments")) {
                        slowest = Math.min(
                                slowest,
                                segment.path("position").isNumber()
                                        ? segment.path("position").asLong()
                                        : -1);
                    }
                    boolean held = !processor.path("segments").isEmpty();
                    positions.append(String.format(" %s %,d", name, held ? slowest + 1 : 0));
                    if (held && slowest >= head && !done.containsKey(name)) {
                        done.put(name, Duration.between(started, Instant.now()).toMillis() / 1000.0);
                    }
                }
                if (Duration.between(lastPrinted, Instant.now()).toSeconds() >= 30) {
                    System.out.printf("  projected of %,d:%s%n", head + 1, positions);
                    lastPrinted = Instant.now();
                }
            } catch (java.io.IOException starting) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        return done;
    }

    String heap(String base) throws Exception {
        return String.format("%.0f MB used (limit 512 MB)", heapMegabytes(base));
    }

    /** Where the query-service's store round trips went while it caught up: by collection and command. */
    void storeTime(String base) throws Exception {
        String metrics = metrics(base);
        var counts = new java.util.HashMap<String, Double>();
        var seconds = new java.util.HashMap<String, Double>();
        metrics.lines()
                .filter(l -> l.startsWith("mongodb_driver_commands_seconds_"))
                .forEach(l -> {
                    String what = label(l, "collection") + " " + label(l, "command");
                    double value = Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
                    if (l.startsWith("mongodb_driver_commands_seconds_count{")) {
                        counts.merge(what, value, Double::sum);
                    } else if (l.startsWith("mongodb_driver_commands_seconds_sum{")) {
                        seconds.merge(what, value, Double::sum);
                    }
                });
        System.out.println("  store round trips while catching up (seconds in flight, count, mean):");
        seconds.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(14)
                .forEach(e -> System.out.printf(
                        "    %7.1f s %,9.0f %6.2f ms  %s%n",
                        e.getValue(),
                        counts.getOrDefault(e.getKey(), 0.0),
                        1000 * e.getValue() / counts.getOrDefault(e.getKey(), 1.0),
                        e.getKey()));
    }

    /** The service's own metrics, as Prometheus would scrape them. */
    private String metrics(String base) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String label(String line, String name) {
        int start = line.indexOf(name + "=\"") + name.length() + 2;
        return line.substring(start, line.indexOf('"', start));
    }

    /** The heap in use, as the service's own metrics report it. */
    double heapMegabytes(String base) throws Exception {
        String metrics = metrics(base);
        double used = metrics.lines()
                .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
        return used / 1024 / 1024;
    }

    /** One request: where, and whose token it carries. */
    record Read(String url, String bearer) {}

    Histogram time(IntFunction<Read> url, int requests) throws Exception {
        for (int i = 0; i < requests / 4; i++) { // warm up: JIT, caches
            get(url.apply(i));
        }
        var histogram = new Histogram(3);
        for (int i = 0; i < requests; i++) {
            Read target = url.apply(i);
            long start = System.nanoTime();
            get(target);
            histogram.recordValue((System.nanoTime() - start) / 1000);
        }
        return histogram;
    }

    private void get(Read read) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(read.url()))
                        .header("Authorization", read.bearer())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(read.url() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }
}
