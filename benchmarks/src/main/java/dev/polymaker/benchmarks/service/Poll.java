package dev.polymaker.benchmarks.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The harnesses' one way to wait for a condition: checked on a scheduler every {@code every} until it
 * holds or {@code timeout} passes. A check that throws counts as "not yet" (a service still starting);
 * an {@link IllegalStateException} from it ends the wait (a service that died).
 */
public final class Poll {

    /** A condition that may fail while what it reads is not up yet. */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    private Poll() {
    }

    /** True once {@code check} holds; false when {@code timeout} passed first. */
    public static boolean until(Duration timeout, Duration every, Check check) throws InterruptedException {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "harness-poll");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        try {
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    if (check.holds()) {
                        done.complete(true);
                    }
                } catch (IllegalStateException fatal) {
                    done.completeExceptionally(fatal);
                } catch (Exception notYet) {
                    // not up yet: look again
                }
            }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw (IllegalStateException) e.getCause();
        } finally {
            scheduler.shutdownNow();
        }
    }
}
