package bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 bearer-token verification, in full on every request (no cache of verified tokens).
 *
 * <p>Hand-written because Debian packages no Java JWT library (no jjwt, java-jwt, jose4j or
 * nimbus-jose-jwt in bookworm or trixie); with Maven Central a team would call one of those. It does
 * what they do for a pinned HS256 key, in this order: three base64url parts; the header a JSON object
 * whose "alg" is exactly "HS256" and that names no "crit" extension; the signature recomputed with
 * javax.crypto's HmacSHA256 and compared in constant time (MessageDigest.isEqual); only then the
 * payload parsed; "exp" required, "nbf" checked when present, 5 s leeway; "sub" and "name" strings,
 * "iat" a number.
 */
final class TokenVerifier {
    static final long LEEWAY_SECONDS = 5;
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    /** The verified claims /jwt and /profile use. */
    record Claims(String sub, String name, JsonNode iat, JsonNode exp) {
    }

    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    private final SecretKeySpec key;
    // Mac instances are not thread-safe and costly to look up: one per server thread, reused.
    private final ThreadLocal<Mac> macs;

    TokenVerifier(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    /** The claims of the request's bearer token, or Refused saying why not. */
    Claims verify(String authorization, long nowEpochSeconds) throws Refused {
        // the scheme is case-insensitive (RFC 9110)
        if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7))
            throw new Refused("missing bearer token");
        String token = authorization.substring(7).trim();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty())
            throw new Refused("malformed token");

        JsonNode header = object(decode(parts[0]), "header");
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual() || !alg.textValue().equals("HS256"))
            throw new Refused("algorithm must be HS256");
        if (header.has("crit")) throw new Refused("unsupported critical header");

        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = macs.get().doFinal(signingInput);
        if (!MessageDigest.isEqual(expected, decode(parts[2])))
            throw new Refused("bad signature");

        JsonNode payload = object(decode(parts[1]), "payload");
        JsonNode exp = payload.get("exp");
        if (exp == null || !exp.isNumber()) throw new Refused("exp is required");
        if (nowEpochSeconds - LEEWAY_SECONDS >= exp.asDouble()) throw new Refused("token expired");
        JsonNode nbf = payload.get("nbf");
        if (nbf != null && (!nbf.isNumber() || nowEpochSeconds + LEEWAY_SECONDS < nbf.asDouble()))
            throw new Refused("token not valid yet");
        JsonNode sub = payload.get("sub"), name = payload.get("name"), iat = payload.get("iat");
        if (sub == null || !sub.isTextual() || name == null || !name.isTextual() || iat == null || !iat.isNumber())
            throw new Refused("sub and name must be strings, iat a number");
        return new Claims(sub.textValue(), name.textValue(), iat, exp);
    }

    private static byte[] decode(String part) throws Refused {
        // JWS uses base64url without padding; Java's decoder would also take '=' padding
        if (part.indexOf('=') >= 0) throw new Refused("malformed token");
        try {
            return BASE64URL.decode(part);
        } catch (IllegalArgumentException e) {
            throw new Refused("malformed token");
        }
    }

    private static JsonNode object(byte[] json, String what) throws Refused {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            if (node == null || !node.isObject()) throw new Refused("malformed token " + what);
            return node;
        } catch (IOException e) {
            throw new Refused("malformed token " + what);
        }
    }
}
