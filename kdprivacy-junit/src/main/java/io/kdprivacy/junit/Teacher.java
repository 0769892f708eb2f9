package io.kdprivacy.junit;

import io.kdprivacy.model.ModelFamily;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The teacher of a {@link PrivacyTest}: trained from scratch on the private half, or loaded from a checkpoint. */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface Teacher {

    ModelFamily family() default ModelFamily.GPT2;

    /** {@code nano}, {@code tiny} or {@code small}. */
    String size() default "tiny";

    /** Checkpoint directory to load instead of training. */
    String checkpoint() default "";

    /** Fine-tuning epochs on the private half. */
    int epochs() default 6;

    double learningRate() default 2e-3;
}
