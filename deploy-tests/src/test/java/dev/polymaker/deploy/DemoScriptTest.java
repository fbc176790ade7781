package dev.polymaker.deploy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * demo.sh's own behaviour (wiring, readiness wait, clean stop, crash reporting) with a fake `java`
 * that plays the three services: fast, and independent of the services' implementation.
 * DemoScriptIT runs the same script with the real jars.
 */
class DemoScriptTest {

    private static Path classes;

    @TempDir
    Path root;

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void compileFakeService(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("FakeService.java");
        try (InputStream in = DemoScriptTest.class.getResourceAsStream("/fake-java/FakeService.java")) {
            Files.copy(in, source);
        }
        classes = Files.createDirectories(dir.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString());
        assertThat(rc).as("javac FakeService.java").isZero();
    }

    /** A copy of the repository's demo script with empty jars and a fake java beside it. */
    private Map<String, String> prepare() throws IOException {
        Files.copy(RepositoryLayout.path("demo.sh"), root.resolve("demo.sh"));
        Files.createDirectories(root.resolve("docker"));
        for (String script : List.of("healthcheck.sh", "split-tokens.sh")) {
            Files.copy(RepositoryLayout.path("docker/" + script), root.resolve("docker/" + script));
        }
        for (String module : List.of("exchange-simulator", "market-data-service", "trading-service")) {
            Files.createDirectories(root.resolve(module + "/target"));
            Files.writeString(root.resolve(module + "/target/" + module + "-0.1.0-SNAPSHOT.jar"), "");
        }
        Path fakeJava = root.resolve("fake-java");
        Files.writeString(fakeJava, "#!/bin/sh\nexec \"" + ProcessHandle.current().info().command().orElse("java")
                + "\" -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp \"" + classes + "\" FakeService \"$@\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(root.resolve("record"));

        Map<String, String> env = new HashMap<>();
        env.put("JAVA", fakeJava.toString());
        env.put("DEMO_JAVA_OPTS", "-Dfake=true");
        env.put("FAKE_RECORD_DIR", root.resolve("record").toString());
        env.put("DEMO_READY_TIMEOUT", "30");
        env.put("DEMO_MARKETS", "3");
        int[] ports = freePorts(5);
        env.put("SIM_PORT", String.valueOf(ports[0]));
        env.put("SIM_WS_PORT", String.valueOf(ports[1]));
        env.put("MDS_PORT", String.valueOf(ports[2]));
        env.put("TRADING_A_PORT", String.valueOf(ports[3]));
        env.put("TRADING_B_PORT", String.valueOf(ports[4]));
        return env;
    }

    /** A failed assertion must not leave demo.sh or its services running. */
    @AfterEach
    void stopWhatWasStarted() {
        for (Process demo : started) {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
    }

    private Process startDemo(Map<String, String> env, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(withCtrlC(root.resolve("demo.sh")));
        builder.command().addAll(Arrays.asList(args));
        builder.command().add("--no-build");
        builder.environment().putAll(env);
        builder.directory(root.toFile()).redirectErrorStream(true).redirectOutput(root.resolve("demo.out").toFile());
        Process demo = builder.start();
        started.add(demo);
        return demo;
    }

    /**
     * The command that runs {@code script} able to be stopped with Ctrl-C (SIGINT). A build started as a
     * background job runs with SIGINT ignored, and a shell cannot trap a signal ignored on entry: perl
     * (part of every Debian base) restores the default before exec, as a terminal would.
     */
    static List<String> withCtrlC(Path script) {
        return new java.util.ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                script.toString()));
    }

    private String output() throws IOException {
        return Files.readString(root.resolve("demo.out"), StandardCharsets.UTF_8);
    }

