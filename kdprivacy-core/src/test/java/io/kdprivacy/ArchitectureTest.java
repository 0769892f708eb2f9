package io.kdprivacy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.kdprivacy.model.CausalLm;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering the build promises: the engine runs without a test framework. (Maven keeps JUnit, AssertJ and
 * Allure off this module's compile class path; this also catches them arriving through another dependency.)
 */
class ArchitectureTest {

    /** This module's own main classes: its build output, not the test jars or other modules on the class path. */
    private static final JavaClasses ENGINE = new ClassFileImporter().importPath(mainClasses());

    private static Path mainClasses() {
        try {
            // the directory (or jar) the engine's classes were loaded from
            return Path.of(CausalLm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theEngineIsWhatIsChecked() {
        assertThat(ENGINE.containPackage("io.kdprivacy.scenario")).isTrue();
        assertThat(ENGINE.stream().map(c -> c.getPackageName()).distinct())
                .contains("io.kdprivacy.model", "io.kdprivacy.cache").doesNotContain("io.kdprivacy.junit");
    }

    @Test
    void theEngineUsesNoTestFramework() {
        noClasses().that().resideInAPackage("io.kdprivacy..")
                .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..", "io.qameta.allure..",
                        "org.opentest4j..")
                .because("kdprivacy-core must run without JUnit, AssertJ or Allure")
                .check(ENGINE);
    }

    @Test
    void theEngineKnowsNothingOfTheExtensionOrTheAssertions() {
        noClasses().that().resideInAPackage("io.kdprivacy..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kdprivacy.junit..", "io.kdprivacy.assertj..",
                        "io.kdprivacy.maven..")
                .check(ENGINE);
    }
}
