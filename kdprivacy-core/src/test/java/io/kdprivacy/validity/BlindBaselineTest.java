package io.kdprivacy.validity;

import io.kdprivacy.data.Example;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlindBaselineTest {

    private static final String[] ITEMS = {"lamp", "chair", "kettle", "desk", "mirror", "sofa", "rug", "shelf"};
    private static final String[] STATES = {"shipped", "delayed", "delivered", "packed", "lost"};

    private static List<Example> tickets(int n, long seed, boolean verbose) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String item = ITEMS[r.nextInt(ITEMS.length)];
            int order = 1000 + r.nextInt(9000);
            String response = "Your " + item + " order " + order + " is " + STATES[r.nextInt(STATES.length)] + ".";
            if (verbose) {
                response += " We apologise for any inconvenience and thank you for your patience with us today.";
            }
            out.add(new Example("Where is my " + item + " (order " + order + ")?", response));
        }
        return out;
    }

    @Test
    void sameDistributionIsValid() {
        BlindBaseline.Verdict v = new BlindBaseline(3).evaluate(tickets(150, 1, false), tickets(150, 2, false));
        assertThat(v.valid()).as(v.reason()).isTrue();
        assertThat(v.auc().contains(0.5)).isTrue();
        assertThat(v.members()).isEqualTo(150);
    }

    @Test
    void shiftedNonMembersTripTheGuard() {
        // non-members are systematically shorter: a model-free classifier separates them
        BlindBaseline.Verdict v = new BlindBaseline(3).evaluate(tickets(150, 1, true), tickets(150, 2, false));
        assertThat(v.valid()).isFalse();
        assertThat(v.auc().point()).isGreaterThan(0.9);
        assertThat(v.reason()).contains("evaluation set is biased").doesNotContain("order");
    }

    @Test
    void tooFewExamplesAreRejected() {
        assertThatThrownBy(() -> new BlindBaseline(3).evaluate(tickets(3, 1, false), tickets(2, 2, false)))
                .hasMessageContaining("at least 5 members and non-members");
    }
}
