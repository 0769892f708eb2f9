package io.kdprivacy.results.chart;

import io.kdprivacy.results.Estimate;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats numbers the same way everywhere: at most four decimals, no trailing zeros, no locale. */
public final class Numbers {

    private Numbers() {
    }

    /** {@code value} rounded half-up to four decimals, e.g. {@code 0.62}, {@code 3.1416}; null gives {@code -}. */
    public static String format(Double value) {
        if (value == null) {
            return "-";
        }
        if (!Double.isFinite(value)) {
            return value.toString();
        }
        String text = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }

    /** A signed change, e.g. {@code +0.03} or {@code -0.1}; null gives {@code -}. */
    public static String delta(Double value) {
        return value == null ? "-" : (value > 0 ? "+" : "") + format(value);
    }

    /** {@code 0.62 (0.57 to 0.67)}, with the level when it is not 95 %; null gives {@code -}. */
    public static String interval(Estimate e) {
        if (e == null) {
            return "-";
        }
        String level = Math.abs(e.confidence() - 0.95) < 1e-9 ? "" : ", " + format(e.confidence() * 100) + "%";
        return format(e.value()) + " (" + format(e.lower()) + " to " + format(e.upper()) + level + ")";
    }
}
