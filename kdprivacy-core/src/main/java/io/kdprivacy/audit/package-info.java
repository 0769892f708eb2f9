/** The privacy audit of one model: every attack, memorization, canaries and per-block risk, turned into report records. */
package io.kdprivacy.audit;
