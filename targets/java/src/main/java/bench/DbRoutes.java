package bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.sql.DataSource;

/**
 * /db, /queries, /profile and /healthz over the JDBC pool. JDBC blocks the calling thread: each request
 * holds one of Jetty's threads while its query runs, and waits in HikariCP when all connections are busy.
 * A DataSource of null means DATABASE_URL is not set: 503.
 */
final class DbRoutes {
    static final String WORLD = "SELECT id, randomnumber FROM world WHERE id = ?";
    static final String USER = "SELECT id, name, email FROM users WHERE id = ?";

    private DbRoutes() {
    }

    record World(int id, int randomNumber) {
    }

    record User(int id, String name, String email) {
    }

    /** A route that queries the database; SQLException (no connection in time, database gone) → 503. */
    abstract static class DbServlet extends HttpServlet {
        final DataSource db;

        DbServlet(DataSource db) {
            this.db = db;
        }

        abstract void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, SQLException;

        /** Checks that come before the database (/profile's token); false once they have answered. */
        boolean admitted(HttpServletRequest request, HttpServletResponse response) throws IOException {
            return true;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (!admitted(request, response)) return;
            if (db == null) {
                Json.error(response, 503, "database not configured (DATABASE_URL is not set)");
                return;
            }
            try {
                handle(request, response);
            } catch (SQLException e) {
                // the queries are fixed and parameterised: a failure means the database is unreachable
                Json.error(response, 503, "database unavailable: " + e.getMessage());
            }
        }
    }

    static World world(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(WORLD)) {
            query.setInt(1, ThreadLocalRandom.current().nextInt(1, 10_001));
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) throw new SQLException("world table has no such row");
                return new World(row.getInt(1), row.getInt(2));
            }
        }
    }

    static final class Single extends DbServlet {
        Single(DataSource db) {
            super(db);
        }

        @Override
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, SQLException {
            World row;
            try (Connection connection = db.getConnection()) {
                row = world(connection);
            }
            Json.ok(response, row); // the connection is back in the pool before the response is written
        }
    }

    static final class Queries extends DbServlet {
        Queries(DataSource db) {
            super(db);
        }

        @Override
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, SQLException {
            int n = Math.min(Math.max(Params.integer(request.getParameter("n"), 1), 1), 500);
            List<World> rows = new ArrayList<>(n);
            try (Connection connection = db.getConnection()) { // one connection, one query after another
                for (int i = 0; i < n; i++) rows.add(world(connection));
            }
            Json.ok(response, rows);
        }
    }

    static final class Profile extends DbServlet {
        private static final String CLAIMS = "bench.claims";
        private final TokenVerifier verifier;

        Profile(DataSource db, TokenVerifier verifier) {
            super(db);
            this.verifier = verifier;
        }

        @Override
        boolean admitted(HttpServletRequest request, HttpServletResponse response) throws IOException {
            TokenVerifier.Claims claims = Auth.claimsOr401(verifier, request, response);
            request.setAttribute(CLAIMS, claims);
            return claims != null;
        }

        @Override
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, SQLException {
            TokenVerifier.Claims claims = (TokenVerifier.Claims) request.getAttribute(CLAIMS);
            int id;
            try {
                id = Integer.parseInt(claims.sub()); // users.id is a 32-bit integer
            } catch (NumberFormatException e) {
                Json.error(response, 404, "no such user");
                return;
            }
            User user = null;
            try (Connection connection = db.getConnection(); PreparedStatement query = connection.prepareStatement(USER)) {
                query.setInt(1, id);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) user = new User(row.getInt(1), row.getString(2), row.getString(3));
                }
            }
            if (user == null) Json.error(response, 404, "no such user");
            else Json.ok(response, user);
        }
    }

    static final class Healthz extends DbServlet {
        Healthz(DataSource db) {
            super(db);
        }

        @Override
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, SQLException {
            try (Connection connection = db.getConnection(); PreparedStatement query = connection.prepareStatement("SELECT 1");
                 ResultSet row = query.executeQuery()) {
                row.next();
            }
            Map<String, String> body = new LinkedHashMap<>();
            body.put("status", "ok");
            Json.ok(response, body);
        }
    }
}
