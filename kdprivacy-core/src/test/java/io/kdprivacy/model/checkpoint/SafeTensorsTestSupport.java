package io.kdprivacy.model.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds safetensors byte images by hand, independently of {@link SafeTensors#write}. */
final class SafeTensorsTestSupport {
    private SafeTensorsTestSupport() {}

    /** 8-byte little-endian {@code headerLength}, then the raw header and data bytes. */
    static byte[] image(long headerLength, byte[] header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).array());
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** A well-formed image whose header length is exactly the UTF-8 length of {@code json}. */
    static byte[] image(String json, byte[] data) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return image(header.length, header, data);
    }

    static Path writeFile(Path dir, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** Little-endian float32 bytes. */
    static byte[] f32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** Little-endian 16-bit words. */
    static byte[] u16(int... words) {
        ByteBuffer b = ByteBuffer.allocate(words.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            b.putShort((short) w);
        }
        return b.array();
    }
}
