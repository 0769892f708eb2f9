package io.kdprivacy.results;

/** The models a privacy report audits, by the role they play; recorded as {@link #id()} in results. */
public enum ModelRole {
    /** The model fine-tuned on the private data. */
    TEACHER("teacher"),
    /** The distilled model under test. */
    STUDENT("student"),
    /** The no-KD reference: the student's starting point fine-tuned on public data only. */
    REFERENCE("reference");

    private final String id;

    ModelRole(String id) {
        this.id = id;
    }

    /** The role as results record it, e.g. {@code student}. */
    public String id() {
        return id;
    }
}
