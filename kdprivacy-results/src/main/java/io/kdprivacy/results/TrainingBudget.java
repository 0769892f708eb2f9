package io.kdprivacy.results;

/**
 * What training a student (or the no-KD reference) received, so that techniques are compared at equal
 * budgets: the rule the budget was set by and what was actually spent.
 *
 * @param rule            how the budget was set, e.g. {@code equal optimizer steps: 3 epochs x 32 batches of 16}
 * @param optimizerSteps  optimizer steps taken
 * @param sequences       training sequences the steps used (with repeats)
 * @param responseTokens  response tokens the loss was computed on (with repeats)
 */
public record TrainingBudget(String rule, int optimizerSteps, long sequences, long responseTokens) {
}
