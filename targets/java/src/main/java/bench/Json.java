package bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.Map;
import javax.servlet.http.HttpServletResponse;

/** The one Jackson mapper (thread-safe once configured) and the JSON response helpers. */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            // Jackson's defaults coerce "17" to 17, 1.5 to 1 and 5 to "5"; the contract wants a 400 for a wrong type
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // unknown extra fields are ignored, as the contract says
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // ...and a number or boolean where a string belongs is refused too (the feature above leaves it)
            .withCoercionConfig(LogicalType.Textual, strings -> strings
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private Json() {
    }

    /** Serialises the value on this request and sends it with its Content-Length. */
    static void write(HttpServletResponse response, int status, Object value) throws IOException {
        byte[] body = MAPPER.writeValueAsBytes(value);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static void ok(HttpServletResponse response, Object value) throws IOException {
        write(response, HttpServletResponse.SC_OK, value);
    }

    /** The contract's error body: {"error": "..."}. */
    static void error(HttpServletResponse response, int status, String reason) throws IOException {
        write(response, status, Map.of("error", reason));
    }
}
