package io.kdprivacy.junit;

import io.kdprivacy.assertj.PrivacySoftAssertions;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.scenario.PrivacyConfigurationException;

import java.util.ArrayList;
import java.util.List;

/**
 * The declarative limits of a {@link PrivacyTest} ({@code maxMembershipAuc} etc.), checked for range when
 * the test is discovered and applied to the report after the test method, like assertions written in it.
 */
record Gates(double maxMembershipAuc, double maxExtractionRate, double maxInheritedLeakage) {

    static Gates of(PrivacyTest test) {
        List<String> problems = new ArrayList<>();
        check(problems, "maxMembershipAuc", test.maxMembershipAuc(), 0, 1);
        check(problems, "maxExtractionRate", test.maxExtractionRate(), 0, 1);
        check(problems, "maxInheritedLeakage", test.maxInheritedLeakage(), -1, 1);
        if (!problems.isEmpty()) {
            throw new PrivacyConfigurationException("@PrivacyTest: " + String.join("; ", problems));
        }
        return new Gates(test.maxMembershipAuc(), test.maxExtractionRate(), test.maxInheritedLeakage());
    }

    private static void check(List<String> problems, String name, double value, double min, double max) {
        if (!Double.isNaN(value) && !(value >= min && value <= max)) {
            problems.add(name + " = " + value + " is outside [" + (int) min + ", " + (int) max + "]");
        }
    }

    /** How many gates are declared. */
    int declared() {
        return (Double.isNaN(maxMembershipAuc) ? 0 : 1) + (Double.isNaN(maxExtractionRate) ? 0 : 1)
                + (Double.isNaN(maxInheritedLeakage) ? 0 : 1);
    }

    /** Applies the gates to {@code report}; failures are collected in {@code softly}. */
    void apply(PrivacyReport report, PrivacySoftAssertions softly) {
        if (!Double.isNaN(maxMembershipAuc)) {
            softly.assertThat(report).membership().auc().isBelow(maxMembershipAuc);
        }
        if (!Double.isNaN(maxExtractionRate)) {
            softly.assertThat(report).memorization().extractionRate().isAtMost(maxExtractionRate);
        }
        if (!Double.isNaN(maxInheritedLeakage)) {
            softly.assertThat(report).inheritedLeakage().isBelow(maxInheritedLeakage);
        }
    }
}
