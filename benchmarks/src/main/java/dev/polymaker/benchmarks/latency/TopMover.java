package dev.polymaker.benchmarks.latency;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimMarket;
import dev.polymaker.simulator.SimSide;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The load: at a fixed rate, one {@code price_change} per event that moves one market's top of book
 * (the YES bid steps one tick up, the next event on that market steps it back), round robin over
 * the markets. Every event therefore changes the top of both tokens of its market: one event, two
 * ticks downstream. Catches up in batches of at most 1 ms worth of events rather than sleeping per
 * event; when the machine cannot keep up the backlog is dropped (the offered rate is measured).
 */
final class TopMover implements AutoCloseable {

    private final ExchangeSimulator sim;
    private final List<SimMarket> markets;
    private final BigDecimal[] restingBid;
    private final boolean[] raised;
    private final BigDecimal size = new BigDecimal("123.45");
    private volatile boolean running;
    private volatile long events;
    private Thread thread;
    private int next;

    TopMover(ExchangeSimulator sim) {
        this.sim = sim;
        this.markets = sim.markets();
        this.restingBid = new BigDecimal[markets.size()];
        this.raised = new boolean[markets.size()];
        for (int i = 0; i < markets.size(); i++) {
            SimBook book = sim.book(markets.get(i).yesTokenId());
            BigDecimal tick = markets.get(i).tickSize();
            if (book.bestBid() == null || book.bestAsk() == null
                    || book.bestAsk().subtract(book.bestBid()).compareTo(tick.add(tick)) < 0) {
                throw new IllegalStateException("market " + i + " needs a spread of at least two ticks: " + book);
            }
            restingBid[i] = book.bestBid();
        }
    }

    long events() {
        return events;
    }

    /** One event now, on the calling thread. */
    void step() {
        int m = next;
        next = (next + 1) % markets.size();
        SimMarket market = markets.get(m);
        BigDecimal price = restingBid[m].add(market.tickSize());
        sim.setLevel(market.yesTokenId(), SimSide.BUY, price, raised[m] ? BigDecimal.ZERO : size);
        raised[m] = !raised[m];
        events++;
    }

    /** Starts stepping at {@code rate} events/s on its own thread. */
    synchronized void start(double rate) {
        stop();
        running = true;
        thread = new Thread(() -> run(rate), "top-mover");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void stop() {
        if (thread == null) {
            return;
        }
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    private void run(double rate) {
        long start = System.nanoTime();
        long done = 0;
        long maxBatch = Math.max(1, (long) Math.ceil(rate / 1000.0));
        while (running) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * rate) - done;
            if (due <= 0) {
                LockSupport.parkNanos(Math.min((long) (1e9 / rate), 200_000L));
                continue;
            }
            if (due > maxBatch * 50) {
                start = System.nanoTime(); // far behind: drop the backlog rather than burst
                done = 0;
                due = maxBatch;
            }
            long batch = Math.min(due, maxBatch);
            for (long i = 0; i < batch; i++) {
                step();
            }
            done += batch;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
