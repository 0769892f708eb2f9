package io.kdprivacy.model.checkpoint;

import static io.kdprivacy.model.checkpoint.SafeTensorsTestSupport.f32;
import static io.kdprivacy.model.checkpoint.SafeTensorsTestSupport.image;
import static io.kdprivacy.model.checkpoint.SafeTensorsTestSupport.writeFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed input must fail with a {@link CheckpointException} naming file and problem. */
class SafeTensorsMalformedTest {

    @TempDir Path tmp;

    private static String entry(String name, String dtype, String shape, String offsets) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}";
    }

    static Stream<Arguments> malformed() {
        byte[] one = f32(1f);
        byte[] two = f32(1f, 2f);
        byte[] three = f32(1f, 2f, 3f);
        return Stream.of(
                Arguments.of("shorter than 8 bytes", new byte[] {1, 2, 3, 4, 5}, "shorter than the 8-byte"),
                Arguments.of("empty file", new byte[0], "shorter than the 8-byte"),
                Arguments.of("header length beyond file", image(1000, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]), "larger than the file"),
                Arguments.of("header length negative as signed", image(-1L, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]), "18446744073709551615 is larger than the file"),
                Arguments.of("header not JSON", image("{not json", new byte[0]), "not valid JSON"),
                Arguments.of("header JSON array", image("[1,2]", new byte[0]), "not valid JSON"),
                Arguments.of("header empty", image("", new byte[0]), "not valid JSON"),
                Arguments.of("header trailing tokens", image("{} {}", new byte[0]), "not valid JSON"),
                Arguments.of("header duplicate key", image("{" + entry("a", "F32", "[1]", "[0,4]") + "," + entry("a", "F32", "[1]", "[0,4]") + "}", one), "not valid JSON"),
                Arguments.of("header invalid UTF-8", image(2, new byte[] {(byte) 0xC3, (byte) 0x28}, new byte[0]), "not valid UTF-8"),
                Arguments.of("missing dtype", image("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", one), "tensor 'a' is missing 'dtype'"),
                Arguments.of("missing shape", image("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", one), "tensor 'a' is missing 'shape'"),
                Arguments.of("missing data_offsets", image("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", one), "tensor 'a' is missing 'data_offsets'"),
                Arguments.of("entry not object", image("{\"a\":[1]}", new byte[0]), "tensor 'a' entry is not a JSON object"),
                Arguments.of("unsupported dtype", image("{" + entry("a", "Q4", "[1]", "[0,8]") + "}", two), "unsupported dtype 'Q4'"),
                Arguments.of("negative dimension", image("{" + entry("a", "F32", "[-1]", "[0,4]") + "}", one), "non-negative-integer"),
                Arguments.of("fractional dimension", image("{" + entry("a", "F32", "[1.5]", "[0,4]") + "}", one), "non-negative-integer"),
                Arguments.of("offsets wrong arity", image("{" + entry("a", "F32", "[1]", "[0,4,8]") + "}", one), "invalid data_offsets"),
                Arguments.of("offsets reversed", image("{" + entry("a", "F32", "[0]", "[4,0]") + "}", one), "invalid data_offsets"),
                Arguments.of("offsets not matching shape", image("{" + entry("a", "F32", "[3]", "[0,8]") + "}", two), "needs 12"),
                Arguments.of("offsets not matching dtype", image("{" + entry("a", "F16", "[2]", "[0,8]") + "}", two), "needs 4"),
                Arguments.of("offsets out of range", image("{" + entry("a", "F32", "[2]", "[0,8]") + "}", one), "out of range"),
                Arguments.of("overlapping tensors", image("{" + entry("a", "F32", "[2]", "[0,8]") + "," + entry("b", "F32", "[2]", "[4,12]") + "}", three), "overlap tensor 'a'"),
                Arguments.of("gap between tensors", image("{" + entry("a", "F32", "[1]", "[0,4]") + "," + entry("b", "F32", "[1]", "[8,12]") + "}", three), "not covered"),
                Arguments.of("trailing garbage", image("{" + entry("a", "F32", "[1]", "[0,4]") + "}", two), "4 trailing bytes"),
                Arguments.of("data but no tensors", image("{}", one), "trailing bytes"),
                Arguments.of("metadata not object", image("{\"__metadata__\":[]}", new byte[0]), "__metadata__ is not a JSON object"),
                Arguments.of("metadata value not string", image("{\"__metadata__\":{\"k\":1}}", new byte[0]), "__metadata__ value for 'k' is not a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedFileIsRejected(String label, byte[] bytes, String problem) throws IOException {
        Path file = writeFile(tmp, "bad.safetensors", bytes);
        assertThatThrownBy(() -> SafeTensors.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(problem);
    }

    @Test
    void wellFormedControlImageIsAccepted() throws IOException {
        // guards the malformed cases above: the same builder produces readable files when valid
        Path file = writeFile(tmp, "ok.safetensors", image("{" + entry("a", "F32", "[2]", "[0,8]") + "}", f32(1f, 2f)));
        assertThat(SafeTensors.read(file).get("a").data()).containsExactly(1f, 2f);
    }

    @Test
    void missingFileIsRejected() {
        Path file = tmp.resolve("nope.safetensors");
        assertThatThrownBy(() -> SafeTensors.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void directoryIsRejected() {
        assertThatThrownBy(() -> SafeTensors.read(tmp))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void everyTruncationOfAValidFileIsRejected() throws IOException {
        Path good = tmp.resolve("good.safetensors");
        SafeTensors.write(
                good,
                List.of(
                        new TensorData("a", new long[] {2, 2}, new float[] {1, 2, 3, 4}),
                        new TensorData("b", new long[] {3}, new float[] {5, 6, 7})),
                Map.of("k", "v"));
        byte[] bytes = Files.readAllBytes(good);
        assertThat(SafeTensors.read(good).names()).containsExactly("a", "b");
        Path cut = tmp.resolve("cut.safetensors");
        for (int len = 0; len < bytes.length; len++) {
            Files.write(cut, Arrays.copyOf(bytes, len));
            CheckpointException e = catchThrowableOfType(CheckpointException.class, () -> SafeTensors.read(cut));
            assertThat(e).as("truncated to %d of %d bytes", len, bytes.length).isNotNull();
            assertThat(e.getMessage()).contains(cut.toString());
        }
    }
}
