/** Plain-text tables for the build log. */
package io.kdprivacy.maven.text;
