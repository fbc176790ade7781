package dev.polymaker.polymarket.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimSide;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random books and updates driven through the simulator's real socket into the pool: after
 * every sequence our best bid and ask equal the exchange's, for every token, all stay LIVE and
 * no frame ever looked desynced.
 */
class TopOfBookPropertyTest {

    private static SimPool p;
    private static List<String> tokens;

    @BeforeContainer
    static void start() {
        p = new SimPool(3, UnaryOperator.identity());
        tokens = p.sim.tokenIds();
        p.pool.addTokens(tokens);
        p.pool.start();
        p.awaitAll(tokens, TokenState.LIVE);
    }

    @AfterContainer
    static void stop() {
        p.close();
    }

    /** One scripted change of the exchange. */
    sealed interface Op permits SetLevel, SetBook, Trade, Take, Step {
        void apply();
    }

    /**
     * A resting level. One that would cross or lock the book is skipped: the exchange matches such
     * an order instead of resting it, so its books are never crossed (a crossed top is withheld
     * and counted as a disagreement, which is what this property must not see).
     */
    record SetLevel(int token, SimSide side, int priceCents, int size) implements Op {
        public void apply() {
            String id = tokens.get(token);
            SimBook book = p.sim.book(id);
            BigDecimal price = cents(priceCents);
            boolean crosses = size > 0 && (side == SimSide.BUY
                    ? book.bestAsk() != null && price.compareTo(book.bestAsk()) >= 0
                    : book.bestBid() != null && price.compareTo(book.bestBid()) <= 0);
            if (!crosses) {
                p.sim.setLevel(id, side, price, BigDecimal.valueOf(size));
            }
        }
    }

    record SetBook(int token, List<Integer> bidCents, List<Integer> askCents) implements Op {
        public void apply() {
            List<SimLevel> bids = new ArrayList<>();
            bidCents.stream().distinct().forEach(c -> bids.add(new SimLevel(cents(c), BigDecimal.valueOf(10 + c))));
            List<SimLevel> asks = new ArrayList<>();
            askCents.stream().distinct().forEach(c -> asks.add(new SimLevel(cents(c), BigDecimal.valueOf(5 + c))));
            // Never crossed, like any book the exchange rests (see SetLevel).
            int lowestAsk = askCents.stream().mapToInt(Integer::intValue).min().orElse(100);
            bids.removeIf(level -> level.price().compareTo(cents(lowestAsk)) >= 0);
            p.sim.setBook(tokens.get(token), bids, asks);
        }
    }

    record Trade(int token, int priceCents) implements Op {
        public void apply() {
            p.sim.trade(tokens.get(token), cents(priceCents), BigDecimal.ONE, SimSide.BUY);
        }
    }

    /** A taker order walking several levels: one price_change frame with several entries per token. */
    record Take(int token, SimSide side, int size) implements Op {
        public void apply() {
            p.sim.take(tokens.get(token), side, null, BigDecimal.valueOf(size));
        }
    }

    record Step(int moves) implements Op {
        public void apply() {
            p.sim.step(moves);
        }
    }

    static BigDecimal cents(int cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> token = Arbitraries.integers().between(0, 5);
        Arbitrary<Integer> price = Arbitraries.integers().between(1, 99);
        Arbitrary<Op> setLevel = Combinators.combine(token, Arbitraries.of(SimSide.class), price,
                Arbitraries.integers().between(0, 3).flatMap(zeroish -> zeroish == 0 ? Arbitraries.just(0)
                        : Arbitraries.integers().between(1, 500))).as(SetLevel::new);
        Arbitrary<Op> setBook = Combinators.combine(token, price.list().ofMaxSize(6), price.list().ofMaxSize(6))
                .as(SetBook::new);
        Arbitrary<Op> trade = Combinators.combine(token, price).as(Trade::new);
        Arbitrary<Op> take = Combinators.combine(token, Arbitraries.of(SimSide.class),
                Arbitraries.integers().between(1, 3000)).as(Take::new);
        Arbitrary<Op> step = Arbitraries.integers().between(1, 30).map(Step::new);
        return Arbitraries.frequencyOf(Tuple2Weights.of(6, setLevel), Tuple2Weights.of(1, setBook),
                Tuple2Weights.of(1, trade), Tuple2Weights.of(1, take), Tuple2Weights.of(2, step)).list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 40)
    void ourBestBidAndAskAlwaysEqualTheExchanges(@ForAll("operations") List<Op> ops) {
        ops.forEach(Op::apply);
        await().atMost(Duration.ofSeconds(10)).until(() -> tokens.stream().allMatch(p::agrees));
        assertThat(tokens).allSatisfy(t -> assertThat(p.state(t)).isEqualTo(TokenState.LIVE));
        // The exchange's best_bid/best_ask always matched ours after each frame: no false desync.
        assertThat(p.listener.resyncs).isEmpty();
    }

    /** Weighted choices for {@link Arbitraries#frequencyOf}. */
    static final class Tuple2Weights {
        static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends Op>> of(int weight, Arbitrary<Op> arbitrary) {
            return net.jqwik.api.Tuple.of(weight, arbitrary);
        }
    }
}
