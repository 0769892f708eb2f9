package io.kdprivacy.maven.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToleranceTest {

    @Test
    void allowsTheLargerOfAbsoluteAndRelative() {
        ToleranceRule rule = new ToleranceRule(0.02, 0.1);
        assertThat(rule.allowed(0.1)).isEqualTo(0.02);
        assertThat(rule.allowed(0.6)).isEqualTo(0.06);
        assertThat(rule.allowed(-0.5)).isEqualTo(0.05);
    }

    @Test
    void exactlyTheToleranceIsNotAChangeDespiteRounding() {
        ToleranceRule rule = new ToleranceRule(0.02, 0);
        assertThat(0.62 - 0.60).isGreaterThan(0.02);
        assertThat(rule.isWorse(0.60, 0.62)).isFalse();
        assertThat(rule.isWorse(0.60, 0.6201)).isTrue();
        assertThat(rule.isBetter(0.60, 0.58)).isFalse();
        assertThat(rule.isBetter(0.60, 0.5799)).isTrue();
        assertThat(new ToleranceRule(0, 0).isWorse(0.5, 0.5)).isFalse();
        assertThat(new ToleranceRule(0, 0).isWorse(0.5, 0.5001)).isTrue();
    }

    @Test
    void rejectsNegativeOrNonFiniteAmounts() {
        assertThatThrownBy(() -> new ToleranceRule(-0.01, 0)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new ToleranceRule(0, Double.NaN)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new ToleranceRule(Double.POSITIVE_INFINITY, 0)).hasMessageContaining("finite");
    }

    @Test
    void perMetricOverridesInheritTheDefaultsTheyLeaveOut() {
        Tolerances tolerances = new Tolerances(new ToleranceRule(0.02, 0.05))
                .override("membership.auc", 0.03, null)
                .override("canaries.meanExposure", null, 0.2);
        assertThat(tolerances.of("membership.auc")).isEqualTo(new ToleranceRule(0.03, 0.05));
        assertThat(tolerances.of("canaries.meanExposure")).isEqualTo(new ToleranceRule(0.02, 0.2));
        assertThat(tolerances.of("memorization.gap")).isEqualTo(new ToleranceRule(0.02, 0.05));
    }

    @Test
    void rejectsUnknownAndRepeatedMetrics() {
        Tolerances tolerances = new Tolerances(new ToleranceRule(0.02, 0));
        assertThatThrownBy(() -> tolerances.override("membership.aux", 0.1, null))
                .hasMessageContaining("unknown metric 'membership.aux'").hasMessageContaining("membership.auc");
        tolerances.override("membership.auc", 0.1, null);
        assertThatThrownBy(() -> tolerances.override("membership.auc", 0.2, null)).hasMessageContaining("twice");
    }
}
