package io.kdprivacy.distill;

import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.DecodingSession;
import io.kdprivacy.model.PromptResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * MiniLLM's rollout policy: the student and the teacher decode in lockstep and each token is drawn
 * from (1 − α)·q_student + α·p_teacher (temperature 1, whole distribution). Rows stop at
 * end-of-sequence (not part of the response) or after {@code maxNewTokens}.
 */
final class TeacherMixedSampler {

    private final CausalLm student;
    private final CausalLm teacher;
    private final double alpha;
    private final int maxNewTokens;

    TeacherMixedSampler(CausalLm student, CausalLm teacher, double alpha, int maxNewTokens) {
        this.student = student;
        this.teacher = teacher;
        this.alpha = alpha;
        this.maxNewTokens = maxNewTokens;
    }

    List<Rollout> sample(List<PromptResponse> examples, long seed) {
        List<int[]> prompts = examples.stream().map(PromptResponse::prompt).toList();
        int rows = prompts.size();
        int vocab = student.config().vocabSize();
        int eos = student.config().eosTokenId();
        List<List<Integer>> tokens = new ArrayList<>();
        List<List<Float>> oldLp = new ArrayList<>();
        List<List<Float>> teacherLp = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            tokens.add(new ArrayList<>());
            oldLp.add(new ArrayList<>());
            teacherLp.add(new ArrayList<>());
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] active = new boolean[rows];
        Arrays.fill(active, true);
        try (DecodingSession s = new DecodingSession(student, prompts, maxNewTokens);
             DecodingSession t = new DecodingSession(teacher, prompts, maxNewTokens)) {
            for (int n = 0; n < maxNewTokens; n++) {
                float[] sl = s.logits();
                float[] tl = t.logits();
                long[] next = new long[rows];
                boolean any = false;
                for (int i = 0; i < rows; i++) {
                    next[i] = eos;
                    double u = random.nextDouble(); // drawn for every row so rows do not shift each other's draws
                    if (!active[i]) {
                        continue;
                    }
                    double[] q = logSoftmax(sl, i * vocab, vocab);
                    double[] p = logSoftmax(tl, i * vocab, vocab);
                    int token = drawFromMixture(q, p, u);
                    next[i] = token;
                    if (token == eos) {
                        active[i] = false;
                    } else {
                        tokens.get(i).add(token);
                        oldLp.get(i).add((float) q[token]);
                        teacherLp.get(i).add((float) p[token]);
                        active[i] = tokens.get(i).size() < maxNewTokens;
                    }
                    any |= active[i];
                }
                if (!any || n + 1 == maxNewTokens) {
                    break;
                }
                s.append(next, active);
                t.append(next, active);
            }
        }
        List<Rollout> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            int[] response = tokens.get(i).stream().mapToInt(Integer::intValue).toArray();
            out.add(new Rollout(new PromptResponse(prompts.get(i), response), floats(oldLp.get(i)), floats(teacherLp.get(i))));
        }
        return out;
    }

    private int drawFromMixture(double[] logQ, double[] logP, double u) {
        double acc = 0;
        int last = 0;
        for (int v = 0; v < logQ.length; v++) {
            double prob = (1 - alpha) * Math.exp(logQ[v]) + alpha * Math.exp(logP[v]);
            if (prob > 0) {
                last = v;
            }
            acc += prob;
            if (u < acc) {
                return v;
            }
        }
        return last;
    }

    static double[] logSoftmax(float[] logits, int offset, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(logits[offset + i] - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = logits[offset + i] - log;
        }
        return out;
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
