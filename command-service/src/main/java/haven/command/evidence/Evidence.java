package haven.command.evidence;

import haven.command.cases.AttachEvidence;
import haven.events.CaseId;
import haven.infra.privacy.EvidenceFiles;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Adds a checked file to a case: sealed into the evidence store first, then recorded by the case;
 * if the case refuses it (or the store fails), the stored file is removed again, so that nothing is
 * half stored. A crash between the two leaves a sealed file no case lists, which nobody can reach.
 */
@Component
public class Evidence {

    private final EvidenceFiles files;
    private final CommandGateway commands;

    Evidence(EvidenceFiles files, CommandGateway commands) {
        this.files = files;
        this.commands = commands;
    }

    /** Answers the new file's id; {@code addedBy} is null for the reporter. */
    public String attach(CaseId caseId, EvidenceCheck.Accepted file, String addedBy) {
        String fileId = UUID.randomUUID().toString();
        files.store(caseId.value(), fileId, file.bytes());
        try {
            commands.sendAndWait(new AttachEvidence(
                    caseId, fileId, file.fileName(), file.contentType(), file.bytes().length, addedBy));
        } catch (RuntimeException refused) {
            files.delete(fileId);
            throw refused;
        }
        return fileId;
    }
}
