package io.kdprivacy.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The one place that knows kdprivacy runs on DJL's PyTorch engine.
 *
 * <p>Loads libtorch from the {@code pytorch-native-cpu} jar on the class path with DJL's offline mode
 * on, so nothing is downloaded at run time, and exposes the few PyTorch facilities that DJL's
 * engine-neutral API does not (gradient mode, backward, zeroing gradients).
 *
 * <p>Defaults, each overridable by the system property of the same name set before first use:
 * {@code ai.djl.offline=true}; {@code DJL_CACHE_DIR=~/.cache/kdprivacy/djl} (where libtorch is
 * unpacked); intra-op threads from {@code kdprivacy.threads} (default: available processors) and one
 * inter-op thread.
 */
public final class Torch {

    /** The PyTorch version the pinned {@code pytorch-native-cpu} jar carries. */
    public static final String PYTORCH_VERSION = "2.7.1";

    private static volatile Engine engine;

    private Torch() {
    }

    /** Returns the PyTorch engine, starting it offline on first use. */
    public static Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (Torch.class) {
                e = engine;
                if (e == null) {
                    configureDefaults();
                    e = Engine.getEngine("PyTorch");
                    engine = e;
                }
            }
        }
        return e;
    }

    /** A new root manager on the engine's CPU device; the caller closes it. */
    public static NDManager newManager() {
        return engine().newBaseManager();
    }

    /** The intra-op thread count libtorch uses. */
    public static int threads() {
        engine();
        return JniUtils.getNumThreads();
    }

    private static void configureDefaults() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("DJL_CACHE_DIR",
                Path.of(System.getProperty("user.home"), ".cache", "kdprivacy", "djl").toString());
        String threads = System.getProperty("kdprivacy.threads",
                String.valueOf(Runtime.getRuntime().availableProcessors()));
        setIfAbsent("ai.djl.pytorch.num_threads", threads);
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        // DJL's TorchScript graph optimizer is irrelevant to eager models and only logs noise.
        setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Runs {@code body} with autograd recording on (for this thread) and restores the previous mode.
     */
    public static <T> T withGrad(Supplier<T> body) {
        return withGradMode(true, body);
    }

    /** Whether autograd is recording on this thread. */
    public static boolean isGradMode() {
        engine();
        return JniUtils.isGradMode();
    }

    /** Runs {@code body} with autograd recording off (for this thread), as inference should. */
    public static <T> T noGrad(Supplier<T> body) {
        return withGradMode(false, body);
    }

    /** Runs {@code body} with autograd recording off (for this thread). */
    public static void noGrad(Runnable body) {
        withGradMode(false, () -> {
            body.run();
            return null;
        });
    }

    private static <T> T withGradMode(boolean on, Supplier<T> body) {
        engine();
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(on);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /** Back-propagates a scalar loss into every tensor that requires a gradient. */
    public static void backward(NDArray loss) {
        try (NDArray seed = loss.onesLike()) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
        }
    }

    /** Marks a leaf tensor as requiring (or not) a gradient, without resetting its value. */
    public static void requireGrad(NDArray parameter, boolean required) {
        JniUtils.attachGradient((PtNDArray) parameter, required);
    }

    /**
     * The accumulated gradient of a leaf tensor ({@code null} if it does not require one; zeros if
     * libtorch has computed none yet).
     */
    public static NDArray gradient(NDArray parameter) {
        if (!JniUtils.requiresGrad((PtNDArray) parameter)) {
            return null;
        }
        return parameter.getGradient();
    }

    /**
     * One fused, in-place AdamW update of {@code weight} (libtorch kernel): with g = grad · gradScale,
     * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², weight ← weight − lr·wd·weight − stepSize·m/(√v + ε).
     * The caller folds bias correction into {@code stepSize} and {@code epsilon}.
     */
    public static void adamUpdate(NDArray weight, NDArray grad, NDArray firstMoment, NDArray secondMoment,
                                  double lr, double stepSize, double weightDecay, double gradScale,
                                  double beta1, double beta2, double epsilon) {
        JniUtils.adamUpdate((PtNDArray) weight, (PtNDArray) grad, (PtNDArray) firstMoment,
                (PtNDArray) secondMoment, (float) lr, (float) stepSize, (float) weightDecay, (float) gradScale,
                -1f, (float) beta1, (float) beta2, (float) epsilon, true);
    }

    /** Sets the accumulated gradient of a leaf tensor to zero. */
    public static void zeroGrad(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }
}
