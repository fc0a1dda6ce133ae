package haven.command.referrals;

import haven.command.cases.OpenReferredCase;
import haven.events.CaseId;
import haven.events.CaseReferred;
import haven.infra.council.Partnership;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Opens the receiving organisation's case for each referral, once: its id and reference follow
 * from the referral's, so a referral seen again (a retry, a replay) finds its case already there.
 * Runs in its own processor, so a referral is delivered even when the sending request has gone.
 */
@Component
@ProcessingGroup("referrals")
class Referrals {

    /** As in the references reporters are given: no 0/O, 1/I/L or U. */
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final CommandGateway commands;
    private final EventStore events;
    private final Partnership partnership;

    Referrals(CommandGateway commands, EventStore events, Partnership partnership) {
        this.commands = commands;
        this.events = events;
        this.partnership = partnership;
    }

    @EventHandler
    void on(CaseReferred referral) {
        var linked = linkedCaseOf(referral.referralId());
        if (events.lastSequenceNumberFor(linked.value()).isPresent()) {
            return;
        }
        var receiver = partnership.organisation(referral.to()).orElseThrow();
        commands.sendAndWait(new OpenReferredCase(
                linked, referenceOf(referral.referralId()), referral, receiver.intakeTeam(referral.type())));
    }

    static CaseId linkedCaseOf(String referralId) {
        return new CaseId(UUID.nameUUIDFromBytes(("haven referral " + referralId).getBytes(StandardCharsets.UTF_8))
                .toString());
    }

    private static String referenceOf(String referralId) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256")
                    .digest(("haven referral reference " + referralId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        var reference = new StringBuilder("HV-");
        for (int i = 0; i < 6; i++) {
            if (i == 4) {
                reference.append('-');
            }
            reference.append(ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length()));
        }
        return reference.toString();
    }
}
