package dev.polymaker.simulator.book;

import dev.polymaker.simulator.SimMarket;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Markets coming and going: resolution (final, announced with {@code market_resolved}) and {@code new_market}
 * announcements of markets listed elsewhere. Called under the {@link Exchange} lock.
 */
final class MarketLifecycle {

    private final Clock clock;
    private final Map<String, MarketBook> booksByMarket;
    private final List<MarketBook> bookList;
    /** Resolved markets (condition id -> winning token id): closed, unknown to subscribes and REST from then on. */
    private final Map<String, String> resolved = new HashMap<>();
    private int newMarkets;

    MarketLifecycle(Clock clock, Map<String, MarketBook> booksByMarket, List<MarketBook> bookList) {
        this.clock = clock;
        this.booksByMarket = booksByMarket;
        this.bookList = bookList;
    }

    boolean isResolved(MarketBook book) {
        return resolved.containsKey(book.market().conditionId());
    }

    Optional<String> winner(String conditionId) {
        return Optional.ofNullable(resolved.get(conditionId));
    }

    /** See {@link Exchange#resolve}; {@code announce} false: no {@code market_resolved} goes out. */
    void resolve(String conditionId, String winningTokenId, boolean announce, Exchange.Publisher publisher) {
        MarketBook book = booksByMarket.get(conditionId);
        if (book == null) {
            throw new IllegalArgumentException("unknown market " + conditionId);
        }
        SimMarket market = book.market();
        if (!winningTokenId.equals(market.yesTokenId()) && !winningTokenId.equals(market.noTokenId())) {
            throw new IllegalArgumentException("token " + winningTokenId + " is not an outcome of " + conditionId);
        }
        if (resolved.putIfAbsent(conditionId, winningTokenId) != null) {
            throw new IllegalArgumentException("market " + conditionId + " is already resolved");
        }
        book.touch(clock.millis());
        if (!announce) {
            return;
        }
        String outcome = winningTokenId.equals(market.yesTokenId()) ? "Yes" : "No";
        publisher.publish(List.of(new MarketResolvedEvent(Integer.toString(bookList.indexOf(book) + 1),
                conditionId, List.of(market.yesTokenId(), market.noTokenId()), winningTokenId, outcome,
                book.timestamp())));
    }

    /** See {@link Exchange#announceNewMarket}. */
    String announceNewMarket(String question, Exchange.Publisher publisher) {
        int n = ++newMarkets;
        String conditionId = "0x" + BookHash.sha1Hex("new-market:" + n) + BookHash.sha1Hex("nm" + n).substring(0, 24);
        String clean = question.replaceAll("[\"\\\\\\p{Cntrl}]", "");
        publisher.publish(List.of(new NewMarketEvent(Integer.toString(100_000 + n), clean, conditionId,
                "new-market-" + n, List.of(syntheticTokenId(n, 1), syntheticTokenId(n, 2)), List.of("Yes", "No"),
                clock.millis())));
        return conditionId;
    }

    private static String syntheticTokenId(int market, int outcome) {
        return "9" + String.format("%075d", market * 10L + outcome);
    }
}
