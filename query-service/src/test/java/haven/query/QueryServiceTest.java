package haven.query;

import haven.infra.embedded.EmbeddedStore;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * The query-service as a whole, with MockMvc, on a database of its own in the in-process store (one
 * store per test JVM). Each class names its database: what it asserts (counts over every case, a
 * rebuild, spent throttles) must not see another class's cases.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@AutoConfigureMockMvc
@ContextCustomizerFactories(QueryServiceTest.OnItsDatabase.class)
public @interface QueryServiceTest {

    /** The database of the in-process store this class's tests use. */
    String database();

    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};

    /** Points the application at the class's database; part of the cache key, so each database is its own application. */
    class OnItsDatabase implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(
                Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            var test = TestContextAnnotationUtils.findMergedAnnotation(testClass, QueryServiceTest.class);
            return test == null ? null : new Database(test.database());
        }
    }

    record Database(String name) implements ContextCustomizer {

        @Override
        public void customizeContext(
                org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "query-service-test-database",
                            Map.of(
                                    "spring.data.mongodb.uri",
                                    EmbeddedStore.shared().uri(name))));
        }
    }
}
