package dev.polymaker.simulator;

/** Entry point of the runnable simulator jar. */
public final class SimulatorMain {
    private SimulatorMain() {
    }

    public static void main(String[] args) {
    }
}
