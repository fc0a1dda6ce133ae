package haven.events;

/**
 * What a reporter follows their report up with: the reference they were given, and a slow hash of
 * their receipt (the receipt itself is never stored). One type, so the two strings cannot be swapped.
 */
public record FollowUpKey(String reference, String receiptHash) {}
