/** The results of privacy tests, shared by engine and plugin: the {@code PrivacyReport} records and their versioned JSON, and the one vocabulary of metric ids, model roles and outcomes. */
package io.kdprivacy.results;
