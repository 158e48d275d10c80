package example.spring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The endpoints:
 * <ul>
 *   <li>{@code GET /orders}: places an order, counts it in the application's own meter {@code orders.placed};</li>
 *   <li>{@code GET /downstream}: a downstream that is unavailable (503);</li>
 *   <li>{@code GET /notify}: calls the downstream and never looks at the status (the bug the agent must see:
 *       {@code http.unchecked-status}, call site in {@link #notifyDownstream()});</li>
 *   <li>{@code GET /notify-checked}: the same call done right (status checked, connect and request timeouts).</li>
 * </ul>
 */
@RestController
public class OrdersController {

    private static final Logger log = LoggerFactory.getLogger(OrdersController.class);

    private final Counter ordersPlaced;
    private final AtomicLong orders = new AtomicLong();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Environment environment;

    public OrdersController(MeterRegistry registry, Environment environment) {
        this.ordersPlaced = Counter.builder("orders.placed").description("Orders placed").register(registry);
        this.environment = environment;
    }

    @GetMapping("/orders")
    public String placeOrder() {
        long n = orders.incrementAndGet();
        ordersPlaced.increment();
        log.info("order {} placed", n);
        return "order " + n + " placed\n";
    }

    @GetMapping("/downstream")
    public ResponseEntity<String> downstream() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("downstream unavailable\n");
    }

    /** The bug: the body is read and the 503 is taken for a success; the response is dropped right away. */
    @GetMapping("/notify")
    public String notifyDownstream() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(downstreamUri()).timeout(Duration.ofSeconds(5)).build();
        String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        log.info("downstream notified ({} bytes)", body.length());
        return "notified\n";
    }

    /** Done right: timeouts set, status checked. */
    @GetMapping("/notify-checked")
    public ResponseEntity<String> notifyDownstreamChecked() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(downstreamUri()).timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            log.warn("downstream answered {}", response.statusCode());
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body("downstream failed: " + response.statusCode() + "\n");
        }
        log.info("downstream notified");
        return ResponseEntity.ok("notified\n");
    }

    private URI downstreamUri() {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + "/downstream");
    }
}
