package io.kdprivacy.junit;

import io.kdprivacy.assertj.AssertionLog;
import io.kdprivacy.assertj.PrivacySoftAssertions;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.ResultsJson;
import io.kdprivacy.results.run.RunManifest;
import io.kdprivacy.scenario.PipelinePhase;
import io.kdprivacy.scenario.PrivacyScenario;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs one technique's invocation: builds the scenario and its report before the method (so configuration
 * errors surface before training, and the report can be injected), records the assertions made while the
 * method runs, applies the declarative gates afterwards, and writes the results JSON (and Allure output when
 * Allure is on the class path) whether the method passed or not. Its outcome — passed, failed, errored or
 * aborted — and the results file's hash go into the run manifest ({@link RunRecorder}).
 */
final class PrivacyInvocation implements BeforeEachCallback, BeforeTestExecutionCallback, ParameterResolver,
        AfterTestExecutionCallback, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PrivacyInvocation.class);
    private static final Set<Class<?>> INJECTABLE = Set.of(PrivacyReport.class, ModelReport.class, KdTechnique.class);

    private final KdTechnique technique;
    private final PrivacyTest test;
    private final PrivacyConfiguration config;
    private final Gates gates;
    private final boolean last;

    /** {@code last}: the test method's last invocation, which also shows all its techniques side by side. */
    PrivacyInvocation(KdTechnique technique, PrivacyTest test, PrivacyConfiguration config, Gates gates, boolean last) {
        this.technique = technique;
        this.test = test;
        this.config = config;
        this.gates = gates;
        this.last = last;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RunRecorder.of(context, config);   // the run's manifest exists before anything can fail
        // the runner validates it before training anything
        PrivacyScenario scenario = ScenarioFactory.create(context.getRequiredTestClass(), context.getRequiredTestMethod(),
                test, config);
        String testId = testId(context);
        PrivacyReport report = PrivacySession.of(context, config).runner().run(scenario, technique, testId,
                config.excerpts());
        context.getStore(NAMESPACE).put(PrivacyReport.class, report);
        context.getStore(NAMESPACE).put(PipelinePhase.class,
                PrivacySession.of(context, config).runner().phases(testId));
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        context.getStore(NAMESPACE).put(AssertionLog.class, AssertionLog.start(config.inconclusive()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTABLE.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == KdTechnique.class) {
            return technique;
        }
        PrivacyReport report = report(context);
        if (type == ModelReport.class) {
            return report.model("student").orElseThrow(() -> new ParameterResolutionException("report has no student"));
        }
        return report;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        AssertionLog log = store.get(AssertionLog.class, AssertionLog.class);
        PrivacyReport report = store.get(PrivacyReport.class, PrivacyReport.class);
        if (log == null || report == null) {
            return;
        }
        PrivacySoftAssertions softly = new PrivacySoftAssertions();
        try {
            gates.apply(report, softly);
        } finally {
            log.stop();
            PrivacyReport recorded = report.withAssertions(log.records());
            Path file = config.resultsDir().resolve(fileName(recorded.testId()));
            ResultsJson.write(file, recorded);
            RunRecorder.of(context, config).wrote(context.getUniqueId(), file);
            AllureOutput.attach(recorded, injectedParameters(context));
            AllureOutput.steps(phases(store), recorded.assertions());
            String method = context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName();
            PrivacySession session = PrivacySession.of(context, config);
            session.recorded(method, recorded);
            if (last) {
                AllureOutput.crossTechnique(AllureEnvironment.testMethod(method), session.reports(method));
            }
        }
        softly.assertAll();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        finished(context, RunManifest.Outcome.PASSED, null);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        finished(context, cause instanceof AssertionError ? RunManifest.Outcome.FAILED : RunManifest.Outcome.ERRORED,
                cause);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        finished(context, RunManifest.Outcome.ABORTED, cause);
    }

    private void finished(ExtensionContext context, RunManifest.Outcome outcome, Throwable cause) {
        RunRecorder.of(context, config).finished(context.getUniqueId(), testId(context), outcome, cause,
                gates.declared());
    }

    private String testId(ExtensionContext context) {
        return context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName() + "["
                + technique.displayName() + "]";
    }

    @SuppressWarnings("unchecked")
    private static List<PipelinePhase> phases(ExtensionContext.Store store) {
        List<PipelinePhase> phases = store.get(PipelinePhase.class, List.class);
        return phases == null ? List.of() : phases;
    }

    /** The names of the test method's parameters this invocation injects. */
    private static Set<String> injectedParameters(ExtensionContext context) {
        return Arrays.stream(context.getRequiredTestMethod().getParameters())
                .filter(p -> INJECTABLE.contains(p.getType())).map(Parameter::getName).collect(Collectors.toSet());
    }

    private static PrivacyReport report(ExtensionContext context) {
        PrivacyReport report = context.getStore(NAMESPACE).get(PrivacyReport.class, PrivacyReport.class);
        if (report == null) {
            throw new ParameterResolutionException("no privacy report: the scenario did not run");
        }
        return report;
    }

    /** A file name for {@code testId}: letters, digits, '.', '-', '_' and brackets kept. */
    static String fileName(String testId) {
        return testId.replaceAll("[^A-Za-z0-9._\\-\\[\\]]", "_") + ".json";
    }
}
