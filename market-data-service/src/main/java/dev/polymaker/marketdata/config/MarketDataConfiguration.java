package dev.polymaker.marketdata.config;

import dev.polymaker.marketdata.demand.Admission;
import dev.polymaker.marketdata.demand.DemandSource;
import dev.polymaker.marketdata.demand.FileDemand;
import dev.polymaker.marketdata.demand.TokenDemand;
import dev.polymaker.marketdata.api.tokens.TokenFileWatcher;
import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import dev.polymaker.marketdata.sequencing.Epoch;
import dev.polymaker.marketdata.sequencing.TickSequencer;
import dev.polymaker.marketdata.stomp.BrokerAvailability;
import dev.polymaker.marketdata.stomp.BrokerTickPublisher;
import dev.polymaker.marketdata.relay.BrokerLink;
import dev.polymaker.marketdata.relay.NodeQueueRelay;
import dev.polymaker.marketdata.relay.RelayNamespace;
import dev.polymaker.marketdata.relay.RelayTopology;
import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.FeedStatus;
import tools.jackson.databind.json.JsonMapper;
import java.util.function.Consumer;
import dev.polymaker.marketdata.stomp.FeedStatusPublisher;
import dev.polymaker.marketdata.stomp.InboundStompGuard;
import dev.polymaker.marketdata.stomp.BrokerReplay;
import dev.polymaker.marketdata.stomp.LatestTickReplay;
import dev.polymaker.marketdata.stomp.StompSessionWatch;
import dev.polymaker.marketdata.stomp.StompSubscriptions;
import dev.polymaker.marketdata.stomp.StopPublishingOnShutdown;
import dev.polymaker.marketdata.upstream.DroppedEventRecovery;
import dev.polymaker.marketdata.upstream.MarketFeed;
import dev.polymaker.marketdata.upstream.MarketFeedFactory;
import dev.polymaker.marketdata.upstream.MinuteSummary;
import dev.polymaker.marketdata.upstream.PoolMarketFeed;
import dev.polymaker.marketdata.upstream.UpstreamAssessor;
import dev.polymaker.marketdata.upstream.UpstreamEvents;
import dev.polymaker.marketdata.upstream.UpstreamMonitor;
import dev.polymaker.marketdata.upstream.UpstreamRunner;
import dev.polymaker.marketdata.upstream.UpstreamSubscriptions;
import dev.polymaker.marketdata.catalog.MarketCatalog;
import dev.polymaker.polymarket.rest.GammaMarkets;
import dev.polymaker.polymarket.upstream.MarketResolution;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.UpstreamConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import dev.polymaker.polymarket.upstream.UpstreamPool;
import io.micrometer.core.instrument.MeterRegistry;
import dev.polymaker.marketdata.fanout.TickFanOut;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessagingTemplate;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Wires the service's plain-Java parts together: upstream feed, sequencer, demand, token file,
 * STOMP guard and monitors. Everything here is constructed once; the threads are the pool's own
 * and {@link MarketDataThreads}'.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MarketDataProperties.class)
public class MarketDataConfiguration {

    private static final Duration GAMMA_TIMEOUT = Duration.ofSeconds(10);

    /** How long an external broker may take to register a subscription we forwarded. */
    private static final Duration RELAY_SETTLE = Duration.ofSeconds(1);
    /** Demand changes gathered into one upstream change (docs/architecture.md §2). */
    private static final Duration SUBSCRIBE_COALESCE = Duration.ofMillis(100);

    @Bean
    Clock marketDataClock() {
        return Clock.systemUTC();
    }

    @Bean
    Epoch epoch(MarketDataProperties props, Clock clock) {
        String instance = props.getInstanceId();
        if (instance == null || instance.isBlank()) {
            instance = System.getenv("HOSTNAME");
        }
        return Epoch.start(instance, clock);
    }

    @Bean
    MarketDataThreads marketDataThreads(MarketDataProperties props, Clock clock) {
        return new MarketDataThreads(props.getStomp().getBrokerQueueCapacity(), clock);
    }

    @Bean
    MarketDataMetrics marketDataMetrics(MeterRegistry registry) {
        return new MarketDataMetrics(registry);
    }

    /** Publishes to nobody until {@link #brokerHandOffs} hands it the broker. */
    @Bean
    TickSequencer tickSequencer(Epoch epoch, Clock clock) {
        return new TickSequencer(epoch, clock);
    }

    @Bean
    TickFanOut tickFanOut(JsonMapper json, MarketDataMetrics metrics, MarketDataThreads threads,
                          MarketDataProperties props, Clock clock) {
        return new TickFanOut(json, metrics, threads.fanOut(), props.getStomp().getSendBufferSizeLimit(),
                props.getStomp().getSendTimeLimit(), clock);
    }

