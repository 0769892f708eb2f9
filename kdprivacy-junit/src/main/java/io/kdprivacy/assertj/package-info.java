/** AssertJ assertions on privacy reports, with pass, fail and inconclusive decisions that are recorded in the results. */
package io.kdprivacy.assertj;
