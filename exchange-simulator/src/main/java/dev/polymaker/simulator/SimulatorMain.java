package dev.polymaker.simulator;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of the runnable simulator jar: parses the options, starts the simulator, runs until stopped. */
public final class SimulatorMain {
    private static final Logger log = LoggerFactory.getLogger(SimulatorMain.class);

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        int status = run(args);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /**
     * Starts the simulator and blocks until the JVM shuts down; returns an exit status when it cannot start
     * (2 = bad options, 1 = failed to start) or 0 for --help.
     */
    static int run(String[] args) {
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            log.error("invalid option: {}\n{}", e.getMessage(), SimulatorOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            log.info("\n{}", SimulatorOptions.USAGE);
            return 0;
        }
        ExchangeSimulator sim;
        try {
            sim = start(options);
        } catch (RuntimeException | IOException e) {
            log.error("exchange simulator failed to start: {}", e.getMessage(), e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "sim-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    static ExchangeSimulator start(SimulatorOptions options) throws IOException {
        ExchangeSimulator sim = ExchangeSimulator.start(options.config());
        // The CLOB trading API (orders, cancels, heartbeats, /control/clob/*) on the same books.
        dev.polymaker.simulator.clob.SimulatedClob.attach(sim, java.time.Duration.ofSeconds(15));
        if (options.tokenFile() != null) {
            try {
                TokenFile.write(options.tokenFile(), sim.markets(), options.config().clock().instant());
            } catch (IOException e) {
                sim.close();
                throw e;
            }
            log.info("wrote {} YES token ids to {}", sim.markets().size(), options.tokenFile().toAbsolutePath());
        }
        return sim;
    }
}
