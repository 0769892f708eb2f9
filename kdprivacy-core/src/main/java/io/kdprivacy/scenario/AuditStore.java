package io.kdprivacy.scenario;

import io.kdprivacy.audit.ModelAudit;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.ResultsJson;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores a {@link ModelAudit} in a cache entry: {@code report.json} (the model's report records, in the results'
 * schema) and {@code scores.bin} (the format tag {@value #FORMAT}, then per attack the member and non-member
 * scores as big-endian doubles). Numbers only; no example text. A file of another format is refused, not
 * misread.
 */
final class AuditStore {

    /** The format of {@code scores.bin}; part of every audit's cache key, so a new format builds new entries. */
    static final String FORMAT = "kdprivacy-audit-scores/1";

    /**
     * What a cached {@code report.json} measures and how; part of every audit's cache key too, so an audit cached
     * before a change of either is redone instead of read back. Raise it whenever an attack's definition changes or
     * the report gains a metric. 2: the published zlib divides the mean NLL and Min-K% / Min-K%++ take ⌊k·T⌋ tokens
     * (1: the summed NLL, ⌈k·T⌉), and the extrapolated canary exposure. 3: utility (holdout NLL, perplexity, ROUGE-L
     * of greedy responses) on every model.
     */
    static final String REPORT_CONTENT = "kdprivacy-audit-report/3";

    private static final String REPORT = "report.json";
    private static final String SCORES = "scores.bin";

    private AuditStore() {
    }

    static void write(Path dir, ModelAudit audit) throws IOException {
        Files.writeString(dir.resolve(REPORT), ResultsJson.toJson(audit.report()), StandardCharsets.UTF_8);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(SCORES))))) {
            out.writeUTF(FORMAT);
            out.writeInt(audit.scores().size());
            for (Map.Entry<String, ModelAudit.AttackScores> e : audit.scores().entrySet()) {
                out.writeUTF(e.getKey());
                writeArray(out, e.getValue().members());
                writeArray(out, e.getValue().nonMembers());
            }
        }
    }

    static ModelAudit read(Path dir) {
        Path reportFile = dir.resolve(REPORT);
        try {
            ModelReport report = ResultsJson.modelFromJson(Files.readString(reportFile, StandardCharsets.UTF_8), reportFile);
            Map<String, ModelAudit.AttackScores> scores = new LinkedHashMap<>();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(SCORES))))) {
                String format = in.readUTF();
                if (!format.equals(FORMAT)) {
                    throw new IOException("its scores are in format '" + format + "', this kdprivacy reads '" + FORMAT
                            + "'; delete the entry to rebuild it");
                }
                int attacks = in.readInt();
                for (int i = 0; i < attacks; i++) {
                    String name = in.readUTF();
                    scores.put(name, new ModelAudit.AttackScores(readArray(in), readArray(in)));
                }
            }
            return new ModelAudit(report, scores);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached audit " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeArray(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readArray(DataInputStream in) throws IOException {
        double[] out = new double[in.readInt()];
        for (int i = 0; i < out.length; i++) {
            out[i] = in.readDouble();
        }
        return out;
    }
}
