package dev.polymaker.simulator;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The runnable simulator's command line: Spring-style --key=value options; anything unknown is an error. */
record SimulatorOptions(SimulatorConfig config, Path tokenFile, boolean help) {

    static final String USAGE = String.join("\n",
            "usage: java -jar exchange-simulator.jar [--key=value ...]",
            "  --server.port=8090          REST + control port (0 = any free port)",
            "  --ws.port=8091              market channel port, path /ws/market (0 = any free port)",
            "  --host=127.0.0.1            interface to bind (0.0.0.0 in containers)",
            "  --markets=20                number of binary markets (two tokens each)",
            "  --rate=50                   random-walk events per second (0 = no generator)",
            "  --seed=42                   seed of token ids, books, walk and framing",
            "  --fine-tick-markets=0       how many markets (the last ones) use tick 0.001",
            "  --neg-risk-markets=0        how many markets (the first ones) are neg-risk",
            "  --v2-markets=0              how many markets (the last ones) are protocol-V2 (orders signed for ExchangeV3)",
            "  --levels=5                  levels per side in each initial book",
            "  --min-order-size=5          min_order_size reported by REST /book",
            "  --frame-mode=mixed          single | array | mixed (1 in 4 frames an array, arrays mix event types)",
            "  --max-queued-frames=200000  close a connection with more frames waiting (slow consumer)",
            "  --subscribe-timeout-ms=0    close sockets that do not subscribe in time (1008); 0 = never",
            "  --ping-timeout-ms=0         drop subscribed sockets silent on PING this long (~10000 live); 0 = never",
            "  --record=PATH               write every emitted data frame to PATH (JSONL)",
            "  --replay=PATH               play PATH (JSONL frames) as the feed instead of the random walk",
            "  --replay-speed=1            1 = real time by frame timestamps, 0 = as fast as possible",
            "  --replay-loop=false         start the replay file again when it ends",
            "  --token-file=PATH           write the YES token ids as tokens_from_copytrade.json",
            "  --help                      print this and exit");

    private static final Set<String> KEYS = Set.of("server.port", "ws.port", "host", "markets", "rate", "seed",
            "fine-tick-markets", "neg-risk-markets", "v2-markets", "levels", "min-order-size", "frame-mode", "max-queued-frames",
            "record", "replay", "replay-speed", "subscribe-timeout-ms", "ping-timeout-ms", "replay-loop", "token-file", "help");

    static SimulatorOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "': options look like --key=value");
            }
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value = eq < 0 ? "true" : arg.substring(eq + 1);
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key + " (see --help for the options)");
            }
            if (values.put(key, value) != null) {
                throw new IllegalArgumentException("option --" + key + " given twice");
            }
        }
        boolean help = bool(values, "help", false);
        double rate = values.containsKey("replay") && !values.containsKey("rate") ? 0 : dbl(values, "rate", 50);
        SimulatorConfig.Builder builder = SimulatorConfig.builder()
                .httpPort(integer(values, "server.port", 8090))
                .wsPort(integer(values, "ws.port", 8091))
                .host(values.getOrDefault("host", "127.0.0.1"))
                .markets(integer(values, "markets", 20))
                .eventsPerSecond(rate)
                .seed(lng(values, "seed", 42))
                .fineTickMarkets(integer(values, "fine-tick-markets", 0))
                .negRiskMarkets(integer(values, "neg-risk-markets", 0))
                .v2Markets(integer(values, "v2-markets", 0))
                .levelsPerSide(integer(values, "levels", 5))
                .minOrderSize(new BigDecimal(number(values, "min-order-size", "5")))
                .frameMode(frameMode(values.getOrDefault("frame-mode", "mixed")))
                .maxQueuedFrames(integer(values, "max-queued-frames", 200_000))
                .replaySpeed(dbl(values, "replay-speed", 1))
                .replayLoop(bool(values, "replay-loop", false))
                .subscribeTimeout(Duration.ofMillis(lng(values, "subscribe-timeout-ms", 0)))
                .pingTimeout(Duration.ofMillis(lng(values, "ping-timeout-ms", 0)));
        if (values.containsKey("record")) {
            builder.recordFile(path(values, "record"));
        }
        if (values.containsKey("replay")) {
            builder.replayFile(path(values, "replay"));
        }
        Path tokenFile = values.containsKey("token-file") ? path(values, "token-file") : null;
        return new SimulatorOptions(builder.build(), tokenFile, help);
    }

    private static String number(Map<String, String> values, String key, String fallback) {
        String value = values.getOrDefault(key, fallback);
        try {
            new BigDecimal(value);
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a number, got '" + value + "'");
        }
    }

    private static int integer(Map<String, String> values, String key, int fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be an integer, got '" + value + "'");
        }
    }

    private static long lng(Map<String, String> values, String key, long fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be an integer, got '" + value + "'");
        }
    }

    private static double dbl(Map<String, String> values, String key, double fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a number, got '" + value + "'");
        }
    }

    private static boolean bool(Map<String, String> values, String key, boolean fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + key + " must be true or false, got '" + value + "'");
        };
    }

    private static Path path(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isBlank() || value.equals("true")) {
            throw new IllegalArgumentException("--" + key + " needs a file path: --" + key + "=PATH");
        }
        return Path.of(value);
    }

    private static FrameMode frameMode(String value) {
        try {
            return FrameMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--frame-mode must be single, array or mixed, got '" + value + "'");
        }
    }
}
