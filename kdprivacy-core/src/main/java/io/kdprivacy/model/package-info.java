/** Causal language models (GPT-2, OPT, LLaMA families) on DJL/PyTorch: the forward pass, scoring, generation, and kdprivacy and Hugging Face checkpoints. */
package io.kdprivacy.model;
