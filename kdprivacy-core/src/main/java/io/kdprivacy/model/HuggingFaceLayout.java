package io.kdprivacy.model;

import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each of kdprivacy's canonical tensors (see {@link CausalLm}) lives in a Hugging Face checkpoint, and
 * how it is stored there: as it is, transposed (GPT-2's {@code Conv1D} keeps [in, out]), or as equal row
 * blocks of several tensors (separate q, k, v projections; LLaMA's gate and up projections). The same table
 * serves loading and export, so the two cannot drift apart.
 */
final class HuggingFaceLayout {

    /** How a canonical tensor is stored. */
    enum Kind { COPY, TRANSPOSE, ROW_BLOCKS }

    /**
     * One canonical tensor and its Hugging Face source tensors.
     *
     * @param canonical the canonical name
     * @param shape     the canonical shape
     * @param kind      how it is stored
     * @param sources   the Hugging Face names (several only for {@link Kind#ROW_BLOCKS}, in row order)
     */
    record Mapping(String canonical, Shape shape, Kind kind, List<String> sources) {

        /** The shape each source tensor has in the file. */
        long[] sourceShape() {
            long[] s = shape.getShape();
            return switch (kind) {
                case COPY -> s;
                case TRANSPOSE -> new long[] {s[1], s[0]};
                case ROW_BLOCKS -> s.length == 1 ? new long[] {s[0] / sources.size()}
                        : new long[] {s[0] / sources.size(), s[1]};
            };
        }
    }

    private HuggingFaceLayout() {
    }

    /** The name prefix transformers' {@code save_pretrained} writes for a family. */
    static String defaultPrefix(ModelFamily family) {
        return switch (family) {
            case GPT2 -> "transformer.";
            case OPT -> "model.decoder.";
            case LLAMA -> "model.";
        };
    }

    /**
     * The prefix a checkpoint with these tensor names uses: GPT-2 is saved with or without
     * {@code transformer.}, OPT with {@code model.decoder.} or {@code decoder.}.
     */
    static String prefix(ModelFamily family, Set<String> names) {
        return switch (family) {
            case GPT2 -> names.contains("wte.weight") ? "" : "transformer.";
            case OPT -> names.contains("decoder.embed_tokens.weight") ? "decoder." : "model.decoder.";
            case LLAMA -> "model.";
        };
    }

    /**
     * Whether {@code name} is a non-parameter buffer transformers may have saved (GPT-2's causal mask
     * {@code attn.bias} and {@code attn.masked_bias}, LLaMA's {@code rotary_emb.inv_freq}): recomputed by
     * the model, so skipped.
     */
    static boolean isBuffer(ModelFamily family, String name) {
        return switch (family) {
            case GPT2 -> name.endsWith(".attn.bias") || name.endsWith(".attn.masked_bias");
            case OPT -> false;
            case LLAMA -> name.endsWith(".rotary_emb.inv_freq");
        };
    }

    /** Every canonical tensor of {@code config} with its sources, in {@link CausalLm#layout} order. */
    static List<Mapping> of(ModelConfig config, String prefix) {
        Map<String, Shape> shapes = CausalLm.layout(config);
        List<Mapping> out = new ArrayList<>(shapes.size());
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            out.add(mapping(config.family(), prefix, e.getKey(), e.getValue()));
        }
        return out;
    }

    private static Mapping mapping(ModelFamily family, String p, String name, Shape shape) {
        if (name.equals("lm_head.weight")) {
            return copy(name, shape, "lm_head.weight");
        }
        if (!name.startsWith("blocks.")) {
            return copy(name, shape, p + switch (family) {
                case GPT2 -> Map.of("embed.tokens", "wte.weight", "embed.positions", "wpe.weight",
                        "norm.weight", "ln_f.weight", "norm.bias", "ln_f.bias").get(name);
                case OPT -> Map.of("embed.tokens", "embed_tokens.weight", "embed.positions", "embed_positions.weight",
                        "norm.weight", "final_layer_norm.weight", "norm.bias", "final_layer_norm.bias").get(name);
                case LLAMA -> Map.of("embed.tokens", "embed_tokens.weight", "norm.weight", "norm.weight").get(name);
            });
        }
        String[] parts = name.split("\\.", 3);                 // blocks, i, rest
        String rest = parts[2];
        String suffix = rest.substring(rest.lastIndexOf('.'));  // .weight or .bias
        String part = rest.substring(0, rest.lastIndexOf('.'));
        switch (family) {
            case GPT2: {
                String h = p + "h." + parts[1] + ".";
                return switch (part) {
                    case "norm1" -> copy(name, shape, h + "ln_1" + suffix);
                    case "norm2" -> copy(name, shape, h + "ln_2" + suffix);
                    default -> {
                        String source = h + Map.of("attn.qkv", "attn.c_attn", "attn.out", "attn.c_proj",
                                "mlp.up", "mlp.c_fc", "mlp.down", "mlp.c_proj").get(part) + suffix;
                        yield suffix.equals(".weight") ? new Mapping(name, shape, Kind.TRANSPOSE, List.of(source))
                                : copy(name, shape, source);
                    }
                };
            }
            case OPT: {
                String h = p + "layers." + parts[1] + ".";
                return switch (part) {
                    case "norm1" -> copy(name, shape, h + "self_attn_layer_norm" + suffix);
                    case "norm2" -> copy(name, shape, h + "final_layer_norm" + suffix);
                    case "attn.qkv" -> blocks(name, shape, h + "self_attn.q_proj" + suffix,
                            h + "self_attn.k_proj" + suffix, h + "self_attn.v_proj" + suffix);
                    case "attn.out" -> copy(name, shape, h + "self_attn.out_proj" + suffix);
                    case "mlp.up" -> copy(name, shape, h + "fc1" + suffix);
                    case "mlp.down" -> copy(name, shape, h + "fc2" + suffix);
                    default -> throw new IllegalStateException(name);
                };
            }
            case LLAMA: {
                String h = p + "layers." + parts[1] + ".";
                return switch (part) {
                    case "norm1" -> copy(name, shape, h + "input_layernorm" + suffix);
                    case "norm2" -> copy(name, shape, h + "post_attention_layernorm" + suffix);
                    case "attn.qkv" -> blocks(name, shape, h + "self_attn.q_proj" + suffix,
                            h + "self_attn.k_proj" + suffix, h + "self_attn.v_proj" + suffix);
                    case "attn.out" -> copy(name, shape, h + "self_attn.o_proj" + suffix);
                    case "mlp.up" -> blocks(name, shape, h + "mlp.gate_proj" + suffix, h + "mlp.up_proj" + suffix);
                    case "mlp.down" -> copy(name, shape, h + "mlp.down_proj" + suffix);
                    default -> throw new IllegalStateException(name);
                };
            }
            default:
                throw new IllegalStateException(family.toString());
        }
    }

    private static Mapping copy(String name, Shape shape, String source) {
        return new Mapping(name, shape, Kind.COPY, List.of(source));
    }

    private static Mapping blocks(String name, Shape shape, String... sources) {
        return new Mapping(name, shape, Kind.ROW_BLOCKS, List.of(sources));
    }
}
