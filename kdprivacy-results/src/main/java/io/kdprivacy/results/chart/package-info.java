/**
 * How reports are shown: number formatting, escaped markup, and SVG charts (log-log ROC curves, the
 * per-block heatmap), shared by the engine's Allure output and the Maven plugin's sign-off report. Everything
 * here draws only numbers, names and hashes from a report, never member text.
 */
package io.kdprivacy.results.chart;
