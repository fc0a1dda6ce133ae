package haven.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A while after closure, the reporter is asked whether anything has happened since; {@code due} is the day it fell due. */
@Revision("1")
public record CheckInSent(CaseId caseId, LocalDate due) {}
