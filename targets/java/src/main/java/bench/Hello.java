package bench;

import java.io.IOException;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** GET /plaintext and GET /json. */
final class Hello {
    static final String HELLO = "Hello, World!";

    private Hello() {
    }

    static final class Plaintext extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().write(HELLO);
        }
    }

    static final class JsonHello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Json.ok(response, Map.of("message", HELLO)); // serialised by Jackson on every request
        }
    }
}
