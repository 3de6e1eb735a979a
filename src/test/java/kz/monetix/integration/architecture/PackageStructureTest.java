package kz.monetix.integration.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package structure the README describes, kept so: no cycles, the protocol core knows no ERP, beans take values. */
@AnalyzeClasses(packages = "kz.monetix.integration", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageStructureTest {

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("kz.monetix.integration.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule gateKnowsOnlyTheProtocol = noClasses().that().resideInAPackage("..integration.gate..")
            .should().dependOnClassesThat().resideInAnyPackage("..integration.payment..", "..integration.otp..",
                    "..integration.erp..", "..integration.sandbox..", "..integration.api..");

    @ArchTest
    static final ArchRule productNeverDependsOnTheSandbox = noClasses().that().resideOutsideOfPackage("..integration.sandbox..")
            .should().dependOnClassesThat().resideInAPackage("..integration.sandbox..");

    /** The flow is in the routes: no product step calls routes back. */
    @ArchTest
    static final ArchRule noStepCallsRoutesBack = noClasses().that().resideOutsideOfPackage("..integration.sandbox..")
            .should().dependOnClassesThat().areAssignableTo(ProducerTemplate.class);

    /** Steps take and return values; the Exchange stays in the routes (the sandbox harness is Java DSL). */
    @ArchTest
    static final ArchRule stepsTakeValues = noClasses().that().resideInAnyPackage("..integration.payment..", "..integration.otp..",
            "..integration.erp..", "..integration.gate..").should().dependOnClassesThat().areAssignableTo(Exchange.class);
}
