package bench;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** GET /jwt, and the bearer check /profile shares with it. */
final class Auth extends HttpServlet {
    private final TokenVerifier verifier;

    Auth(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** The request's verified claims, or null after answering 401. */
    static TokenVerifier.Claims claimsOr401(TokenVerifier verifier, HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            return verifier.verify(request.getHeader("Authorization"), Instant.now().getEpochSecond());
        } catch (TokenVerifier.Refused e) {
            response.setHeader("WWW-Authenticate", "Bearer");
            Json.error(response, 401, "invalid token: " + e.getMessage());
            return null;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TokenVerifier.Claims claims = claimsOr401(verifier, request, response);
        if (claims == null) return;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", claims.sub());
        body.put("name", claims.name());
        body.put("iat", claims.iat());
        body.put("exp", claims.exp());
        Json.ok(response, body);
    }
}
