package haven.events;

/** Where an incident happened, coarse enough to be counted without identifying anyone. */
public enum LocationType {
    WORKPLACE,
    COUNCIL_BUILDING,
    PUBLIC_TRANSPORT,
    STREET_OR_PUBLIC_SPACE,
    HOME_OR_NEIGHBOURHOOD,
    SCHOOL_OR_COLLEGE,
    SHOP_OR_BUSINESS,
    ONLINE,
    OTHER
}
