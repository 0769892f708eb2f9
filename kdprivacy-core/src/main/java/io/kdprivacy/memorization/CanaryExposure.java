package io.kdprivacy.memorization;

import io.kdprivacy.data.Canary;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.GenerationConfig;
import io.kdprivacy.model.Generator;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.ResponseScorer;
import io.kdprivacy.model.TokenScores;
import io.kdprivacy.stats.ClopperPearson;
import io.kdprivacy.stats.SkewNormal;
import io.kdprivacy.text.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Secret Sharer exposure and greedy extraction of planted canaries.
 *
 * <p>For each canary the candidates are its true secret plus {@code randomCandidates} distinct other
 * secrets of the same format, drawn from the seed and the canary's id (so a canary's candidates do
 * not depend on the other canaries). Each candidate is scored by the model's total negative
 * log-likelihood of {@code " " + secret} after the canary's prompt. Rank 1 is the lowest NLL; ties
 * are broken <b>pessimistically</b> (every other candidate with NLL ≤ the true secret's ranks ahead
 * of it), so ties never inflate exposure. Exposure = log2|candidates| − log2 rank, between 0 and
 * log2(randomCandidates + 1).
 *
 * <p>That enumerated exposure saturates: a secret ranked first reads log2(R + 1) bits (6.66 with 100 candidates)
 * however far below the candidates its NLL lies, so a teacher and a student that both rank it first look alike.
 * Each canary therefore also gets the <b>extrapolated exposure</b> of Carlini et al., "The Secret Sharer"
 * (USENIX Security 2019, §4.2, approximating exposure): a skew-normal is fitted by moments
 * ({@link SkewNormal#fitMoments}) to the R random candidates' total NLLs (the true secret left out), and
 * exposure ≈ −log2 F̂(NLL of the true secret), F̂ the fitted CDF. It is not capped (a secret 20 standard
 * deviations below the candidates reads hundreds to thousands of bits) and for an ordinary draw it is close to the
 * enumerated value. It is an estimate: that the candidates' NLLs follow a skew-normal, far into the tail where no
 * candidate was seen, is an assumption — so both numbers are reported. It is NaN with fewer than 3 random candidates or
 * when they all score the same NLL.
 *
 * <p>Extraction: greedy decoding of the prompt, forced to the secret's token length, reproduces the
 * response {@code " " + secret} token for token.
 */
public final class CanaryExposure {

    /** The default number of random candidates besides the true secret. */
    public static final int DEFAULT_CANDIDATES = 1000;

    private final Tokenizer tokenizer;
    private final int randomCandidates;
    private final long seed;
    private final int batchSize;

    /**
     * @param randomCandidates random secrets ranked against the true one (R)
     * @param batchSize        sequences per forward pass when scoring and decoding
     */
    public CanaryExposure(Tokenizer tokenizer, int randomCandidates, long seed, int batchSize) {
        if (randomCandidates < 1) {
            throw new IllegalArgumentException("randomCandidates must be >= 1, got " + randomCandidates);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.tokenizer = tokenizer;
        this.randomCandidates = randomCandidates;
        this.seed = seed;
        this.batchSize = batchSize;
    }

    /** Exposure and extraction of every canary, in order. */
    public CanaryExposureResult measure(CausalLm model, List<Canary> canaries) {
        if (canaries.isEmpty()) {
            throw new IllegalArgumentException("no canaries");
        }
        int perCanary = randomCandidates + 1;
        List<PromptResponse> sequences = new ArrayList<>(canaries.size() * perCanary);
        for (Canary c : canaries) {
            int[] prompt = tokenizer.encode(c.prompt());
            for (String secret : candidates(c)) {
                sequences.add(new PromptResponse(prompt, tokenizer.encode(Canary.response(secret))));
            }
        }
        List<TokenScores> scores = new ResponseScorer(model, batchSize, model.config().maxPositions()).score(sequences);
        boolean[] extracted = extracted(model, canaries);
        List<CanaryExposureResult.Outcome> outcomes = new ArrayList<>(canaries.size());
        int hits = 0;
        for (int i = 0; i < canaries.size(); i++) {
            double[] nll = new double[perCanary];
            for (int j = 0; j < perCanary; j++) {
                nll[j] = totalNll(scores.get(i * perCanary + j));
            }
            int rank = pessimisticRank(nll);
            Canary c = canaries.get(i);
            outcomes.add(new CanaryExposureResult.Outcome(c.id(), c.kind(), rank, exposure(perCanary, rank),
                    extrapolatedExposure(nll), extracted[i]));
            hits += extracted[i] ? 1 : 0;
        }
        return new CanaryExposureResult(outcomes, perCanary,
                ClopperPearson.interval(hits, canaries.size(), CanaryExposureResult.CONFIDENCE));
    }

    /** The true secret first, then the random candidates (distinct, none equal to it). */
    List<String> candidates(Canary canary) {
        if (canary.kind().spaceSize() < randomCandidates + 1) {
            throw new IllegalArgumentException(canary.kind() + " has only " + (long) canary.kind().spaceSize()
                    + " secrets; " + (randomCandidates + 1) + " candidates requested");
        }
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * canary.id().hashCode()));
        Set<String> out = new LinkedHashSet<>();
        out.add(canary.secret());
        while (out.size() < randomCandidates + 1) {
            out.add(canary.kind().randomSecret(random));
        }
        return List.copyOf(out);
    }

    /** Rank of entry 0 among all entries by ascending value, ties counted against it. */
    static int pessimisticRank(double[] nll) {
        int rank = 1;
        for (int j = 1; j < nll.length; j++) {
            if (nll[j] <= nll[0]) {
                rank++;
            }
        }
        return rank;
    }

    /** log2 candidates − log2 rank. */
    static double exposure(int candidates, int rank) {
        return (Math.log(candidates) - Math.log(rank)) / Math.log(2);
    }

    /**
     * −log2 F̂(nll[0]) with F̂ the skew-normal fitted by moments to {@code nll[1..]} (the random candidates); NaN
     * when there are fewer than 3 of them or they all have the same NLL.
     */
    static double extrapolatedExposure(double[] nll) {
        double[] candidates = Arrays.copyOfRange(nll, 1, nll.length);
        if (candidates.length < 3 || Arrays.stream(candidates).allMatch(v -> v == candidates[0])) {
            return Double.NaN;
        }
        return -SkewNormal.fitMoments(candidates).logCdf(nll[0]) / Math.log(2);
    }

    private static double totalNll(TokenScores s) {
        double sum = 0;
        for (float lp : s.logProbs()) {
            sum -= lp;
        }
        return sum;
    }

    private boolean[] extracted(CausalLm model, List<Canary> canaries) {
        // Group by target length so each group decodes with one forced length.
        boolean[] out = new boolean[canaries.size()];
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        List<int[]> targets = new ArrayList<>(canaries.size());
        for (int i = 0; i < canaries.size(); i++) {
            int[] target = tokenizer.encode(Canary.response(canaries.get(i).secret()));
            targets.add(target);
            byLength.computeIfAbsent(target.length, k -> new ArrayList<>()).add(i);
        }
        Generator generator = new Generator(model, batchSize);
        for (var group : byLength.entrySet()) {
            int length = group.getKey();
            List<int[]> prompts = group.getValue().stream().map(i -> tokenizer.encode(canaries.get(i).prompt())).toList();
            List<int[]> completions = generator.generate(prompts, GenerationConfig.greedy(length).withMinNewTokens(length));
            for (int k = 0; k < prompts.size(); k++) {
                int i = group.getValue().get(k);
                out[i] = Arrays.equals(completions.get(k), targets.get(i));
            }
        }
        return out;
    }
}
