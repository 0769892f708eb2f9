package io.kdprivacy.junit;

import io.kdprivacy.results.AssertionRecord;
import io.kdprivacy.results.Outcome;
import io.kdprivacy.results.chart.Numbers;
import io.kdprivacy.scenario.PipelinePhase;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import java.util.List;
import java.util.Locale;

/**
 * The steps of one invocation's Allure test case (loaded only when Allure is present): first each pipeline
 * phase — teacher, student initialisation, no-KD reference, this technique's distillation, each model's audit
 * — named with where its result came from (built, taken from the artifact cache, loaded from a checkpoint or
 * reused from an earlier test) and carrying its real start and stop; then, after the test's own steps, each
 * decision the test made, passed, failed, or broken when inconclusive (with the message Allure's category
 * <i>Inconclusive privacy decisions</i> matches).
 */
final class AllureSteps {

    private AllureSteps() {
    }

    /** Adds the steps to the running Allure test case: the phases before its own steps, the decisions after. */
    static void add(List<PipelinePhase> phases, List<AssertionRecord> decisions) {
        List<StepResult> phaseSteps = phases.stream().map(AllureSteps::phase).toList();
        long now = System.currentTimeMillis();
        List<StepResult> decisionSteps = decisions.stream().map(d -> decision(d, now)).toList();
        Allure.getLifecycle().updateTestCase(test -> {
            test.getSteps().addAll(0, phaseSteps);
            test.getSteps().addAll(decisionSteps);
        });
    }

    /** A finished, passed step {@code name: outcome} from the phase's start to its end. */
    static StepResult phase(PipelinePhase phase) {
        return new StepResult().setName(phase.name() + ": " + phase.outcome()).setStatus(Status.PASSED)
                .setStage(Stage.FINISHED).setStart(phase.start().toEpochMilli()).setStop(phase.end().toEpochMilli());
    }

    /** A finished step for one decision, at {@code time}: passed, failed, or broken when inconclusive. */
    static StepResult decision(AssertionRecord d, long time) {
        StepResult step = new StepResult().setName(name(d)).setStage(Stage.FINISHED).setStart(time).setStop(time);
        if (Outcome.PASSED.name().equals(d.outcome())) {
            return step.setStatus(Status.PASSED);
        }
        boolean inconclusive = Outcome.INCONCLUSIVE.name().equals(d.outcome());
        String message = subject(d) + " = " + Numbers.format(d.value())
                + (inconclusive ? " is inconclusive against " : " is not ") + comparison(d).replaceFirst("^is ", "") + " "
                + Numbers.format(d.limit()) + (inconclusive ? ": the interval straddles the limit" : "")
                + " (" + basis(d) + ")";
        return step.setStatus(inconclusive ? Status.BROKEN : Status.FAILED)
                .setStatusDetails(new StatusDetails().setMessage(message));
    }

    /** E.g. {@code decision: student membership.auc (LOSS) is below 0.6, decided on the upper bound 0.58: PASSED}. */
    static String name(AssertionRecord d) {
        return "decision: " + subject(d) + " " + comparison(d) + " " + Numbers.format(d.limit()) + ", decided on "
                + basis(d) + ": " + d.outcome();
    }

    private static String subject(AssertionRecord d) {
        return (d.model() == null ? "" : d.model() + " ") + d.metric() + (d.attack() == null ? "" : " (" + d.attack() + ")");
    }

    /** {@code isAtMost} as {@code is at most}. */
    private static String comparison(AssertionRecord d) {
        return d.comparison() == null ? "?" : d.comparison().replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
    }

    /** The number the decision used: the point estimate, or which bound of the interval. */
    private static String basis(AssertionRecord d) {
        if (Double.compare(d.decidedOn(), d.value()) == 0) {
            return "the point estimate " + Numbers.format(d.value());
        }
        String bound = d.decidedOn() > d.value() ? "upper" : "lower";
        return "the " + bound + " bound " + Numbers.format(d.decidedOn()) + " (point " + Numbers.format(d.value()) + ")";
    }
}
