package bench;

import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.servlet.http.HttpServlet;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Entry point: embedded Jetty 9.4 with one servlet per route of targets/CONTRACT.md. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = Config.from(System.getenv());
        } catch (Config.Invalid e) {
            System.err.println("java: " + e.getMessage());
            System.exit(1);
            return;
        }
        HikariDataSource db = config.databaseUrl() == null ? null : Database.pool(config.databaseUrl(), config.dbPoolSize());
        TokenVerifier tokens = new TokenVerifier(config.jwtSecret());
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "io-timers");
            thread.setDaemon(true);
            return thread;
        });

        // Jetty's default pool: up to 200 threads (8 kept), the size production Jetty (and Tomcat) run with.
        // JDBC blocks a thread per query in flight, so the pool must exceed DB_POOL_SIZE comfortably;
        // /io's waits hold none (async servlets).
        Server server = new Server(new QueuedThreadPool());
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.bind());
        connector.setPort(config.port());
        // The JDK's default listen backlog is 50, which drops connection bursts (the harness opens up to
        // 128 at once); 1024 is within Linux's default somaxconn (4096).
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);

        ServletContextHandler routes = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        route(routes, "/plaintext", new Hello.Plaintext());
        route(routes, "/json", new Hello.JsonHello());
        route(routes, "/json/process", new Orders());
        route(routes, "/jwt", new Auth(tokens));
        route(routes, "/db", new DbRoutes.Single(db));
        route(routes, "/queries", new DbRoutes.Queries(db));
        route(routes, "/profile", new DbRoutes.Profile(db, tokens));
        route(routes, "/healthz", new DbRoutes.Healthz(db));
        route(routes, "/cpu", new Compute.Cpu());
        route(routes, "/io", new Compute.Io(timers)).setAsyncSupported(true);
        routes.setErrorHandler(new JsonErrorHandler());
        server.setErrorHandler(new JsonErrorHandler());
        server.setHandler(routes);
        server.setStopAtShutdown(true); // SIGTERM stops Jetty gracefully
        if (db != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(db::close, "close-pool"));
        }

        server.start();
        System.out.println("listening on http://" + config.bind() + ":" + connector.getLocalPort());
        server.join();
    }

    private static ServletHolder route(ServletContextHandler routes, String path, HttpServlet servlet) {
        ServletHolder holder = new ServletHolder(servlet);
        routes.addServlet(holder, path); // an exact path: anything else is Jetty's 404
        return holder;
    }
}
