package io.kdprivacy.results;

/**
 * Planted secrets: how exposed and how extractable they are. Never carries the secrets themselves.
 *
 * @param count          canaries planted in the private data
 * @param meanExposure   mean exposure in bits (log2 |candidates| − log2 rank of the true secret)
 * @param maxExposure    largest exposure
 * @param extraction     share of canaries reproduced exactly by greedy decoding, with interval
 */
public record CanaryMetrics(int count, double meanExposure, double maxExposure, Estimate extraction) {
}
