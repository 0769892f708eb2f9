package io.kdprivacy.junit;

import io.kdprivacy.scenario.RandomRecords;
import io.kdprivacy.assertj.InconclusivePolicy;
import io.kdprivacy.data.Example;
import io.kdprivacy.scenario.PrivacyScenario;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

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
        Method method = type.getDeclaredMethod("test");
        return ScenarioFactory.create(type, method, method.getAnnotation(PrivacyTest.class), config);
    }
}
