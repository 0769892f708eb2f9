package io.kdprivacy.scenario;

import io.kdprivacy.audit.ModelAudit;
import io.kdprivacy.data.Canary;
import io.kdprivacy.data.Example;
import io.kdprivacy.results.Excerpt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The opt-in text excerpts of a report: the members an attack ranks most member-like, shortened, with every
 * canary secret masked.
 */
final class Excerpts {

    /** Longest prompt or response kept, in characters. */
    static final int MAX_CHARS = 160;

    private Excerpts() {
    }

    static List<Excerpt> top(ModelAudit audit, List<Example> members, List<Canary> canaries, int count) {
        if (count <= 0 || audit.scores().isEmpty()) {
            return List.of();
        }
        String attack = audit.scores().containsKey("LOSS") ? "LOSS" : audit.scores().keySet().iterator().next();
        double[] scores = audit.scores().get(attack).members();
        int[] order = IntStream.range(0, scores.length).filter(i -> !Double.isNaN(scores[i])).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).limit(count).toArray();
        List<Excerpt> out = new ArrayList<>(order.length);
        for (int r = 0; r < order.length; r++) {
            Example e = members.get(order[r]);
            out.add(new Excerpt(audit.report().role(), attack, r + 1, scores[order[r]], shorten(mask(e.prompt(), canaries)),
                    shorten(mask(e.response(), canaries))));
        }
        return out;
    }

    static String mask(String text, List<Canary> canaries) {
        String out = text;
        for (Canary c : canaries) {
            out = out.replace(c.secret(), "*".repeat(c.secret().length()));
        }
        return out;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 1) + "…";
    }
}
