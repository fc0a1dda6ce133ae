package haven.command.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds; a failed send is tried again later (after 30 seconds, doubling up to
 * an hour) for a day, then given up and logged, never with an address or a subject.
 */
@Component
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
class MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final Duration GIVE_UP_AFTER = Duration.ofDays(1);
    /** Long enough for one send; an instance that dies holding an entry frees it after this. */
    private static final Duration CLAIM = Duration.ofMinutes(2);

    private final Outbox outbox;
    private final JavaMailSender sender;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String from;
    private final Duration firstRetry;

    MailDelivery(
            Outbox outbox,
            JavaMailSender sender,
            MeterRegistry meters,
            Clock clock,
            @Value("${haven.mail.from}") String from,
            @Value("${haven.mail.first-retry:PT30S}") Duration firstRetry) {
        this.firstRetry = firstRetry;
        this.outbox = outbox;
        this.sender = sender;
        this.meters = meters;
        this.clock = clock;
        this.from = from;
    }

    @Scheduled(fixedDelayString = "${haven.mail.send-every}")
    void deliver() {
        Instant now = clock.instant();
        for (var pending : outbox.due(now)) {
            if (!outbox.claim(pending, now, now.plus(CLAIM))) {
                continue;
            }
            try {
                var mail = new SimpleMailMessage();
                mail.setFrom(from);
                mail.setTo(pending.mail().to());
                mail.setSubject(pending.mail().subject());
                mail.setText(pending.mail().body());
                sender.send(mail);
                outbox.sent(pending);
                meters.counter("haven.mail", "outcome", "sent").increment();
            } catch (MailException failed) {
                retryOrGiveUp(pending, now, failed);
            }
        }
    }

    private void retryOrGiveUp(Outbox.Pending pending, Instant now, MailException failed) {
        if (pending.queuedAt().plus(GIVE_UP_AFTER).isBefore(now)) {
            outbox.sent(pending);
            meters.counter("haven.mail", "outcome", "given-up").increment();
            log.error(
                    "A notification about case {} could not be sent for a day and was given up: {}",
                    pending.caseId(),
                    failed.getClass().getSimpleName());
            return;
        }
        Duration wait = firstRetry.multipliedBy(1L << Math.min(pending.attempts(), 7));
        outbox.retryAt(pending, now.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait));
        meters.counter("haven.mail", "outcome", "retried").increment();
        log.warn(
                "A notification about case {} was not sent and will be retried: {}",
                pending.caseId(),
                failed.getClass().getSimpleName());
    }
}
