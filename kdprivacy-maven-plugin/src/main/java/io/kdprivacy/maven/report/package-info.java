/** The release sign-off report: a document model rendered to HTML (with charts) and Markdown. */
package io.kdprivacy.maven.report;
