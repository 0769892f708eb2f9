/** The committed baseline: its file format, how results compare with it, tolerances, and what fails the gate. */
package io.kdprivacy.maven.baseline;
