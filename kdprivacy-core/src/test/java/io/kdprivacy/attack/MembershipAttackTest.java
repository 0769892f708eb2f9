package io.kdprivacy.attack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MembershipAttackTest {

    private static final double[] LOW = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final double[] HIGH = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};

    @Test
    void perfectSeparation() {
        AttackResult r = new MembershipAttack(200, 0.9, 1).evaluate(HIGH, LOW);
        assertThat(r.auc().point()).isEqualTo(1.0);
        assertThat(r.tprAt1PctFpr().point()).isEqualTo(1.0);
        assertThat(r.tprAt01PctFpr().point()).isEqualTo(1.0);
        assertThat(r.advantage().point()).isEqualTo(1.0);
        assertThat(r.advantage().lower()).isEqualTo(1.0);
        assertThat(r.members()).isEqualTo(10);
        assertThat(r.auc().confidence()).isEqualTo(0.9);
    }

    @Test
    void aucBelowHalfIsNotFlipped() {
        AttackResult r = MembershipAttack.defaults().evaluate(LOW, HIGH);
        assertThat(r.auc().point()).isEqualTo(0.0);
        assertThat(r.advantage().point()).isEqualTo(0.0);
        assertThat(MembershipAttack.paperAuc(r.auc().point())).isEqualTo(1.0);
        assertThat(MembershipAttack.paperAuc(0.7)).isEqualTo(0.7);
    }

    @Test
    void nanScoresAreDroppedAndCounted() {
        AttackResult r = MembershipAttack.defaults().evaluate(new double[] {1, Double.NaN, 3},
                new double[] {Double.NaN, 0, Double.NaN, 2});
        assertThat(r.members()).isEqualTo(2);
        assertThat(r.droppedMembers()).isEqualTo(1);
        assertThat(r.nonMembers()).isEqualTo(2);
        assertThat(r.droppedNonMembers()).isEqualTo(2);
        assertThat(r.auc().point()).isEqualTo(0.75);
        assertThatThrownBy(() -> MembershipAttack.defaults().evaluate(new double[] {Double.NaN}, LOW))
                .hasMessageContaining("defined scores");
    }

    @Test
    void sameSeedSameIntervals() {
        double[] m = {0.3, 0.9, 0.5, 0.8, 0.1, 0.7};
        double[] n = {0.2, 0.6, 0.4, 0.05, 0.35};
        AttackResult a = new MembershipAttack(300, 0.95, 7).evaluate(m, n);
        assertThat(new MembershipAttack(300, 0.95, 7).evaluate(m, n)).isEqualTo(a);
        assertThat(new MembershipAttack(300, 0.95, 8).evaluate(m, n).advantage()).isNotEqualTo(a.advantage());
        assertThat(a.advantage().lower()).isLessThanOrEqualTo(a.advantage().upper());
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> new MembershipAttack(0, 0.95, 0)).hasMessageContaining("resamples");
        assertThatThrownBy(() -> new MembershipAttack(10, 1.0, 0)).hasMessageContaining("confidence");
    }
}
