package haven.command.cases;

/** A command the case's rules refuse; the message states the rule in words a caseworker understands. */
public class RuleViolation extends RuntimeException {

    /** Refused by the case, and by the key store as a backstop (a new key would outlive the erasure). */
    public static final String CASE_ERASED = "This case is closed and its details have been deleted, so it takes"
            + " nothing new; to tell us about something new, make a new report";

    public RuleViolation(String rule) {
        super(rule, null, false, false);
    }
}
