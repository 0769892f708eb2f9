package io.kdprivacy.model;

/** Started in a child process by {@link TorchOfflineTest}: prints the engine name and version. */
public final class EngineProbe {

    private EngineProbe() {
    }

    public static void main(String[] args) {
        try (var m = Torch.newManager()) {
            float sum = m.create(new float[] {1, 2, 3}).sum().getFloat();
            System.out.println("ENGINE " + Torch.engine().getEngineName() + " " + Torch.engine().getVersion() + " SUM " + sum);
        }
    }
}
