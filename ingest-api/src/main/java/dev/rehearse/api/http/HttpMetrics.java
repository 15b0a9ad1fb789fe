package dev.rehearse.api.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The API's Prometheus metrics: every request timed by method, route template and status, the
 * records each of its Kafka readers consumed ({@code rehearse_api_records_consumed_total} by {@code
 * reader}), plus the JVM's memory, GC, threads and CPU. Route templates (not raw paths) keep the
 * label set bounded.
 */
public final class HttpMetrics {

  private static final String STARTED = "rehearse.request-started";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** The readers' count suppliers, held here so they live as long as the metrics. */
  private final List<LongSupplier> readers = new CopyOnWriteArrayList<>();

  public HttpMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  /**
   * Counts the records a Kafka reader consumed, as {@code rehearse_api_records_consumed_total}
   * labelled {@code reader=name}.
   */
  public void reader(String name, LongSupplier consumed) {
    // a function counter holds its object weakly, and the supplier is often a method reference
    // no one else holds: once collected, the counter would stay at its last value
    readers.add(consumed);
    FunctionCounter.builder("rehearse.api.records.consumed", consumed, c -> (double) c.getAsLong())
        .description("records the API's Kafka readers consumed")
        .tag("reader", name)
        .register(registry);
  }

  public void started(Context ctx) {
    ctx.attribute(STARTED, System.nanoTime());
  }

  public void finished(Context ctx) {
    Long started = ctx.attribute(STARTED);
    if (started == null) {
      return;
    }
    String route = ctx.endpointHandlerPath();
    Timer.builder("http.server.requests")
        .tag("method", ctx.method().name())
        .tag("route", route == null || route.isEmpty() ? "unmatched" : route)
        .tag("status", String.valueOf(ctx.statusCode()))
        .register(registry)
        .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
