/** Supervised fine-tuning: the training loop, AdamW, learning-rate schedules, progress and divergence. */
package io.kdprivacy.train;
