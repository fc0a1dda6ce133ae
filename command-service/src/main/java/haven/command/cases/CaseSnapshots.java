package haven.command.cases;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A long-running case is loaded from its latest snapshot plus the events after it. */
@Configuration(proxyBeanMethods = false)
class CaseSnapshots {

    @Bean
    SnapshotTriggerDefinition caseSnapshotTrigger(
            Snapshotter snapshotter, @Value("${haven.snapshot-threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /** A snapshot taken before the case held its deadlines lacks them: it is passed over. */
    @Bean
    SnapshotFilter caseSnapshotFilter() {
        return RevisionSnapshotFilter.builder()
                .type(Case.class)
                .revision(Case.REVISION)
                .build();
    }
}
