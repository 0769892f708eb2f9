package io.kdprivacy.distill;

import io.kdprivacy.model.PromptResponse;

/**
 * One MiniLLM rollout: a sampled response with, per response token, the sampling student's
 * log-probability (log q_old) and the teacher's (log p).
 */
record Rollout(PromptResponse sequence, float[] oldLogProbs, float[] teacherLogProbs) {

    int length() {
        return oldLogProbs.length;
    }
}
