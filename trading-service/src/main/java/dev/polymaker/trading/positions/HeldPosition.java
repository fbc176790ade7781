package dev.polymaker.trading.positions;

import java.math.BigDecimal;

/** A position the exchange says the account holds: token, shares, average cost, and its market for operators. */
public record HeldPosition(String tokenId, BigDecimal size, BigDecimal averageCost, String title, String outcome) {
}
