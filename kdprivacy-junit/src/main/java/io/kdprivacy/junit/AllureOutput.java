package io.kdprivacy.junit;

import io.kdprivacy.results.PrivacyReport;

/** Allure output, written only when Allure is on the test class path. */
final class AllureOutput {

    private static final boolean AVAILABLE = present("io.qameta.allure.Allure");

    private AllureOutput() {
    }

    static void attach(PrivacyReport report, String json) {
        if (AVAILABLE) {
            AllureAttachments.attach(report, json);
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
