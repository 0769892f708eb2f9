package io.kdprivacy.distill;

import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;

import java.util.List;

/**
 * The nulls that tell how much leakage a student <em>inherited</em> through its teacher.
 *
 * <ul>
 *   <li>{@link #noKdControl}: the paper's control — the initialised student fine-tuned on the public
 *       data with plain cross-entropy. It never sees the teacher, so whatever membership signal it
 *       shows on the teacher's members comes from the data distribution, not from the teacher.</li>
 *   <li>{@link #shadow}: the same technique distilled from a <em>shadow teacher</em> fine-tuned on a
 *       disjoint set drawn from the same distribution as the private data (no member in it). It also
 *       controls for what distillation itself does to the student.</li>
 * </ul>
 */
public final class ReferenceStudents {

    private ReferenceStudents() {
    }

    /** A copy of {@code initStudent} fine-tuned with cross-entropy on {@code publicData}; the teacher plays no part. */
    public static CausalLm noKdControl(CausalLm initStudent, List<PromptResponse> publicData, TrainingConfig training) {
        CausalLm reference = initStudent.copy();
        try {
            new SftTrainer(training).named("reference-student").train(reference, publicData);
            return reference;
        } catch (RuntimeException e) {
            reference.close();
            throw e;
        }
    }

    /**
     * Fine-tunes a copy of {@code teacherInit} on {@code shadowPrivate} (never the members) into a
     * shadow teacher, then distils a copy of {@code initStudent} from it with {@code distillation}.
     * The shadow teacher is closed before returning.
     */
    public static CausalLm shadow(CausalLm teacherInit, List<PromptResponse> shadowPrivate, TrainingConfig teacherTraining,
                                  CausalLm initStudent, List<PromptResponse> publicData,
                                  List<PromptResponse> validation, DistillationConfig distillation) {
        if (shadowPrivate.isEmpty()) {
            throw new IllegalArgumentException("shadow-private data is empty; split with a shadow part");
        }
        try (CausalLm shadowTeacher = teacherInit.copy()) {
            new SftTrainer(teacherTraining).named("shadow-teacher").train(shadowTeacher, shadowPrivate);
            CausalLm reference = initStudent.copy();
            try {
                new Distiller(distillation).distill(shadowTeacher, reference, publicData, validation);
                return reference;
            } catch (RuntimeException e) {
                reference.close();
                throw e;
            }
        }
    }
}
