package io.kdprivacy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kdprivacy.model.Torch;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AdamWTest {

    /** Reference: torch.optim.AdamW's update rule, written out in doubles. */
    private static double[] reference(double w, double[] grads, double lr, double wd, double scale) {
        double m = 0;
        double v = 0;
        double b1 = 0.9;
        double b2 = 0.999;
        for (int t = 1; t <= grads.length; t++) {
            double g = grads[t - 1] * scale;
            w *= 1 - lr * wd;
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            double mHat = m / (1 - Math.pow(b1, t));
            double vHat = v / (1 - Math.pow(b2, t));
            w -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
        }
        return new double[] {w};
    }

    @Test
    void matchesTheAdamWUpdateRuleAndSkipsDecayOnBiases() {
        double[] grads = {0.5, -0.2, 0.9, 0.05};
        try (NDManager m = Torch.newManager()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("blocks.0.mlp.up.weight", m.create(new float[] {1.5f}));
            params.put("blocks.0.mlp.up.bias", m.create(new float[] {1.5f}));
            params.values().forEach(p -> Torch.requireGrad(p, true));
            try (AdamW adam = new AdamW(params, 0.1)) {
                for (double g : grads) {
                    for (NDArray p : params.values()) {
                        NDArray loss = Torch.withGrad(() -> p.mul((float) g).sum());
                        Torch.backward(loss);
                    }
                    adam.step(0.05, 0.5);
                }
            }
            assertThat((double) params.get("blocks.0.mlp.up.weight").getFloat())
                    .isCloseTo(reference(1.5, grads, 0.05, 0.1, 0.5)[0], within(1e-5));
            assertThat((double) params.get("blocks.0.mlp.up.bias").getFloat())
                    .isCloseTo(reference(1.5, grads, 0.05, 0.0, 0.5)[0], within(1e-5));
        }
    }

    @Test
    void decayExcludesBiasesAndNorms() {
        assertThat(AdamW.decays("blocks.1.attn.qkv.weight")).isTrue();
        assertThat(AdamW.decays("embed.tokens")).isTrue();
        assertThat(AdamW.decays("blocks.1.attn.qkv.bias")).isFalse();
        assertThat(AdamW.decays("blocks.1.norm1.weight")).isFalse();
        assertThat(AdamW.decays("norm.weight")).isFalse();
    }

    @Test
    void scheduleWarmsUpThenDecaysToTheFloor() {
        LearningRateSchedule s = new LearningRateSchedule(1.0, 0.1, 4, 25);
        assertThat(s.rate(0)).isCloseTo(0.25, within(1e-12));
        assertThat(s.rate(3)).isCloseTo(1.0, within(1e-12));
        assertThat(s.rate(24)).isCloseTo(0.1, within(1e-12));
        assertThat(s.rate(14)).isCloseTo(0.55, within(1e-12)); // half way: (peak + floor) / 2
    }

    @Test
    void clipScaleOnlyShrinks() {
        assertThat(Gradients.clipScale(0.5, 1.0)).isEqualTo(1.0);
        assertThat(Gradients.clipScale(4.0, 1.0)).isCloseTo(0.25, within(1e-6));
        assertThat(Gradients.clipScale(4.0, 0)).isEqualTo(1.0);
    }
}
