package haven.query.pages;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The pages' languages ({@link Languages}): Spring MVC's locale resolver, and the switcher's parameter. */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

    @Bean(name = "localeResolver")
    LocaleResolver localeResolver(
            @Value("${haven.languages:en,cy}") String languages,
            @Value("${haven.cookies.secure:true}") boolean secure) {
        return new Languages(languages, secure);
    }

    @Bean
    WebMvcConfigurer languageSwitcher(LocaleResolver localeResolver) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor((Languages) localeResolver);
            }
        };
    }
}
