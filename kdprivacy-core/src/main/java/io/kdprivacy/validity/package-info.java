/** Whether an evaluation set can tell members from non-members by text alone (the blind baseline). */
package io.kdprivacy.validity;
