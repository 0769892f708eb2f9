/** Tokenizers: byte level, and Hugging Face {@code tokenizer.json} through DJL. */
package io.kdprivacy.text;
