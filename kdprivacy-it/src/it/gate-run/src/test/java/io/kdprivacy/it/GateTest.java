package io.kdprivacy.it;

import io.kdprivacy.data.Example;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.junit.Audit;
import io.kdprivacy.junit.PrivacyTest;
import io.kdprivacy.junit.PrivateData;
import io.kdprivacy.junit.Student;
import io.kdprivacy.junit.Teacher;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.scenario.ExampleGenerator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.kdprivacy.assertj.PrivacyAssertions.assertThat;

/** A privacy test small enough to run in seconds; -Dgate.throw=true makes its body throw before deciding. */
@PrivateData(generator = GateTest.Records.class, memberCount = 24, nonMemberCount = 12)
@Teacher(size = "nano", epochs = 1)
@Student(size = "nano", initEpochs = 1, distillationEpochs = 1)
@Audit(mopePerturbations = 0, memorization = false, bootstrapResamples = 200)
class GateTest {

    @PrivacyTest(techniques = KdTechnique.KD)
    void gate(PrivacyReport report) {
        if (Boolean.getBoolean("gate.throw")) {
            throw new IllegalStateException("the test body threw before deciding");
        }
        assertThat(report).membership().auc().isBelow(1.0);
    }

    /** Random record ids with random digit answers. */
    public static final class Records implements ExampleGenerator {
        @Override
        public List<Example> generate(int count, long seed) {
            Random r = new Random(seed);
            List<Example> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                out.add(new Example("Record " + seed % 1000 + "-" + i + ":", " " + (100000 + r.nextInt(900000))));
            }
            return out;
        }
    }
}
