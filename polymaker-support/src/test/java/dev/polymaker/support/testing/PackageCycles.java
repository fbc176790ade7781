package dev.polymaker.support.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The "no package cycle" rule of docs/architecture.md §6: every package under a root, taken
 * whole (a sub-package is a package of its own), must not depend back on a package that
 * depends on it. Read from the compiled classes, so fully qualified references count too.
 */
public final class PackageCycles {

    private PackageCycles() {
    }

    /** Fails with every cycle between the main (non-test) packages under {@code rootPackage}. */
    public static void assertNone(String rootPackage) {
        rule(rootPackage).check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage));
    }

    public static ArchRule rule(String rootPackage) {
        return slices().matching(rootPackage + ".(**)").should().beFreeOfCycles();
    }

    /** For the rule's own test: the classes of a package tree, test classes included. */
    static JavaClasses classesOf(String rootPackage) {
        return new ClassFileImporter().importPackages(rootPackage);
    }
}
