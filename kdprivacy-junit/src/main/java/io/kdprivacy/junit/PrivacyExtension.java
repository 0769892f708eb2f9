package io.kdprivacy.junit;

import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.scenario.PrivacyConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.List;
import java.util.stream.Stream;

/**
 * The extension behind {@link PrivacyTest}: one invocation per selected KD technique. Configuration
 * problems that need no data (an unknown technique in {@code kdprivacy.techniques}, a gate limit outside
 * its range) fail here, before anything is trained.
 */
public final class PrivacyExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, PrivacyTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        PrivacyTest test = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), PrivacyTest.class)
                .orElseThrow();
        PrivacyConfiguration config = PrivacyConfiguration.from(context);
        Gates gates = Gates.of(test);
        List<KdTechnique> techniques = config.select(test.techniques());
        if (techniques.isEmpty()) {
            throw new PrivacyConfigurationException("@PrivacyTest " + context.getRequiredTestMethod().getName()
                    + " has no technique to run (declared " + List.of(test.techniques()) + ", kdprivacy.techniques "
                    + config.techniques() + ")");
        }
        String method = context.getRequiredTestMethod().getName();
        KdTechnique last = techniques.get(techniques.size() - 1);
        return techniques.stream().map(t -> new PrivacyInvocationContext("[" + t.displayName() + "] " + method,
                new PrivacyInvocation(t, test, config, gates, t == last)));
    }
}
