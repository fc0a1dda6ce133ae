package haven.events;

/** How the reporter wants to hear back; anonymous reporters can only follow up with their receipt. */
public enum ContactPreference {
    EMAIL,
    PHONE,
    FOLLOW_UP_ONLY
}
