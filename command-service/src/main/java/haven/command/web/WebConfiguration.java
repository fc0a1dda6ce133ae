package haven.command.web;

import haven.events.CaseId;
import java.util.UUID;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /** Case ids are UUIDs; anything else cannot name a case (and is answered 404). */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(
                String.class, CaseId.class, id -> new CaseId(UUID.fromString(id).toString()));
    }
}
