package org.corridor;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Set;

/**
 * The package layout of docs/ARCHITECTURE.md, enforced: no package cycles, no layer reaching up, and the bottom
 * packages (problem, base, canonical) free of the rest of Corridor.
 */
@AnalyzeClasses(packages = "org.corridor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    // until i12-stages merges: these four classes move to org.corridor.process there. The rules below treat them as
    // if they already lived in `process`, so that they check the layout we are heading for, not the one we leave.
    // When they have moved, delete this set and PROCESS_TO_BE, and use slices().matching("org.corridor.(**)").
    private static final Set<String> MOVING_TO_PROCESS = Set.of(
            "org.corridor.intake.ProcessStages",
            "org.corridor.intake.SenderAuthorization",
            "org.corridor.validate.Rejections",
            "org.corridor.platform.DocumentPipeline");

    private static final DescribedPredicate<JavaClass> PROCESS_TO_BE = DescribedPredicate.describe(
            "a class moving to org.corridor.process (until i12-stages merges)",
            c -> MOVING_TO_PROCESS.contains(outermost(c).getName()));

    /** Each package (org.corridor.parse.edi, org.corridor.track, …) is a slice; no two may depend on each other. */
    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices()
            .assignedFrom(new PackagesAsSlices())
            .should().beFreeOfCycles();

    /** A layer uses the layers below it, never one above; within a layer, the cycle rule applies. */
    @ArchTest
    static final ArchRule layersOnlyReachDown = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("App").definedBy(resideInAnyPackage(
                    "org.corridor", "org.corridor.cli..", "org.corridor.web..", "org.corridor.platform..")
                    .and(not(PROCESS_TO_BE)))
            .layer("Intake").definedBy(resideInAPackage("org.corridor.intake..").and(not(PROCESS_TO_BE)))
            .layer("Process").definedBy(resideInAPackage("org.corridor.process..").or(PROCESS_TO_BE))
            .layer("Deliver").definedBy("org.corridor.deliver..")
            .layer("Formats").definedBy("org.corridor.formats..")
            .layer("Capabilities").definedBy(
                    "org.corridor.detect..", "org.corridor.parse..", "org.corridor.render..",
                    "org.corridor.enrich..", "org.corridor.rules..", "org.corridor.dossier..", "org.corridor.ack..")
            .layer("SharedServices").definedBy("org.corridor.edi..", "org.corridor.agreement..", "org.corridor.partner..")
            .layer("Record").definedBy("org.corridor.track..")
            .layer("Model").definedBy("org.corridor.canonical..")
            .layer("Base").definedBy("org.corridor.problem..", "org.corridor.base..")
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("Intake").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Process").mayOnlyBeAccessedByLayers("App", "Intake")
            .whereLayer("Deliver").mayOnlyBeAccessedByLayers("App", "Intake", "Process")
            .whereLayer("Formats").mayOnlyBeAccessedByLayers("App", "Intake", "Process", "Deliver")
            .whereLayer("Capabilities").mayOnlyBeAccessedByLayers("App", "Intake", "Process", "Deliver", "Formats")
            .whereLayer("SharedServices").mayOnlyBeAccessedByLayers(
                    "App", "Intake", "Process", "Deliver", "Formats", "Capabilities")
            .whereLayer("Record").mayOnlyBeAccessedByLayers(
                    "App", "Intake", "Process", "Deliver", "Formats", "Capabilities", "SharedServices")
            .whereLayer("Model").mayOnlyBeAccessedByLayers(
                    "App", "Intake", "Process", "Deliver", "Formats", "Capabilities", "SharedServices", "Record");

    /** The shared error vocabulary speaks of nothing else of Corridor. */
    @ArchTest
    static final ArchRule problemUsesNoOtherCorridorPackage = noClasses()
            .that().resideInAPackage("org.corridor.problem..")
            .should().dependOnClassesThat(corridorOutside("org.corridor.problem.."));

    /** The small utilities know nothing of Corridor's capabilities. */
    @ArchTest
    static final ArchRule baseUsesNoOtherCorridorPackage = noClasses()
            .that().resideInAPackage("org.corridor.base..")
            .should().dependOnClassesThat(corridorOutside("org.corridor.base.."));

    /** The canonical model uses only the packages below it (problem, base). */
    @ArchTest
    static final ArchRule canonicalUsesOnlyProblemAndBase = noClasses()
            .that().resideInAPackage("org.corridor.canonical..")
            .should().dependOnClassesThat(
                    corridorOutside("org.corridor.canonical..", "org.corridor.problem..", "org.corridor.base.."));

    private static DescribedPredicate<JavaClass> corridorOutside(String... allowed) {
        return resideInAPackage("org.corridor..").and(not(resideInAnyPackage(allowed)));
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    /** slices().matching("org.corridor.(**)"), except that the classes moving to `process` count as there already. */
    private static final class PackagesAsSlices implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            if (PROCESS_TO_BE.test(javaClass)) {
                return SliceIdentifier.of("process");
            }
            String pkg = javaClass.getPackageName();
            return pkg.startsWith("org.corridor.")
                    ? SliceIdentifier.of(pkg.substring("org.corridor.".length()))
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "packages of org.corridor (the classes moving to process counted in process)";
        }
    }
}
