package dev.polymaker.simulator;

import dev.polymaker.simulator.book.BookEvent;
import dev.polymaker.simulator.book.Exchange;
import dev.polymaker.simulator.book.WireJson;
import dev.polymaker.simulator.feed.FrameRecorder;
import dev.polymaker.simulator.feed.FrameReplayer;
import dev.polymaker.simulator.feed.RandomWalkGenerator;
import dev.polymaker.simulator.feed.ReplayMarkets;
import dev.polymaker.simulator.http.BookRoutes;
import dev.polymaker.simulator.http.GammaRoutes;
import dev.polymaker.simulator.http.ControlRoutes;
import dev.polymaker.simulator.http.SimHttpServer;
import dev.polymaker.simulator.ws.MarketChannelServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Polymarket-compatible exchange on localhost: the market channel (WebSocket), the public CLOB REST routes and a
 * control API, over one simulated state. Start it in a test with start(config) (well under a second, random ports)
 * and close it after; every method is thread-safe.
 */
public final class ExchangeSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExchangeSimulator.class);

    private final SimulatorConfig config;
    private final Exchange exchange;
    private final MarketChannelServer marketChannel;
    private final SimHttpServer http;
    private final RandomWalkGenerator generator;
    private final List<String> tokenIds;
    private final List<AutoCloseable> extras = new ArrayList<>();
    private volatile boolean closed;

    private ExchangeSimulator(SimulatorConfig config, Exchange exchange, MarketChannelServer marketChannel,
                              SimHttpServer http) {
        this.config = config;
        this.exchange = exchange;
        this.marketChannel = marketChannel;
        this.http = http;
        this.generator = new RandomWalkGenerator(exchange::step);
        List<String> ids = new ArrayList<>();
        for (SimMarket market : exchange.markets()) {
            ids.add(market.yesTokenId());
            ids.add(market.noTokenId());
        }
        this.tokenIds = List.copyOf(ids);
    }

    /** Starts both servers (and the generator when the config's rate is above 0). */
    public static ExchangeSimulator start(SimulatorConfig config) {
        Objects.requireNonNull(config, "config");
        List<SimMarket> markets = MarketFactory.create(config);
        if (config.replayFile() != null) {
            try {
                markets = ReplayMarkets.resolve(config.replayFile(), markets, config.seed());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the replay file " + config.replayFile(), e);
            }
        }
        Exchange exchange = new Exchange(markets, config.clock(), config.seed(), config.levelsPerSide(),
                config.minOrderSize());
        MarketChannelServer ws = new MarketChannelServer(new InetSocketAddress(config.host(), config.wsPort()), 1,
                exchange, config.frameMode(), config.seed(), config.maxQueuedFrames(), config.subscribeTimeout(),
                config.pingTimeout(), config.clock());
        try {
            ws.startAndWait();
        } catch (RuntimeException e) {
            ws.shutdown();
            throw e;
        }
        SimHttpServer http;
        try {
            http = new SimHttpServer(new InetSocketAddress(config.host(), config.httpPort()));
        } catch (IOException e) {
            ws.shutdown();
            throw new UncheckedIOException("cannot bind the HTTP port " + config.httpPort() + " on " + config.host(),
                    e);
        }
        ExchangeSimulator sim = new ExchangeSimulator(config, exchange, ws, http);
        try {
            new BookRoutes(exchange, config.clock(), ws.faults()::restFailureStatus, ws.faults()::stalled).register(http);
            new GammaRoutes(exchange, ws.faults()::restFailureStatus).register(http);
            new ControlRoutes(sim).register(http);
            http.start();
            if (config.recordFile() != null) {
                sim.record(config.recordFile());
            }
            if (config.replayFile() != null) {
                sim.replay(config.replayFile(), config.replaySpeed(), config.replayLoop());
            }
            if (config.eventsPerSecond() > 0) {
                sim.startGenerator(config.eventsPerSecond());
            }
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
        log.info("exchange simulator up: REST {} market channel {}, {} markets, seed {}, first tokens {}",
                sim.restUrl(), sim.marketUrl(), markets.size(), config.seed(),
                sim.tokenIds.subList(0, Math.min(4, sim.tokenIds.size())));
        return sim;
    }

    public SimulatorConfig config() {
        return config;
    }

    /** ws://host:port/ws/market */
    public URI marketUrl() {
        return URI.create("ws://" + advertisedHost() + ":" + marketChannel.getPort() + MarketChannelServer.PATH);
    }

    /** http://host:port (REST and control) */
    public URI restUrl() {
        return URI.create("http://" + advertisedHost() + ":" + http.port());
    }

    /** The host to put in URLs: loopback when bound to every interface. */
    private String advertisedHost() {
        String host = config.host();
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    public List<SimMarket> markets() {
        return exchange.markets();
    }

    /** Every token id, YES then NO for each market. */
    public List<String> tokenIds() {
        return tokenIds;
    }

    /** The market holding the token; IllegalArgumentException when unknown. */
    public SimMarket market(String tokenId) {
        return exchange.marketOf(tokenId)
                .orElseThrow(() -> new IllegalArgumentException("unknown token id " + tokenId));
    }

    /** Current book of a token; IllegalArgumentException when unknown. */
    public SimBook book(String tokenId) {
        return exchange.book(tokenId);
    }

    /** Sets one level of the token's book (size 0 removes it); emits price_change with the complement's entry. */
    public void setLevel(String tokenId, SimSide side, BigDecimal price, BigDecimal size) {
        exchange.setLevel(tokenId, side, price, size);
    }

    /** Replaces the token's book (and so its complement's mirror); emits a book event for both tokens. */
    public void setBook(String tokenId, List<SimLevel> bids, List<SimLevel> asks) {
        exchange.setBook(tokenId, bids, asks);
    }

    /** Records a trade (sets last_trade_price) without touching the book; emits last_trade_price. */
    public void trade(String tokenId, BigDecimal price, BigDecimal size, SimSide takerSide) {
        exchange.trade(tokenId, price, size, takerSide);
    }

    /**
     * Takes resting liquidity like a taker order up to limitPrice (null = any price): emits last_trade_price per
     * level filled and one price_change for the levels consumed; returns the fills (empty when nothing crossed).
     */
    public List<SimFill> take(String tokenId, SimSide takerSide, BigDecimal limitPrice, BigDecimal size) {
        return exchange.take(tokenId, takerSide, limitPrice, size);
    }

    /**
     * A marketable limit order sweeping the book, framed as the exchange frames it: the new resting level first,
     * then trades, then one price_change per consumed level, every entry stating the final top (see
     * {@link dev.polymaker.simulator.book.Exchange#sweep}).
     */
    public List<SimFill> sweep(String tokenId, SimSide takerSide, BigDecimal limitPrice, BigDecimal size) {
        return exchange.sweep(tokenId, takerSide, limitPrice, size);
    }

    /** Resolves the market: market_resolved broadcast, then [] on subscribe, REST 404 and Gamma closed for its tokens. */
    public void resolve(String conditionId, String winningTokenId) {
        exchange.resolve(conditionId, winningTokenId);
    }

    /** As {@link #resolve}, but the market_resolved broadcast never arrives (the real exchange's known failure). */
    public void resolveUnannounced(String conditionId, String winningTokenId) {
        exchange.resolveUnannounced(conditionId, winningTokenId);
    }

    /** Broadcasts a new_market (with fee fields) for a market listed elsewhere; returns its condition id. */
    public String announceNewMarket(String question) {
        return exchange.announceNewMarket(question);
    }

    /** Changes the market's tick size; emits tick_size_change for both tokens. */
    public void setTickSize(String tokenId, BigDecimal tick) {
        exchange.setTickSize(tokenId, tick);
    }

    /** n random-walk events now, on this thread (deterministic from the seed when nothing else changes the books). */
    public void step(int n) {
        exchange.step(n);
    }

    public void startGenerator(double eventsPerSecond) {
        generator.start(eventsPerSecond);
    }

    public void stopGenerator() {
        generator.stop();
    }

    public long eventsGenerated() {
        return generator.eventsGenerated();
    }

    /**
     * Starts writing every data frame the exchange emits (before faults, once per frame, subscribers or not) to a
     * JSONL file, which first gets a book frame per token. Stops when the simulator closes.
     */
    public FrameRecorder record(Path file) {
        List<String> initial = new ArrayList<>();
        synchronized (exchange.lock()) {
            for (BookEvent book : exchange.allSnapshots()) {
                initial.add(WireJson.encode(book));
            }
            FrameRecorder recorder;
            try {
                recorder = new FrameRecorder(file, initial);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record to " + file, e);
            }
            marketChannel.dispatcher().recorder(recorder);
            onClose(() -> {
                marketChannel.dispatcher().recorder(null);
                recorder.close();
            });
            return recorder;
        }
    }

    /**
     * Plays a JSONL file of frames as the feed, now: each line goes as-is to the subscribers of the tokens it names,
     * and its events update the books (REST and later snapshots follow). speed 1 = the frames' own pace by their
     * timestamps, 0 = as fast as possible. Stops when the simulator closes.
     */
    public FrameReplayer replay(Path file, double speed, boolean loop) {
        FrameReplayer replayer = new FrameReplayer(file, speed, loop, exchange, marketChannel.dispatcher());
        onClose(replayer);
        replayer.start();
        return replayer;
    }

    public Faults faults() {
        return marketChannel.faults();
    }

    /** Open market-channel connections, oldest first. */
    public List<ConnectionInfo> connections() {
        return marketChannel.connections();
    }

    /** WebSocket handshakes attempted so far, refused ones included. */
    public int connectionAttempts() {
        return marketChannel.connectionAttempts();
    }

    /** Data frames written to market-channel connections so far. */
    public long framesSent() {
        return marketChannel.dispatcher().framesSent();
    }

    /** The HTTP server, to register more routes (e.g. CLOB trading) with http().route(method, path, handler). */
    public SimHttpServer http() {
        return http;
    }

    /** The exchange state itself, for components that match orders against the books. */
    public Exchange exchange() {
        return exchange;
    }

    /** Closes this resource together with the simulator (recorders, replayers, CLOB state). */
    public void onClose(AutoCloseable resource) {
        synchronized (extras) {
            extras.add(resource);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        generator.close();
        synchronized (extras) {
            for (AutoCloseable extra : extras) {
                try {
                    extra.close();
                } catch (Exception e) {
                    log.warn("closing {} failed: {}", extra, e.toString());
                }
            }
        }
        http.stop();
        marketChannel.shutdown();
        log.info("exchange simulator stopped");
    }
}
