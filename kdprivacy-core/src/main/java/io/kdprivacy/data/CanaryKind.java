package io.kdprivacy.data;

import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Formats of planted secrets. Every character marked random is drawn uniformly and independently,
 * so a format's secrets are equally likely and {@link #spaceSize()} of them exist.
 */
public enum CanaryKind {

    /** An account number {@code ACC-dddd-dddd}: 8 random digits. */
    ACCOUNT_ID("account number", "ACC-\\d{4}-\\d{4}", 1e8),
    /** A phone number in the fictional 555 range, {@code +1-555-dddd}: 4 random digits. */
    PHONE("phone number", "\\+1-555-\\d{4}", 1e4),
    /** An API key of 16 random lowercase hex characters. */
    API_KEY("API key", "[0-9a-f]{16}", Math.pow(16, 16));

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String noun;
    private final Pattern pattern;
    private final double spaceSize;

    CanaryKind(String noun, String regex, double spaceSize) {
        this.noun = noun;
        this.pattern = Pattern.compile(regex);
        this.spaceSize = spaceSize;
    }

    /** The pattern every secret of this kind matches in full. */
    public Pattern pattern() {
        return pattern;
    }

    /** Number of distinct secrets of this kind. */
    public double spaceSize() {
        return spaceSize;
    }

    /** The prompt that precedes the secret, e.g. "The account number of customer 17 is". */
    public String prompt(int subject) {
        return "The " + noun + " of customer " + subject + " is";
    }

    /** A uniformly random secret of this kind. */
    public String randomSecret(RandomGenerator random) {
        return switch (this) {
            case ACCOUNT_ID -> "ACC-" + digits(random, 4) + "-" + digits(random, 4);
            case PHONE -> "+1-555-" + digits(random, 4);
            case API_KEY -> {
                StringBuilder s = new StringBuilder(16);
                for (int i = 0; i < 16; i++) {
                    s.append(HEX[random.nextInt(16)]);
                }
                yield s.toString();
            }
        };
    }

    private static String digits(RandomGenerator random, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }
}
