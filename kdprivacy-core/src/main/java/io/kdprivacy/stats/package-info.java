/** Statistics with decided bounds: ROC AUC and curves, bootstrap and Clopper-Pearson intervals, sample-size rules. */
package io.kdprivacy.stats;
