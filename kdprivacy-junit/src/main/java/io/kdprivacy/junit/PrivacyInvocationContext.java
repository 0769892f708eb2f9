package io.kdprivacy.junit;

import io.kdprivacy.distill.KdTechnique;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

import java.util.List;

/** One technique's invocation of a {@link PrivacyTest}, named {@code [GKD] method}. */
final class PrivacyInvocationContext implements TestTemplateInvocationContext {

    private final KdTechnique technique;
    private final String methodName;
    private final PrivacyTest test;
    private final PrivacyConfiguration config;
    private final Gates gates;

    PrivacyInvocationContext(KdTechnique technique, String methodName, PrivacyTest test, PrivacyConfiguration config,
                             Gates gates) {
        this.technique = technique;
        this.methodName = methodName;
        this.test = test;
        this.config = config;
        this.gates = gates;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return "[" + technique.displayName() + "] " + methodName;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new PrivacyInvocation(technique, test, config, gates));
    }
}
