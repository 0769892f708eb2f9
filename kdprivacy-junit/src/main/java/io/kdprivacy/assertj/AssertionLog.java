package io.kdprivacy.assertj;

import io.kdprivacy.results.AssertionRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The assertions made on the current thread while a privacy test runs, so the extension can record them
 * in the results JSON, and the policy for inconclusive ones. The {@code @PrivacyTest} extension opens a log
 * around each invocation; outside one, assertions are not recorded and inconclusive ones fail.
 */
public final class AssertionLog {

    private static final ThreadLocal<AssertionLog> CURRENT = new ThreadLocal<>();

    private final List<AssertionRecord> records = new ArrayList<>();
    private final InconclusivePolicy policy;

    private AssertionLog(InconclusivePolicy policy) {
        this.policy = policy;
    }

    /** Starts recording on this thread; close the returned log with {@link #stop()}. */
    public static AssertionLog start(InconclusivePolicy policy) {
        AssertionLog log = new AssertionLog(policy);
        CURRENT.set(log);
        return log;
    }

    /** Stops recording on this thread. */
    public void stop() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }

    /** What was recorded, in order. */
    public List<AssertionRecord> records() {
        return List.copyOf(records);
    }

    static void record(AssertionRecord record) {
        AssertionLog log = CURRENT.get();
        if (log != null) {
            log.records.add(record);
        }
    }

    static InconclusivePolicy policy() {
        AssertionLog log = CURRENT.get();
        return log == null ? InconclusivePolicy.FAIL : log.policy;
    }
}
