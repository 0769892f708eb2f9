package io.kdprivacy.model;

import java.nio.charset.StandardCharsets;

/** Test helper: UTF-8 bytes as token ids of a 257-token vocabulary whose id 256 is end-of-sequence. */
public final class Bytes {

    public static final int VOCAB = 257;
    public static final int EOS = 256;

    private Bytes() {
    }

    public static int[] ids(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            ids[i] = b[i] & 0xFF;
        }
        return ids;
    }

    public static String text(int[] ids) {
        byte[] b = new byte[ids.length];
        int n = 0;
        for (int id : ids) {
            if (id < 256) {
                b[n++] = (byte) id;
            }
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    public static PromptResponse example(String prompt, String response) {
        return new PromptResponse(ids(prompt), ids(response));
    }

    public static ModelConfig config(ModelFamily family, String size) {
        return ModelConfig.named(family, size, VOCAB, EOS, 128);
    }
}
