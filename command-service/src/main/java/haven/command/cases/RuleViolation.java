package haven.command.cases;

/** A command the case's rules refuse; the message states the rule in words a caseworker understands. */
public class RuleViolation extends RuntimeException {

    public RuleViolation(String rule) {
        super(rule, null, false, false);
    }
}
