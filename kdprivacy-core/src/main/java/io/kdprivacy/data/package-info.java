/** Examples and datasets: JSONL loading, the private/public/holdout split, canaries. */
package io.kdprivacy.data;
