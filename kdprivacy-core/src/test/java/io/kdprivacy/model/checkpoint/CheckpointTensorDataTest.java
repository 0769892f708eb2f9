package io.kdprivacy.model.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CheckpointTensorDataTest {

    @Test
    void shapeMustMatchDataLengthAndMessageNamesTensor() {
        assertThatThrownBy(() -> new TensorData("encoder.w", new long[] {2, 3}, new float[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encoder.w")
                .hasMessageContaining("6")
                .hasMessageContaining("5");
    }

    @Test
    void negativeDimensionRejected() {
        assertThatThrownBy(() -> new TensorData("t", new long[] {-1, -2}, new float[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void emptyNameRejected() {
        assertThatThrownBy(() -> new TensorData("", new long[] {1}, new float[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numelAndRank() {
        TensorData scalar = new TensorData("s", new long[0], new float[] {4f});
        TensorData cube = new TensorData("c", new long[] {2, 3, 4}, new float[24]);
        TensorData empty = new TensorData("e", new long[] {0, 7}, new float[0]);
        assertThat(scalar.numel()).isEqualTo(1);
        assertThat(scalar.rank()).isZero();
        assertThat(cube.numel()).isEqualTo(24);
        assertThat(cube.rank()).isEqualTo(3);
        assertThat(empty.numel()).isZero();
    }

    @Test
    void equalsAndHashCodeCompareContent() {
        TensorData a = new TensorData("w", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
        TensorData b = new TensorData("w", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new TensorData("w", new long[] {3, 2}, a.data()));
        assertThat(a).isNotEqualTo(new TensorData("v", new long[] {2, 3}, a.data()));
        assertThat(a)
                .isNotEqualTo(new TensorData("w", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 7}));
    }

    @Test
    void toStringOmitsData() {
        TensorData t = new TensorData("w", new long[] {2}, new float[] {12345.5f, 98765.25f});
        assertThat(t.toString()).contains("w").contains("[2]").doesNotContain("12345").doesNotContain("98765");
    }

    @Test
    void shapeIsCopiedDefensively() {
        long[] shape = {2};
        TensorData t = new TensorData("w", shape, new float[2]);
        shape[0] = 99;
        t.shape()[0] = 77;
        assertThat(t.shape()).containsExactly(2);
    }
}
