package haven.command.cases;

import haven.infra.council.Partnership;
import haven.infra.council.ServiceLevels;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The partnership's configured service levels and appeal window. */
@ConfigurationProperties("haven")
record CasePolicy(Duration appealWindow, ServiceLevels sla) {

    /** An organisation's own service levels where its file gives them, the partnership's otherwise. */
    ServiceLevels serviceLevelsOf(String organisation, Partnership partnership) {
        return partnership
                .organisation(organisation)
                .flatMap(Partnership.Organisation::serviceLevels)
                .orElse(sla);
    }
}
