package io.kdprivacy.junit;

import io.kdprivacy.distill.KdTechnique;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A privacy test: runs once per KD technique (named like {@code [GKD] studentIsSafeToShip}), each time
 * distilling (or loading) a student from the teacher, auditing teacher, student and reference student,
 * and passing the {@link io.kdprivacy.results.PrivacyReport} to the method. Models, distilled students and
 * audits are cached (in memory across invocations and test classes, on disk across runs).
 *
 * <p>The scenario comes from {@link PrivateData}, {@link Teacher}, {@link Student} and {@link Audit} on the
 * method or its class, or — for anything those cannot say — from a static method named by
 * {@link #scenario()} returning a {@link io.kdprivacy.scenario.PrivacyScenario}. Tagged {@code privacy}.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(PrivacyExtension.class)
@Tag("privacy")
public @interface PrivacyTest {

    /** The techniques to run, one invocation each; all six by default. */
    KdTechnique[] techniques() default {KdTechnique.KD, KdTechnique.SEQKD, KdTechnique.IMITKD, KdTechnique.GKD,
            KdTechnique.MINILLM, KdTechnique.DISTILLM};

    /**
     * Name of a static method of the test class (no parameters) returning a {@code PrivacyScenario}; when
     * set, the annotations describing the scenario are ignored.
     */
    String scenario() default "";

    /** Declarative gate: the student's strongest-attack membership AUC must be below this (NaN: none). */
    double maxMembershipAuc() default Double.NaN;

    /** Declarative gate: the student's member extraction rate must be at most this (NaN: none). */
    double maxExtractionRate() default Double.NaN;

    /** Declarative gate: the student's inherited leakage must be below this (NaN: none). */
    double maxInheritedLeakage() default Double.NaN;
}
