package bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** POST /json/process: the order read into records by Jackson, sorted, summed, written again. */
final class Orders extends HttpServlet {
    static final int MAX_BODY = 1024 * 1024;

    // Boxed fields: a missing field stays null, which validate() refuses (a primitive would read as 0).
    record Item(String sku, Long qty, Double unitPrice) {
    }

    record Order(Long id, String customer, List<Item> items) {
        void validate() throws BadOrder {
            if (id == null || customer == null || items == null) throw new BadOrder("id, customer and items are required");
            for (Item item : items) {
                if (item == null || item.sku() == null || item.qty() == null || item.unitPrice() == null)
                    throw new BadOrder("every item needs sku, qty and unitPrice");
                if (item.qty() < 0) throw new BadOrder("qty must be >= 0");
            }
        }
    }

    @JsonPropertyOrder({"id", "customer", "items", "total", "itemCount", "maxUnitPrice"})
    record Processed(long id, String customer, List<Item> items, double total, int itemCount, double maxUnitPrice) {
    }

    static final class BadOrder extends Exception {
        BadOrder(String message) {
            super(message);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = request.getContentType();
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim();
        if (!mediaType.equalsIgnoreCase("application/json")) {
            Json.error(response, 415, "Content-Type must be application/json");
            return;
        }
        // Jetty puts no limit on a body a servlet reads: refuse a declared size first, then count what
        // arrives (a chunked body declares none).
        if (request.getContentLengthLong() > MAX_BODY) {
            Json.error(response, 413, "request body larger than " + MAX_BODY + " bytes");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            Json.error(response, 413, "request body larger than " + MAX_BODY + " bytes");
            return;
        }
        Order order;
        try {
            order = Json.MAPPER.readValue(body, Order.class);
            if (order == null) throw new BadOrder("the body is JSON null");
            order.validate();
        } catch (IOException | BadOrder e) {
            Json.error(response, 400, "invalid order: " + firstLine(e.getMessage()));
            return;
        }
        Json.ok(response, process(order));
    }

    static Processed process(Order order) {
        double total = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (Item item : order.items()) { // input order: the contract fixes the order of the sum
            total += item.qty() * item.unitPrice();
            max = Math.max(max, item.unitPrice());
        }
        List<Item> sorted = new ArrayList<>(order.items());
        // List.sort is a stable merge sort: equal prices keep their input order
        sorted.sort(Comparator.comparing(Item::unitPrice).reversed());
        return new Processed(order.id(), order.customer(), sorted, total, order.items().size(), order.items().isEmpty() ? 0 : max);
    }

    private static String firstLine(String message) {
        if (message == null) return "malformed JSON";
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
