package io.kdprivacy.results;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The point value in a report that a recorded decision names ({@link AssertionRecord#metric()},
 * {@link AssertionRecord#model()}, {@link AssertionRecord#attack()}), so that a reader can check the decision
 * against the numbers beside it.
 */
public final class RecordedMetrics {

    private RecordedMetrics() {
    }

    /**
     * The value of {@code decision}'s metric in {@code report}; empty when the report has no such metric (an
     * unknown metric id, model or attack).
     */
    public static OptionalDouble value(PrivacyReport report, AssertionRecord decision) {
        Objects.requireNonNull(decision, "decision");
        String metric = String.valueOf(decision.metric());
        if (metric.equals("inheritedLeakage.auc")) {
            return report.inheritedLeakage().stream()
                    .filter(l -> l.model().equals(decision.model()) && l.attack().equals(decision.attack()))
                    .findFirst().map(l -> OptionalDouble.of(l.aucDifference().value())).orElse(OptionalDouble.empty());
        }
        Optional<ModelReport> model = report.model(String.valueOf(decision.model()));
        if (model.isEmpty()) {
            return OptionalDouble.empty();
        }
        ModelReport m = model.get();
        return switch (metric) {
            case "membership.auc" -> membership(m, decision.attack(), x -> x.auc().value());
            case "membership.tprAt1Pct" -> membership(m, decision.attack(), x -> x.tprAt1Pct().value());
            case "membership.tprAt01Pct" -> membership(m, decision.attack(), x -> x.tprAt01Pct().value());
            case "membership.advantage" -> membership(m, decision.attack(), MembershipMetrics::advantage);
            case "memorization.extractionRate" -> m.memorization() == null ? OptionalDouble.empty()
                    : OptionalDouble.of(m.memorization().memberExtractable().value());
            case "memorization.gap" -> m.memorization() == null ? OptionalDouble.empty()
                    : OptionalDouble.of(m.memorization().gap());
            case "canaries.extractionRate" -> m.canaries() == null ? OptionalDouble.empty()
                    : OptionalDouble.of(m.canaries().extraction().value());
            case "canaries.meanExposure" -> m.canaries() == null ? OptionalDouble.empty()
                    : OptionalDouble.of(m.canaries().meanExposure());
            case "canaries.maxExposure" -> m.canaries() == null ? OptionalDouble.empty()
                    : OptionalDouble.of(m.canaries().maxExposure());
            case "blocks.auc" -> m.blocks().stream().mapToDouble(b -> b.auc().value()).max();
            default -> OptionalDouble.empty();
        };
    }

    private static OptionalDouble membership(ModelReport model, String attack,
                                             Function<MembershipMetrics, Double> value) {
        return model.membership().stream().filter(x -> x.attack().equals(attack)).findFirst()
                .map(x -> OptionalDouble.of(value.apply(x))).orElse(OptionalDouble.empty());
    }
}
