package io.kdprivacy.validity;

import io.kdprivacy.data.Example;
import io.kdprivacy.data.TextNormalizer;
import io.kdprivacy.stats.Bootstrap;
import io.kdprivacy.stats.Interval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A model-free membership "attack": if a classifier that never looks at any model can tell members
 * from non-members by their text alone, the evaluation set is biased (different lengths, topics or
 * templates), and every attack AUC on it measures that bias, not the model's leakage.
 *
 * <p>Features: binary hashed bag of words (2¹² buckets) of prompt and response, plus the log
 * character lengths of both. Classifier: L2-regularised logistic regression (full-batch gradient
 * descent, standardised length features). The AUC is computed from out-of-fold scores of a seeded,
 * stratified k-fold cross-validation, with a seeded bootstrap interval. The set is judged
 * <b>invalid</b> when the AUC's lower bound exceeds {@code maxAuc} (default 0.55): a bias the data
 * support, not a chance fluctuation.
 */
public final class BlindBaseline {

    private static final int BUCKETS = 1 << 12;
    private static final int FEATURES = BUCKETS + 2;

    private final int folds;
    private final double maxAuc;
    private final long seed;

    /** 5 folds, invalid above a lower bound of 0.55. */
    public BlindBaseline(long seed) {
        this(5, 0.55, seed);
    }

    public BlindBaseline(int folds, double maxAuc, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be >= 2, got " + folds);
        }
        this.folds = folds;
        this.maxAuc = maxAuc;
        this.seed = seed;
    }

    /** The verdict of the blind baseline on a member / non-member evaluation set. */
    public record Verdict(boolean valid, Interval auc, int members, int nonMembers, String reason) {
    }

    /** Cross-validates the text-only classifier on {@code members} (label 1) vs {@code nonMembers} (label 0). */
    public Verdict evaluate(List<Example> members, List<Example> nonMembers) {
        if (members.size() < folds || nonMembers.size() < folds) {
            throw new IllegalArgumentException("the blind baseline needs at least " + folds
                    + " members and non-members, got " + members.size() + " and " + nonMembers.size());
        }
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        members.forEach(e -> {
            x.add(features(e));
            y.add(1);
        });
        nonMembers.forEach(e -> {
            x.add(features(e));
            y.add(0);
        });
        standardiseLengths(x);
        int[] fold = stratifiedFolds(y);
        double[] score = new double[x.size()];
        for (int f = 0; f < folds; f++) {
            List<float[]> trainX = new ArrayList<>();
            List<Integer> trainY = new ArrayList<>();
            for (int i = 0; i < x.size(); i++) {
                if (fold[i] != f) {
                    trainX.add(x.get(i));
                    trainY.add(y.get(i));
                }
            }
            double[] w = LogisticRegression.fit(trainX, trainY, FEATURES, 1e-3, 200, 0.5);
            for (int i = 0; i < x.size(); i++) {
                if (fold[i] == f) {
                    score[i] = LogisticRegression.logit(w, x.get(i));
                }
            }
        }
        double[] memberScores = new double[members.size()];
        double[] nonMemberScores = new double[nonMembers.size()];
        for (int i = 0; i < score.length; i++) {
            if (i < members.size()) {
                memberScores[i] = score[i];
            } else {
                nonMemberScores[i - members.size()] = score[i];
            }
        }
        Interval auc = Bootstrap.auc(memberScores, nonMemberScores, 1000, 0.95, seed);
        boolean valid = auc.lower() <= maxAuc;
        String reason = valid
                ? String.format("text alone does not separate members from non-members (AUC %.3f, 95%% CI %.3f–%.3f)",
                auc.point(), auc.lower(), auc.upper())
                : String.format("text alone separates members from non-members (AUC %.3f, 95%% CI %.3f–%.3f > %.2f): "
                + "the evaluation set is biased, attack results on it would measure the bias",
                auc.point(), auc.lower(), auc.upper(), maxAuc);
        return new Verdict(valid, auc, members.size(), nonMembers.size(), reason);
    }

    static float[] features(Example e) {
        float[] f = new float[FEATURES];
        for (String field : new String[] {e.prompt(), e.response()}) {
            for (String word : TextNormalizer.normalize(field).split(" ")) {
                if (!word.isEmpty()) {
                    f[Math.floorMod(word.hashCode(), BUCKETS)] = 1f;
                }
            }
        }
        f[BUCKETS] = (float) Math.log1p(e.prompt().length());
        f[BUCKETS + 1] = (float) Math.log1p(e.response().length());
        return f;
    }

    private static void standardiseLengths(List<float[]> x) {
        for (int j = BUCKETS; j < FEATURES; j++) {
            double mean = 0;
            for (float[] row : x) {
                mean += row[j];
            }
            mean /= x.size();
            double var = 0;
            for (float[] row : x) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            double sd = Math.sqrt(var / x.size()) + 1e-9;
            for (float[] row : x) {
                row[j] = (float) ((row[j] - mean) / sd);
            }
        }
    }

    private int[] stratifiedFolds(List<Integer> y) {
        int[] fold = new int[y.size()];
        Random random = new Random(seed);
        for (int label = 0; label <= 1; label++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < y.size(); i++) {
                if (y.get(i) == label) {
                    idx.add(i);
                }
            }
            Collections.shuffle(idx, random);
            for (int k = 0; k < idx.size(); k++) {
                fold[idx.get(k)] = k % folds;
            }
        }
        return fold;
    }
}
