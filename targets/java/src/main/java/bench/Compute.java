package bench;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** GET /cpu (a sieve in Java) and GET /io (a timer that holds no thread). */
final class Compute {
    private Compute() {
    }

    record Primes(int n, int count, long sum) {
    }

    static Primes primesBelow(int n) {
        boolean[] composite = new boolean[n]; // a fresh sieve per request
        int count = 0;
        long sum = 0;
        for (int i = 2; i < n; i++) {
            if (composite[i]) continue;
            count++;
            sum += i;
            for (long j = (long) i * i; j < n; j += i) composite[(int) j] = true;
        }
        return new Primes(n, count, sum);
    }

    static final class Cpu extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Long n = Params.strictLong(request.getParameter("n"));
            if (n == null || n < 1 || n > 10_000_000) {
                Json.error(response, 400, "n must be an integer in 1..10000000");
                return;
            }
            Json.ok(response, primesBelow(n.intValue()));
        }
    }

    /**
     * Servlet 3 async: the request leaves Jetty's thread at once, and a scheduler thread completes it
     * when the timer fires, so a thousand waits hold no thousand threads.
     */
    static final class Io extends HttpServlet {
        private final ScheduledExecutorService timers;

        Io(ScheduledExecutorService timers) {
            this.timers = timers;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            long ms = Math.min(Math.max(Params.integer(request.getParameter("ms"), 0), 0), 10_000);
            AsyncContext async = request.startAsync();
            async.setTimeout(0); // the timer ends it, not the container's 30 s default
            timers.schedule(() -> {
                try {
                    Json.ok((HttpServletResponse) async.getResponse(), Map.of("waitedMs", ms));
                } catch (IOException clientGone) {
                    // nothing to answer to
                } finally {
                    async.complete();
                }
            }, ms, TimeUnit.MILLISECONDS);
        }
    }
}
