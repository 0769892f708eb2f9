package io.kdprivacy.junit;

import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

import java.util.List;

/** One technique's invocation of a {@link PrivacyTest}, named {@code [GKD] method}. */
final class PrivacyInvocationContext implements TestTemplateInvocationContext {

    private final String displayName;
    private final PrivacyInvocation invocation;

    PrivacyInvocationContext(String displayName, PrivacyInvocation invocation) {
        this.displayName = displayName;
        this.invocation = invocation;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return displayName;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(invocation);
    }
}
