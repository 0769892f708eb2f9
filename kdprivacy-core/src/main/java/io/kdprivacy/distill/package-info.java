/** Knowledge distillation: the six techniques, their divergences and sequence sources, and the reference students. */
package io.kdprivacy.distill;
