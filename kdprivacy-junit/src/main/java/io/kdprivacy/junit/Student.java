package io.kdprivacy.junit;

import io.kdprivacy.model.ModelFamily;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The student of a {@link PrivacyTest}: initialised on the public half and distilled, or loaded from a
 * checkpoint (then distillation is skipped and only the audit runs).
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface Student {

    ModelFamily family() default ModelFamily.GPT2;

    /** {@code nano}, {@code tiny} or {@code small}; not bigger than the teacher. */
    String size() default "nano";

    /** Checkpoint directory of an already distilled student. */
    String checkpoint() default "";

    /** Epochs of the initial fine-tune on public data (also the reference student's). */
    int initEpochs() default 2;

    /** Distillation epochs. */
    int distillationEpochs() default 3;
}
