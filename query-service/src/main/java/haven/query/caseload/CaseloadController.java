package haven.query.caseload;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import haven.events.Category;
import haven.events.Outcome;
import haven.events.ReportType;
import haven.events.RiskLevel;
import haven.events.Route;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
class CaseloadController {

    record CaseloadPage(List<CaseView> cases, int page, int size, long total) {
    }

    private final MongoCollection<Document> cases;

    CaseloadController(MongoDatabase havenDatabase) {
        this.cases = havenDatabase.getCollection(CaseloadProjection.COLLECTION);
    }

    @GetMapping("/api/caseload")
    CaseloadPage caseload(
            @RequestParam(required = false) CaseStatus status,
            @RequestParam(required = false) String assignee,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        var filters = new ArrayList<Bson>();
        if (status != null) {
            filters.add(eq("status", status.name()));
        }
        if (assignee != null) {
            filters.add(eq("assignee", assignee));
        }
        Bson filter = filters.isEmpty() ? new Document() : and(filters);
        var rows = cases.find(filter).sort(Sorts.ascending("openedAt")).skip(page * size).limit(size)
                .map(CaseloadController::view).into(new ArrayList<>());
        return new CaseloadPage(rows, page, size, cases.countDocuments(filter));
    }

    @GetMapping("/api/cases/{caseId}")
    CaseView find(@PathVariable String caseId) {
        Document found = cases.find(eq("_id", caseId)).first();
        if (found == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no case with that id.");
        }
        return view(found);
    }

    private static CaseView view(Document d) {
        return new CaseView(d.getString("_id"), d.getString("reference"),
                value(ReportType.class, d.getString("type")), value(Category.class, d.getString("category")),
                value(CaseStatus.class, d.getString("status")), value(RiskLevel.class, d.getString("risk")),
                value(Route.class, d.getString("route")), d.getString("assignee"), d.getString("team"),
                d.getDate("openedAt") == null ? null : d.getDate("openedAt").toInstant(),
                date(d.getString("firstContactDue")), date(d.getString("resolutionDue")),
                value(Outcome.class, d.getString("outcome")),
                d.getDate("appealDeadline") == null ? null : d.getDate("appealDeadline").toInstant());
    }

    private static <E extends Enum<E>> E value(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }
}
