package bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's error pages (unknown path 404, wrong method 405, a servlet's uncaught exception 500, a request
 * it could not parse) as the contract's JSON error instead of HTML.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response) throws IOException {
        baseRequest.setHandled(true);
        // Jetty drops the Date header it had set when a servlet calls sendError; every response carries one
        if (!response.containsHeader("Date")) response.setHeader("Date", baseRequest.getHttpChannel().getServer().getDateField().getValue());
        byte[] body = body(request.getAttribute("javax.servlet.error.message"), response.getStatus());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        try {
            return ByteBuffer.wrap(body(reason, status));
        } catch (IOException e) {
            throw new IllegalStateException("Jackson cannot serialise a map of two strings", e);
        }
    }

    private static byte[] body(Object message, int status) throws IOException {
        String reason = message instanceof String s && !s.isEmpty() ? s : HttpStatus.getMessage(status);
        return Json.MAPPER.writeValueAsBytes(Map.of("error", reason));
    }
}
