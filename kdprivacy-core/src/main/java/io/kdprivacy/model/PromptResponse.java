package io.kdprivacy.model;

import java.util.Arrays;

/**
 * One tokenised example: prompt ids followed by response ids. Losses and scores count response
 * tokens only.
 */
public record PromptResponse(int[] prompt, int[] response) {

    public PromptResponse {
        if (prompt == null || response == null) {
            throw new IllegalArgumentException("prompt and response ids must not be null");
        }
        prompt = prompt.clone();
        response = response.clone();
    }

    @Override
    public int[] prompt() {
        return prompt.clone();
    }

    @Override
    public int[] response() {
        return response.clone();
    }

    int promptLength() {
        return prompt.length;
    }

    int responseLength() {
        return response.length;
    }

    int promptAt(int i) {
        return prompt[i];
    }

    int responseAt(int i) {
        return response[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PromptResponse p && Arrays.equals(prompt, p.prompt) && Arrays.equals(response, p.response);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(prompt) + Arrays.hashCode(response);
    }

    @Override
    public String toString() {
        return "PromptResponse[prompt=" + prompt.length + " ids, response=" + response.length + " ids]";
    }
}
