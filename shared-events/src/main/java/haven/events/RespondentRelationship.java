package haven.events;

/** Who the person complained about is to the reporter: what boards ask (how much comes from managers, from the public). */
public enum RespondentRelationship {
    MANAGER,
    COLLEAGUE,
    MEMBER_OF_THE_PUBLIC,
    CONTRACTOR,
    UNKNOWN
}
