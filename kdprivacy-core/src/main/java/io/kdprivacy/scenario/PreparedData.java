package io.kdprivacy.scenario;

import io.kdprivacy.audit.EvaluationSet;
import io.kdprivacy.data.Canary;
import io.kdprivacy.data.CanaryGenerator;
import io.kdprivacy.data.CanaryInjector;
import io.kdprivacy.data.CanaryKind;
import io.kdprivacy.data.DataSplit;
import io.kdprivacy.data.Example;
import io.kdprivacy.memorization.MemorizationProbe;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.text.Tokenizer;

import java.util.List;

/**
 * A scenario's data, loaded, split and encoded: what the teacher trains on (private half plus canaries),
 * what students may use (public half), and the evaluation set (private half vs holdout).
 */
record PreparedData(DataSplit split, List<Canary> canaries, List<PromptResponse> teacherData,
                    List<PromptResponse> publicData, List<PromptResponse> validation, EvaluationSet evaluation,
                    String teacherDataHash, String publicHash, String evaluationHash) {

    /** Validation examples for distillation, taken from the public half. */
    private static final int VALIDATION = 32;

    static PreparedData of(PrivacyScenario scenario, Tokenizer tokenizer) {
        List<Example> members = load(scenario.members(), "members");
        List<Example> nonMembers = load(scenario.nonMembers(), "non-members");
        DataSplit split;
        try {
            split = scenario.teacher().isCheckpoint()
                    ? DataSplit.declared(members, scenario.studentData() == null ? List.of()
                            : load(scenario.studentData(), "student data"), nonMembers, scenario.seed())
                    : DataSplit.of(members, nonMembers, false, scenario.seed());
        } catch (IllegalArgumentException e) {
            throw new PrivacyConfigurationException("cannot " + (scenario.teacher().isCheckpoint() ? "use " : "split ")
                    + scenario.members().describe() + " / " + scenario.nonMembers().describe()
                    + (scenario.studentData() == null ? "" : " / " + scenario.studentData().describe()) + ": "
                    + e.getMessage(), e);
        }
        List<Canary> canaries = scenario.canaries() == 0 ? List.of()
                : new CanaryGenerator(scenario.seed()).generate(scenario.canaries(), CanaryKind.values());
        List<Example> teacherExamples = canaries.isEmpty() ? split.privateSet()
                : new CanaryInjector(scenario.seed(), scenario.canaryRepetitions()).inject(split.privateSet(), canaries)
                        .examples();
        List<PromptResponse> publicData = MemorizationProbe.tokenize(tokenizer, split.publicSet());
        return new PreparedData(split, canaries, MemorizationProbe.tokenize(tokenizer, teacherExamples), publicData,
                publicData.subList(0, Math.min(VALIDATION, publicData.size())),
                new EvaluationSet(split.privateSet(), split.holdout(), tokenizer),
                DataSplit.hash(teacherExamples), DataSplit.hash(split.publicSet()),
                DataSplit.hash(split.privateSet()) + ":" + DataSplit.hash(split.holdout()));
    }

    /**
     * How many records (the teacher's data — members and canaries —, the public half and the holdout) are
     * longer than {@code maxLength} tokens and will be truncated, and the longest one's length:
     * {@code [count, longest]}.
     */
    int[] truncation(int maxLength) {
        int count = 0;
        int longest = 0;
        for (List<PromptResponse> part : List.of(teacherData, publicData, evaluation.nonMemberIds())) {
            for (PromptResponse p : part) {
                int length = p.prompt().length + p.response().length;
                if (length > maxLength) {
                    count++;
                    longest = Math.max(longest, length);
                }
            }
        }
        return new int[] {count, longest};
    }

    private static List<Example> load(ExampleSource source, String what) {
        List<Example> examples = source.load();
        if (examples.isEmpty()) {
            throw new PrivacyConfigurationException(what + " are empty: " + source.describe());
        }
        return examples;
    }
}
