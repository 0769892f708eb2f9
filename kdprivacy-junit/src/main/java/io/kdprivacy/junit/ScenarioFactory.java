package io.kdprivacy.junit;

import io.kdprivacy.audit.AuditSettings;
import io.kdprivacy.attack.Mope;
import io.kdprivacy.memorization.MemorizationConfig;
import io.kdprivacy.scenario.ExampleGenerator;
import io.kdprivacy.scenario.ModelSpec;
import io.kdprivacy.scenario.PrivacyConfigurationException;
import io.kdprivacy.scenario.PrivacyScenario;
import io.kdprivacy.train.TrainingConfig;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Makes the {@link PrivacyScenario} of a {@link PrivacyTest} method from its annotations or scenario method. */
final class ScenarioFactory {

    private ScenarioFactory() {
    }

    static PrivacyScenario create(Class<?> testClass, Method method, PrivacyTest test, PrivacyConfiguration config) {
        PrivacyScenario.Builder builder = test.scenario().isBlank() ? fromAnnotations(testClass, method)
                : fromMethod(testClass, test.scenario());
        config.seed().ifPresent(builder::seed);
        PrivacyScenario scenario = builder.build();
        return config.smoke() ? scenario.smoke() : scenario;
    }

    private static PrivacyScenario.Builder fromMethod(Class<?> testClass, String name) {
        List<Method> found = ReflectionSupport.findMethods(testClass,
                m -> m.getName().equals(name) && m.getParameterCount() == 0, HierarchyTraversalMode.BOTTOM_UP);
        if (found.isEmpty()) {
            throw new PrivacyConfigurationException("scenario method '" + name + "()' not found in " + testClass.getName());
        }
        Method m = found.get(0);
        if (!Modifier.isStatic(m.getModifiers()) || !PrivacyScenario.class.isAssignableFrom(m.getReturnType())
                && !PrivacyScenario.Builder.class.isAssignableFrom(m.getReturnType())) {
            throw new PrivacyConfigurationException("scenario method " + testClass.getName() + "." + name
                    + "() must be static and return a PrivacyScenario or PrivacyScenario.Builder");
        }
        Object value = ReflectionSupport.invokeMethod(m, null);
        if (value == null) {
            throw new PrivacyConfigurationException("scenario method " + name + "() returned null");
        }
        return value instanceof PrivacyScenario.Builder b ? b : ((PrivacyScenario) value).toBuilder();
    }

    private static PrivacyScenario.Builder fromAnnotations(Class<?> testClass, Method method) {
        PrivateData data = find(testClass, method, PrivateData.class).orElseThrow(() -> new PrivacyConfigurationException(
                "@PrivacyTest " + method.getName() + " needs @PrivateData (or a scenario method)"));
        Teacher teacher = find(testClass, method, Teacher.class).orElse(Defaults.TEACHER);
        Student student = find(testClass, method, Student.class).orElse(Defaults.STUDENT);
        Audit audit = find(testClass, method, Audit.class).orElse(Defaults.AUDIT);
        PrivacyScenario.Builder b = PrivacyScenario.builder();
        if (data.generator() != ExampleGenerator.class) {
            b.generated(ReflectionSupport.newInstance(data.generator()), data.memberCount(), data.nonMemberCount());
        } else {
            if (data.members().isBlank() || data.nonMembers().isBlank()) {
                throw new PrivacyConfigurationException("@PrivateData needs members and nonMembers files, or a generator");
            }
            b.members(Path.of(data.members())).nonMembers(Path.of(data.nonMembers()));
        }
        b.canaries(data.canaries(), data.canaryRepetitions()).canaryCandidates(audit.canaryCandidates());
        b.teacher(teacher.checkpoint().isBlank() ? ModelSpec.of(teacher.family(), teacher.size())
                : ModelSpec.checkpoint(Path.of(teacher.checkpoint())));
        b.teacherTraining(TrainingConfig.defaults().withLearningRate(teacher.learningRate()).withWarmupSteps(10)
                .withEpochs(positive(teacher.epochs(), "@Teacher epochs")));
        b.student(student.checkpoint().isBlank() ? ModelSpec.of(student.family(), student.size())
                : ModelSpec.checkpoint(Path.of(student.checkpoint())));
        b.studentTraining(TrainingConfig.defaults().withLearningRate(2e-3)
                .withEpochs(positive(student.initEpochs(), "@Student initEpochs")));
        int distillationEpochs = positive(student.distillationEpochs(), "@Student distillationEpochs");
        b.distillation(d -> d.epochs(distillationEpochs));
        MemorizationConfig memorization = audit.memorization()
                ? new MemorizationConfig(audit.memorizationTokens(), 6, audit.comparedTokens()) : null;
        AuditSettings defaults = AuditSettings.defaults();
        try {
            b.audit(new AuditSettings(audit.attacks().length == 0 ? EnumSet.noneOf(io.kdprivacy.attack.Attack.class)
                    : EnumSet.copyOf(List.of(audit.attacks())), audit.mode(), audit.minK(), audit.mopePerturbations(),
                    Mope.TEACHER_SIGMA, Mope.STUDENT_SIGMA, audit.perBlock(), memorization, defaults.batchSize(),
                    defaults.maxLength(), audit.bootstrapResamples(), defaults.seed()));
        } catch (IllegalArgumentException e) {
            throw new PrivacyConfigurationException("@Audit: " + e.getMessage(), e);
        }
        return b;
    }

    private static int positive(int value, String what) {
        if (value < 1) {
            throw new PrivacyConfigurationException(what + " must be >= 1, got " + value);
        }
        return value;
    }

    private static <A extends Annotation> Optional<A> find(Class<?> testClass, Method method, Class<A> type) {
        Optional<A> onMethod = AnnotationSupport.findAnnotation(method, type);
        return onMethod.isPresent() ? onMethod : AnnotationSupport.findAnnotation(testClass, type);
    }

    /** Annotation instances carrying the defaults, for tests that leave one out. */
    @Teacher
    @Student
    @Audit
    private static final class Defaults {
        static final Teacher TEACHER = Defaults.class.getAnnotation(Teacher.class);
        static final Student STUDENT = Defaults.class.getAnnotation(Student.class);
        static final Audit AUDIT = Defaults.class.getAnnotation(Audit.class);
    }
}
