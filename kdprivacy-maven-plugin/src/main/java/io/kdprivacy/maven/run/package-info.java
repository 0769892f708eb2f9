/** What the gate trusts: results bound to this build's test run by its run manifest. */
package io.kdprivacy.maven.run;
