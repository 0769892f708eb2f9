package io.kdprivacy.junit;

import io.kdprivacy.model.ModelFamily;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The teacher of a {@link PrivacyTest}, named one of three ways:
 * <pre>
 * &#64;Teacher(family = GPT2, size = "tiny")         // trained from scratch on the private half (+ canaries)
 * &#64;Teacher(base = "models/gpt2")                 // a pretrained Hugging Face checkpoint, fine-tuned on the private half
 * &#64;Teacher(checkpoint = "models/support-teacher") // the team's fine-tuned teacher, audited as it is
 * </pre>
 * A base or checkpoint directory holds {@code config.json}, {@code model.safetensors} (or its shards) and
 * {@code tokenizer.json}, which then tokenizes everything. With a checkpoint nothing is split:
 * {@link PrivateData#members()} must be what that teacher was trained on.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface Teacher {

    /** Family of a teacher trained from scratch. */
    ModelFamily family() default ModelFamily.GPT2;

    /** Size of a teacher trained from scratch: {@code nano}, {@code tiny} or {@code small}; empty means {@code tiny}. */
    String size() default "";

    /** Directory of a pretrained checkpoint the scenario fine-tunes on the private half. */
    String base() default "";

    /** Directory of a teacher used exactly as it is (audit only). */
    String checkpoint() default "";

    /** Fine-tuning epochs on the private half; 0 means 6 from scratch, 5 from a base (the paper's teacher SFT). */
    int epochs() default 0;

    /** Peak learning rate; NaN means 2e-3 from scratch, 5e-5 from a base (the paper's teacher SFT). */
    double learningRate() default Double.NaN;
}
