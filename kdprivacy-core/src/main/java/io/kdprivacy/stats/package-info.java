/**
 * Statistics with decided bounds: ROC AUC and curves, bootstrap and Clopper-Pearson intervals, sample-size rules,
 * and the skew-normal behind the extrapolated canary exposure.
 */
package io.kdprivacy.stats;
