package haven.infra.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Which client a request came from, for throttling: {@code X-Forwarded-For} is believed only from
 * the configured proxies ({@code HAVEN_TRUSTED_PROXIES}: addresses or CIDR ranges), and then only
 * as far back as trusted proxies added to it. The right-most address no trusted proxy stands for is
 * the client. Anyone else's header is ignored, so a guesser cannot pick a fresh throttle bucket
 * per request, and reporters behind the gateway are still counted one by one.
 */
public class ClientAddress extends OncePerRequestFilter {

    /** An IP literal, so that matching it never asks DNS about a name a caller wrote. */
    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|(?=.*:)[0-9a-fA-F:.]{2,45}");

    private final List<IpAddressMatcher> proxies;

    /** @param trustedProxies comma-separated addresses or CIDR ranges; blank trusts nobody */
    public ClientAddress(String trustedProxies) {
        this.proxies = Arrays.stream(trustedProxies.split(","))
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .map(ClientAddress::range)
                .toList();
    }

    private static IpAddressMatcher range(String setting) {
        if (!LITERAL.matcher(setting.replaceFirst("/\\d{1,3}$", "")).matches()) {
            throw new IllegalArgumentException("haven.trusted-proxies (HAVEN_TRUSTED_PROXIES) must list IP addresses "
                    + "or CIDR ranges, separated by commas; one entry is not an address");
        }
        return new IpAddressMatcher(setting);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = clientOf(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
        chain.doFilter(
                client.equals(request.getRemoteAddr())
                        ? request
                        : new HttpServletRequestWrapper(request) {
                            @Override
                            public String getRemoteAddr() {
                                return client;
                            }

                            @Override
                            public String getRemoteHost() {
                                return client;
                            }
                        },
                response);
    }

    String clientOf(String peer, List<String> forwardedHeaders) {
        var hops = new ArrayList<String>();
        forwardedHeaders.forEach(
                header -> Arrays.stream(header.split(",")).map(String::trim).forEach(hops::add));
        String client = peer;
        for (int i = hops.size() - 1; i >= 0 && trusted(client); i--) {
            String hop = hops.get(i);
            if (!LITERAL.matcher(hop).matches()) {
                break; // a trusted proxy would not have written this: stop at the last address known
            }
            client = hop;
        }
        return client;
    }

    private boolean trusted(String address) {
        return LITERAL.matcher(address).matches() && proxies.stream().anyMatch(p -> p.matches(address));
    }
}
