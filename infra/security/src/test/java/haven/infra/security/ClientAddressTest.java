package haven.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    final ClientAddress behindGateways = new ClientAddress("10.0.0.5, 172.28.0.0/16, fd00::/8");

    @Test
    void theClientIsTheRightMostAddressNoTrustedProxyStandsFor() {
        assertThat(behindGateways.clientOf("10.0.0.5", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(behindGateways.clientOf("10.0.0.5", List.of("6.6.6.6, 203.0.113.7, 172.28.3.4")))
                .as("what the client wrote to the left of its own address is not believed")
                .isEqualTo("203.0.113.7");
        assertThat(behindGateways.clientOf("fd00::1", List.of("2001:db8::7"))).isEqualTo("2001:db8::7");
        assertThat(behindGateways.clientOf("10.0.0.5", List.of("6.6.6.6", "203.0.113.7")))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void anyoneElsesHeaderIsIgnored() {
        assertThat(behindGateways.clientOf("198.51.100.9", List.of("203.0.113.7")))
                .isEqualTo("198.51.100.9");
        assertThat(new ClientAddress("").clientOf("10.0.0.5", List.of("203.0.113.7")))
                .isEqualTo("10.0.0.5");
    }

    @Test
    void somethingThatIsNotAnAddressEndsTheChainAtTheLastKnownHop() {
        assertThat(behindGateways.clientOf("10.0.0.5", List.of("example.org"))).isEqualTo("10.0.0.5");
        assertThat(behindGateways.clientOf("10.0.0.5", List.of("cafe.be, 172.28.0.9")))
                .isEqualTo("172.28.0.9");
    }

    @Test
    void aSettingThatIsNotAnAddressIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new ClientAddress("gateway.internal")).hasMessageContaining("HAVEN_TRUSTED_PROXIES");
    }
}
