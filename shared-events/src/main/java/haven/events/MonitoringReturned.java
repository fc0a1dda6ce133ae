package haven.events;

import org.axonframework.serialization.Revision;

/**
 * The reporter has returned the equality monitoring questions for this case, once: the fact only.
 * Their answers are {@link EqualityMonitoringReturned}, which names no case.
 */
@Revision("1")
public record MonitoringReturned(CaseId caseId) {}
