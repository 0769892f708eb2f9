package io.kdprivacy.scenario;

import io.kdprivacy.data.Example;
import io.kdprivacy.text.ByteTokenizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PreparedDataTest {

    @Test
    void countsTheRecordsLongerThanMaxLengthAndTheLongest() {
        List<Example> members = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            members.add(new Example("q" + i + ":", " a" + i));
        }
        members.add(new Example("long:", " " + "x".repeat(5000)));
        members.add(new Example("longer:", " " + "y".repeat(9000)));
        List<Example> holdout = List.of(new Example("h:", " " + "z".repeat(300)), new Example("h2:", " b"));
        PrivacyScenario scenario = PrivacyScenario.builder().members(ExampleSource.of("m", members))
                .nonMembers(ExampleSource.of("h", holdout)).maxLength(64).build();
        PreparedData data = PreparedData.of(scenario, new ByteTokenizer());
        assertThat(data.truncation(64)).containsExactly(3, "longer:".length() + 9001);
        assertThat(data.truncation(20_000)).containsExactly(0, 0);
    }
}
