package io.kdprivacy.data;

import io.kdprivacy.results.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The paper's data protocol: training data split at random into a <b>private</b> part (the teacher's
 * fine-tuning data and the audit's members) and a <b>public</b> part (the only data distillation may
 * use), plus a separate <b>holdout</b> of non-members. With a shadow reference, a third,
 * <b>shadow-private</b> part of the same distribution trains a shadow teacher that never sees a member.
 *
 * <p>Before splitting, training examples whose normalised text ({@link TextNormalizer}) repeats an
 * earlier one are dropped, so no member can reach the student through a public duplicate. A holdout
 * example that matches a training example after normalisation is an error: it would be a member
 * posing as a non-member.
 *
 * @param privateSet    members: the teacher's fine-tuning data
 * @param shadowPrivate the shadow teacher's data (empty without a shadow reference)
 * @param publicSet     data for student initialisation and distillation
 * @param holdout       non-members
 * @param manifest      seed, sizes and hashes of the parts
 */
public record DataSplit(List<Example> privateSet, List<Example> shadowPrivate, List<Example> publicSet,
                        List<Example> holdout, SplitManifest manifest) {

    public DataSplit {
        privateSet = List.copyOf(privateSet);
        shadowPrivate = List.copyOf(shadowPrivate);
        publicSet = List.copyOf(publicSet);
        holdout = List.copyOf(holdout);
    }

    /**
     * Splits {@code training} into private and public halves (thirds with a shadow part) in an order
     * drawn from {@code seed}; {@code holdout} becomes the non-members.
     *
     * @throws IllegalArgumentException if a part would be empty or the holdout overlaps the training data
     */
    public static DataSplit of(List<Example> training, List<Example> holdout, boolean withShadow, long seed) {
        requireHoldout(holdout);
        Set<String> seen = new HashSet<>();
        List<Example> unique = distinct(training, seen);
        int parts = withShadow ? 3 : 2;
        if (unique.size() < parts) {
            throw new IllegalArgumentException("training data has " + unique.size() + " distinct examples; "
                    + parts + " non-empty parts need at least " + parts);
        }
        List<Integer> overlapping = new ArrayList<>();
        for (int i = 0; i < holdout.size(); i++) {
            if (seen.contains(TextNormalizer.normalize(holdout.get(i)))) {
                overlapping.add(i);
            }
        }
        if (!overlapping.isEmpty()) {
            throw new IllegalArgumentException(overlapping.size() + " holdout example(s) also occur in the training "
                    + "data (same normalised text), e.g. holdout index " + overlapping.subList(0, Math.min(5, overlapping.size()))
                    + "; non-members must not be members");
        }
        List<Example> shuffled = new ArrayList<>(unique);
        Collections.shuffle(shuffled, new Random(seed));
        int n = shuffled.size();
        int privateEnd = n / parts;
        int shadowEnd = withShadow ? 2 * n / parts : privateEnd;
        List<Example> privateSet = shuffled.subList(0, privateEnd);
        List<Example> shadow = shuffled.subList(privateEnd, shadowEnd);
        List<Example> publicSet = shuffled.subList(shadowEnd, n);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        Map<String, String> hashes = new HashMap<>();
        record(sizes, hashes, "private", privateSet);
        record(sizes, hashes, "shadowPrivate", shadow);
        record(sizes, hashes, "public", publicSet);
        record(sizes, hashes, "holdout", holdout);
        SplitManifest manifest = new SplitManifest(seed, sizes, hashes, training.size() - unique.size());
        return new DataSplit(privateSet, shadow, publicSet, holdout, manifest);
    }

    /**
     * The data of models kdprivacy did not train, as the user declares it — nothing is split: {@code members}
     * are what the teacher was trained on (duplicates after normalisation dropped), {@code studentData} what the
     * student was distilled on (may be empty), {@code holdout} the non-members.
     *
     * @throws IllegalArgumentException if members or holdout are empty, or any two of the three sets share an
     *                                  example (same normalised text)
     */
    public static DataSplit declared(List<Example> members, List<Example> studentData, List<Example> holdout,
                                     long seed) {
        requireHoldout(holdout);
        Set<String> seen = new HashSet<>();
        List<Example> unique = distinct(members, seen);
        if (unique.isEmpty()) {
            throw new IllegalArgumentException("members are empty");
        }
        Set<String> student = new HashSet<>();
        studentData.forEach(e -> student.add(TextNormalizer.normalize(e)));
        overlap(studentData, seen, "student data", "members", "the student would have seen members directly");
        overlap(holdout, seen, "holdout", "members", "non-members must not be members");
        overlap(holdout, student, "holdout", "student data", "the student would have seen non-members");
        Map<String, Integer> sizes = new LinkedHashMap<>();
        Map<String, String> hashes = new HashMap<>();
        record(sizes, hashes, "private", unique);
        record(sizes, hashes, "public", studentData);
        record(sizes, hashes, "holdout", holdout);
        SplitManifest manifest = new SplitManifest(seed, sizes, hashes, members.size() - unique.size());
        return new DataSplit(unique, List.of(), studentData, holdout, manifest);
    }

    private static void requireHoldout(List<Example> holdout) {
        if (holdout.isEmpty()) {
            throw new IllegalArgumentException("holdout (non-members) is empty");
        }
    }

    /** {@code examples} without those whose normalised text repeats an earlier one (collected in {@code seen}). */
    private static List<Example> distinct(List<Example> examples, Set<String> seen) {
        List<Example> unique = new ArrayList<>();
        for (Example e : examples) {
            if (seen.add(TextNormalizer.normalize(e))) {
                unique.add(e);
            }
        }
        return unique;
    }

    private static void overlap(List<Example> examples, Set<String> other, String what, String otherName, String why) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < examples.size() && found.size() < 5; i++) {
            if (other.contains(TextNormalizer.normalize(examples.get(i)))) {
                found.add(i);
            }
        }
        if (!found.isEmpty()) {
            throw new IllegalArgumentException(what + " shares examples with the " + otherName
                    + " (same normalised text), e.g. " + what + " index " + found + ": " + why);
        }
    }

    private static void record(Map<String, Integer> sizes, Map<String, String> hashes, String name, List<Example> part) {
        sizes.put(name, part.size());
        hashes.put(name, hash(part));
    }

    /** SHA-256 over the examples' prompts and responses, in order, with unambiguous separators. */
    public static String hash(List<Example> examples) {
        MessageDigest digest = Sha256.digest();
        for (Example e : examples) {
            for (String field : new String[] {e.prompt(), e.response()}) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                digest.update(HexFormat.of().formatHex(new byte[] {(byte) (bytes.length >>> 24),
                        (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length})
                        .getBytes(StandardCharsets.US_ASCII));
                digest.update(bytes);
            }
        }
        return Sha256.hex(digest);
    }
}
