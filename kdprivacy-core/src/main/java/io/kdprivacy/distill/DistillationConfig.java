package io.kdprivacy.distill;

/**
 * Hyper-parameters of one distillation run. {@link #builder(KdTechnique)} starts from the reference
 * values of method.md, scaled to models trained from scratch on CPU (see docs/distillation.md):
 *
 * <ul>
 *   <li>learning rate 1e-3 (the reference 5e-5 … 5e-4 is for pretrained GPT-2; ours start from a
 *       short SFT), cosine to 1e-6, no warm-up, weight decay 0.01, clip 1.0;</li>
 *   <li>GKD β = 0.9 and student-data ratio λ = 0.5; DistiLLM skew α = 0.1, initial student-data
 *       threshold 0, loss ε = 0.1, threshold step 0.1, "decreasing" replay;</li>
 *   <li>student / teacher sampling at temperature 1, top-p 1, replay buffer of 1000 sequences;</li>
 *   <li>MiniLLM: {@link MiniLlmSettings#defaults()}, learning rate 5e-4 (the reference uses 10× less
 *       than for KD, we use half).</li>
 * </ul>
 */
public record DistillationConfig(KdTechnique technique, double learningRate, double minLearningRate,
                                 int warmupSteps, double weightDecay, double gradientClip, int batchSize,
                                 int epochs, int maxLength, int maxNewTokens, double divergenceParameter,
                                 boolean skewForward, double studentDataRatio, int replayCapacity,
                                 double adaptiveInitThreshold, double adaptiveLossEpsilon,
                                 double adaptiveThresholdStep, MiniLlmSettings miniLlm, long seed) {

    /** Distillation epochs by default: {@value}. */
    public static final int DEFAULT_EPOCHS = 3;


    public DistillationConfig {
        if (technique == null) {
            throw new IllegalArgumentException("technique must not be null");
        }
        if (!(learningRate > 0) || batchSize < 1 || epochs < 1 || maxLength < 2 || maxNewTokens < 1) {
            throw new IllegalArgumentException("need learningRate > 0, batchSize >= 1, epochs >= 1, "
                    + "maxLength >= 2 and maxNewTokens >= 1");
        }
        if (!(studentDataRatio >= 0 && studentDataRatio <= 1)) {
            throw new IllegalArgumentException("studentDataRatio must be in [0, 1], got " + studentDataRatio);
        }
        if (miniLlm == null) {
            throw new IllegalArgumentException("miniLlm settings must not be null");
        }
        if (!(adaptiveInitThreshold >= 0 && adaptiveInitThreshold <= 1)) {
            throw new IllegalArgumentException("adaptiveInitThreshold must be in [0, 1], got " + adaptiveInitThreshold);
        }
    }

    /**
     * The training budget every technique gets on {@code publicExamples} public examples: {@code epochs ×
     * ⌈publicExamples / batchSize⌉} optimizer steps of {@code batchSize} training sequences each. The token-level
     * techniques take exactly these steps; MiniLLM stops its rounds of rollouts and PPO updates when it has taken
     * them (each of its steps also trains on a batch of ground-truth sequences for its language-modelling term).
     */
    public int optimizerSteps(int publicExamples) {
        if (publicExamples < 1) {
            throw new IllegalArgumentException("need at least one public example, got " + publicExamples);
        }
        return epochs * ((publicExamples + batchSize - 1) / batchSize);
    }

    /** The budget rule in words, e.g. {@code equal optimizer steps: 3 epochs × ⌈500 / 16⌉ = 96 steps of 16 sequences}. */
    public String budgetRule(int publicExamples) {
        return "equal optimizer steps: " + epochs + " epochs × ⌈" + publicExamples + " / " + batchSize + "⌉ = "
                + optimizerSteps(publicExamples) + " steps of " + batchSize + " sequences";
    }

    /** The divergence actually minimised (DistiLLM may use the skew forward variant). */
    public Divergence divergence() {
        if (technique == KdTechnique.DISTILLM && skewForward) {
            return Divergence.SKEW_FORWARD_KL;
        }
        return technique.divergence();
    }

    /** A builder starting from the technique's defaults. */
    public static Builder builder(KdTechnique technique) {
        return new Builder(technique);
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        Builder b = new Builder(technique);
        b.learningRate = learningRate;
        b.minLearningRate = minLearningRate;
        b.warmupSteps = warmupSteps;
        b.weightDecay = weightDecay;
        b.gradientClip = gradientClip;
        b.batchSize = batchSize;
        b.epochs = epochs;
        b.maxLength = maxLength;
        b.maxNewTokens = maxNewTokens;
        b.divergenceParameter = divergenceParameter;
        b.skewForward = skewForward;
        b.studentDataRatio = studentDataRatio;
        b.replayCapacity = replayCapacity;
        b.adaptiveInitThreshold = adaptiveInitThreshold;
        b.adaptiveLossEpsilon = adaptiveLossEpsilon;
        b.adaptiveThresholdStep = adaptiveThresholdStep;
        b.miniLlm = miniLlm;
        b.seed = seed;
        return b;
    }

    /** Builds {@link DistillationConfig}s; every field has the technique's default. */
    public static final class Builder {
        private final KdTechnique technique;
        private double learningRate = 1e-3;
        private double minLearningRate = 1e-6;
        private int warmupSteps;
        private double weightDecay = 0.01;
        private double gradientClip = 1.0;
        private int batchSize = 16;
        private int epochs = DEFAULT_EPOCHS;
        private int maxLength = 256;
        private int maxNewTokens = 64;
        private double divergenceParameter;
        private boolean skewForward;
        private double studentDataRatio = 0.5;
        private int replayCapacity = 1000;
        private double adaptiveInitThreshold;
        private double adaptiveLossEpsilon = 0.1;
        private double adaptiveThresholdStep = 0.1;
        private MiniLlmSettings miniLlm = MiniLlmSettings.defaults();
        private long seed = 42;

        private Builder(KdTechnique technique) {
            this.technique = technique;
            if (technique == KdTechnique.MINILLM) {
                this.learningRate = 5e-4;
            }
            this.divergenceParameter = technique.divergence().defaultParameter();
        }

        public Builder learningRate(double v) {
            this.learningRate = v;
            this.minLearningRate = Math.min(minLearningRate, v);
            return this;
        }

        public Builder warmupSteps(int v) {
            this.warmupSteps = v;
            return this;
        }

        public Builder weightDecay(double v) {
            this.weightDecay = v;
            return this;
        }

        public Builder gradientClip(double v) {
            this.gradientClip = v;
            return this;
        }

        public Builder batchSize(int v) {
            this.batchSize = v;
            return this;
        }

        public Builder epochs(int v) {
            this.epochs = v;
            return this;
        }

        public Builder maxLength(int v) {
            this.maxLength = v;
            return this;
        }

        /** Longest response sampled from the teacher (SeqKD) or the student (on-policy techniques). */
        public Builder maxNewTokens(int v) {
            this.maxNewTokens = v;
            return this;
        }

        /** GKD's β or DistiLLM's skew α. */
        public Builder divergenceParameter(double v) {
            this.divergenceParameter = v;
            return this;
        }

        /** DistiLLM only: skew forward KL instead of skew reverse KL. */
        public Builder skewForward(boolean v) {
            this.skewForward = v;
            return this;
        }

        /** GKD's λ: probability that a step trains on student-generated sequences. */
        public Builder studentDataRatio(double v) {
            this.studentDataRatio = v;
            return this;
        }

        public Builder replayCapacity(int v) {
            this.replayCapacity = v;
            return this;
        }

        /** DistiLLM's schedule: initial threshold τ₀, loss ε that raises τ, and the step τ rises by. */
        public Builder adaptiveSchedule(double initThreshold, double lossEpsilon, double thresholdStep) {
            this.adaptiveInitThreshold = initThreshold;
            this.adaptiveLossEpsilon = lossEpsilon;
            this.adaptiveThresholdStep = thresholdStep;
            return this;
        }

        /** MiniLLM's policy-gradient settings. */
        public Builder miniLlm(MiniLlmSettings v) {
            this.miniLlm = v;
            return this;
        }

        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        public DistillationConfig build() {
            return new DistillationConfig(technique, learningRate, minLearningRate, warmupSteps, weightDecay,
                    gradientClip, batchSize, epochs, maxLength, maxNewTokens, divergenceParameter, skewForward,
                    studentDataRatio, replayCapacity, adaptiveInitThreshold, adaptiveLossEpsilon,
                    adaptiveThresholdStep, miniLlm, seed);
        }
    }
}
