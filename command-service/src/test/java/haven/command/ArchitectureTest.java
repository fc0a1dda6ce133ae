package haven.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "haven", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theCommandSideNeverUsesTheQuerySide = noClasses()
            .that()
            .resideInAPackage("haven.command..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("haven.query..");

    /** Rules are decided from events alone: no web, no database, no clock inside the aggregate. */
    @ArchTest
    static final ArchRule theCaseDecidesWithoutIo = noClasses()
            .that()
            .haveSimpleName("Case")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.web..", "com.mongodb..", "org.bson..", "java.net..", "java.io..")
            .orShould()
            .callMethod(java.time.Instant.class, "now")
            .orShould()
            .callMethod(java.time.LocalDate.class, "now");

    /** Each package can be read (and changed) knowing only the packages it uses, never one that uses it. */
    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("haven.command.(*)..").should().beFreeOfCycles();
}
