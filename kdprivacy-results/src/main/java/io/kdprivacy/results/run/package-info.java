/** Run manifests: which privacy tests a test run ran, how each came out, and the hash of each results file it wrote. */
package io.kdprivacy.results.run;
