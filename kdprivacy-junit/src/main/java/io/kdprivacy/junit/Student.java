package io.kdprivacy.junit;

import io.kdprivacy.model.ModelFamily;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The student of a {@link PrivacyTest}, named one of three ways:
 * <pre>
 * &#64;Student(family = GPT2, size = "nano")         // initialised on the public half, then distilled
 * &#64;Student(base = "models/distilgpt2")           // every KD student and the no-KD reference start from this base
 * &#64;Student(checkpoint = "models/support-student",  // the team's distilled student, audited as it is
 *          reference = "models/support-no-kd")     // optional: its base fine-tuned on the student's data only
 * </pre>
 * A student checkpoint needs a teacher checkpoint; without a {@link #reference()} its inherited leakage is
 * reported as not measured (kdprivacy never trains a stand-in at the checkpoint's size).
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface Student {

    /** Family of a student trained from scratch. */
    ModelFamily family() default ModelFamily.GPT2;

    /** Size of a student trained from scratch: {@code nano}, {@code tiny} or {@code small}, not bigger than the teacher; empty means {@code nano}. */
    String size() default "";

    /** Directory of a pretrained checkpoint every distilled student (and the no-KD reference) starts from. */
    String base() default "";

    /** Directory of an already distilled student, audited as it is. */
    String checkpoint() default "";

    /** With {@link #checkpoint()}: directory of the no-KD reference checkpoint. */
    String reference() default "";

    /**
     * Epochs of the initial student's fine-tune on public data, from scratch only (0 means 2); a base student starts
     * as it is. The no-KD reference gets the students' distillation budget (see {@link #distillationEpochs()}).
     */
    int initEpochs() default 0;

    /**
     * Directory to write every distilled student to, in Hugging Face layout, as {@code <dir>/<technique>}: the
     * exact weights the report audited (its {@code student.weights} hash is in the file's metadata).
     */
    String exportTo() default "";

    /** Distillation epochs ({@value io.kdprivacy.distill.DistillationConfig#DEFAULT_EPOCHS}). */
    int distillationEpochs() default io.kdprivacy.distill.DistillationConfig.DEFAULT_EPOCHS;

    /** Distillation learning rate of every technique (NaN: each technique's default, 1e-3; MiniLLM 5e-4). */
    double distillationLearningRate() default Double.NaN;
}
