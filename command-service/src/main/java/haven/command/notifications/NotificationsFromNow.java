package haven.command.notifications;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The notifications processor begins at the end of the history when it first runs (a new
 * installation, or mail switched on later), so that nobody is emailed about what happened before.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
class NotificationsFromNow {

    @Bean
    ConfigurerModule notificationsStartAtTheEnd() {
        return configurer -> configurer
                .eventProcessing()
                .registerTrackingEventProcessor(
                        "notifications",
                        Configuration::eventStore,
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}
