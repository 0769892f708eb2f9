package io.kdprivacy.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExampleTest {

    @Test
    void textConcatenatesPromptAndResponse() {
        assertThat(new Example("Q: hi\nA: ", "hello").text()).isEqualTo("Q: hi\nA: hello");
        assertThat(new Example("", "").text()).isEmpty();
    }

    @Test
    void rejectsNullsNamingTheField() {
        assertThatThrownBy(() -> new Example(null, "r"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("prompt");
        assertThatThrownBy(() -> new Example("p", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("response");
    }
}
