package haven.command.history;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import haven.command.cases.ImportHistoricalCase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a checked history file's import in the background and keeps its progress in
 * {@code history_imports}, under the file's fingerprint. Each row becomes a case whose id comes
 * from its source id, so a row already imported is found there and skipped: importing the same
 * file again adds nothing, and an import cut short (a restart) is resumed by importing the file
 * again. Rows go in several at a time, each on its own thread (each is its own case, and the
 * command bus handles a command on the thread that sends it).
 */
@Component
class HistoryImports {

    enum State {
        RUNNING,
        DONE,
        FAILED
    }

    record Progress(String id, int rows, long imported, long alreadyThere, State state) {}

    private static final Logger log = LoggerFactory.getLogger(HistoryImports.class);
    private static final int IN_FLIGHT = 8;
    private static final int SAVE_EVERY = 250;
    private static final Duration SILENT = Duration.ofMinutes(1);

    private final CommandGateway commands;
    private final EventStore events;
    private final MongoCollection<Document> imports;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        var thread = new Thread(r, "history-import");
        thread.setDaemon(true);
        return thread;
    });

    HistoryImports(CommandGateway commands, EventStore events, MongoDatabase havenDatabase, Clock clock) {
        this.commands = commands;
        this.events = events;
        this.imports = havenDatabase.getCollection("history_imports");
        this.clock = clock;
    }

    /**
     * Starts importing, unless this file is being imported already (by any instance: one that has
     * said nothing for a minute has stopped, and its import is taken over); its progress either way.
     */
    Progress start(String id, List<HistoryFile.Row> rows, String importedBy, String organisation) {
        Instant now = clock.instant();
        try {
            imports.findOneAndUpdate(
                    and(eq("_id", id), or(ne("state", State.RUNNING.name()), lt("heardAt", now.minus(SILENT)))),
                    Updates.combine(
                            Updates.set("rows", rows.size()),
                            Updates.set("imported", 0L),
                            Updates.set("alreadyThere", 0L),
                            Updates.set("state", State.RUNNING.name()),
                            Updates.set("startedAt", now),
                            Updates.set("heardAt", now),
                            Updates.set("startedBy", importedBy),
                            Updates.set("organisation", organisation),
                            Updates.unset("finishedAt")),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        } catch (MongoException running) {
            if (ErrorCategory.fromErrorCode(running.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw running;
            }
            return progress(id, organisation); // the claim matched nothing: its upsert met the running import's
        }
        runner.submit(() -> run(id, rows, importedBy, organisation));
        return progress(id, organisation);
    }

    /** An import's progress, to its own organisation only (the id says which file, and files say much). */
    Progress progress(String id, String organisation) {
        Document stored = imports.find(and(eq("_id", id), eq("organisation", organisation)))
                .first();
        return stored == null
                ? null
                : new Progress(
                        id,
                        stored.getInteger("rows"),
                        stored.getLong("imported"),
                        stored.getLong("alreadyThere"),
                        State.valueOf(stored.getString("state")));
    }

    private void run(String id, List<HistoryFile.Row> rows, String importedBy, String organisation) {
        var imported = new AtomicLong();
        var alreadyThere = new AtomicLong();
        var workers = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
            var thread = new Thread(r, "history-import-row");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int from = 0; from < rows.size(); from += SAVE_EVERY) {
                var part = rows.subList(from, Math.min(rows.size(), from + SAVE_EVERY));
                var sent = part.stream()
                        .map(row -> CompletableFuture.runAsync(
                                () -> {
                                    if (events.lastSequenceNumberFor(
                                                    row.caseId().value())
                                            .isPresent()) {
                                        // one key lookup, where sending would build the case and refuse it
                                        alreadyThere.incrementAndGet();
                                        return;
                                    }
                                    try {
                                        commands.sendAndWait(command(row, importedBy, organisation));
                                        imported.incrementAndGet();
                                    } catch (RuntimeException e) {
                                        if (!isAlreadyThere(e)) {
                                            throw e;
                                        }
                                        alreadyThere.incrementAndGet();
                                    }
                                },
                                workers))
                        .toArray(CompletableFuture[]::new);
                CompletableFuture.allOf(sent).join();
                save(id, imported.get(), alreadyThere.get(), State.RUNNING);
            }
            save(id, imported.get(), alreadyThere.get(), State.DONE);
            log.info(
                    "History import {} done: {} cases imported, {} already there",
                    id,
                    imported.get(),
                    alreadyThere.get());
        } catch (RuntimeException e) {
            save(id, imported.get(), alreadyThere.get(), State.FAILED);
            log.warn(
                    "History import {} stopped after {} cases; importing the file again resumes it",
                    id,
                    imported.get() + alreadyThere.get(),
                    e);
        } finally {
            workers.shutdown();
        }
    }

    private void save(String id, long imported, long alreadyThere, State state) {
        var updates = new ArrayList<>(List.of(
                Updates.set("imported", imported),
                Updates.set("alreadyThere", alreadyThere),
                Updates.set("state", state.name()),
                Updates.set("heardAt", clock.instant())));
        if (state != State.RUNNING) {
            updates.add(Updates.set("finishedAt", Instant.now(clock)));
        }
        imports.updateOne(eq("_id", id), Updates.combine(updates));
    }

    private static boolean isAlreadyThere(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    private static ImportHistoricalCase command(HistoryFile.Row row, String importedBy, String organisation) {
        return new ImportHistoricalCase(row.caseId(), row.incident(), importedBy, organisation);
    }
}
