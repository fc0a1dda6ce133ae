package haven.query.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The settings every projection shares, read as Spring reads them: the trends' own batch size must not lose the rest. */
class ProcessorSettingsTest {

    static final List<String> PROJECTIONS =
            List.of("caseload", "timeline", "reporter-status", "case-record", "trends-v3");

    @Test
    void everyProjectionIsTrackedWithDeadLettersAndOneSegmentUnlessSetAndTrendsTakeBiggerBatches() throws Exception {
        PropertySource<?> settings = new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yml"))
                .get(0);

        for (String projection : PROJECTIONS) {
            String prefix = "axon.eventhandling.processors." + projection + ".";
            assertThat(settings.getProperty(prefix + "mode")).as(projection).hasToString("tracking");
            assertThat(settings.getProperty(prefix + "dlq.enabled"))
                    .as(projection)
                    .isEqualTo(true);
            assertThat(settings.getProperty(prefix + "initial-segment-count"))
                    .as(projection)
                    .hasToString("${HAVEN_PROJECTION_SEGMENTS:1}");
            assertThat(settings.getProperty(prefix + "thread-count"))
                    .as("%s: a store whose tokens were made with two segments keeps both projected", projection)
                    .hasToString("${HAVEN_PROJECTION_SEGMENTS:2}");
        }
        assertThat(settings.getProperty("axon.eventhandling.processors.caseload.batch-size"))
                .hasToString("${HAVEN_PROJECTION_BATCH:100}");
        assertThat(settings.getProperty("axon.eventhandling.processors.trends-v3.batch-size"))
                .hasToString("${HAVEN_TRENDS_BATCH:1000}");
    }
}
