package io.kdprivacy.scenario;

import io.kdprivacy.data.Example;
import io.kdprivacy.scenario.ExampleGenerator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test data: distinct random ids with random digit answers, so only memorisation predicts them. */
public final class RandomRecords implements ExampleGenerator {

    @Override
    public List<Example> generate(int count, long seed) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder digits = new StringBuilder(" ");
            for (int d = 0; d < 10; d++) {
                digits.append(r.nextInt(10));
            }
            out.add(new Example("Record " + seed % 1000 + "-" + i + "-" + r.nextInt(100000) + ":", digits.toString()));
        }
        return out;
    }
}
