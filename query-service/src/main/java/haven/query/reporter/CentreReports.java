package haven.query.reporter;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import haven.events.ReportType;
import haven.infra.council.Partnership;
import haven.infra.council.ReportingCentre;
import haven.infra.security.Staff;
import haven.query.web.Words;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * What a reporting centre sees of the reports it recorded: each one's reference, when, its type and
 * where it stands, newest first. Nothing of what was reported, nor who handles it. Key lookups: the
 * centre's list, then its cases' statuses.
 */
@Component
public class CentreReports {

    public record Recorded(String reference, Instant recordedAt, ReportType type, String status) {}

    private final MongoCollection<Document> centres;
    private final MongoCollection<Document> statuses;
    private final Partnership partnership;

    CentreReports(MongoDatabase havenDatabase, Partnership partnership) {
        this.partnership = partnership;
        this.centres = havenDatabase.getCollection(ReporterStatusProjection.CENTRES);
        this.statuses = havenDatabase.getCollection(ReporterStatusProjection.STATUSES);
    }

    public List<Recorded> of(String centre) {
        Document listed = centres.find(eq("_id", centre)).first();
        if (listed == null) {
            return List.of();
        }
        var recorded = new ArrayList<Recorded>();
        statuses.find(in("_id", listed.getList("cases", String.class, List.of())))
                .forEach(status -> recorded.add(new Recorded(
                        status.getString("reference"),
                        status.getDate("submittedAt").toInstant(),
                        ReportType.valueOf(status.getString("type")),
                        words(Stage.valueOf(status.getString("stage"))))));
        recorded.sort(Comparator.comparing(Recorded::recordedAt).reversed());
        return recorded;
    }

    /** The centre a signed-in member of a reporting centre records for: their team, if the partnership lists it. */
    public ReportingCentre centreOf(Staff member) {
        return partnership
                .reportingCentre(member.team())
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.FORBIDDEN, "Your sign-in names no reporting centre of this partnership."));
    }

    private static String words(Stage stage) {
        return stage == Stage.ERASED ? "Closed, and its details deleted" : Words.capitalised(stage);
    }
}
