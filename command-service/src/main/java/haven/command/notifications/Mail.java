package haven.command.notifications;

/**
 * One email: to one address, a subject and a plain-text body holding a reference and a link, never
 * a narrative, the name of anyone involved, or what the case is about.
 */
record Mail(String to, String subject, String body) {}
