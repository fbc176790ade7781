/**
 * Placing orders on the Polymarket CLOB V2 (protocol §5): amounts and rounding ({@link
 * dev.polymaker.polymarket.order.OrderAmounts}), EIP-712 signing of the V2/V3 order struct for the
 * market's exchange domain ({@link dev.polymaker.polymarket.order.OrderBuilder}, {@link
 * dev.polymaker.polymarket.order.OrderSigner}), L1/L2 authentication ({@link
 * dev.polymaker.polymarket.order.L1Auth}, {@link dev.polymaker.polymarket.order.L2Auth}) and the HTTP
 * client ({@link dev.polymaker.polymarket.order.ClobClient}).
 *
 * <pre>{@code
 * WalletKey key = WalletKey.fromHex(System.getenv("POLY_PRIVATE_KEY"));
 * ClobClient clob = new ClobClient(ClobClientConfig.defaults(ClobClientConfig.POLYMARKET), key,
 *         new ApiCredentials(apiKey, secret, passphrase), Clock.systemUTC());
 * OrderBuilder orders = new OrderBuilder(key, safeAddress, SignatureType.POLY_GNOSIS_SAFE, Clock.systemUTC());
 * MarketRules rules = clob.marketRules(tokenId, ExchangeVersion.CTF_V2);   // tick, min size, neg-risk
 * OrderPlacement placed = clob.post(orders.limit(tokenId, OrderSide.BUY, new BigDecimal("0.52"),
 *         new BigDecimal("10"), rules, ClobOrderType.GTC, true, 0));
 * }</pre>
 *
 * Failures are typed ({@link dev.polymaker.polymarket.order.ClobException} and its subclasses,
 * {@link dev.polymaker.polymarket.order.InvalidOrderException} before signing). A post whose answer
 * is lost is looked up before it is re-sent, and only the identical signed order is ever re-sent.
 * No class here prints a private key, API secret or passphrase.
 */
package dev.polymaker.polymarket.order;
