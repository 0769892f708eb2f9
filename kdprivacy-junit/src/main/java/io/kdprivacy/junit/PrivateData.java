package io.kdprivacy.junit;

import io.kdprivacy.scenario.ExampleGenerator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The private data of a {@link PrivacyTest}: JSONL files of prompt/response lines (paths relative to the
 * working directory, i.e. the Maven module), or a seeded generator. When kdprivacy trains the teacher, members
 * are split into the teacher's private half and a public half for the students; with a teacher checkpoint,
 * members are what that teacher was trained on and {@link #studentData()} what the student is distilled on.
 * Non-members are the holdout.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface PrivateData {

    /** JSONL file of candidate members. */
    String members() default "";

    /** JSONL file of non-members (the holdout). */
    String nonMembers() default "";

    /** With a teacher checkpoint: JSONL file of what the student was (or is to be) distilled on. */
    String studentData() default "";

    /** A generator used instead of the files. */
    Class<? extends ExampleGenerator> generator() default ExampleGenerator.class;

    /** Members drawn from the generator. */
    int memberCount() default 0;

    /** Non-members drawn from the generator. */
    int nonMemberCount() default 0;

    /** Seeded canary secrets planted in the teacher's private data. */
    int canaries() default 0;

    /** Copies of each canary ({@value io.kdprivacy.scenario.PrivacyScenario#DEFAULT_CANARY_REPETITIONS}). */
    int canaryRepetitions() default io.kdprivacy.scenario.PrivacyScenario.DEFAULT_CANARY_REPETITIONS;
}
