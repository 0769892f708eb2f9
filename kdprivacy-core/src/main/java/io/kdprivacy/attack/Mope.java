package io.kdprivacy.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.ResponseScorer;
import io.kdprivacy.model.Torch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * MoPe (model perturbation): s(x) = (1/M) Σ_i NLL(θ + σ·ε_i; x) − NLL(θ; x), with ε_i ~ N(0, I) over
 * every weight (embeddings, norms and biases included) and NLL the mean response NLL. Members sit in
 * sharper minima, so their loss rises more: higher = member. The reference code reports the negation,
 * NLL(θ) − mean perturbed NLL, and predicts members when it is lower; the ranking is the same.
 *
 * <p>Noise for perturbation i of parameter {@code name} is drawn on the host from a generator seeded by
 * (seed, i, name), so scores are reproducible and independent of parameter order. The model is changed in
 * place and restored after every perturbation from an exact host copy of the perturbed tensors (adding then
 * subtracting the noise would not be exact in float32); the weights are restored even if scoring fails.
 * The reference adds noise to bf16 weights; we perturb float32 weights.
 *
 * <p>{@link #blockwise} is the per-block variant of the paper's §6: only one transformer block's weights
 * are perturbed, giving one AUC per block.
 */
public final class Mope {

    /** Perturbations per score in the reference scripts. */
    public static final int DEFAULT_PERTURBATIONS = 10;
    /** The reference's σ for GPT-2 students (scale to the model size and document the choice). */
    public static final double STUDENT_SIGMA = 0.01;
    /** The reference's σ for the GPT-2 teacher and no-KD students. */
    public static final double TEACHER_SIGMA = 0.005;

    private final int perturbations;
    private final double sigma;
    private final long seed;
    private final int batchSize;
    private final int maxLength;

    /**
     * @param perturbations M ≥ 1
     * @param sigma         noise standard deviation, &gt; 0
     * @param seed          noise seed
     * @param batchSize     examples per scoring forward pass
     * @param maxLength     longest prompt + response kept
     */
    public Mope(int perturbations, double sigma, long seed, int batchSize, int maxLength) {
        if (perturbations < 1) {
            throw new IllegalArgumentException("perturbations must be >= 1, got " + perturbations);
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be > 0, got " + sigma);
        }
        this.perturbations = perturbations;
        this.sigma = sigma;
        this.seed = seed;
        this.batchSize = batchSize;
        this.maxLength = maxLength;
    }

    /** MoPe scores with every parameter perturbed, one per example (NaN for an empty response). */
    public double[] scores(CausalLm model, List<PromptResponse> examples) {
        return scores(model, examples, null);
    }

    /**
     * As {@link #scores(CausalLm, List)}, with the unperturbed mean NLLs already known (from the
     * model's {@link ScoreCache#meanNll()} with the same batch size and length), so only the M perturbed
     * passes run.
     *
     * @param unperturbed mean NLL of each example under the unchanged model, or null to compute it
     */
    public double[] scores(CausalLm model, List<PromptResponse> examples, double[] unperturbed) {
        return run(model, examples, model.parameters(), baseline(model, examples, unperturbed));
    }

    /** MoPe scores with only block {@code block}'s parameters perturbed. */
    public double[] blockScores(CausalLm model, List<PromptResponse> examples, int block) {
        return run(model, examples, model.blockParameters(block), baseline(model, examples, null));
    }

    /**
     * Block-restricted MoPe for every transformer block: element i is the attack result when only block
     * i is perturbed. Costs M scoring passes per block (plus one when the baselines are not given).
     *
     * @param memberNll    unperturbed mean NLL of each member, or null to compute it
     * @param nonMemberNll unperturbed mean NLL of each non-member, or null to compute it
     */
    public List<AttackResult> blockwise(CausalLm model, List<PromptResponse> members, List<PromptResponse> nonMembers,
                                        double[] memberNll, double[] nonMemberNll, MembershipAttack evaluator) {
        return blockwise(model, members, nonMembers, memberNll, nonMemberNll, evaluator,
                java.util.stream.IntStream.range(0, model.blockCount()).boxed().toList());
    }

    /** As {@link #blockwise(CausalLm, List, List, double[], double[], MembershipAttack)} for the given blocks only, in their order. */
    public List<AttackResult> blockwise(CausalLm model, List<PromptResponse> members, List<PromptResponse> nonMembers,
                                        double[] memberNll, double[] nonMemberNll, MembershipAttack evaluator,
                                        List<Integer> blocks) {
        List<PromptResponse> all = new ArrayList<>(members);
        all.addAll(nonMembers);
        double[] baseline = memberNll == null || nonMemberNll == null ? baseline(model, all, null)
                : concat(checked(memberNll, members), checked(nonMemberNll, nonMembers));
        List<AttackResult> out = new ArrayList<>(blocks.size());
        for (int b : blocks) {
            double[] s = run(model, all, model.blockParameters(b), baseline);
            out.add(evaluator.evaluate(Arrays.copyOfRange(s, 0, members.size()),
                    Arrays.copyOfRange(s, members.size(), s.length)));
        }
        return out;
    }

    private double[] baseline(CausalLm model, List<PromptResponse> examples, double[] given) {
        return given != null ? checked(given, examples)
                : new ResponseScorer(model, batchSize, maxLength).meanNll(examples);
    }

    private static double[] checked(double[] nll, List<PromptResponse> examples) {
        if (nll.length != examples.size()) {
            throw new IllegalArgumentException(nll.length + " unperturbed losses for " + examples.size() + " examples");
        }
        return nll;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private double[] run(CausalLm model, List<PromptResponse> examples, Map<String, NDArray> targets,
                         double[] original) {
        ResponseScorer scorer = new ResponseScorer(model, batchSize, maxLength);
        double[] perturbed = new double[examples.size()];
        try (NDManager backupManager = Torch.newManager()) {
            Map<String, NDArray> backup = new LinkedHashMap<>();
            targets.forEach((name, p) -> backup.put(name, backupManager.create(p.toFloatArray(), p.getShape())));
            for (int i = 0; i < perturbations; i++) {
                try {
                    perturb(targets, i);
                    double[] nll = scorer.meanNll(examples);
                    for (int e = 0; e < nll.length; e++) {
                        perturbed[e] += nll[e];
                    }
                } finally {
                    restore(targets, backup);
                }
            }
        }
        double[] out = new double[examples.size()];
        for (int e = 0; e < out.length; e++) {
            out[e] = perturbed[e] / perturbations - original[e];
        }
        return out;
    }

    private void perturb(Map<String, NDArray> targets, int index) {
        try (NDManager m = Torch.newManager()) {
            Torch.noGrad(() -> {
                for (Map.Entry<String, NDArray> e : targets.entrySet()) {
                    NDArray p = e.getValue();
                    float[] noise = noise(seed, index, e.getKey(), Math.toIntExact(p.getShape().size()), sigma);
                    p.addi(m.create(noise, p.getShape()));
                }
            });
        }
    }

    private static void restore(Map<String, NDArray> targets, Map<String, NDArray> backup) {
        Torch.noGrad(() -> targets.forEach((name, p) -> p.set(new NDIndex("..."), backup.get(name))));
    }

    /** N(0, σ²) noise for perturbation {@code index} of parameter {@code name}, reproducible from the seed. */
    static float[] noise(long seed, int index, String name, int size, double sigma) {
        long s = mix(mix(seed) + index);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            s = mix(s + b);
        }
        SplittableRandom random = new SplittableRandom(s);
        float[] out = new float[size];
        for (int i = 0; i < size; i += 2) {
            // Box–Muller, both outputs.
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            double r = Math.sqrt(-2.0 * Math.log(u1)) * sigma;
            out[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < size) {
                out[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
            }
        }
        return out;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
