package io.kdprivacy.data;

import java.text.Normalizer;
import java.util.Locale;

/** The normalised form under which two examples count as the same text: NFKC, lower case, letters and digits only, single spaces. */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    /** Normalises {@code text} for overlap checks. */
    public static String normalize(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                out.appendCodePoint(cp);
                space = false;
            } else {
                space = true;
            }
        }
        return out.toString();
    }

    /** The normalised form of an example's prompt and response together. */
    public static String normalize(Example example) {
        return normalize(example.prompt()) + " | " + normalize(example.response());
    }
}
