package io.kdprivacy.junit;

import io.kdprivacy.results.PrivacyReport;
import io.qameta.allure.Allure;

/** Labels, parameters and attachments of one invocation (loaded only when Allure is present). */
final class AllureAttachments {

    private AllureAttachments() {
    }

    static void attach(PrivacyReport report, String json) {
        Allure.epic("privacy");
        Allure.feature(report.technique());
        Allure.parameter("technique", report.technique());
        report.models().forEach(m -> Allure.parameter(m.role(), m.family() + " " + m.size()));
        Allure.addAttachment("kdprivacy results.json", "application/json", json, ".json");
    }
}
