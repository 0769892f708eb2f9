/** The Maven goals: {@code check} (the gate), {@code baseline} (the committed baseline) and {@code report} (the sign-off report). */
package io.kdprivacy.maven;
