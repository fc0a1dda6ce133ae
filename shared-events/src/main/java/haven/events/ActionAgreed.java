package haven.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A specific action was agreed with an owner and a due date. Personal data: {@code description}. */
@Revision("1")
public record ActionAgreed(
        CaseId caseId,
        String actionId,
        @PersonalData String description,
        String owner,
        LocalDate due,
        String agreedBy) {}
