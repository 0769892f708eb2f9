package io.kdprivacy.scenario;

import java.time.Duration;
import java.time.Instant;

/**
 * One step of a {@link ScenarioRunner} run as a person reads it: what was produced (a model or an audit),
 * where it came from, and when and how long it took.
 *
 * @param name     the phase, e.g. {@code teacher}, {@code distillation (GKD)}, {@code audit of the student}
 * @param outcome  where the result came from: {@link #BUILT}, {@link #REBUILT}, {@link #CACHED},
 *                 {@link #CHECKPOINT} or {@link #IN_MEMORY}
 * @param start    when the phase started
 * @param duration its wall time
 */
public record PipelinePhase(String name, String outcome, Instant start, Duration duration) {

    /** Built (trained or audited) now, and stored in the artifact cache. */
    public static final String BUILT = "built";
    /** The cached entry failed its checksum: deleted and built again. */
    public static final String REBUILT = "rebuilt (the cached entry failed its checksum)";
    /** Read from the artifact cache, built by an earlier run. */
    public static final String CACHED = "taken from the artifact cache";
    /** Loaded from a checkpoint the scenario names, used as it is. */
    public static final String CHECKPOINT = "loaded from a checkpoint";
    /** Already in memory: an earlier test of this run produced or loaded it. */
    public static final String IN_MEMORY = "reused from an earlier test of this run";

    public PipelinePhase {
        if (name == null || name.isBlank() || outcome == null || start == null || duration == null) {
            throw new IllegalArgumentException("a phase needs a name, an outcome, a start and a duration");
        }
    }

    /** When the phase ended. */
    public Instant end() {
        return start.plus(duration);
    }
}
