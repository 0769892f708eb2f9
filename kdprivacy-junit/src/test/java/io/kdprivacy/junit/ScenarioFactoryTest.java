package io.kdprivacy.junit;

import io.kdprivacy.scenario.RandomRecords;
import io.kdprivacy.assertj.InconclusivePolicy;
import io.kdprivacy.data.Example;
import io.kdprivacy.scenario.PrivacyConfigurationException;
import io.kdprivacy.scenario.PrivacyScenario;
import io.kdprivacy.utility.UtilityConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioFactoryTest {

    static class ReturnsBuilder {
        @PrivacyTest(scenario = "scenario")
        void test() {
        }

        static PrivacyScenario.Builder scenario() {
            return PrivacyScenario.builder().generated(new RandomRecords(), 8, 4).seed(5);
        }
    }

    static class ReturnsScenario {
        @PrivacyTest(scenario = "scenario")
        void test() {
        }

        static PrivacyScenario scenario() {
            return PrivacyScenario.builder().generated(new RandomRecords(), 8, 4).seed(5).build();
        }
    }

    static class AuditsUtility {
        @PrivacyTest
        @PrivateData(generator = RandomRecords.class, memberCount = 8, nonMemberCount = 4)
        void test() {
        }

        @PrivacyTest
        @PrivateData(generator = RandomRecords.class, memberCount = 8, nonMemberCount = 4)
        @Audit(utilityTokens = 32, utilityExamples = 3)
        void limited() {
        }

        @PrivacyTest
        @PrivateData(generator = RandomRecords.class, memberCount = 8, nonMemberCount = 4)
        @Audit(utility = false)
        void off() {
        }

        @PrivacyTest
        @PrivateData(generator = RandomRecords.class, memberCount = 8, nonMemberCount = 4)
        @Audit(utilityExamples = -1)
        void negativeExamples() {
        }

        @PrivacyTest
        @PrivateData(generator = RandomRecords.class, memberCount = 8, nonMemberCount = 4)
        @Audit(utility = false, utilityTokens = 0)
        void offButNonsense() {
        }
    }

    static class AuditsMemorization {
        @PrivacyTest
        @PrivateData(generator = RandomRecords.class, memberCount = 8, nonMemberCount = 4)
        @Audit(noRepeatNgram = 24)
        void byteLevel() {
        }

        @PrivacyTest
        @PrivateData(generator = RandomRecords.class, memberCount = 8, nonMemberCount = 4)
        @Audit(noRepeatNgram = -1)
        void negative() {
        }
    }

    static class DistilsAtARate {
        @PrivacyTest
        @PrivateData(generator = RandomRecords.class, memberCount = 8, nonMemberCount = 4)
        @Student(distillationLearningRate = 3e-3, distillationEpochs = 10)
        void faster() {
        }

        @PrivacyTest
        @PrivateData(generator = RandomRecords.class, memberCount = 8, nonMemberCount = 4)
        @Student(distillationLearningRate = -1)
        void negative() {
        }
    }

    private static final PrivacyConfiguration PLAIN = new PrivacyConfiguration(Path.of("cache"), Path.of("results"),
            OptionalLong.empty(), List.of(), false, InconclusivePolicy.FAIL, 0, 0);

    @Test
    void utilityIsOnByDefaultAndConfiguredThroughAudit() throws Exception {
        assertThat(create(AuditsUtility.class, "test", PLAIN).audit().utility()).isEqualTo(new UtilityConfig(128, 0));
        assertThat(create(AuditsUtility.class, "limited", PLAIN).audit().utility()).isEqualTo(new UtilityConfig(32, 3));
        assertThat(create(AuditsUtility.class, "off", PLAIN).audit().utility()).isNull();
        PrivacyConfiguration smoke = new PrivacyConfiguration(Path.of("cache"), Path.of("results"),
                OptionalLong.empty(), List.of(), true, InconclusivePolicy.FAIL, 0, 0);
        assertThat(create(AuditsUtility.class, "limited", smoke).audit().utility()).isEqualTo(new UtilityConfig(16, 3));
        assertThat(create(AuditsUtility.class, "test", PLAIN).audit().keyParts())
                .as("a cached audit is not reused under other utility settings")
                .isNotEqualTo(create(AuditsUtility.class, "limited", PLAIN).audit().keyParts())
                .isNotEqualTo(create(AuditsUtility.class, "off", PLAIN).audit().keyParts());
    }

    @Test
    void utilitySettingsItCannotRunAreRefused() {
        assertThatThrownBy(() -> create(AuditsUtility.class, "negativeExamples", PLAIN))
                .isInstanceOf(PrivacyConfigurationException.class)
                .hasMessage("@Audit: utility examples must be >= 0 (0: all held-out examples), got -1");
        assertThatThrownBy(() -> create(AuditsUtility.class, "offButNonsense", PLAIN))
                .isInstanceOf(PrivacyConfigurationException.class)
                .hasMessage("@Audit: utility maxNewTokens must be >= 1, got 0");
    }

    @Test
    void theMemorizationProbesNoRepeatSizeIsConfiguredThroughAuditAndCheckedThere() throws Exception {
        assertThat(create(AuditsUtility.class, "test", PLAIN).audit().memorization().noRepeatNgram())
                .as("the paper's 6 by default").isEqualTo(6);
        assertThat(create(AuditsMemorization.class, "byteLevel", PLAIN).audit().memorization())
                .isEqualTo(new io.kdprivacy.memorization.MemorizationConfig(64, 24, 32));
        assertThatThrownBy(() -> create(AuditsMemorization.class, "negative", PLAIN))
                .isInstanceOf(PrivacyConfigurationException.class)
                .hasMessage("@Audit: noRepeatNgram must be >= 0, got -1");
    }

    @Test
    void theDistillationRateAppliesToEveryTechniqueAndIsChecked() throws Exception {
        PrivacyScenario scenario = create(DistilsAtARate.class, "faster", PLAIN);
        for (io.kdprivacy.distill.KdTechnique t : io.kdprivacy.distill.KdTechnique.values()) {
            assertThat(scenario.distillation(t).learningRate()).isEqualTo(3e-3);
            assertThat(scenario.distillation(t).epochs()).isEqualTo(10);
        }
        assertThat(create(AuditsUtility.class, "test", PLAIN).distillation(io.kdprivacy.distill.KdTechnique.MINILLM)
                .learningRate()).as("the technique's own default").isEqualTo(5e-4);
        assertThatThrownBy(() -> create(DistilsAtARate.class, "negative", PLAIN))
                .isInstanceOf(PrivacyConfigurationException.class)
                .hasMessage("@Student distillationLearningRate must be in (0, 1), got -1.0");
    }

    @Test
    void theSeedOverrideGivesTheSameDataHoweverTheScenarioIsDeclared() throws Exception {
        PrivacyConfiguration reseeded = new PrivacyConfiguration(Path.of("cache"), Path.of("results"),
                OptionalLong.of(99), List.of(), false, InconclusivePolicy.FAIL, 0, 0);
        PrivacyScenario fromBuilder = create(ReturnsBuilder.class, reseeded);
        PrivacyScenario fromScenario = create(ReturnsScenario.class, reseeded);
        assertThat(fromBuilder.seed()).isEqualTo(99).isEqualTo(fromScenario.seed());
        assertThat(fromScenario.members().load()).isEqualTo(fromBuilder.members().load());
        assertThat(fromScenario.nonMembers().load()).isEqualTo(fromBuilder.nonMembers().load());
        List<Example> original = ReturnsScenario.scenario().members().load();
        assertThat(fromScenario.members().load()).as("reseeded, not the scenario's own seed").isNotEqualTo(original);
    }

    @Test
    void buildingDoesNotChangeTheBuilder() {
        PrivacyScenario.Builder builder = PrivacyScenario.builder().generated(new RandomRecords(), 8, 4);
        List<Example> first = builder.seed(1).build().members().load();
        List<Example> second = builder.seed(2).build().members().load();
        assertThat(second).isNotEqualTo(first);
        assertThat(builder.seed(1).build().members().load()).isEqualTo(first);
    }

    private static PrivacyScenario create(Class<?> type, PrivacyConfiguration config) throws Exception {
        return create(type, "test", config);
    }

    private static PrivacyScenario create(Class<?> type, String name, PrivacyConfiguration config) throws Exception {
        Method method = type.getDeclaredMethod(name);
        return ScenarioFactory.create(type, method, method.getAnnotation(PrivacyTest.class), config);
    }
}
