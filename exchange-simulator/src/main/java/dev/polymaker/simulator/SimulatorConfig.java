package dev.polymaker.simulator;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the simulator is started with. Use builder(); defaults suit tests: loopback, random ports, 5 markets,
 * seed 42, generator off.
 */
public record SimulatorConfig(String host, int httpPort, int wsPort, int markets, long seed, double eventsPerSecond,
                              int fineTickMarkets, int negRiskMarkets, int v2Markets, int levelsPerSide, BigDecimal minOrderSize,
                              FrameMode frameMode, Path recordFile, Path replayFile, double replaySpeed, boolean replayLoop,
                              int maxQueuedFrames, Duration subscribeTimeout, Duration pingTimeout, Clock clock) {

    public SimulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(frameMode, "frameMode");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(minOrderSize, "minOrderSize");
        Objects.requireNonNull(subscribeTimeout, "subscribeTimeout");
        Objects.requireNonNull(pingTimeout, "pingTimeout");
        if (subscribeTimeout.isNegative() || pingTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be >= 0 (0 = off)");
        }
        requireRange(httpPort, 0, 65535, "httpPort");
        requireRange(wsPort, 0, 65535, "wsPort");
        requireRange(markets, 0, 100_000, "markets");
        requireRange(fineTickMarkets, 0, markets, "fineTickMarkets");
        requireRange(negRiskMarkets, 0, markets, "negRiskMarkets");
        requireRange(v2Markets, 0, markets, "v2Markets");
        requireRange(levelsPerSide, 1, 50, "levelsPerSide");
        requireRange(maxQueuedFrames, 1, Integer.MAX_VALUE, "maxQueuedFrames");
        if (!(eventsPerSecond >= 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("eventsPerSecond must be >= 0, got " + eventsPerSecond);
        }
        if (replayFile != null && eventsPerSecond > 0) {
            throw new IllegalArgumentException("choose one feed: a replay file or a random-walk rate, not both");
        }
        if (!(replaySpeed >= 0) || Double.isInfinite(replaySpeed)) {
            throw new IllegalArgumentException("replaySpeed must be >= 0 (0 = as fast as possible), got "
                    + replaySpeed);
        }
    }

    private static void requireRange(long value, long min, long max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with test-friendly defaults. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int httpPort;
        private int wsPort;
        private int markets = 5;
        private long seed = 42;
        private double eventsPerSecond;
        private int fineTickMarkets;
        private int negRiskMarkets;
        private int v2Markets;
        private int levelsPerSide = 5;
        private BigDecimal minOrderSize = BigDecimal.valueOf(5);
        private FrameMode frameMode = FrameMode.MIXED;
        private Path recordFile;
        private Path replayFile;
        private double replaySpeed = 1.0;
        private boolean replayLoop;
        private int maxQueuedFrames = 200_000;
        private Duration subscribeTimeout = Duration.ZERO;
        private Duration pingTimeout = Duration.ZERO;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Interface to bind both servers to (default 127.0.0.1). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** REST and control port; 0 picks a free port. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** Market channel port; 0 picks a free port. */
        public Builder wsPort(int port) {
            this.wsPort = port;
            return this;
        }

        public Builder markets(int markets) {
            this.markets = markets;
            return this;
        }

        /** Seed of token ids, initial books, the random walk and the array/single framing mix. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Random-walk events per second once started; 0 leaves the generator off (use step()). */
        public Builder eventsPerSecond(double rate) {
            this.eventsPerSecond = rate;
            return this;
        }

        /** How many markets (the last ones) start with tick size 0.001 instead of 0.01. */
        public Builder fineTickMarkets(int count) {
            this.fineTickMarkets = count;
            return this;
        }

        /** How many markets (the first ones) are neg-risk. */
        public Builder negRiskMarkets(int count) {
            this.negRiskMarkets = count;
            return this;
        }

        /**
         * How many markets (the last ones) are protocol-V2 (Gamma {@code version:"v2"}): the simulated CLOB verifies
         * their orders on the ExchangeV3 domain (version "3"). Default 0: every market is CTF ("v1").
         */
        public Builder v2Markets(int count) {
            this.v2Markets = count;
            return this;
        }

        /** Levels per side in each initial book; the random walk keeps between half and twice as many. */
        public Builder levelsPerSide(int levels) {
            this.levelsPerSide = levels;
            return this;
        }

        public Builder minOrderSize(BigDecimal size) {
            this.minOrderSize = size;
            return this;
        }

        /**
         * SINGLE: every event alone; ARRAY: every event in an array, the events of one change bundled per recipient;
         * MIXED (default): a seeded 1 in 4 of those arrays, the rest single objects.
         */
        public Builder frameMode(FrameMode mode) {
            this.frameMode = mode;
            return this;
        }

        /** Writes every data frame the exchange emits, one per line, to this file (JSONL). */
        public Builder recordFile(Path file) {
            this.recordFile = file;
            return this;
        }

        /** Plays this JSONL file of frames as the feed instead of the random walk. */
        public Builder replayFile(Path file) {
            this.replayFile = file;
            return this;
        }

        /** Replay pacing by the frames' timestamps: 1 = real time, 2 = twice as fast, 0 = as fast as possible. */
        public Builder replaySpeed(double speed) {
            this.replaySpeed = speed;
            return this;
        }

        /** Start the replay file again from the top when it ends. */
        public Builder replayLoop(boolean loop) {
            this.replayLoop = loop;
            return this;
        }

        /** A connection with more frames than this waiting to be written is closed as a slow consumer. */
        public Builder maxQueuedFrames(int frames) {
            this.maxQueuedFrames = frames;
            return this;
        }

        /** Close a connection that has not subscribed this long after opening (1008); zero (default) = never. */
        public Builder subscribeTimeout(Duration timeout) {
            this.subscribeTimeout = timeout;
            return this;
        }

        /** Drop a subscribed connection that sent no PING for this long, like Polymarket (~10 s); zero = never. */
        public Builder pingTimeout(Duration timeout) {
            this.pingTimeout = timeout;
            return this;
        }

        /** Time source of timestamps and of the subscribe/ping timeouts. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(host, httpPort, wsPort, markets, seed, eventsPerSecond, fineTickMarkets,
                    negRiskMarkets, v2Markets, levelsPerSide, minOrderSize, frameMode, recordFile, replayFile, replaySpeed,
                    replayLoop, maxQueuedFrames, subscribeTimeout, pingTimeout, clock);
        }
    }
}
