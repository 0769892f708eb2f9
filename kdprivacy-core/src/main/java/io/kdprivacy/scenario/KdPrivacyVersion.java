package io.kdprivacy.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's version, as built (recorded in reports and in every cache key). */
public final class KdPrivacyVersion {

    private static final String VERSION = load();

    private KdPrivacyVersion() {
    }

    /** E.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} if the build did not record it. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = KdPrivacyVersion.class.getResourceAsStream("/io/kdprivacy/kdprivacy.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
