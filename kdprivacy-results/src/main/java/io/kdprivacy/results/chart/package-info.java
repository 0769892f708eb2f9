/**
 * How reports are shown: number formatting, escaped markup, and SVG charts (log-log ROC curves, the
 * per-block heatmap, and the cross-technique view: the technique × attack AUC heatmap, privacy against
 * utility, and the membership and memorization rankings with their rank correlation), shared by the engine's Allure output and the Maven plugin's sign-off report. Everything
 * here draws only numbers, names and hashes from a report, never member text.
 */
package io.kdprivacy.results.chart;
