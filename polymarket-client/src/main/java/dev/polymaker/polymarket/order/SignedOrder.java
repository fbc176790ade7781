package dev.polymaker.polymarket.order;

import java.util.Objects;

/**
 * An order signed for one exchange domain, ready to post. {@code orderId} is the EIP-712 digest
 * (0x hex), which is also the id the CLOB gives the order: it lets a lost placement be found again.
 * {@code expiration} (unix seconds, 0 = none) travels in the body but is not signed in V2.
 */
public record SignedOrder(OrderStruct order, ExchangeDomain domain, String signature, String orderId,
                          long expiration) {

    public SignedOrder {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(orderId, "orderId");
    }
}
