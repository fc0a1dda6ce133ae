package haven.infra.local;

import java.util.Arrays;
import java.util.Optional;

/**
 * The passphrase of an archive for off-site copies: from {@code HAVEN_BACKUP_PASSPHRASE} (scripts),
 * else asked for at the terminal without echo. Never an argument, which other users could read.
 */
final class Passphrase {

    private static final int MINIMUM = 12;

    private Passphrase() {}

    /** For a backup: asked twice at a terminal, and at least twelve characters. */
    static char[] twice() {
        char[] passphrase = given().orElseGet(() -> {
            char[] first = ask("Passphrase for this archive (at least " + MINIMUM + " characters): ");
            if (!Arrays.equals(first, ask("The same passphrase again: "))) {
                throw new IllegalStateException("The two passphrases differ; nothing was written.");
            }
            return first;
        });
        if (passphrase.length < MINIMUM) {
            throw new IllegalStateException("A backup passphrase needs at least " + MINIMUM + " characters.");
        }
        return passphrase;
    }

    /** For a restore of an archive sealed with a passphrase. */
    static char[] once() {
        return given().orElseGet(() -> ask("Passphrase of this archive: "));
    }

    private static Optional<char[]> given() {
        return Optional.ofNullable(System.getenv("HAVEN_BACKUP_PASSPHRASE"))
                .filter(p -> !p.isEmpty())
                .map(String::toCharArray);
    }

    private static char[] ask(String prompt) {
        var console = System.console();
        if (console == null) {
            throw new IllegalStateException("No terminal to ask for the passphrase: set HAVEN_BACKUP_PASSPHRASE.");
        }
        char[] answer = console.readPassword(prompt);
        return answer == null ? new char[0] : answer;
    }
}
