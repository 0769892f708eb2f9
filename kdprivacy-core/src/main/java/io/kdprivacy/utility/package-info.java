/**
 * Task quality beside privacy: how well each audited model predicts the held-out responses (NLL, perplexity) and
 * how close its greedy responses come to them (ROUGE-L). Only numbers leave this package; generated text never does.
 */
package io.kdprivacy.utility;
