package io.kdprivacy.audit;

import io.kdprivacy.data.Example;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.results.BlockMetrics;
import io.kdprivacy.results.MembershipMetrics;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.text.ByteTokenizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MopeBudgetTest {

    @Test
    void aSampleIsSeededSortedDistinctAndNeverLargerThanTheSet() {
        MopeBudget budget = new MopeBudget(10, List.of());
        int[] a = budget.indices(100, 7);
        assertThat(a).hasSize(10).isSorted().doesNotHaveDuplicates();
        assertThat(Arrays.stream(a).boxed().toList()).allMatch(i -> i >= 0 && i < 100);
        assertThat(budget.indices(100, 7)).as("same seed, same sample").containsExactly(a);
        assertThat(budget.indices(100, 8)).as("another seed, another sample").isNotEqualTo(a);
        assertThat(budget.indices(6, 7)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(MopeBudget.ALL.indices(4, 7)).containsExactly(0, 1, 2, 3);
        Set<Integer> seen = new java.util.HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            Arrays.stream(budget.indices(20, seed)).forEach(seen::add);
        }
        assertThat(seen).as("every example can be drawn").hasSize(20);
    }

    @Test
    void blocksAreCheckedAgainstTheModel() {
        assertThat(new MopeBudget(0, List.of(3, 0, 3)).blocks(4)).containsExactly(0, 3);
        assertThat(MopeBudget.ALL.blocks(3)).containsExactly(0, 1, 2);
        assertThatThrownBy(() -> new MopeBudget(0, List.of(5)).blocks(4)).hasMessageContaining("block 5")
                .hasMessageContaining("4 blocks");
        assertThatThrownBy(() -> new MopeBudget(-1, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void perBlockRiskCanTakeASmallerSampleThanMope() {
        MopeBudget budget = new MopeBudget(0, List.of(), 4);
        assertThat(budget.indices(12, 7)).as("MoPe keeps every example").hasSize(12);
        assertThat(budget.blockIndices(12, 7)).hasSize(4).isSorted().doesNotHaveDuplicates()
                .isEqualTo(new MopeBudget(4, List.of()).indices(12, 7));
        assertThat(new MopeBudget(5, List.of()).blockIndices(12, 7)).as("0: as the MoPe sample")
                .isEqualTo(new MopeBudget(5, List.of()).indices(12, 7));
        assertThat(budget.isLimited()).isTrue();
        assertThatThrownBy(() -> new MopeBudget(0, List.of(), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("per-block sample");
    }

    @Test
    void anAuditWithAPerBlockSampleScoresMopeOnEveryExampleAndSaysWhatPerBlockLeftOut() {
        EvaluationSet data = twelveAndTwelve();
        ModelConfig config = ModelConfig.named(ModelFamily.LLAMA, "nano", TOKENIZER.vocabSize(), TOKENIZER.eosId(), 64);
        AuditSettings settings = AuditSettings.defaults().withMope(2, true).withLengths(8, 64).withMemorization(null)
                .withMopeBudget(new MopeBudget(0, List.of(), 4));
        try (CausalLm model = CausalLm.initialize(config, 3)) {
            ModelReport report = new PrivacyAudit(settings).audit("student", "nano", model, data, null, null).report();
            MembershipMetrics mope = report.membership().stream().filter(m -> m.attack().equals("MOPE")).findFirst()
                    .orElseThrow();
            assertThat(mope.members()).isEqualTo(12);
            assertThat(mope.warnings()).anyMatch(w -> w.contains("per-block budget: a seeded subsample of at most 4"));
            assertThat(report.blocks()).extracting(BlockMetrics::block).containsExactly(0, 1);
        }
    }

    @Test
    void anAuditUnderABudgetScoresMopeOnTheSampleAndSaysSo() {
        EvaluationSet data = twelveAndTwelve();
        ModelConfig config = ModelConfig.named(ModelFamily.LLAMA, "nano", TOKENIZER.vocabSize(), TOKENIZER.eosId(), 64);
        AuditSettings settings = AuditSettings.defaults().withMope(2, true).withLengths(8, 64).withMemorization(null)
                .withMopeBudget(new MopeBudget(5, List.of(1)));
        try (CausalLm model = CausalLm.initialize(config, 3)) {
            ModelReport report = new PrivacyAudit(settings).audit("student", "nano", model, data, null, null).report();
            MembershipMetrics mope = report.membership().stream().filter(m -> m.attack().equals("MOPE")).findFirst()
                    .orElseThrow();
            assertThat(mope.members()).isEqualTo(5);
            assertThat(mope.nonMembers()).isEqualTo(5);
            assertThat(mope.warnings()).anyMatch(w -> w.contains("subsample of 5 of 12 members and 5 of 12 non-members"))
                    .anyMatch(w -> w.contains("blocks [1] of 2 measured"));
            assertThat(report.blocks()).extracting(BlockMetrics::block).containsExactly(1);
            MembershipMetrics loss = report.membership().get(0);
            assertThat(loss.members()).as("the other attacks use every example").isEqualTo(12);
            assertThat(report.membership().stream().filter(m -> !m.attack().equals("MOPE"))
                    .flatMap(m -> m.warnings().stream()).collect(Collectors.toList())).noneMatch(w -> w.contains("budget"));
        }
    }

    private static final ByteTokenizer TOKENIZER = new ByteTokenizer();

    /** 12 members and 12 non-members with short numeric responses. */
    private static EvaluationSet twelveAndTwelve() {
        List<Example> members = new ArrayList<>();
        List<Example> nonMembers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            members.add(new Example("member " + i + ":", " " + (i * 7919 % 1000)));
            nonMembers.add(new Example("other " + i + ":", " " + (i * 104729 % 1000)));
        }
        return new EvaluationSet(members, nonMembers, TOKENIZER);
    }
}
