package haven.infra.council;

import haven.events.ReportType;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Somewhere a reporter can get help (an employee assistance programme, a trade union, a staff
 * network, Victim Support, a local hate crime service), from the {@code support} list of the
 * partnership's file or an organisation's: shown to reporters, never recorded against a case.
 * {@code helpsWith} the report types it is for (both, unless the file says). Its description may be
 * given in another language of the reporters' pages too ({@code description-cy}).
 */
public record SupportService(
        String name,
        String description,
        Optional<String> phone,
        Optional<URI> website,
        Set<ReportType> helpsWith,
        Map<String, String> descriptionIn) {

    private static final Pattern TRANSLATED = Pattern.compile("description-([a-z]{2,3})");

    private static final Pattern PHONE = Pattern.compile("[0-9+][0-9 ]{2,19}");
    private static final int LONGEST_NAME = 100;
    private static final int LONGEST_DESCRIPTION = 400;

    public boolean helpsWith(ReportType type) {
        return helpsWith.contains(type);
    }

    /** Its description in this language (a code such as {@code cy}), or as the file first gives it. */
    public String description(String language) {
        return descriptionIn.getOrDefault(language, description);
    }

    /** Its website's address as text, for a page's link (templates may not reach into a URI); null if none. */
    public String websiteAddress() {
        return website.map(URI::toString).orElse(null);
    }

    /** Its website's host, which names the link ("www.victimsupport.org.uk"); null if none. */
    public String websiteHost() {
        return website.map(URI::getHost).orElse(null);
    }

    /** A file's {@code support} list, or a refusal naming the file and entry; none if the file has none. */
    static List<SupportService> parse(Object section, String source) {
        if (section == null) {
            return List.of();
        }
        if (!(section instanceof List<?> entries)) {
            throw new IllegalArgumentException(
                    source + ": 'support' must list services, each with a name and description");
        }
        var services = new ArrayList<SupportService>();
        for (Object entry : entries) {
            String where = source + ": support entry " + (services.size() + 1);
            if (!(entry instanceof Map<?, ?> service)) {
                throw new IllegalArgumentException(
                        where + " must give name, description and optionally phone, website, for");
            }
            services.add(new SupportService(
                    text(service, "name", where, LONGEST_NAME),
                    text(service, "description", where, LONGEST_DESCRIPTION),
                    phone(service.get("phone"), where),
                    website(service.get("website"), where),
                    types(service.get("for"), where),
                    translations(service, where)));
        }
        return List.copyOf(services);
    }

    private static String text(Map<?, ?> service, String key, String where, int longest) {
        if (!(service.get(key) instanceof String value) || value.isBlank() || value.length() > longest) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be 1 to " + longest + " characters");
        }
        return value.strip();
    }

    private static Map<String, String> translations(Map<?, ?> service, String where) {
        var translated = new java.util.HashMap<String, String>();
        for (Object key : service.keySet()) {
            var language = key instanceof String k ? TRANSLATED.matcher(k) : null;
            if (language != null && language.matches()) {
                translated.put(language.group(1), text(service, (String) key, where, LONGEST_DESCRIPTION));
            }
        }
        return Map.copyOf(translated);
    }

    private static Optional<String> phone(Object given, String where) {
        if (given == null) {
            return Optional.empty();
        }
        if (!(given instanceof String phone) || !PHONE.matcher(phone.strip()).matches()) {
            throw new IllegalArgumentException(where + ": 'phone' must be a telephone number, like 0808 168 9111");
        }
        return Optional.of(phone.strip());
    }

    /** Only https addresses with a host: a link on a public page must not run script or leave the web. */
    private static Optional<URI> website(Object given, String where) {
        if (given == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = given instanceof String address ? URI.create(address.strip()) : null;
        } catch (IllegalArgumentException notAnAddress) {
            uri = null;
        }
        if (uri == null || !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    where + ": 'website' must be an https address, like https://www.victimsupport.org.uk");
        }
        return Optional.of(uri);
    }

    private static Set<ReportType> types(Object given, String where) {
        if (given == null) {
            return EnumSet.allOf(ReportType.class);
        }
        String rule = where + ": 'for' must list report types from " + Arrays.toString(ReportType.values());
        if (!(given instanceof List<?> listed) || listed.isEmpty()) {
            throw new IllegalArgumentException(rule);
        }
        var types = EnumSet.noneOf(ReportType.class);
        for (Object type : listed) {
            types.add(Arrays.stream(ReportType.values())
                    .filter(t -> t.name().equals(type))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(rule)));
        }
        return types;
    }
}
