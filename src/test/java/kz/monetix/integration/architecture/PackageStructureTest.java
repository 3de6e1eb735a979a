package kz.monetix.integration.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.TypeConverter;
import org.apache.camel.spi.Synchronization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package structure the README describes, kept so: no cycles, the protocol core knows no ERP, steps take values. */
class PackageStructureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importProduct() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("kz.monetix.integration");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("kz.monetix.integration.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void gateKnowsOnlyTheProtocol() {
        noClasses().that().resideInAPackage("..integration.gate..").should().dependOnClassesThat()
                .resideInAnyPackage("..integration.payment..", "..integration.otp..", "..integration.erp..",
                        "..integration.sandbox..", "..integration.api..")
                .check(classes);
    }

    @Test
    void productNeverDependsOnTheSandbox() {
        noClasses().that().resideOutsideOfPackage("..integration.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("..integration.sandbox..").check(classes);
    }

    /** The flow is in the routes: no step calls routes back. */
    @Test
    void noStepCallsRoutesBack() {
        noClasses().should().dependOnClassesThat().areAssignableTo(ProducerTemplate.class).check(classes);
    }

    /**
     * Steps take and return values: no method is handed the Exchange (the sandbox harness is Java DSL; Camel's own
     * extension points, the Gate bulkhead's processor and completion and the branch values' converters, are no steps).
     */
    @Test
    void stepsTakeValues() {
        noMethods().that().areDeclaredInClassesThat().resideOutsideOfPackage("..integration.sandbox..")
                .and().areDeclaredInClassesThat().areNotAssignableTo(Processor.class)
                .and().areDeclaredInClassesThat().areNotAssignableTo(Synchronization.class)
                .and().areDeclaredInClassesThat().areNotAssignableTo(TypeConverter.class)
                .should().haveRawParameterTypes(DescribedPredicate.describe("an Exchange among them",
                        (List<JavaClass> parameters) -> parameters.stream().anyMatch(p -> p.isAssignableTo(Exchange.class))))
                .check(classes);
    }
}