    @Bean
    BrokerTickPublisher brokerTickPublisher(SimpMessageSendingOperations brokerMessagingTemplate,
                                            MarketDataMetrics metrics, BrokerAvailability broker, Clock clock) {
        return new BrokerTickPublisher(brokerMessagingTemplate, metrics, broker, clock);
    }

    /**
     * The hand-offs that close the loop sequencer → broker → a new subscriber's replay of the
     * latest tick. The broker configuration is built from the replay interceptor, which reads the
     * sequencer, so the broker cannot be a constructor argument of either: it is handed over once
     * every bean exists, before anything starts (the upstream feed starts in the last phase).
     * Ticks go straight to the sessions ({@link TickFanOut}) with the embedded broker, through the
     * broker with a relay.
     */
    @Bean
    SmartInitializingSingleton brokerHandOffs(TickSequencer sequencer, BrokerTickPublisher publisher,
                                              ObjectProvider<NodeQueueRelay> relay, TickFanOut fanOut,
                                              SimpMessagingTemplate brokerMessagingTemplate,
                                              MarketDataProperties props) {
        return () -> {
            NodeQueueRelay nodeQueue = relay.getIfAvailable();
            if (nodeQueue != null) {
                // Ticks go through the broker's namespace; what comes back reaches the local broker.
                nodeQueue.outlet().replayFrom(() -> sequencer.latestTicks().values());
                nodeQueue.receiver().deliverTo(brokerMessagingTemplate, fanOut);
                sequencer.publishTo(nodeQueue.outlet());
            } else if (props.getRelay().isEnabled()) {
                // Spring's per-subscription relay: ticks through the broker channel to the external broker.
                sequencer.publishTo(publisher);
            } else {
                sequencer.publishTo(fanOut);
            }
        };
    }

    /** Feed status goes through the namespace every status interval: five of them without any echo is a dead link. */
    static Duration echoTimeout(Duration statusInterval) {
        Duration five = statusInterval.multipliedBy(5);
        return five.compareTo(Duration.ofSeconds(3)) > 0 ? five : Duration.ofSeconds(3);
    }

    /** The node-queue relay (docs/architecture.md §3.6), or null: no relay, or Spring's per-subscription relay. */
    @Bean
    NodeQueueRelay nodeQueueRelay(MarketDataProperties props, Epoch epoch, MarketDataThreads threads, JsonMapper json,
                                  MarketDataMetrics metrics, BrokerAvailability broker, Clock clock) {
        MarketDataProperties.Relay relay = props.getRelay();
        if (!relay.isEnabled() || relay.getTopology() != RelayTopology.NODE_QUEUE) {
            return null;
        }
        return new NodeQueueRelay(new BrokerLink.Settings(relay.getHost(), relay.getPort(), relay.getLogin(),
                relay.getPasscode(), props.getStomp().getHeartbeat(), new RelayNamespace(relay.getNamespace()),
                echoTimeout(props.getStatusInterval())),
                epoch.value(), threads.scheduler(), threads.relayOut(), props.getStomp().getBrokerQueueCapacity(),
                relay.getBatchInterval(), json, metrics, broker, clock);
    }

    @Bean
    UpstreamConfig upstreamConfig(MarketDataProperties props) {
        MarketDataProperties.Upstream up = props.getUpstream();
        return UpstreamConfig.of(URI.create(up.getUrl().trim()), URI.create(up.getRestUrl().trim()),
                up.getPingInterval(), up.getSilenceTimeout(), up.getFirstBookTimeout(), up.getMaxTokensPerSocket(),
                up.getReconnect().getInitialBackoff(), up.getReconnect().getMaxBackoff());
    }

    @Bean
    UpstreamEvents upstreamEvents(TickSequencer sequencer, MarketDataMetrics metrics, MarketDataProperties props) {
        return new UpstreamEvents(sequencer, metrics, props.getUpstream().getUrl());
    }

    /** The real pool; tests may supply another factory. */
    @Bean
    @ConditionalOnMissingBean
    MarketFeedFactory marketFeedFactory() {
        return (config, listener, clock) -> new PoolMarketFeed(new UpstreamPool(config, listener, clock));
    }

    /** Closed by {@link UpstreamRunner#stop()}. */
    @Bean(destroyMethod = "")
    MarketFeed marketFeed(MarketFeedFactory factory, UpstreamConfig config, UpstreamEvents events, Clock clock) {
        return factory.create(config, events, clock);
    }

