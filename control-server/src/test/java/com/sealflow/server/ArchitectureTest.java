package com.sealflow.server;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The control server's module boundaries, for every feature package present and future
 * ({@code com.sealflow.server.<feature>}): a feature uses another only through the public classes of that
 * feature's top package (sub-packages are its internals); {@code db}, {@code web} and {@code config} are the
 * shared platform and know no feature; features know nothing of the wiring in the root package; and no two
 * features depend on each other in a cycle.
 */
@AnalyzeClasses(packages = "com.sealflow.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String ROOT = "com.sealflow.server";
    static final String[] SHARED = {ROOT + ".db..", ROOT + ".web..", ROOT + ".config.."};

    @ArchTest
    static final ArchRule sharedPlatformKnowsNoFeature = noClasses().that().resideInAnyPackage(SHARED)
        .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAnyPackage(SHARED))))
        .as("db, web and config are used by all features and depend on none");

    @ArchTest
    static final ArchRule featuresDoNotKnowTheWiring = noClasses()
        .that().resideInAPackage(ROOT + ".*..")
        .should().dependOnClassesThat(resideInAPackage(ROOT).and(not(equivalentTo(Platform.class))))
        .as("features are wired by the root package, never the other way round (they receive the shared Platform)");

    @ArchTest
    static final ArchRule featuresUseEachOthersPublicTopPackageOnly = classes()
        .that().resideInAPackage(ROOT + ".*..")
        .should(onlyUsePublicApiOfOtherFeatures())
        .as("a feature uses another feature only through public classes of its top package");

    @ArchTest
    static final ArchRule noCyclesBetweenFeatures = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    /** The feature a class belongs to ({@code org} for {@code com.sealflow.server.org.x.Y}), or null for the root. */
    static String feature(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith(ROOT + ".")) {
            return null;
        }
        String rest = pkg.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static ArchCondition<JavaClass> onlyUsePublicApiOfOtherFeatures() {
        return new ArchCondition<>("only use public classes in the top package of other features") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = feature(origin);
                for (Dependency dep : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dep.getTargetClass().getBaseComponentType();
                    String to = feature(target);
                    if (to == null || to.equals(from) || !target.getPackageName().startsWith(ROOT)) {
                        continue;
                    }
                    // a feature's API is its top package plus, where it has one, its published model records
                    boolean topPackage = target.getPackageName().equals(ROOT + "." + to)
                        || target.getPackageName().equals(ROOT + "." + to + ".model");
                    boolean visible = target.getModifiers().contains(JavaModifier.PUBLIC)
                        && target.getEnclosingClass().map(e -> e.getModifiers().contains(JavaModifier.PUBLIC)).orElse(true);
                    if (!topPackage || !visible) {
                        events.add(SimpleConditionEvent.violated(dep, dep.getDescription()
                            + " reaches into feature '" + to + "' beyond its public top-level API"));
                    }
                }
            }
        };
    }
}
