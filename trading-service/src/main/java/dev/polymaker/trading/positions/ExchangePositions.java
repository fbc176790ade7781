package dev.polymaker.trading.positions;

import java.util.List;

/**
 * What the exchange says the account holds, read afresh on every call (live: Polymarket's data API
 * {@code GET /positions?user=<funder>}). Throws when it cannot tell: an unknown answer is never
 * taken for "holds nothing".
 */
@FunctionalInterface
public interface ExchangePositions {

    List<HeldPosition> read();
}
