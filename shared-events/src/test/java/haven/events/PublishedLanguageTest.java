package haven.events;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.serialization.Revision;

@AnalyzeClasses(packages = "haven.events", importOptions = ImportOption.DoNotIncludeTests.class)
class PublishedLanguageTest {

    @ArchTest
    static final ArchRule dependsOnNothingButTheJdkAndAxonsRevisionAnnotation = classes()
            .should()
            .onlyDependOnClassesThat(
                    resideInAnyPackage("java..", "haven.events..").or(equivalentTo(Revision.class)));

    /** Every event carries the id of its case (DESIGN.md), which is how events are told from value types. */
    @ArchTest
    static final ArchRule everyEventIsARecordWithARevision = classes()
            .that(describe(
                    "carry a case id",
                    (JavaClass c) ->
                            c.getFields().stream().anyMatch(f -> f.getRawType().isEquivalentTo(CaseId.class))))
            .should()
            .beRecords()
            .andShould()
            .beAnnotatedWith(Revision.class);
}