    @Bean
    UpstreamMonitor upstreamMonitor(MarketFeed feed, Clock clock, MarketDataProperties props) {
        return new UpstreamMonitor(feed, new UpstreamAssessor(clock, props.getHealth().getDownAfter()),
                props.getUpstream().getUrl());
    }

    @Bean
    UpstreamRunner upstreamRunner(MarketFeed feed, UpstreamMonitor monitor, MarketDataThreads threads,
                                  MarketDataProperties props) {
        return new UpstreamRunner(feed, monitor, threads.scheduler(), props.getUpstream().getReconnect().getInitialBackoff());
    }

    @Bean
    TokenDemand tokenDemand(MarketFeed feed, TickSequencer sequencer, Clock clock, MarketDataProperties props,
                            UpstreamEvents events, MarketDataThreads threads) {
        TokenDemand demand = new TokenDemand(clock, props.getDemand().getGracePeriod(), props.getMaxTokens(),
                new UpstreamSubscriptions(feed, sequencer, threads.scheduler(), SUBSCRIBE_COALESCE,
                        props.getUpstream().getMaxTokensPerSocket()));
        // A resolved market's tokens leave the upstream set after the grace period (a hand-off: the feed's
        // listener exists before the demand that is built on the feed).
        events.onResolutions(resolution -> demand.resolved(resolution.tokenIds()));
        Set<String> configured = new LinkedHashSet<>();
        props.getTokens().forEach(token -> configured.add(token.trim()));
        if (demand.replace(DemandSource.CONFIG, configured) != Admission.ACCEPTED) {
            throw new IllegalStateException("marketdata.tokens exceeds marketdata.max-tokens"); // checked at bind time
        }
        return demand;
    }

    @Bean
    TokenFileWatcher tokenFileWatcher(MarketDataProperties props, TokenDemand demand, Clock clock,
                                      MarketDataMetrics metrics) {
        if (props.getTokenFile() == null) {
            return null;
        }
        TokenFileWatcher watcher = FileDemand.watcher(props.getTokenFile(), demand, clock, metrics::tokenFileError,
                metrics::tokenFileEntriesSkipped);
        watcher.poll();
        return watcher;
    }

    @Bean
    StompSubscriptions stompSubscriptions(TokenDemand demand, MarketDataProperties props, TickFanOut fanOut) {
        return new StompSubscriptions(demand, props.getStomp().getMaxSubscriptionsPerSession(),
                new StompSubscriptions.Listener() {
                    @Override
                    public void subscribed(String sessionId, String subscriptionId, String tokenId) {
                        fanOut.subscribed(sessionId, subscriptionId, tokenId);
                    }

                    @Override
                    public void unsubscribed(String sessionId, String subscriptionId, String tokenId) {
                        fanOut.unsubscribed(sessionId, subscriptionId, tokenId);
                    }
                });
    }

    @Bean
    InboundStompGuard inboundStompGuard(StompSubscriptions subscriptions, MarketDataMetrics metrics,
                                        MarketDataProperties props, Clock clock) {
        return new InboundStompGuard(subscriptions, metrics, props.getStomp().getAuthToken(), clock);
    }

    @Bean
    BrokerAvailability brokerAvailability(MarketDataProperties props, Clock clock) {
        MarketDataProperties.Relay relay = props.getRelay();
        if (!relay.isEnabled()) {
            return new BrokerAvailability("simple", false, true, clock);
        }
        String to = "relay to " + relay.getHost() + ":" + relay.getPort();
        return relay.getTopology() == RelayTopology.NODE_QUEUE
                ? new BrokerAvailability(to + " (node-queue, namespace " + relay.getNamespace() + ")", true, false, clock)
                : new BrokerAvailability(to + " (per-subscription)", true, true, clock);
    }

    @Bean
    StopPublishingOnShutdown stopPublishingOnShutdown(BrokerAvailability broker, TickFanOut fanOut) {
        return new StopPublishingOnShutdown(broker, fanOut);
    }

