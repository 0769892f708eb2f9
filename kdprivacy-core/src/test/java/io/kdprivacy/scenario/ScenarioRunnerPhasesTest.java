package io.kdprivacy.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.kdprivacy.cache.ArtifactCache;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.model.ModelFamily;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run tells about its phases: built, then reused in memory, then taken from the artifact cache. */
class ScenarioRunnerPhasesTest {

    @TempDir
    Path cache;

    private static PrivacyScenario scenario() {
        return PrivacyScenario.builder()
                .generated(new RandomRecords(), 40, 20)
                .teacher(ModelSpec.of(ModelFamily.GPT2, "nano"))
                .student(ModelSpec.of(ModelFamily.GPT2, "nano"))
                .maxLength(48)
                .seed(7).build().smoke();
    }

    private static List<String> described(List<PipelinePhase> phases) {
        return phases.stream().map(p -> p.name() + ": " + p.outcome()).toList();
    }

    @Test
    void eachModelAndAuditIsAPhaseWithWhereItCameFromAndItsWallTime() {
        Instant before = Instant.now();
        try (ScenarioRunner runner = new ScenarioRunner(new ArtifactCache(cache))) {
            runner.run(scenario(), KdTechnique.KD, "T#kd[KD]");
            List<PipelinePhase> cold = runner.phases("T#kd[KD]");
            assertThat(described(cold)).containsExactly(
                    "teacher: built", "student initialisation: built", "no-KD reference: built",
                    "distillation (KD): built", "audit of the teacher: built", "audit of the student: built",
                    "audit of the no-KD reference: built");
            for (int i = 0; i < cold.size(); i++) {
                assertThat(cold.get(i).start()).isAfterOrEqualTo(before);
                assertThat(cold.get(i).duration()).isPositive();
                if (i > 0) {
                    assertThat(cold.get(i).start()).as("in order, one after the other")
                            .isAfterOrEqualTo(cold.get(i - 1).start());
                }
            }
            assertThat(cold.get(0).duration()).as("training a teacher takes longer than a millisecond")
                    .isGreaterThan(Duration.ofMillis(1));

            runner.run(scenario(), KdTechnique.GKD, "T#kd[GKD]");
            assertThat(described(runner.phases("T#kd[GKD]"))).containsExactly(
                    "teacher: " + PipelinePhase.IN_MEMORY, "student initialisation: " + PipelinePhase.IN_MEMORY,
                    "no-KD reference: " + PipelinePhase.IN_MEMORY, "distillation (GKD): built",
                    "audit of the teacher: " + PipelinePhase.IN_MEMORY, "audit of the student: built",
                    "audit of the no-KD reference: " + PipelinePhase.IN_MEMORY);
            assertThat(described(runner.phases("T#kd[KD]"))).as("kept per test").isEqualTo(described(cold));
            assertThat(runner.phases("T#other")).isEmpty();
        }
        try (ScenarioRunner warm = new ScenarioRunner(new ArtifactCache(cache))) {
            warm.run(scenario(), KdTechnique.KD, "T#kd[KD]");
            assertThat(warm.phases("T#kd[KD]")).extracting(PipelinePhase::outcome).containsOnly(PipelinePhase.CACHED)
                    .hasSize(7);
        }
    }
}
