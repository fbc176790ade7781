package dev.polymaker.simulator.clob;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The simulated CLOB's authentication: registered API credentials, L2 HMAC checks over the exact
 * request, and L1 ClobAuth signatures that create or derive (deterministic) API keys.
 */
final class ClobAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(ClobAuthenticator.class);

    private final Map<String, ClobCredential> credentialsByKey = new ConcurrentHashMap<>();
    private final long chainId;

    ClobAuthenticator(long chainId) {
        this.chainId = chainId;
    }

    void register(ClobCredential credential) {
        credentialsByKey.put(credential.apiKey(), credential);
    }


    /** The credential whose L2 headers (HMAC over the exact request) are valid, or null. */
    ClobCredential authenticate(ClobRequest req) {
        String apiKey = req.header("POLY_API_KEY");
        String signature = req.header("POLY_SIGNATURE");
        String timestamp = req.header("POLY_TIMESTAMP");
        String address = req.header("POLY_ADDRESS");
        String passphrase = req.header("POLY_PASSPHRASE");
        if (apiKey == null || signature == null || timestamp == null || address == null || passphrase == null) {
            return null;
        }
        ClobCredential cred = credentialsByKey.get(apiKey);
        if (cred == null || !cred.address().equalsIgnoreCase(address)
                || !MessageDigest.isEqual(cred.passphrase().getBytes(StandardCharsets.UTF_8),
                passphrase.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        String expected = hmac(cred.secret(), timestamp + req.method() + req.path() + req.body());
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8))) {
            log.debug("L2 signature mismatch for api key {}", apiKey);
            return null;
        }
        return cred;
    }

    static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getUrlDecoder().decode(secret.replace('+', '-').replace('/', '_')),
                    "HmacSHA256"));
            return Base64.getUrlEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Outcome of an L1 key request: the credential, or an HTTP status and error. */
    record KeyResult(ClobCredential credential, int status, String error) {
    }

    /** L1: a ClobAuth signature creates (POST) or derives (GET) the deterministic key for address + nonce. */
    KeyResult apiKey(ClobRequest req) {
        String address = req.header("POLY_ADDRESS");
        String signature = req.header("POLY_SIGNATURE");
        String timestamp = req.header("POLY_TIMESTAMP");
        String nonceText = req.header("POLY_NONCE") == null ? "0" : req.header("POLY_NONCE");
        if (address == null || signature == null || timestamp == null || !nonceText.matches("[0-9]{1,30}")
                || !address.matches("0x[0-9a-fA-F]{40}")) {
            return new KeyResult(null, 401, "Unauthorized: missing L1 headers");
        }
        byte[] digest = TypedDataVerifier.clobAuthDigest(address, chainId, timestamp, new BigInteger(nonceText));
        String signer = TypedDataVerifier.recover(digest, signature);
        if (signer == null || !signer.equalsIgnoreCase(address)) {
            return new KeyResult(null, 401, "Unauthorized: invalid L1 signature");
        }
        ClobCredential cred = derive(address, nonceText);
        synchronized (credentialsByKey) {
            boolean exists = credentialsByKey.containsKey(cred.apiKey());
            if (req.method().equals("POST") && exists) {
                return new KeyResult(null, 400, "NONCE_ALREADY_USED: derive the existing key instead");
            }
            if (req.method().equals("GET") && !exists) {
                return new KeyResult(null, 400, "no API key for this address and nonce");
            }
            credentialsByKey.put(cred.apiKey(), cred);
        }
        return new KeyResult(cred, 200, "");
    }

    /** A stable key per address and nonce, as the real CLOB re-derives the same key for the same nonce. */
    private static ClobCredential derive(String address, String nonce) {
        String seed = address.toLowerCase(Locale.ROOT) + ":" + nonce;
        String apiKey = UUID.nameUUIDFromBytes(("key:" + seed).getBytes(StandardCharsets.UTF_8)).toString();
        byte[] secret = Hash.sha3(("secret:" + seed).getBytes(StandardCharsets.UTF_8));
        String passphrase = Numeric.toHexStringNoPrefix(Hash.sha3(("pass:" + seed).getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
        return new ClobCredential(address, apiKey, Base64.getUrlEncoder().encodeToString(secret), passphrase);
    }
}
