/** The results of one build, read from disk, and the compared value of every metric in them. */
package io.kdprivacy.maven.metrics;
