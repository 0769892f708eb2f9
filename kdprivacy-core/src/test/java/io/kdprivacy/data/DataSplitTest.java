package io.kdprivacy.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSplitTest {

    private static List<Example> examples(String tag, int n) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Example(tag + " question " + i + "?", " answer " + (i * 7919 % 1000)));
        }
        return out;
    }

    @Test
    void splitsIntoDisjointSeededHalves() {
        List<Example> training = examples("train", 100);
        DataSplit a = DataSplit.of(training, examples("held", 30), false, 5);
        DataSplit b = DataSplit.of(training, examples("held", 30), false, 5);
        DataSplit c = DataSplit.of(training, examples("held", 30), false, 6);
        assertThat(a.privateSet()).hasSize(50);
        assertThat(a.publicSet()).hasSize(50);
        assertThat(a.shadowPrivate()).isEmpty();
        Set<Example> all = new HashSet<>(a.privateSet());
        all.addAll(a.publicSet());
        assertThat(all).hasSize(100).containsExactlyInAnyOrderElementsOf(training);
        assertThat(a.privateSet()).isEqualTo(b.privateSet());
        assertThat(a.manifest()).isEqualTo(b.manifest());
        assertThat(c.privateSet()).isNotEqualTo(a.privateSet());
        assertThat(a.manifest().hashes().get("private")).isNotEqualTo(c.manifest().hashes().get("private"));
        assertThat(a.manifest().sizes()).containsEntry("holdout", 30);
    }

    @Test
    void shadowReferenceGetsADisjointThird() {
        DataSplit s = DataSplit.of(examples("train", 90), examples("held", 10), true, 1);
        assertThat(s.privateSet()).hasSize(30);
        assertThat(s.shadowPrivate()).hasSize(30).doesNotContainAnyElementsOf(s.privateSet());
        assertThat(s.publicSet()).hasSize(30).doesNotContainAnyElementsOf(s.privateSet())
                .doesNotContainAnyElementsOf(s.shadowPrivate());
    }

    @Test
    void duplicatesAreDroppedSoNoMemberLeaksThroughPublicData() {
        List<Example> training = new ArrayList<>(examples("train", 20));
        training.add(new Example("TRAIN question 3?", "  Answer 757")); // same text as example 3 once normalised
        DataSplit s = DataSplit.of(training, examples("held", 5), false, 2);
        assertThat(s.manifest().duplicatesDropped()).isEqualTo(1);
        assertThat(s.privateSet().size() + s.publicSet().size()).isEqualTo(20);
    }

    @Test
    void overlappingOrEmptyPartsAreRejected() {
        List<Example> training = examples("train", 10);
        List<Example> holdout = new ArrayList<>(examples("held", 3));
        holdout.add(new Example("train question 4?", " answer " + (4 * 7919 % 1000)));
        assertThatThrownBy(() -> DataSplit.of(training, holdout, false, 1))
                .hasMessageContaining("1 holdout example(s) also occur in the training data")
                .hasMessageNotContaining("question");
        assertThatThrownBy(() -> DataSplit.of(training, List.of(), false, 1)).hasMessageContaining("holdout");
        assertThatThrownBy(() -> DataSplit.of(examples("x", 1), examples("h", 2), false, 1))
                .hasMessageContaining("distinct examples");
    }

    @Test
    void normalisationIgnoresCaseSpacingAndPunctuation() {
        assertThat(TextNormalizer.normalize("Hello,   WORLD!!  it's 42")).isEqualTo("hello world it s 42");
    }
}
