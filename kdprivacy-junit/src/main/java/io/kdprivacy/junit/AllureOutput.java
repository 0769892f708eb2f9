package io.kdprivacy.junit;

import io.kdprivacy.results.AssertionRecord;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.scenario.PipelinePhase;
import java.util.List;

import java.util.Set;

/** Allure output, written only when Allure is on the test class path. */
final class AllureOutput {

    private static final boolean AVAILABLE = present("io.qameta.allure.Allure");

    private AllureOutput() {
    }

    /**
     * Labels, parameters and attachments of {@code report} on the running Allure test, without member excerpts.
     *
     * @param injected names of the test method's parameters that received the report, a model report or the
     *                 technique: Allure's JUnit 5 extension records their values, which are replaced here
     */
    static void attach(PrivacyReport report, Set<String> injected) {
        if (AVAILABLE) {
            AllureAttachments.attach(report, injected);
        }
    }

    /** Each pipeline phase and each decision as a step of the running Allure test. */
    static void steps(List<PipelinePhase> phases, List<AssertionRecord> decisions) {
        if (AVAILABLE) {
            AllureSteps.add(phases, decisions);
        }
    }

    /**
     * The techniques of {@code testMethod} side by side, as attachments of the running Allure test (call it from
     * the method's last invocation, when every technique's report exists).
     */
    static void crossTechnique(String testMethod, List<PrivacyReport> reports) {
        if (AVAILABLE) {
            AllureCrossTechnique.attach(testMethod, reports);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, AllureOutput.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
