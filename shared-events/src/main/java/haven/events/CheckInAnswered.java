package haven.events;

import org.axonframework.serialization.Revision;

/**
 * The reporter answered the check-in after closure: whether they were treated badly for reporting
 * (victimisation), and what happened, in their words. Personal data: {@code details}.
 */
@Revision("1")
public record CheckInAnswered(
        CaseId caseId, boolean victimised, @PersonalData String details) {}
