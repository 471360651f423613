package bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The HikariCP pool over PostgreSQL's JDBC driver, from the contract's postgres:// URL. */
final class Database {
    private Database() {
    }

    static HikariDataSource pool(String databaseUrl, int size) {
        URI uri = URI.create(databaseUrl);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme()))
            throw new IllegalArgumentException("DATABASE_URL must be postgres://user:password@host:port/db");
        HikariConfig config = new HikariConfig();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        config.setJdbcUrl("jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getRawPath() + query);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            String[] parts = userInfo.split(":", 2);
            config.setUsername(URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
            if (parts.length == 2) config.setPassword(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        // The contract's budget: at most DB_POOL_SIZE connections. HikariCP's own default keeps the pool
        // at that size (minimumIdle = maximumPoolSize), filling it in the background.
        config.setMaximumPoolSize(size);
        // Start without a connection (the default, 1, fails the start-up when the database is down): the
        // server starts and /healthz answers 503 until the database answers.
        config.setInitializationFailTimeout(-1);
        // HikariCP waits 30 s for a connection by default; a request that cannot get one in 3 s gets a 503.
        config.setConnectionTimeout(3_000);
        config.setPoolName("bench");
        return new HikariDataSource(config);
    }
}