    @Test
    void wiresTheServicesWaitsForReadinessAndStopsEverythingOnCtrlC() throws Exception {
        Map<String, String> env = prepare();
        Process demo = startDemo(env);
        await().atMost(Duration.ofSeconds(60)).until(() -> output().contains("polymaker demo is up"));
        List<Long> pids = servicePids();
        assertThat(pids).hasSize(4).allMatch(DemoScriptTest::alive);

        Properties mds = recorded("market-data-service-" + env.get("MDS_PORT"));
        assertThat(mds).containsEntry("marketdata.upstream.url", "ws://127.0.0.1:" + env.get("SIM_WS_PORT") + "/ws/market")
                .containsEntry("marketdata.upstream.rest-url", "http://127.0.0.1:" + env.get("SIM_PORT"));
        Properties a = recorded("trading-service-" + env.get("TRADING_A_PORT"));
        Properties b = recorded("trading-service-" + env.get("TRADING_B_PORT"));
        for (Properties trading : List.of(a, b)) {
            assertThat(trading).containsEntry("trading.market-data.url", "ws://127.0.0.1:" + env.get("MDS_PORT") + "/ws")
                    .containsEntry("trading.direct.url", "ws://127.0.0.1:" + env.get("SIM_WS_PORT") + "/ws/market")
                    .containsEntry("trading.orders.mode", "paper");
        }
        Set<String> tokensA = Set.of(a.getProperty("trading.tokens").split(","));
        Set<String> tokensB = Set.of(b.getProperty("trading.tokens").split(","));
        assertThat(tokensA).doesNotContainAnyElementsOf(tokensB);
        Set<String> all = new TreeSet<>(tokensA);
        all.addAll(tokensB);
        assertThat(all).hasSize(6);
        assertThat(output()).contains("http://127.0.0.1:" + env.get("MDS_PORT") + "/actuator/health",
                "http://127.0.0.1:" + env.get("TRADING_A_PORT") + "/api/status", "What you are looking at");

        // Ctrl-C: every service gets SIGTERM (runs its shutdown hooks), nothing is left behind.
        new ProcessBuilder("kill", "-INT", String.valueOf(demo.pid())).start().waitFor();
        assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("demo.sh exits after Ctrl-C").isTrue();
        assertThat(demo.exitValue()).isEqualTo(130);
        assertThat(pids).noneMatch(DemoScriptTest::alive);
        try (var stopped = Files.list(root.resolve("record"))) {
            assertThat(stopped.filter(p -> p.toString().endsWith(".stopped")).count()).as("graceful stops").isEqualTo(4);
        }
        assertThat(output()).contains("all stopped");
        assertThat(root.resolve(".demo/logs/market-data-service.log")).exists();
    }

    @Test
    void durationStopsTheDemoByItself() throws Exception {
        Map<String, String> env = prepare();
        Process demo = startDemo(env, "--duration", "2");
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(demo.exitValue()).as(output()).isZero();
        assertThat(output()).contains("polymaker demo is up", "--duration 2 s reached", "all stopped");
        assertThat(fakeServicesOfThisTest()).as("fake services left running").isEmpty();
    }

    @Test
    void aServiceThatDiesStopsTheDemoAndShowsItsLog() throws Exception {
        Map<String, String> env = prepare();
        env.put("FAKE_EXIT_AFTER_READY", env.get("TRADING_B_PORT"));
        Process demo = startDemo(env);
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(demo.exitValue()).isEqualTo(1);
        assertThat(output()).contains("ERROR: trading-b exited (status 3)", "exiting on purpose");
        assertThat(fakeServicesOfThisTest()).as("fake services left running").isEmpty();
    }

    @Test
    void aBusyPortIsNamedWithTheVariableThatMovesIt() throws Exception {
        Map<String, String> env = prepare();
        try (ServerSocket busy = new ServerSocket(Integer.parseInt(env.get("MDS_PORT")), 1, InetAddress.getLoopbackAddress())) {
            Process demo = startDemo(env);
            assertThat(demo.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(demo.exitValue()).isEqualTo(1);
            assertThat(output()).contains("port " + env.get("MDS_PORT") + " is already in use", "MDS_PORT=<free port>");
        }
    }

    private List<Long> servicePids() throws IOException {
        return Files.readAllLines(root.resolve(".demo/pids")).stream().map(l -> Long.parseLong(l.split(" ")[1])).toList();
    }

    /** Fake services started for this test's directory that are still alive (the pid file is gone after a stop). */
    private List<Long> fakeServicesOfThisTest() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> Arrays.asList(args).contains("FakeService")
                        && p.info().commandLine().orElse("").contains(root.toString())).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    private Properties recorded(String id) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(root.resolve("record/" + id + ".args"))) {
            p.load(in);
        }
        return p;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        int[] ports = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
        return ports;
    }
}