    /**
     * A new subscriber's latest tick goes where the live ticks go, so the two cannot overtake each
     * other: into the session's outbox ({@link TickFanOut}), which never writes a subscription an
     * older tick than it has, with the embedded broker and the node-queue relay (there: the latest
     * tick that came back through the broker, so a replay is never newer than a tick in flight);
     * through Spring's outbound channel with Spring's per-subscription relay.
     */
    @Bean
    LatestTickReplay latestTickReplay(TickSequencer sequencer, ObjectProvider<NodeQueueRelay> relay, TickFanOut fanOut,
                                      JsonMapper json, MarketDataThreads threads, MarketDataProperties props) {
        NodeQueueRelay nodeQueue = relay.getIfAvailable();
        if (nodeQueue != null) {
            return new LatestTickReplay(s -> nodeQueue.receiver().lastDelivered(s.tokenId()).ifPresent(latest ->
                    fanOut.replayRelayed(s.sessionId(), s.subscriptionId(), latest.tokenId(), latest.seq(), latest.json())),
                    threads.scheduler(), Duration.ZERO);
        }
        if (props.getRelay().isEnabled()) {
            return new LatestTickReplay(new BrokerReplay(sequencer::latest, json), threads.scheduler(), RELAY_SETTLE);
        }
        return new LatestTickReplay(s -> sequencer.latest(s.tokenId()).ifPresent(latest ->
                fanOut.replay(s.sessionId(), s.subscriptionId(), latest)), threads.scheduler(), Duration.ZERO);
    }

    @Bean
    StompSessionWatch stompSessionWatch(StompSubscriptions subscriptions, MarketDataMetrics metrics,
                                        MarketDataProperties props, TickFanOut fanOut) {
        return new StompSessionWatch(subscriptions, metrics, props.getStomp().getSendTimeLimit(), fanOut);
    }

    @Bean
    FeedStatusPublisher feedStatusPublisher(UpstreamMonitor monitor, MarketDataMetrics metrics,
                                            SimpMessageSendingOperations brokerMessagingTemplate, Epoch epoch,
                                            Clock clock, BrokerAvailability broker, ObjectProvider<NodeQueueRelay> relay) {
        NodeQueueRelay nodeQueue = relay.getIfAvailable();
        Consumer<FeedStatus> sink = nodeQueue != null ? nodeQueue.outlet()::publish : status -> {
            if (broker.available()) {
                brokerMessagingTemplate.convertAndSend(Destinations.FEED_STATUS, status);
            }
        };
        return new FeedStatusPublisher(monitor, metrics, sink, epoch, clock);
    }

    @Bean
    DroppedEventRecovery droppedEventRecovery(MarketFeed feed, TickSequencer sequencer) {
        return new DroppedEventRecovery(feed, sequencer);
    }

    @Bean
    MinuteSummary minuteSummary(UpstreamMonitor monitor, MarketDataMetrics metrics, StompSessionWatch sessions) {
        return new MinuteSummary(monitor, metrics, sessions::openSessions);
    }

    /** Gamma names and resolution checks; absent when {@code marketdata.gamma.enabled=false}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "marketdata.gamma.enabled", havingValue = "true", matchIfMissing = true)
    GammaMarkets gammaMarkets(MarketDataProperties props) {
        return new GammaMarkets(URI.create(props.getGamma().getUrl().trim()), GAMMA_TIMEOUT);
    }

    @Bean
    @ConditionalOnProperty(name = "marketdata.gamma.enabled", havingValue = "true", matchIfMissing = true)
    MarketCatalog marketCatalog(GammaMarkets gamma, TokenDemand demand, MarketFeed feed, Clock clock,
                                MarketDataProperties props) {
        return new MarketCatalog(gamma::market, demand::tokens,
                // Any FAILED token: "unknown or closed" (never had a book), and also one that had a book and gets
                // nothing after a reconnect, its market resolved while market_resolved went undelivered.
                token -> feed.tokenStatus(token).filter(s -> s.state() == TokenState.FAILED).isPresent(),
                market -> {
                    String winner = market.winningTokenId().orElseThrow();
                    feed.resolve(new MarketResolution(market.conditionId(), market.outcomeTokenIds(), winner,
                            market.outcomeOf(winner).orElse(null), MarketResolution.Source.GAMMA, clock.millis()));
                },
                clock, props.getGamma().getRefreshInterval(), props.getGamma().getMaxLookupsPerRound());
    }

    @Bean
    MarketDataSchedules marketDataSchedules(MarketDataThreads threads, MarketDataProperties props,
                                            FeedStatusPublisher feedStatus, DroppedEventRecovery recovery,
                                            TokenDemand demand, ObjectProvider<TokenFileWatcher> tokenFile,
                                            MinuteSummary summary, ObjectProvider<MarketCatalog> catalog) {
        return new MarketDataSchedules(threads.scheduler(), props, feedStatus, recovery, demand,
                tokenFile.getIfAvailable(), summary, threads.catalog(), catalog.getIfAvailable());
    }

    @Bean
    StartupReport startupReport(MarketDataProperties props, Epoch epoch, TokenDemand demand) {
        return new StartupReport(props, epoch, demand);
    }
}
