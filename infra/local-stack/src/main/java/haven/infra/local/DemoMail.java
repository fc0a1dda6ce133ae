package haven.infra.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Map;

/**
 * A real mail server for the local stack (GreenMail): the command-service sends its notifications to
 * its SMTP port, and anyone reads them over IMAP; each mailbox is made when its first mail arrives,
 * its login and password both its address ({@code mgr.jones@haven.example}). Nothing leaves the machine.
 */
final class DemoMail implements AutoCloseable {

    private final GreenMail server;
    private final int smtpPort;
    private final int imapPort;

    private DemoMail(int smtpPort, int imapPort) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.server = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
    }

    static DemoMail start(int smtpPort, int imapPort) {
        var mail = new DemoMail(smtpPort, imapPort);
        mail.server.start();
        return mail;
    }

    /** What the command-service needs to send here. */
    Map<String, String> senderSettings() {
        return Map.of("SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT", Integer.toString(smtpPort));
    }

    String describe() {
        return "SMTP 127.0.0.1:" + smtpPort + ", IMAP 127.0.0.1:" + imapPort;
    }

    @Override
    public void close() {
        server.stop();
    }
}
