package haven.events;

/** What kind of behaviour was reported, as the reporter or the triaging caseworker sees it. */
public enum Category {
    VERBAL_ABUSE,
    THREATS,
    PHYSICAL_ASSAULT,
    DAMAGE_TO_PROPERTY,
    GRAFFITI_OR_LITERATURE,
    ONLINE_ABUSE,
    BULLYING,
    HARASSMENT,
    SEXUAL_HARASSMENT,
    DISCRIMINATION,
    VICTIMISATION,
    OTHER
}
