package dev.polymaker.trading.orders.live;

import dev.polymaker.polymarket.order.ClobClient;
import dev.polymaker.polymarket.order.ClobException;
import dev.polymaker.polymarket.order.ClobOrderType;
import dev.polymaker.polymarket.order.ExchangeVersion;
import dev.polymaker.polymarket.order.InvalidOrderException;
import dev.polymaker.polymarket.order.MarketRules;
import dev.polymaker.polymarket.order.OrderBuilder;
import dev.polymaker.polymarket.order.OrderPost;
import dev.polymaker.polymarket.order.OrderSide;
import dev.polymaker.polymarket.order.TickSize;
import dev.polymaker.trading.orders.OrderRequest;
import dev.polymaker.trading.orders.OrderType;
import dev.polymaker.trading.orders.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Getting one order onto the CLOB: the market's rules (tick size, minimum, neg-risk, exchange),
 * signing for the right exchange, and the POST, whose outcome comes back as an {@link OrderEvent}
 * for {@link LiveOrders}. Named apart from polymarket-client's {@code OrderPlacement}, the CLOB's answer.
 */
final class ClobPlacement {

    private static final Logger log = LoggerFactory.getLogger(ClobPlacement.class);

    private final ClobClient client;
    private final OrderBuilder builder;
    private final Function<String, ExchangeVersion> exchangeVersions;
    private final Duration gtdLifetime;
    private final VenueHealth health;
    private final Map<String, MarketRules> rules = new ConcurrentHashMap<>();

    ClobPlacement(ClobClient client, OrderBuilder builder, Function<String, ExchangeVersion> exchangeVersions,
                  Duration gtdLifetime, VenueHealth health) {
        this.client = client;
        this.builder = builder;
        this.exchangeVersions = Objects.requireNonNull(exchangeVersions, "exchangeVersions");
        this.gtdLifetime = gtdLifetime;
        this.health = health;
    }

    /**
     * Validates, rounds and signs the request.
     *
     * @throws InvalidOrderException when the request breaks the market's rules or its exchange is unknown
     * @throws ClobException when the market's rules cannot be read
     */
    OrderPost sign(OrderRequest r, long now) {
        MarketRules market = rules.get(r.tokenId());
        if (market == null) {
            ExchangeVersion version = exchangeVersion(r.tokenId());
            market = rules.computeIfAbsent(r.tokenId(), t -> client.marketRules(t, version));
        }
        if (r.tickSize() != null && market.tickSize().value().compareTo(r.tickSize()) != 0) {
            // The strategy saw a tick_size_change before us: its tick is the newer one.
            market = new MarketRules(TickSize.of(r.tickSize()), market.minOrderSize(), market.negRisk(),
                    market.exchangeVersion());
            rules.put(r.tokenId(), market);
        }
        if (r.negRisk() != market.negRisk()) {
            log.warn("token {}: the request says negRisk={} but the CLOB says {}; signing for the CLOB's exchange",
                    r.tokenId(), r.negRisk(), market.negRisk());
        }
        OrderSide side = r.side() == Side.BUY ? OrderSide.BUY : OrderSide.SELL;
        return switch (r.type()) {
            case GTC -> builder.limit(r.tokenId(), side, r.price(), r.size(), market, ClobOrderType.GTC, r.postOnly(), 0);
            case GTD -> builder.limit(r.tokenId(), side, r.price(), r.size(), market, ClobOrderType.GTD, r.postOnly(),
                    now / 1000 + OrderBuilder.GTD_THRESHOLD_SECONDS + gtdLifetime.toSeconds());
            case FOK, FAK -> {
                if (r.postOnly()) {
                    throw new InvalidOrderException("postOnly is only allowed with GTC or GTD, not " + r.type());
                }
                // A market BUY states the USDC to spend: size shares at the worst price.
                BigDecimal amount = side == OrderSide.BUY ? r.size().multiply(r.price()) : r.size();
                yield builder.market(r.tokenId(), side, amount, r.price(), market,
                        r.type() == OrderType.FOK ? ClobOrderType.FOK : ClobOrderType.FAK);
            }
        };
    }

    /** Posts a signed order: its answer, a rejection, or a lost answer (the order may rest). */
    OrderEvent post(OrderPost post) {
        try {
            OrderEvent answer = new OrderEvent.Answered(client.post(post));
            health.answered();
            return answer;
        } catch (ClobException.UnknownOutcome e) {
            return new OrderEvent.AnswerLost(e);
        } catch (ClobException.Rejected e) {
            return new OrderEvent.Rejected(e.code() + ": " + e.errorMessage());
        } catch (ClobException e) {
            health.trouble(e);
            return new OrderEvent.Rejected(e.getMessage());
        }
    }

    /** An order for a token whose exchange is unknown is rejected, never signed for a guessed domain. */
    private ExchangeVersion exchangeVersion(String tokenId) {
        try {
            return Objects.requireNonNull(exchangeVersions.apply(tokenId), "no exchange version for token " + tokenId);
        } catch (InvalidOrderException | ClobException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidOrderException(e.getMessage());
        }
    }
}
