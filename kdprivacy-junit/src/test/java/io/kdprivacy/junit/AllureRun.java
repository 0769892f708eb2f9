package io.kdprivacy.junit;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.EngineFilter.includeEngines;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** Runs a disabled fixture class of privacy tests through JUnit with Allure's listener writing into a directory. */
final class AllureRun {

    private AllureRun() {
    }

    /**
     * Runs {@code fixture} with an Allure lifecycle writing into {@code allure}, the kdprivacy cache and results in
     * {@code cache} and {@code results}, plus {@code extra} configuration; the global lifecycle is restored after.
     */
    static TestExecutionSummary run(Class<?> fixture, Path allure, Path cache, Path results, Map<String, String> extra) {
        AllureLifecycle previous = Allure.getLifecycle();
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(allure));
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Allure.setLifecycle(lifecycle);
        try {
            LauncherDiscoveryRequest request = request().selectors(selectClass(fixture))
                    .filters(includeEngines("junit-jupiter"))
                    .configurationParameter("kdprivacy.cacheDir", cache.toString())
                    .configurationParameter("kdprivacy.resultsDir", results.toString())
                    .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                    // as allure-junit5's setup guide says: registers its Jupiter extension too
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                    .configurationParameters(extra)
                    .build();
            LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                    .addTestExecutionListeners(new AllureJunitPlatform(lifecycle), summary).build()).execute(request);
        } finally {
            Allure.setLifecycle(previous);
        }
        return summary.getSummary();
    }

    /** The files in {@code allure} whose names end with {@code suffix}, sorted. */
    static List<Path> files(Path allure, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(allure)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
