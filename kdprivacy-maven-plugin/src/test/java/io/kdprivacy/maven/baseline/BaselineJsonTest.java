package io.kdprivacy.maven.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kdprivacy.maven.metrics.MetricKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineJsonTest {

    @TempDir
    Path dir;

    private static final MetricKey AUC = new MetricKey("T", "GKD", "student", "membership.auc", "LOSS");
    private static final MetricKey GAP = new MetricKey("T", null, "student", "memorization.gap", null);

    static Baseline sample() {
        return Baseline.of(List.of(BaselineEntry.of(GAP, 0.1),
                BaselineEntry.of(AUC, 0.6).accept(new Acceptance(0.6, 0.63, "alice", "2026-11-29T03:00:00Z",
                        "larger student, reviewed in #12"))));
    }

    @Test
    void roundTripsAndWritesAStableReadableLayout() throws Exception {
        Path file = dir.resolve("privacy-baseline.json");
        BaselineJson.write(file, sample());
        assertThat(BaselineJson.read(file)).isEqualTo(sample());
        assertThat(Files.readString(file)).isEqualTo("""
                {
                  "format" : "kdprivacy-baseline",
                  "version" : 1,
                  "entries" : [
                    {
                      "test" : "T",
                      "model" : "student",
                      "metric" : "memorization.gap",
                      "value" : 0.1
                    },
                    {
                      "test" : "T",
                      "technique" : "GKD",
                      "model" : "student",
                      "metric" : "membership.auc",
                      "attack" : "LOSS",
                      "value" : 0.63,
                      "accepted" : [
                        {
                          "from" : 0.6,
                          "to" : 0.63,
                          "by" : "alice",
                          "at" : "2026-11-29T03:00:00Z",
                          "reason" : "larger student, reviewed in #12"
                        }
                      ]
                    }
                  ]
                }
                """);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void orderDoesNotDependOnInsertionOrder() {
        List<BaselineEntry> entries = new ArrayList<>(sample().sortedEntries());
        String text = BaselineJson.toJson(Baseline.of(entries));
        Collections.reverse(entries);
        assertThat(BaselineJson.toJson(Baseline.of(entries))).isEqualTo(text);
    }

    private Path file(String text) throws Exception {
        Path file = dir.resolve("privacy-baseline.json");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void refusesOtherVersionsAndFormatsNamingTheFile() throws Exception {
        Path file = file(BaselineJson.toJson(sample()).replace("\"version\" : 1", "\"version\" : 2"));
        assertThatThrownBy(() -> BaselineJson.read(file)).isInstanceOf(BaselineFormatException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining("baseline version 2 is not supported");
        file(BaselineJson.toJson(sample()).replace("\"version\" : 1,", ""));
        assertThatThrownBy(() -> BaselineJson.read(file)).hasMessageContaining("no integer version");
        file("{\"schemaVersion\": 1, \"testId\": \"a results file\"}");
        assertThatThrownBy(() -> BaselineJson.read(file)).hasMessageContaining("not a kdprivacy baseline");
        file("[]");
        assertThatThrownBy(() -> BaselineJson.read(file)).hasMessageContaining("not a kdprivacy baseline");
    }

    @Test
    void refusesMalformedContentNamingTheFile() throws Exception {
        Path file = file("{\n  \"format\" : \"kdprivacy-baseline\",\n  \"version\" : 1,\n  \"entries\" : [ {");
        assertThatThrownBy(() -> BaselineJson.read(file)).hasMessageStartingWith(file.toString())
                .hasMessageContaining("not valid JSON at line 4");
        String good = BaselineJson.toJson(sample());
        file(good.replace("\"value\" : 0.1", "\"value\" : 0.1, \"comment\" : 1"));
        assertThatThrownBy(() -> BaselineJson.read(file))
                .hasMessageEndingWith("malformed baseline at entries[0].comment: unknown field 'comment'");
        file(good.replace(",\n      \"value\" : 0.1", ""));
        assertThatThrownBy(() -> BaselineJson.read(file))
                .hasMessageEndingWith("malformed baseline at entries[0].value: missing or null");
        file(good.replace("\"value\" : 0.1", "\"value\" : \"low\""));
        assertThatThrownBy(() -> BaselineJson.read(file))
                .hasMessageEndingWith("malformed baseline at entries[0].value: expected a number, found \"low\"");
        file(good.replace("\"value\" : 0.1", "\"value\" : [ 0.1 ]"));
        assertThatThrownBy(() -> BaselineJson.read(file))
                .hasMessageEndingWith("malformed baseline at entries[0].value: expected a number");
        file("{\"format\": \"kdprivacy-baseline\", \"version\": 1, \"entries\": {\"x\": 1}}");
        assertThatThrownBy(() -> BaselineJson.read(file))
                .hasMessageEndingWith("malformed baseline at entries: expected a list");
        file(good.replace("memorization.gap", "memorisation.gap"));
        assertThatThrownBy(() -> BaselineJson.read(file)).hasMessageContaining("entry 0 has unknown metric 'memorisation.gap'");
        file(good.replace("\"model\" : \"student\",\n      \"metric\" : \"memorization.gap\"",
                "\"metric\" : \"memorization.gap\""));
        assertThatThrownBy(() -> BaselineJson.read(file)).hasMessageContaining("entry 0 needs test, model and metric");
        file(good.replace("\"technique\" : \"GKD\",\n", "").replace("\"attack\" : \"LOSS\",\n", "")
                .replace("membership.auc", "memorization.gap"));
        assertThatThrownBy(() -> BaselineJson.read(file)).hasMessageContaining("two entries for T [-] student memorization.gap");
        assertThatThrownBy(() -> BaselineJson.read(dir.resolve("absent.json"))).hasMessageContaining("absent.json")
                .hasMessageContaining("cannot read baseline file");
    }

    @Test
    void messagesNeverShowTheJsonLibrarysInternals() throws Exception {
        String good = BaselineJson.toJson(sample());
        for (String broken : List.of(good.replace("\"value\" : 0.1", "\"value\" : \"low\""),
                good.replace("\"value\" : 0.1", "\"value\" : { }"), good.replace("\"test\" : \"T\"", "\"test\" : [ ]"),
                good.replace("\"entries\" : [", "\"entries\" : [ 5, "), good.replace("\"value\" : 0.1", "\"value\" : 0.1, \"accepted\" : 3"))) {
            Path file = file(broken);
            assertThatThrownBy(() -> BaselineJson.read(file)).isInstanceOf(BaselineFormatException.class)
                    .message().doesNotContain("`", "DeserializationConfig", "REDACTED", "fasterxml", "JsonToken",
                            "io.kdprivacy");
        }
    }
}
