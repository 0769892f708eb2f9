package io.kdprivacy.distill;

/** Where a training sequence's response came from. */
public enum SequenceOrigin {
    /** The dataset's own response. */
    GROUND_TRUTH,
    /** Sampled from the teacher. */
    TEACHER_GENERATED,
    /** Sampled from the student being distilled. */
    STUDENT_GENERATED
}
