/** Privacy scenarios (data, teacher, student, training, audit) and the runner that builds, caches and audits their models. */
package io.kdprivacy.scenario;
