package haven.infra.privacy;

/**
 * Personal data offered for a case whose personal data was erased. The case's own rules refuse
 * such a change first (with a rule a person can read); this is the backstop that keeps an
 * erasure final whatever path the data took.
 */
public final class ErasedCase extends IllegalStateException {

    public ErasedCase() {
        super("The case's personal data is erased; it takes no new personal data");
    }
}
