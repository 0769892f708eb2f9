package io.kdprivacy.distill;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DistillationConfigTest {

    @ParameterizedTest
    @EnumSource(KdTechnique.class)
    void everyTechniqueGetsEpochsTimesBatchesPerEpochOptimizerSteps(KdTechnique technique) {
        DistillationConfig config = DistillationConfig.builder(technique).epochs(3).batchSize(16).build();
        // 500 public examples: ceil(500 / 16) = 32 batches per epoch, 3 epochs
        assertThat(config.optimizerSteps(500)).isEqualTo(96);
        assertThat(config.optimizerSteps(512)).isEqualTo(96);
        assertThat(config.optimizerSteps(513)).isEqualTo(99);
        assertThat(config.optimizerSteps(1)).isEqualTo(3);
        assertThat(config.budgetRule(500)).isEqualTo("equal optimizer steps: 3 epochs × ⌈500 / 16⌉ = 96 steps of 16 sequences");
    }

    @Test
    void noPublicDataIsNoBudget() {
        assertThatThrownBy(() -> DistillationConfig.builder(KdTechnique.KD).build().optimizerSteps(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("public example");
    }
}
