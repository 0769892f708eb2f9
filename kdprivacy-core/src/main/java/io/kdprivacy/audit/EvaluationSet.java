package io.kdprivacy.audit;

import io.kdprivacy.data.Example;
import io.kdprivacy.memorization.MemorizationProbe;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.text.Tokenizer;

import java.util.List;

/**
 * The teacher's members and the held-out non-members, as text (for the model-free validity check and
 * zlib) and as token ids (for the models). Held in memory only; nothing here reaches a report.
 */
public final class EvaluationSet {

    private final List<Example> members;
    private final List<Example> nonMembers;
    private final List<PromptResponse> memberIds;
    private final List<PromptResponse> nonMemberIds;
    private final Tokenizer tokenizer;

    public EvaluationSet(List<Example> members, List<Example> nonMembers, Tokenizer tokenizer) {
        if (members.isEmpty() || nonMembers.isEmpty()) {
            throw new IllegalArgumentException("an audit needs members and non-members, got "
                    + members.size() + " and " + nonMembers.size());
        }
        this.members = List.copyOf(members);
        this.nonMembers = List.copyOf(nonMembers);
        this.memberIds = MemorizationProbe.tokenize(tokenizer, members);
        this.nonMemberIds = MemorizationProbe.tokenize(tokenizer, nonMembers);
        this.tokenizer = tokenizer;
    }

    /** The tokenizer the ids come from (it decodes what models generate). */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public List<Example> members() {
        return members;
    }

    public List<Example> nonMembers() {
        return nonMembers;
    }

    public List<PromptResponse> memberIds() {
        return memberIds;
    }

    public List<PromptResponse> nonMemberIds() {
        return nonMemberIds;
    }

    List<String> memberResponses() {
        return members.stream().map(Example::response).toList();
    }

    List<String> nonMemberResponses() {
        return nonMembers.stream().map(Example::response).toList();
    }
}
