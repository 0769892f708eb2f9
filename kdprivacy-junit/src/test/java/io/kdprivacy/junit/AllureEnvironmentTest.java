package io.kdprivacy.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kdprivacy.results.Fixtures;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class AllureEnvironmentTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void environmentMergesEveryTestMethodsSeedAndInputHashesButNoWeights(@TempDir Path dir) throws IOException {
        AllureEnvironment.write(dir, report("io.example.SupportBotTest#safe[KD]", 42,
                Map.of("private", SHA, "tokenizer", "byte", "student.weights", SHA)));
        AllureEnvironment.write(dir, report("io.example.SupportBotTest#safe[GKD]", 42,
                Map.of("private", SHA, "tokenizer", "byte", "student.weights", "ff" + SHA)));
        AllureEnvironment.write(dir, report("io.example.ShippedTest#audit: safe = yes[KD]", 7,
                Map.of("teacher.checkpoint", SHA)));

        Properties environment = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(AllureEnvironment.ENVIRONMENT))) {
            environment.load(in);
        }
        assertThat(environment).containsOnly(
                Map.entry("kdprivacy", "0.1.0"),
                Map.entry("engine", "PyTorch 2.7.1 (DJL 0.36.0)"),
                Map.entry("SupportBotTest#safe seed", "42"),
                Map.entry("SupportBotTest#safe private", "0123456789abcdef"),
                Map.entry("SupportBotTest#safe tokenizer", "byte"),
                Map.entry("ShippedTest#audit: safe = yes seed", "7"),
                Map.entry("ShippedTest#audit: safe = yes teacher.checkpoint", "0123456789abcdef"));
    }

    @Test
    void categoriesSeparateInconclusiveDecisionsFailuresAndBrokenTests(@TempDir Path dir) throws IOException {
        AllureEnvironment.write(dir, report("a.T#m[KD]", 1, Map.of()));

        JsonNode categories = new ObjectMapper().readTree(dir.resolve(AllureEnvironment.CATEGORIES).toFile());
        assertThat(categories).extracting(c -> c.get("name").asText()).containsExactly(
                "Inconclusive privacy decisions", "Privacy limits exceeded", "Broken privacy tests");
        Pattern inconclusive = Pattern.compile(categories.get(0).get("messageRegex").asText());
        assertThat(inconclusive.matcher("[KD] student membership AUC (REFERENCE) = 0.8958 (95% CI 0.8038–0.9740, "
                + "24 members / 24 non-members) is inconclusive against below 0.9000: the interval straddles the limit."
                + "\nAbout 351.6× the samples would decide it").matches()).isTrue();
        assertThat(inconclusive.matcher("[KD] student membership AUC (LOSS) = 0.91 (95% CI 0.90–0.93) is not below 0.9")
                .matches()).isFalse();
        assertThat(categories.get(1).get("matchedStatuses")).extracting(JsonNode::asText).containsExactly("failed");
        assertThat(categories.get(2).get("matchedStatuses")).extracting(JsonNode::asText).containsExactly("broken");
    }

    @Test
    void testMethodDropsPackageAndInvocation() {
        assertThat(AllureEnvironment.testMethod("io.kdprivacy.sample.SupportBotPrivacyTest#studentIsSafeToShip[KD]"))
                .isEqualTo("SupportBotPrivacyTest#studentIsSafeToShip");
        assertThat(AllureEnvironment.testMethod("Plain")).isEqualTo("Plain");
    }

    private static PrivacyReport report(String testId, long seed, Map<String, String> hashes) {
        PrivacyReport base = Fixtures.report("T", "KD", 0.6, "PASSED");
        return new PrivacyReport(base.schemaVersion(), testId, base.technique(),
                new Provenance("0.1.0", "PyTorch 2.7.1 (DJL 0.36.0)", seed, hashes, "2026-12-03T00:00:00Z"),
                base.validity(), base.models(), base.inheritedLeakage(), base.assertions(), base.excerpts(),
                base.notMeasured());
    }
}
