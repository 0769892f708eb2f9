/** The on-disk, content-addressed artifact cache of models and audits: locking, verification, cleanup. */
package io.kdprivacy.cache;
