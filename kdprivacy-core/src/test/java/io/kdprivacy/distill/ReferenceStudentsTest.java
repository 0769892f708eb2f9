package io.kdprivacy.distill;

import io.kdprivacy.model.Bytes;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.ResponseScorer;
import io.kdprivacy.model.TokenScores;
import io.kdprivacy.stats.RocAuc;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferenceStudentsTest {

    private static final TrainingConfig SFT = TrainingConfig.defaults().withLearningRate(3e-3).withMaxLength(96)
            .withWarmupSteps(3);

    @Test
    void referencesNeverSeeMembersAndDoNotSingleThemOut() {
        List<PromptResponse> members = DistillerTest.tickets("Q:", 48, 11);
        List<PromptResponse> shadowPrivate = DistillerTest.tickets("Q:", 48, 12);
        List<PromptResponse> publicData = DistillerTest.tickets("Q:", 48, 13);
        List<PromptResponse> nonMembers = DistillerTest.tickets("Q:", 48, 14);
        try (CausalLm teacherInit = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "tiny"), 1);
             CausalLm init = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "nano"), 2)) {
            new SftTrainer(SFT.withEpochs(1)).train(init, publicData);
            try (CausalLm control = ReferenceStudents.noKdControl(init, publicData, SFT.withEpochs(2));
                 CausalLm shadow = ReferenceStudents.shadow(teacherInit, shadowPrivate, SFT.withEpochs(4), init,
                         publicData, publicData.subList(0, 16),
                         DistillationConfig.builder(KdTechnique.KD).learningRate(3e-3).epochs(2).maxLength(96).build())) {
                assertThat(control.weightsHash()).isNotEqualTo(init.weightsHash());
                assertThat(shadow.weightsHash()).isNotEqualTo(init.weightsHash()).isNotEqualTo(control.weightsHash());
                // neither reference saw the members: the loss attack cannot tell members from non-members
                for (CausalLm reference : List.of(control, shadow)) {
                    double auc = RocAuc.of(scores(reference, members), scores(reference, nonMembers));
                    assertThat(auc).isBetween(0.3, 0.7);
                }
                try (CausalLm fresh = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "tiny"), 1)) {
                    assertThat(teacherInit.weightsHash()).as("the caller's teacher init is untouched")
                            .isEqualTo(fresh.weightsHash());
                }
            }
            assertThatThrownBy(() -> ReferenceStudents.shadow(teacherInit, List.of(), SFT, init, publicData, publicData,
                    DistillationConfig.builder(KdTechnique.KD).build())).hasMessageContaining("shadow-private data is empty");
        }
    }

    private static double[] scores(CausalLm model, List<PromptResponse> examples) {
        List<TokenScores> s = new ResponseScorer(model, 16, 96).score(examples);
        return s.stream().mapToDouble(t -> -t.meanNll()).toArray();
    }
}
