package org.corridor;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaStaticInitializer;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.corridor.base.Leadership;
import org.corridor.canonical.ReferenceData;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The package layout of docs/ARCHITECTURE.md, enforced: no package cycles, no layer reaching up, the bottom
 * packages (problem, base, canonical) free of the rest of Corridor, and reference data never held statically.
 */
@AnalyzeClasses(packages = "org.corridor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Each package (org.corridor.parse.edi, org.corridor.track, …) is a slice; no two may depend on each other. */
    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("org.corridor.(**)").should().beFreeOfCycles();

    /** A layer uses the layers below it, never one above; within a layer, the cycle rule applies. */
    @ArchTest
    static final ArchRule layersOnlyReachDown = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("App")
            .definedBy(
                    "org.corridor",
                    "org.corridor.cli..",
                    "org.corridor.web..",
                    "org.corridor.platform..",
                    "org.corridor.report..")
            .layer("Intake")
            .definedBy("org.corridor.intake..")
            .layer("Process")
            .definedBy("org.corridor.process..")
            .layer("Deliver")
            .definedBy("org.corridor.deliver..")
            .layer("Formats")
            .definedBy("org.corridor.formats..")
            .layer("Capabilities")
            .definedBy(
                    "org.corridor.detect..",
                    "org.corridor.parse..",
                    "org.corridor.render..",
                    "org.corridor.enrich..",
                    "org.corridor.rules..",
                    "org.corridor.dossier..",
                    "org.corridor.ack..",
                    "org.corridor.settlement..")
            .layer("SharedServices")
            .definedBy("org.corridor.edi..", "org.corridor.agreement..", "org.corridor.partner..")
            .layer("Record")
            .definedBy("org.corridor.track..")
            .layer("Model")
            .definedBy("org.corridor.canonical..")
            .layer("Audit")
            .definedBy("org.corridor.audit..")
            .layer("Base")
            .definedBy("org.corridor.problem..", "org.corridor.base..")
            .whereLayer("App")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Intake")
            .mayOnlyBeAccessedByLayers("App")
            .whereLayer("Process")
            .mayOnlyBeAccessedByLayers("App", "Intake")
            .whereLayer("Deliver")
            .mayOnlyBeAccessedByLayers("App", "Intake", "Process")
            .whereLayer("Formats")
            .mayOnlyBeAccessedByLayers("App", "Intake", "Process", "Deliver")
            .whereLayer("Capabilities")
            .mayOnlyBeAccessedByLayers("App", "Intake", "Process", "Deliver", "Formats")
            .whereLayer("SharedServices")
            .mayOnlyBeAccessedByLayers("App", "Intake", "Process", "Deliver", "Formats", "Capabilities")
            .whereLayer("Record")
            .mayOnlyBeAccessedByLayers(
                    "App", "Intake", "Process", "Deliver", "Formats", "Capabilities", "SharedServices")
            .whereLayer("Model")
            .mayOnlyBeAccessedByLayers(
                    "App", "Intake", "Process", "Deliver", "Formats", "Capabilities", "SharedServices", "Record")
            .whereLayer("Audit")
            .mayOnlyBeAccessedByLayers(
                    "App",
                    "Intake",
                    "Process",
                    "Deliver",
                    "Formats",
                    "Capabilities",
                    "SharedServices",
                    "Record",
                    "Model");

    /** The audit log sits under everything that records: it uses only the packages below it (problem, base). */
    @ArchTest
    static final ArchRule auditUsesOnlyProblemAndBase = noClasses()
            .that()
            .resideInAPackage("org.corridor.audit..")
            .should()
            .dependOnClassesThat(
                    corridorOutside("org.corridor.audit..", "org.corridor.problem..", "org.corridor.base.."));

    /** The shared error vocabulary speaks of nothing else of Corridor. */
    @ArchTest
    static final ArchRule problemUsesNoOtherCorridorPackage = noClasses()
            .that()
            .resideInAPackage("org.corridor.problem..")
            .should()
            .dependOnClassesThat(corridorOutside("org.corridor.problem.."));

    /** The small utilities know nothing of Corridor's capabilities. */
    @ArchTest
    static final ArchRule baseUsesNoOtherCorridorPackage = noClasses()
            .that()
            .resideInAPackage("org.corridor.base..")
            .should()
            .dependOnClassesThat(corridorOutside("org.corridor.base.."));

    /** The canonical model uses only the packages below it (problem, base). */
    @ArchTest
    static final ArchRule canonicalUsesOnlyProblemAndBase = noClasses()
            .that()
            .resideInAPackage("org.corridor.canonical..")
            .should()
            .dependOnClassesThat(
                    corridorOutside("org.corridor.canonical..", "org.corridor.problem..", "org.corridor.base.."));

    /**
     * Reference data is an ordinary object passed through constructors: no static field holds {@link ReferenceData}
     * or one of its rows (Place, Currency, HtsContentLine), which would be a singleton in disguise.
     */
    @ArchTest
    static final ArchRule noStaticFieldHoldsReferenceData =
            noFields().that().areStatic().should().haveRawType(referenceDataTypes());

    /**
     * Nor is anything computed from it into a static constant: no static initializer calls {@link ReferenceData}
     * (this is what caught {@code static final Map SET_STATUS = ReferenceData.get().x12Codes("717")}).
     */
    @ArchTest
    static final ArchRule noStaticInitializerReadsReferenceData = noClasses()
            .should()
            .callMethodWhere(DescribedPredicate.describe(
                    "a method of ReferenceData from a static initializer",
                    (JavaCall<?> call) -> call.getTargetOwner().isEquivalentTo(ReferenceData.class)
                            && call.getOrigin() instanceof JavaStaticInitializer));

    /** Only who builds the application loads the tables: the gateway's configuration (platform) and the CLI. */
    @ArchTest
    static final ArchRule onlyTheApplicationLoadsReferenceData = noClasses()
            .that()
            .resideOutsideOfPackages("org.corridor.platform..", "org.corridor.cli..", "org.corridor.canonical..")
            .should()
            .callMethod(ReferenceData.class, "load");

    /**
     * The periodic jobs that look after this gateway's own things, and so run on every node of a cluster: its cache
     * of the agreements, and the compaction of its own H2 file.
     */
    private static final Set<String> EVERY_NODE_JOBS = Set.of(
            "org.corridor.agreement.AgreementStore.reload()", "org.corridor.track.TrackingStoreCompaction.compact()");

    /**
     * Every other periodic job asks {@link Leadership#leads()} itself, so in a cluster one node runs it (overdue
     * acknowledgements and AS2 receipts, the settlement sweep, the audit heads). A job whose gate is removed fails
     * here, and so does a new one until it says which kind it is.
     */
    @ArchTest
    static final ArchRule periodicJobsRunOnTheLeaderOnly = methods()
            .that()
            .areAnnotatedWith(Scheduled.class)
            .and(DescribedPredicate.describe(
                    "not one of every node's own jobs", (JavaMethod m) -> !EVERY_NODE_JOBS.contains(m.getFullName())))
            .should(new ArchCondition<JavaMethod>("ask Leadership.leads() before they work") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    boolean asks = method.getMethodCallsFromSelf().stream()
                            .anyMatch(call -> call.getTargetOwner().isAssignableTo(Leadership.class)
                                    && call.getName().equals("leads"));
                    events.add(new SimpleConditionEvent(
                            method,
                            asks,
                            method.getFullName() + (asks ? " asks" : " does not ask") + " Leadership.leads()"));
                }
            });

    private static DescribedPredicate<JavaClass> referenceDataTypes() {
        return DescribedPredicate.describe(
                "ReferenceData or one of its rows",
                c -> c.isEquivalentTo(ReferenceData.class)
                        || c.getEnclosingClass()
                                .map(e -> e.isEquivalentTo(ReferenceData.class))
                                .orElse(false));
    }

    private static DescribedPredicate<JavaClass> corridorOutside(String... allowed) {
        return resideInAPackage("org.corridor..").and(not(resideInAnyPackage(allowed)));
    }
}
