package haven.events;

/** How a triaged case will be handled. */
public enum Route {
    INFORMAL_RESOLUTION,
    FORMAL_INVESTIGATION,
    REFERRAL_TO_POLICE,
    NO_FURTHER_ACTION
}
