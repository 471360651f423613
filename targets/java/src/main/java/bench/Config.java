package bench;

import java.util.Map;

/** The environment of targets/CONTRACT.md; a missing JWT_SECRET or a bad number stops the start-up. */
record Config(String bind, int port, String databaseUrl, int dbPoolSize, String jwtSecret) {

    /** A setting the server cannot start with; Main prints it and exits with code 1. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    static Config from(Map<String, String> env) throws Invalid {
        String secret = env.getOrDefault("JWT_SECRET", "");
        if (secret.isEmpty()) throw new Invalid("JWT_SECRET is required");
        String port = env.getOrDefault("PORT", "");
        String bind = env.getOrDefault("BIND", "");
        String url = env.getOrDefault("DATABASE_URL", "");
        // WORKERS is applied by run.sh as -XX:ActiveProcessorCount before the JVM starts: the JVM sizes
        // its GC threads, Jetty its selectors and the common pool from that processor count.
        return new Config(
                bind.isEmpty() ? "127.0.0.1" : bind,
                port.equals("0") ? 0 : positiveInt(env, "PORT", 8080),
                url.isEmpty() ? null : url,
                positiveInt(env, "DB_POOL_SIZE", 16),
                secret);
    }

    private static int positiveInt(Map<String, String> env, String name, int fallback) throws Invalid {
        String raw = env.getOrDefault(name, "");
        if (raw.isEmpty()) return fallback;
        try {
            if (raw.matches("[0-9]+") && Integer.parseInt(raw) >= 1) return Integer.parseInt(raw);
        } catch (NumberFormatException tooLarge) {
            // reported below
        }
        throw new Invalid(name + " must be a positive integer, got '" + raw + "'");
    }
}
