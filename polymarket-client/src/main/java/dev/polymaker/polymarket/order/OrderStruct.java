package dev.polymaker.polymarket.order;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The V2/V3 {@code Order} struct exactly as it is EIP-712 signed (protocol §5.2). Addresses are
 * 0x-prefixed hex; {@code metadata} and {@code builder} are 0x-prefixed bytes32; {@code timestamp}
 * is the creation time in epoch milliseconds.
 */
public record OrderStruct(BigInteger salt, String maker, String signer, String tokenId, BigInteger makerAmount,
                          BigInteger takerAmount, OrderSide side, SignatureType signatureType, long timestamp,
                          String metadata, String builder) {

    public static final String ZERO_BYTES32 = "0x" + "0".repeat(64);

    public static final String TYPE = "Order(uint256 salt,address maker,address signer,uint256 tokenId,"
            + "uint256 makerAmount,uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,"
            + "bytes32 metadata,bytes32 builder)";

    public OrderStruct {
        Objects.requireNonNull(salt, "salt");
        requireAddress(maker, "maker");
        requireAddress(signer, "signer");
        Objects.requireNonNull(tokenId, "tokenId");
        if (!tokenId.matches("[0-9]{1,78}")) {
            throw new InvalidOrderException("tokenId must be a decimal uint256, was '" + tokenId + "'");
        }
        Objects.requireNonNull(makerAmount, "makerAmount");
        Objects.requireNonNull(takerAmount, "takerAmount");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(signatureType, "signatureType");
        requireBytes32(metadata, "metadata");
        requireBytes32(builder, "builder");
    }

    private static void requireAddress(String address, String name) {
        if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
            throw new InvalidOrderException(name + " must be a 0x-prefixed 20-byte address, was '" + address + "'");
        }
    }

    private static void requireBytes32(String value, String name) {
        if (value == null || !value.matches("0x[0-9a-fA-F]{64}")) {
            throw new InvalidOrderException(name + " must be a 0x-prefixed bytes32, was '" + value + "'");
        }
    }
}
