package haven.command.cases;

import haven.infra.eventstore.FreshAggregateCache;
import haven.infra.eventstore.HavenEventStorageEngine;
import haven.infra.eventstore.RememberedTargetResolver;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A case a command has just used is held in memory for the next one, unless another instance has
 * changed it since; otherwise it is loaded from its latest snapshot plus the events after it.
 */
@Configuration(proxyBeanMethods = false)
class CaseLoading {

    /** Recently used cases; {@code HAVEN_CASE_CACHE} of them. */
    @Bean
    Cache caseCache(HavenEventStorageEngine store, @Value("${haven.case-cache:10000}") long size) {
        return new FreshAggregateCache(store, size);
    }

    /** Which case a command is for, found without searching the command class each time. */
    @Bean
    CommandTargetResolver caseTargets() {
        return new RememberedTargetResolver();
    }

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
