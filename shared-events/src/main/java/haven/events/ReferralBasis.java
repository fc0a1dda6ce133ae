package haven.events;

/** Why a case's details may be shared with another organisation. */
public enum ReferralBasis {
    /** the reporter consented to their report being shared */
    CONSENT,
    /** without consent, on a lawful basis a case manager recorded and confirmed (a risk to life, say) */
    LAWFUL_BASIS
}
