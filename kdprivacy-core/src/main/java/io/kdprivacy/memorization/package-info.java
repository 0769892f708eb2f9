/** Memorization: the greedy-completion probe, its scores, and canary exposure. */
package io.kdprivacy.memorization;
