package haven.events;

import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A reporter's optional equality monitoring answers, kept apart from their case: an event of its
 * own ({@code returnId}, a random id) that names no case, no reference and no reporter, only the
 * organisation reported to and the report's type, which the board tables count by. Questions not
 * answered are left out. Nobody reads one person's answers: only counts reach anyone, under
 * disclosure control.
 */
@Revision("1")
public record EqualityMonitoringReturned(
        String returnId, String organisation, ReportType type, Map<MonitoringQuestion, String> answers) {}
