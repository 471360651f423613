package bench;

/** Query-string numbers as the contract reads them: a decimal integer, or the route's fallback. */
final class Params {
    private Params() {
    }

    static int integer(String text, int fallback) {
        if (text == null || !text.matches("[+-]?[0-9]{1,9}")) return fallback;
        return Integer.parseInt(text);
    }

    /** Like {@link #integer} but tells "not an integer" apart (null) for routes that answer 400. */
    static Long strictLong(String text) {
        if (text == null || !text.matches("[+-]?[0-9]{1,18}")) return null;
        return Long.parseLong(text);
    }
}
