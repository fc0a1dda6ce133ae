package haven.command.cases;

import haven.infra.privacy.EvidenceFiles;
import haven.infra.privacy.PersonalDataKeys;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Erasing a case's personal data, and the one place a case's keys are destroyed: the case records
 * the erasure (or refuses it, e.g. under legal hold), then every key of the case is destroyed, which
 * leaves every sealed copy of its personal data unreadable at once. An erasure cut short between the
 * two is finished when its event is seen again ({@link #finish}).
 */
@Component
public class Erasure {

    private final CommandGateway commands;
    private final PersonalDataKeys keys;
    private final EvidenceFiles evidence;

    Erasure(CommandGateway commands, PersonalDataKeys keys, EvidenceFiles evidence) {
        this.commands = commands;
        this.keys = keys;
        this.evidence = evidence;
    }

    /** Sends the erasure as whoever the message names; once the case has recorded it, destroys its keys. */
    public void erase(CommandMessage<ErasePersonalData> erasure) {
        commands.sendAndWait(erasure);
        finish(erasure.getPayload().caseId().value());
    }

    /** Destroys the keys of a case whose erasure is recorded. Destroying them again changes nothing. */
    public void finish(String caseId) {
        keys.destroy(caseId);
        evidence.deleteCase(caseId); // unreadable already; this frees the space
    }
}
