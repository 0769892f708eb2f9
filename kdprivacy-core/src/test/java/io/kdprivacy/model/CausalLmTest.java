package io.kdprivacy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CausalLmTest {

    private static float[] logits(CausalLm model, long[][] rows, float[][] mask) {
        try (NDManager m = model.manager().newSubManager()) {
            int b = rows.length;
            int t = rows[0].length;
            long[] flat = new long[b * t];
            float[] maskFlat = new float[b * t];
            for (int i = 0; i < b; i++) {
                System.arraycopy(rows[i], 0, flat, i * t, t);
                System.arraycopy(mask[i], 0, maskFlat, i * t, t);
            }
            return Torch.noGrad(() -> model.forward(m.create(flat, new Shape(b, t)),
                    m.create(maskFlat, new Shape(b, t))).toFloatArray());
        }
    }

    private static float[] ones(int n) {
        float[] f = new float[n];
        java.util.Arrays.fill(f, 1f);
        return f;
    }

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void causalMaskBlocksTheFuture(ModelFamily family) {
        try (CausalLm model = CausalLm.initialize(Bytes.config(family, "nano"), 1)) {
            long[] a = {10, 20, 30, 40, 50};
            long[] b = {10, 20, 30, 99, 7};
            float[] la = logits(model, new long[][] {a}, new float[][] {ones(5)});
            float[] lb = logits(model, new long[][] {b}, new float[][] {ones(5)});
            int v = Bytes.VOCAB;
            for (int i = 0; i < 3 * v; i++) {
                assertThat(lb[i]).isCloseTo(la[i], within(1e-5f));
            }
            // position 3 sees the changed token
            double diff = 0;
            for (int i = 3 * v; i < 4 * v; i++) {
                diff += Math.abs(lb[i] - la[i]);
            }
            assertThat(diff).isGreaterThan(1e-3);
        }
    }

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void inferenceForwardEqualsTheAutogradForwardAndChangesNoInput(ModelFamily family) {
        // without autograd the forward updates its residual stream and scores in place; with it, it must not
        try (CausalLm model = CausalLm.initialize(Bytes.config(family, "nano"), 4);
             NDManager m = model.manager().newSubManager()) {
            long[] tokens = {5, 6, 7, 8, 1, 2, 3, 256};
            float[] mask = {1, 1, 1, 1, 1, 1, 1, 0};
            NDArray tokenArray = m.create(tokens, new Shape(2, 4));
            NDArray maskArray = m.create(mask, new Shape(2, 4));
            String weights = model.weightsHash();
            float[] inference = Torch.noGrad(() -> model.forward(tokenArray, maskArray).toFloatArray());
            model.setTrainable(true);
            float[] autograd = Torch.withGrad(() -> model.forward(tokenArray, maskArray).toFloatArray());
            model.setTrainable(false);
            assertThat(inference).containsExactly(autograd);
            assertThat(tokenArray.toLongArray()).containsExactly(tokens);
            assertThat(maskArray.toFloatArray()).containsExactly(mask);
            assertThat(model.weightsHash()).isEqualTo(weights);
        }
    }

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void selectedRowsEqualThoseRowsOfTheFullHiddenStates(ModelFamily family) {
        try (CausalLm model = CausalLm.initialize(Bytes.config(family, "nano"), 6);
             NDManager m = model.manager().newSubManager()) {
            NDArray tokens = m.create(new long[] {5, 6, 7, 8, 1, 2, 3, 256}, new Shape(2, 4));
            NDArray mask = m.create(new float[] {1, 1, 1, 1, 1, 1, 1, 0}, new Shape(2, 4));
            long[] rows = {6, 0, 3, 5};
            int d = model.config().hiddenSize();
            float[] full = Torch.noGrad(() -> model.hiddenStates(tokens, mask).toFloatArray());
            float[] selected = Torch.noGrad(() -> model.hiddenStates(tokens, mask, rows).toFloatArray());
            assertThat(selected).hasSize(rows.length * d);
            for (int r = 0; r < rows.length; r++) {
                for (int j = 0; j < d; j++) {
                    assertThat(selected[r * d + j]).as("row %d", rows[r])
                            .isCloseTo(full[(int) rows[r] * d + j], within(1e-5f));
                }
            }
            assertThatThrownBy(() -> model.hiddenStates(tokens, mask, new long[] {8}))
                    .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("row 8");
        }
    }

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void paddingDoesNotChangeRealTokens(ModelFamily family) {
        try (CausalLm model = CausalLm.initialize(Bytes.config(family, "nano"), 2)) {
            long[] shortRow = {5, 6, 7};
            float[] alone = logits(model, new long[][] {shortRow}, new float[][] {ones(3)});
            float[] padded = logits(model, new long[][] {{5, 6, 7, 256, 256}, {1, 2, 3, 4, 5}},
                    new float[][] {{1, 1, 1, 0, 0}, ones(5)});
            for (int i = 0; i < 3 * Bytes.VOCAB; i++) {
                assertThat(padded[i]).isCloseTo(alone[i], within(1e-4f));
            }
        }
    }

    @Test
    void optPositionTableStartsAtOffsetTwo() {
        try (CausalLm model = CausalLm.initialize(Bytes.config(ModelFamily.OPT, "nano"), 3)) {
            NDArray table = model.parameter("embed.positions");
            assertThat(table.getShape().get(0)).isEqualTo(128 + 2);
            float[] before = logits(model, new long[][] {{1, 2, 3}}, new float[][] {ones(3)});
            // rows 0 and 1 are OPT's offset rows: never read
            Torch.noGrad(() -> table.set(new ai.djl.ndarray.index.NDIndex("0:2, :"), 5f));
            float[] unused = logits(model, new long[][] {{1, 2, 3}}, new float[][] {ones(3)});
            assertThat(unused).containsExactly(before);
            // row 2 is position 0
            Torch.noGrad(() -> table.set(new ai.djl.ndarray.index.NDIndex("2, :"), 5f));
            float[] changed = logits(model, new long[][] {{1, 2, 3}}, new float[][] {ones(3)});
            assertThat(changed[0]).isNotEqualTo(before[0]);
        }
    }

    @Test
    void familiesHaveTheirDistinguishingParameters() {
        assertThat(CausalLm.layout(Bytes.config(ModelFamily.GPT2, "nano")))
                .containsKey("embed.positions").containsKey("blocks.0.attn.qkv.bias")
                .doesNotContainKey("lm_head.weight");
        assertThat(CausalLm.layout(Bytes.config(ModelFamily.LLAMA, "nano")).keySet())
                .contains("lm_head.weight")
                .noneMatch(n -> n.endsWith(".bias"))
                .noneMatch(n -> n.equals("embed.positions"));
        ModelConfig llama = Bytes.config(ModelFamily.LLAMA, "nano");
        assertThat(CausalLm.layout(llama).get("blocks.0.mlp.up.weight"))
                .isEqualTo(new Shape(2L * llama.intermediateSize(), llama.hiddenSize()));
    }

    @Test
    void rmsNormMatchesHandComputation() {
        try (NDManager m = Torch.newManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 4));
            NDArray w = m.create(new float[] {1, 0.5f, 2, 1});
            float[] y = CausalLm.rmsNorm(x, w, 1e-6).toFloatArray();
            double rms = Math.sqrt((1 + 4 + 9 + 16) / 4.0 + 1e-6);
            assertThat(y[0]).isCloseTo((float) (1 / rms), within(1e-6f));
            assertThat(y[1]).isCloseTo((float) (2 / rms * 0.5), within(1e-6f));
            assertThat(y[2]).isCloseTo((float) (3 / rms * 2), within(1e-6f));
        }
    }

    @Test
    void geluTanhMatchesFormula() {
        try (NDManager m = Torch.newManager()) {
            float[] y = CausalLm.geluTanh(m.create(new float[] {-2, 0, 0.5f, 3})).toFloatArray();
            float[] x = {-2, 0, 0.5f, 3};
            for (int i = 0; i < 4; i++) {
                double e = 0.5 * x[i] * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x[i] + 0.044715 * Math.pow(x[i], 3))));
                assertThat(y[i]).isCloseTo((float) e, within(1e-6f));
            }
        }
    }

    @Test
    void rotaryRotatesPairsAndDependsOnlyOnRelativePosition() {
        try (NDManager m = Torch.newManager()) {
            int hd = 8;
            float[] qv = {0.3f, -1.2f, 0.7f, 2.0f, 0.1f, 0.5f, -0.4f, 1.1f};
            float[] kv = {1.0f, 0.2f, -0.3f, 0.8f, -1.5f, 0.4f, 0.9f, -0.2f};
            NDArray q = m.create(qv, new Shape(1, 1, 1, hd));
            NDArray k = m.create(kv, new Shape(1, 1, 1, hd));
            double d1 = dot(rope(m, q, 3, hd), rope(m, k, 1, hd));
            double d2 = dot(rope(m, q, 13, hd), rope(m, k, 11, hd));
            assertThat(d1).isCloseTo(d2, within(1e-4));
            // the first pair (x0, x4) rotates by angle = position (inv freq 1 for i = 0)
            float[] r = rope(m, q, 1, hd);
            assertThat(r[0]).isCloseTo((float) (qv[0] * Math.cos(1) - qv[4] * Math.sin(1)), within(1e-5f));
            assertThat(r[4]).isCloseTo((float) (qv[4] * Math.cos(1) + qv[0] * Math.sin(1)), within(1e-5f));
            // rotation preserves length
            assertThat(dot(r, r)).isCloseTo(dot(qv, qv), within(1e-4));
        }
    }

    private static float[] rope(NDManager m, NDArray x, long position, int hd) {
        NDArray[] cs = Rotary.cosSin(m, new long[] {position}, 1, 1, hd, 10000.0, null);
        return Rotary.apply(x, cs[0], cs[1]).toFloatArray();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void cachedGreedyDecodingMatchesFullRecomputation(ModelFamily family) {
        try (CausalLm model = CausalLm.initialize(Bytes.config(family, "nano"), 4)) {
            List<int[]> prompts = List.of(Bytes.ids("hello wor"), Bytes.ids("ab"), Bytes.ids("the quick brown"));
            List<int[]> cached = new Generator(model, 3).generate(prompts, GenerationConfig.greedy(12).withMinNewTokens(12));
            for (int p = 0; p < prompts.size(); p++) {
                int[] seq = prompts.get(p);
                int[] expected = new int[12];
                for (int n = 0; n < 12; n++) {
                    long[] row = new long[seq.length];
                    for (int i = 0; i < seq.length; i++) {
                        row[i] = seq[i];
                    }
                    float[] l = logits(model, new long[][] {row}, new float[][] {ones(seq.length)});
                    float[] last = java.util.Arrays.copyOfRange(l, (seq.length - 1) * Bytes.VOCAB, seq.length * Bytes.VOCAB);
                    last[Bytes.EOS] = Float.NEGATIVE_INFINITY;
                    expected[n] = Sampling.argMax(last);
                    seq = java.util.Arrays.copyOf(seq, seq.length + 1);
                    seq[seq.length - 1] = expected[n];
                }
                assertThat(cached.get(p)).as("prompt %d", p).containsExactly(expected);
            }
        }
    }

    @Test
    void samplingIsSeededAndIndependentOfBatching() {
        try (CausalLm model = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "nano"), 5)) {
            List<int[]> prompts = List.of(Bytes.ids("one"), Bytes.ids("two two"), Bytes.ids("three"));
            GenerationConfig sampling = GenerationConfig.sampling(10, 77).withTopP(0.9);
            List<int[]> a = new Generator(model, 3).generate(prompts, sampling);
            List<int[]> b = new Generator(model, 1).generate(prompts, sampling);
            List<int[]> c = new Generator(model, 2).generate(prompts, sampling.withSeed(78));
            for (int i = 0; i < 3; i++) {
                assertThat(a.get(i)).containsExactly(b.get(i));
            }
            assertThat(a.stream().map(java.util.Arrays::toString).toList())
                    .isNotEqualTo(c.stream().map(java.util.Arrays::toString).toList());
        }
    }

    @Test
    void copyIsIndependentAndBlocksCanBeReplaced() {
        try (CausalLm model = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "nano"), 6);
             CausalLm other = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "nano"), 7);
             CausalLm copy = model.copy()) {
            assertThat(copy.weightsHash()).isEqualTo(model.weightsHash());
            assertThat(model.blockParameters(1)).hasSize(12);
            copy.setBlockParameters(1, other.blockParameters(1));
            assertThat(copy.weightsHash()).isNotEqualTo(model.weightsHash());
            assertThat(copy.blockParameters(1).get("blocks.1.attn.qkv.weight").toFloatArray())
                    .containsExactly(other.blockParameters(1).get("blocks.1.attn.qkv.weight").toFloatArray());
            assertThat(copy.blockParameters(0).get("blocks.0.attn.qkv.weight").toFloatArray())
                    .containsExactly(model.blockParameters(0).get("blocks.0.attn.qkv.weight").toFloatArray());
            assertThatThrownBy(() -> model.blockParameters(2)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void scoresAreLogProbabilitiesWithDistributionMoments() {
        try (CausalLm model = CausalLm.initialize(Bytes.config(ModelFamily.LLAMA, "nano"), 8)) {
            List<PromptResponse> examples = List.of(Bytes.example("Q: hi\nA:", " hello"), Bytes.example("x", "yz"));
            List<TokenScores> batched = new ResponseScorer(model, 2, 128).score(examples);
            List<TokenScores> single = new ResponseScorer(model, 1, 128).score(examples);
            assertThat(batched.get(0).length()).isEqualTo(6);
            assertThat(batched.get(1).length()).isEqualTo(2);
            for (int i = 0; i < 2; i++) {
                assertThat(batched.get(i).logProbs()).containsExactly(single.get(i).logProbs(), within(1e-4f));
            }
            // an untrained model is close to uniform: log p ≈ −ln V, μ ≈ −ln V, σ small
            double uniform = -Math.log(Bytes.VOCAB);
            TokenScores s = batched.get(0);
            for (int t = 0; t < s.length(); t++) {
                assertThat((double) s.logProbs()[t]).isCloseTo(uniform, within(0.5));
                assertThat((double) s.expectedLogProbs()[t]).isCloseTo(uniform, within(0.5));
                assertThat(s.logProbStds()[t]).isBetween(0f, 0.5f);
            }
        }
    }
    @Test
    void aBatchWhoseVocabularyHeadRunsInSeveralChunksScoresAsItsExamplesOneByOne() {
        int vocab = 50_257;
        try (CausalLm model = CausalLm.initialize(ModelConfig.of(ModelFamily.GPT2, vocab, 16, 1, 2, 96, vocab - 1), 3)) {
            java.util.Random random = new java.util.Random(4);
            List<PromptResponse> examples = new java.util.ArrayList<>();
            for (int length : new int[] {70, 45, 80, 21}) {
                examples.add(new PromptResponse(random.ints(5, 0, vocab - 1).toArray(),
                        random.ints(length, 0, vocab - 1).toArray()));
            }
            assertThat(ResponseScorer.headRows(vocab)).as("the batch's 216 response positions take several chunks")
                    .isLessThan(216);
            ResponseScorer batched = new ResponseScorer(model, 4, 96);
            ResponseScorer single = new ResponseScorer(model, 1, 96);
            List<TokenScores> chunked = batched.score(examples);
            List<TokenScores> alone = single.score(examples);
            double[] chunkedNll = batched.meanNll(examples);
            double[] aloneNll = single.meanNll(examples);
            for (int i = 0; i < examples.size(); i++) {
                assertThat(chunked.get(i).length()).isEqualTo(examples.get(i).response().length);
                assertThat(chunked.get(i).logProbs()).containsExactly(alone.get(i).logProbs(), within(1e-5f));
                assertThat(chunked.get(i).expectedLogProbs()).containsExactly(alone.get(i).expectedLogProbs(),
                        within(1e-5f));
                assertThat(chunked.get(i).logProbStds()).containsExactly(alone.get(i).logProbStds(), within(1e-5f));
                assertThat(chunkedNll[i]).isCloseTo(aloneNll[i], within(1e-5));
                assertThat(chunkedNll[i]).isCloseTo(chunked.get(i).meanNll(), within(1e-6));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void scoresEqualTheFullForwardDistributionAtResponsePositions(ModelFamily family) {
        try (CausalLm model = CausalLm.initialize(Bytes.config(family, "nano"), 9)) {
            List<PromptResponse> examples = List.of(Bytes.example("Q: hi\nA:", " hello"), Bytes.example("x", "yz"),
                    Bytes.example("abcd", "e"));
            ResponseScorer scorer = new ResponseScorer(model, 3, 128);
            List<TokenScores> scores = scorer.score(examples);
            double[] meanNll = scorer.meanNll(examples);
            for (int i = 0; i < examples.size(); i++) {
                int[] prompt = examples.get(i).prompt();
                int[] response = examples.get(i).response();
                long[] row = new long[prompt.length + response.length];
                for (int t = 0; t < row.length; t++) {
                    row[t] = t < prompt.length ? prompt[t] : response[t - prompt.length];
                }
                float[] logits = logits(model, new long[][] {row}, new float[][] {ones(row.length)});
                int vocab = model.config().vocabSize();
                TokenScores s = scores.get(i);
                assertThat(s.length()).isEqualTo(response.length);
                for (int t = 0; t < response.length; t++) {
                    // position prompt + t − 1 predicts response token t; log-softmax and moments in double
                    int base = (prompt.length + t - 1) * vocab;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int v = 0; v < vocab; v++) {
                        max = Math.max(max, logits[base + v]);
                    }
                    double z = 0;
                    for (int v = 0; v < vocab; v++) {
                        z += Math.exp(logits[base + v] - max);
                    }
                    double logZ = max + Math.log(z);
                    double mu = 0;
                    double second = 0;
                    for (int v = 0; v < vocab; v++) {
                        double logp = logits[base + v] - logZ;
                        mu += Math.exp(logp) * logp;
                        second += Math.exp(logp) * logp * logp;
                    }
                    assertThat((double) s.logProbs()[t]).as("example %d token %d", i, t)
                            .isCloseTo(logits[base + response[t]] - logZ, within(1e-4));
                    assertThat((double) s.expectedLogProbs()[t]).isCloseTo(mu, within(1e-4));
                    assertThat((double) s.logProbStds()[t]).isCloseTo(Math.sqrt(second - mu * mu), within(1e-3));
                }
                assertThat(meanNll[i]).isCloseTo(s.meanNll(), within(1e-9));
            }
        }
    }
}
