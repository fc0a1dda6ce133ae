package haven.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "haven", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theQuerySideNeverUsesTheCommandSide = noClasses()
            .that()
            .resideInAPackage("haven.query..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("haven.command..");

    /** Views are built from events; deciding what happens to a case is the command side's job. */
    @ArchTest
    static final ArchRule theQuerySideSendsNoCommands = noClasses()
            .that()
            .resideInAPackage("haven.query..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.axonframework.commandhandling..");

    /** Each package can be read (and changed) knowing only the packages it uses, never one that uses it. */
    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("haven.query.(*)..").should().beFreeOfCycles();

    /** Pages and the API answer from the same services; a page never goes through a controller. */
    @ArchTest
    static final ArchRule pagesUseServicesNotControllers = noClasses()
            .that()
            .resideInAPackage("haven.query.pages..")
            .should()
            .dependOnClassesThat()
            .areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class);
}
