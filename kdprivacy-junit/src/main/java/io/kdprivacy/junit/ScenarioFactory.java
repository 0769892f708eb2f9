package io.kdprivacy.junit;

import io.kdprivacy.audit.AuditSettings;
import io.kdprivacy.memorization.MemorizationConfig;
import io.kdprivacy.scenario.ExampleGenerator;
import io.kdprivacy.scenario.ModelSpec;
import io.kdprivacy.scenario.PrivacyConfigurationException;
import io.kdprivacy.scenario.PrivacyScenario;
import io.kdprivacy.train.TrainingConfig;
import io.kdprivacy.utility.UtilityConfig;
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
        if (!data.studentData().isBlank()) {
            b.studentData(Path.of(data.studentData()));
        }
        ModelSpec teacherSpec = spec("@Teacher", teacher.family(), teacher.size(), "tiny", teacher.base(),
                teacher.checkpoint());
        b.teacher(teacherSpec);
        boolean defaultEpochs = teacher.epochs() == 0;
        boolean defaultRate = Double.isNaN(teacher.learningRate());
        if (teacherSpec.isCheckpoint() && !(defaultEpochs && defaultRate)) {
            throw new PrivacyConfigurationException("@Teacher(checkpoint = ...) is used as it is: epochs and "
                    + "learningRate do not apply");
        }
        if (!defaultEpochs || !defaultRate) {
            TrainingConfig training = teacherSpec.source() == ModelSpec.Source.BASE
                    ? PrivacyScenario.BASE_TEACHER_TRAINING : PrivacyScenario.SCRATCH_TEACHER_TRAINING;
            if (!defaultEpochs) {
                training = training.withEpochs(positive(teacher.epochs(), "@Teacher epochs"));
            }
            if (!defaultRate) {
                if (!(teacher.learningRate() > 0)) {
                    throw new PrivacyConfigurationException("@Teacher learningRate must be > 0, got "
                            + teacher.learningRate());
                }
                training = training.withLearningRate(teacher.learningRate());
            }
            b.teacherTraining(training);
        }
        ModelSpec studentSpec = spec("@Student", student.family(), student.size(), "nano", student.base(),
                student.checkpoint());
        b.student(studentSpec);
        if (!student.exportTo().isBlank()) {
            b.exportStudentsTo(Path.of(student.exportTo()));
        }
        if (!student.reference().isBlank()) {
            b.reference(ModelSpec.checkpoint(Path.of(student.reference())));
        }
        if (student.initEpochs() != 0) {
            if (studentSpec.source() != ModelSpec.Source.SCRATCH) {
                throw new PrivacyConfigurationException("@Student(" + (studentSpec.isCheckpoint() ? "checkpoint" : "base")
                        + " = ...) starts as it is: initEpochs does not apply (the no-KD reference gets the students' "
                        + "distillation budget)");
            }
            b.studentTraining(PrivacyScenario.SCRATCH_STUDENT_TRAINING
                    .withEpochs(positive(student.initEpochs(), "@Student initEpochs")));
        }
        int distillationEpochs = positive(student.distillationEpochs(), "@Student distillationEpochs");
        double rate = student.distillationLearningRate();
        if (!Double.isNaN(rate) && !(rate > 0 && rate < 1)) {
            throw new PrivacyConfigurationException("@Student distillationLearningRate must be in (0, 1), got " + rate);
        }
        b.distillation(d -> Double.isNaN(rate) ? d.epochs(distillationEpochs) : d.epochs(distillationEpochs).learningRate(rate));
        try {
            MemorizationConfig memorization = audit.memorization()
                    ? new MemorizationConfig(audit.memorizationTokens(), audit.noRepeatNgram(), audit.comparedTokens())
                    : null;
            b.audit(AuditSettings.defaults()
                    .withAttacks(audit.attacks().length == 0 ? EnumSet.noneOf(io.kdprivacy.attack.Attack.class)
                            : EnumSet.copyOf(List.of(audit.attacks())), audit.mode(), audit.minK())
                    .withMope(audit.mopePerturbations(), audit.perBlock())
                    .withMemorization(memorization)
                    .withUtility(utility(audit))
                    .withBootstrapResamples(audit.bootstrapResamples())
                    .withMopeBudget(new io.kdprivacy.audit.MopeBudget(audit.mopeSample(),
                            java.util.Arrays.stream(audit.blocks()).boxed().toList(), audit.blockSample())));
        } catch (IllegalArgumentException e) {
            throw new PrivacyConfigurationException("@Audit: " + e.getMessage(), e);
        }
        return b;
    }

    /** The utility probe {@code audit} asks for; its numbers are checked even when it is off. */
    private static UtilityConfig utility(Audit audit) {
        UtilityConfig config = new UtilityConfig(audit.utilityTokens(), audit.utilityExamples());
        return audit.utility() ? config : null;
    }

    /** The model an annotation names: a size, a base or a checkpoint — exactly one. */
    private static ModelSpec spec(String annotation, io.kdprivacy.model.ModelFamily family, String size,
                                  String defaultSize, String base, String checkpoint) {
        if (!base.isBlank() && !checkpoint.isBlank()) {
            throw new PrivacyConfigurationException(annotation + " names both a base and a checkpoint; choose one");
        }
        if ((!base.isBlank() || !checkpoint.isBlank()) && !size.isBlank()) {
            throw new PrivacyConfigurationException(annotation + " names a size and a " + (base.isBlank() ? "checkpoint"
                    : "base") + "; a size is only for a model trained from scratch");
        }
        if (!base.isBlank()) {
            return ModelSpec.base(Path.of(base));
        }
        if (!checkpoint.isBlank()) {
            return ModelSpec.checkpoint(Path.of(checkpoint));
        }
        return ModelSpec.of(family, size.isBlank() ? defaultSize : size);
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
