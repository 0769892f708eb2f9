/** Checkpoint files: safetensors reading and writing, sharded weights, atomic saves with checksums. */
package io.kdprivacy.model.checkpoint;
