package io.kdprivacy.cache;

import io.kdprivacy.results.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Content address of a cached artifact: the SHA-256 of everything that determines it (configuration,
 * input data hashes, seed, library version), fed in as named parts so that reordering or renaming changes
 * the key. Build one with {@link #builder(String)}.
 *
 * @param kind what is cached, e.g. {@code teacher}; a directory name
 * @param hash hex SHA-256 of the parts
 */
public record CacheKey(String kind, String hash) {

    public CacheKey {
        if (kind == null || !kind.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("cache kind must be lower-case letters, digits and '-', got " + kind);
        }
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("cache hash must be 64 hex digits, got " + hash);
        }
    }

    /** Starts a key for artifacts of {@code kind}. */
    public static Builder builder(String kind) {
        return new Builder(kind);
    }

    /** A short form for logs. */
    public String shortHash() {
        return hash.substring(0, 12);
    }

    @Override
    public String toString() {
        return kind + "/" + shortHash();
    }

    /** Accumulates named parts into a key. */
    public static final class Builder {

        private final String kind;
        private final MessageDigest digest;

        private Builder(String kind) {
            this.kind = kind;
            this.digest = Sha256.digest();
            put("kind", kind);
        }

        /** Adds {@code name = value}; {@code value}'s {@code toString()} must be deterministic. */
        public Builder put(String name, Object value) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            byte[] v = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
            digest.update(length(n.length));
            digest.update(n);
            digest.update(length(v.length));
            digest.update(v);
            return this;
        }

        /** Adds another key (an artifact this one is built from). */
        public Builder put(String name, CacheKey input) {
            return put(name, input.kind() + ":" + input.hash());
        }

        public CacheKey build() {
            return new CacheKey(kind, Sha256.hex(digest));
        }

        private static byte[] length(int n) {
            return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        }
    }
}
