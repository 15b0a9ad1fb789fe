package dev.rehearse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.api.http.AnswerBodyFields;
import dev.rehearse.api.http.StartSessionFields;
import dev.rehearse.api.http.WordFields;
import dev.rehearse.api.service.StartedFields;
import dev.rehearse.api.service.TurnFields;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepted answers per second and their latency under concurrent load on the running API, against a
 * bare Javalin endpoint measured in the same run: the same clients post the same answer body to a
 * Javalin app that only parses the JSON and replies. Closed loop: each client sends its next
 * request when the previous one is answered.
 *
 * <p>{@code java -cp benchmarks.jar dev.rehearse.bench.LoadBench API_URL TOKENS_FILE [SECONDS]};
 * the file holds one candidate token per line, one client per token.
 */
public final class LoadBench {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int QUESTIONS = 20;
  private static final byte[] START = start();

  /** How long answers keep the stack busy after their reply; counted in the busy window. */
  private static final Duration DRAIN = Duration.ofSeconds(3);

  private LoadBench() {}

  /** The outcome of one run: accepted requests, refusals, duration and latencies (ns). */
  record Result(long accepted, long refused, double seconds, long[] latencies) {
    double perSecond() {
      return accepted / seconds;
    }

    double percentile(double q) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(q * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: LoadBench API_URL TOKENS_FILE [SECONDS [RATE]]");
      System.exit(2);
    }
    String api = args[0];
    List<String> tokens =
        Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank()).toList();
    Duration length = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 30);
    // with a rate: open loop, answers sent on a fixed schedule whether or not earlier ones are done
    double rate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
    byte[] answer = MAPPER.writeValueAsBytes(answer());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Javalin bare =
        Javalin.create(c -> c.showJavalinBanner = false)
            .post(
                "/answer",
                ctx -> {
                  Map<?, ?> body = MAPPER.readValue(ctx.bodyAsBytes(), Map.class);
                  ctx.json(Map.of("accepted", body.containsKey(AnswerBodyFields.TEXT)));
                })
            .start("127.0.0.1", 0);
    try {
      String bareUrl = "http://127.0.0.1:" + bare.port() + "/answer";
      // warm both up, then measure each for the same time with the same clients
      run(tokens.size(), Duration.ofSeconds(5), rate, i -> new BareClient(http, bareUrl, answer));
      run(
          tokens.size(),
          Duration.ofSeconds(5),
          rate,
          i -> new ApiClient(http, api, tokens.get(i), answer));
      // the stack idles while the bare endpoint is measured: its CPU then is the idle baseline
      Thread.sleep(DRAIN.toMillis()); // the warm-up's answers finish their way through the stack
      Optional<StackCpu> stack =
          StackCpu.of(Path.of(System.getProperty("bench.pids", ".rehearse/data/stack.pids")));
      Window idle = Window.open(stack);
      Result baseline =
          run(tokens.size(), length, rate, i -> new BareClient(http, bareUrl, answer));
      idle = idle.close();
      // bench/profile.sh starts its profilers on this line
      System.err.printf("measuring the API for %d s%n", length.toSeconds());
      Window busy = Window.open(stack);
      Result real =
          run(tokens.size(), length, rate, i -> new ApiClient(http, api, tokens.get(i), answer));
      // what the accepted answers set in motion (projections, lake rows) ends shortly after
      Thread.sleep(DRAIN.toMillis());
      busy = busy.close();
      System.out.printf(
          "%d clients, %d s each, %s, answers of %d bytes%n",
          tokens.size(),
          length.toSeconds(),
          rate > 0
              ? String.format("open loop at %.0f answers/s (latency from the scheduled send)", rate)
              : "closed loop",
          answer.length);
      System.out.printf(
          "%-36s %10s %8s %8s %8s %8s%n",
          "", "per second", "p50 ms", "p90 ms", "p99 ms", "refused");
      print("bare Javalin: parse JSON, reply", baseline);
      print("API: answer accepted (metrics+next)", real);
      System.out.printf(
          "ratio API / bare: throughput %.3f, p50 latency %.1fx, p99 latency %.1fx%n",
          real.perSecond() / baseline.perSecond(),
          real.percentile(0.5) / baseline.percentile(0.5),
          real.percentile(0.99) / baseline.percentile(0.99));
      if (stack.isPresent()) {
        printCpu(idle, busy, real.accepted());
      } else {
        System.out.println("(no stack.pids at -Dbench.pids: CPU per answer not measured)");
      }
    } finally {
      bare.stop();
    }
  }

  /**
   * CPU per accepted answer: each service's ticks over the API run and the drain after it, less
   * what it used idle (over the bare run, scaled to the same length), per accepted answer; the load
   * generator's own CPU over the API run beside it, not subtracted from anything.
   */
  private static void printCpu(Window idle, Window busy, long accepted) {
    double scale = busy.seconds() / idle.seconds();
    double msPerTick = 1000.0 / StackCpu.TICKS_PER_SECOND;
    System.out.printf(
        "%nCPU over the API run and %d s after it (%.1f s), idle subtracted (measured over the"
            + " bare run, %.1f s), per accepted answer (%d):%n",
        DRAIN.toSeconds(), busy.seconds(), idle.seconds(), accepted);
    System.out.printf(
        "%-16s %10s %10s %12s %12s%n", "process", "cpu ms", "idle ms", "% of a core", "ms/answer");
    double total = 0;
    double totalIdle = 0;
    for (Map.Entry<String, Long> e : busy.ticks().entrySet()) {
      double used = e.getValue() * msPerTick;
      double idleMs = idle.ticks().getOrDefault(e.getKey(), 0L) * msPerTick * scale;
      total += used;
      totalIdle += idleMs;
      cpuLine(e.getKey(), used, idleMs, busy.seconds(), accepted);
    }
    cpuLine("stack in all", total, totalIdle, busy.seconds(), accepted);
    cpuLine("load generator", busy.self() * msPerTick, 0, busy.seconds(), accepted);
  }

  private static void cpuLine(String name, double used, double idle, double seconds, long n) {
    System.out.printf(
        "%-16s %10.0f %10.0f %11.1f%% %12.3f%n",
        name, used, idle, used / seconds / 10, n == 0 ? Double.NaN : (used - idle) / n);
  }

  /** Ticks per service (and of this JVM) over a window; open, then closed with the difference. */
  record Window(Optional<StackCpu> stack, Map<String, Long> ticks, long self, long nanos) {
    static Window open(Optional<StackCpu> stack) {
      return new Window(
          stack,
          stack.map(StackCpu::snapshot).orElse(Map.of()),
          StackCpu.selfTicks(),
          System.nanoTime());
    }

    Window close() {
      Map<String, Long> now = stack.map(StackCpu::snapshot).orElse(Map.of());
      Map<String, Long> used = new LinkedHashMap<>();
      now.forEach((k, v) -> used.put(k, v - ticks.getOrDefault(k, 0L)));
      return new Window(stack, used, StackCpu.selfTicks() - self, System.nanoTime() - nanos);
    }

    double seconds() {
      return nanos / 1e9;
    }
  }

  private static void print(String name, Result r) {
    System.out.printf(
        "%-36s %10.1f %8.1f %8.1f %8.1f %8d%n",
        name, r.perSecond(), r.percentile(0.5), r.percentile(0.9), r.percentile(0.99), r.refused());
  }

  /** One load-generating client: sends its next request, says whether it was accepted. */
  interface Client {
    boolean next() throws Exception;
  }

  interface ClientFactory {
    Client create(int index) throws Exception;
  }

  private static Result run(int clients, Duration length, double rate, ClientFactory factory)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicLong accepted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    List<long[]> samples = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + length.toNanos();
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        Client client = factory.create(i);
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  long[] lat = new long[1 << 16];
                  int n = 0;
                  // open loop: this client's sends are due every clients/rate seconds
                  long period = rate > 0 ? (long) (clients * 1e9 / rate) : 0;
                  long due = start + (rate > 0 ? (long) (index * 1e9 / rate) : 0);
                  while (System.nanoTime() < end) {
                    if (period > 0) {
                      long wait = due - System.nanoTime();
                      if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                      }
                    }
                    long t0 = period > 0 ? due : System.nanoTime();
                    due += period;
                    boolean ok = client.next();
                    long t1 = System.nanoTime();
                    if (ok) {
                      accepted.incrementAndGet();
                      if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                      }
                      lat[n++] = t1 - t0;
                    } else {
                      refused.incrementAndGet();
                    }
                  }
                  return Arrays.copyOf(lat, n);
                }));
      }
      for (Future<long[]> f : futures) {
        samples.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] all = samples.stream().flatMapToLong(Arrays::stream).toArray();
    return new Result(accepted.get(), refused.get(), seconds, all);
  }

  /** Posts the answer to the bare endpoint. */
  private record BareClient(HttpClient http, String url, byte[] answer) implements Client {
    @Override
    public boolean next() throws Exception {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(answer))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    }
  }

  /**
   * A candidate answering interviews: starts a session of {@value QUESTIONS} questions (not
   * measured) and answers them one after another; a new session when one completes.
   */
  private static final class ApiClient implements Client {
    private final HttpClient http;
    private final String api;
    private final String token;
    private final byte[] answer;
    private String session;
    private int answered;

    ApiClient(HttpClient http, String api, String token, byte[] answer) {
      this.http = http;
      this.api = api;
      this.token = token;
      this.answer = answer;
    }

    @Override
    public boolean next() throws Exception {
      if (session == null || answered == QUESTIONS) {
        HttpResponse<String> started =
            http.send(
                request("/ai-interview/sessions")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(START))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 201) {
          return false;
        }
        session = MAPPER.readTree(started.body()).path(StartedFields.ID).asText();
        answered = 0;
      }
      HttpResponse<String> reply =
          http.send(
              request("/ai-interview/sessions/" + session + "/message")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(answer))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (reply.statusCode() != 200) {
        session = null; // start afresh after a refusal
        return false;
      }
      JsonNode body = MAPPER.readTree(reply.body());
      answered++;
      return body.has(TurnFields.METRICS);
    }

    private HttpRequest.Builder request(String path) {
      return HttpRequest.newBuilder(URI.create(api + path))
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .header("Authorization", "Bearer " + token);
    }
  }

  /** The body that starts each client's session: a mixed interview of {@link #QUESTIONS}. */
  private static byte[] start() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(StartSessionFields.TYPE, "mixed");
    body.put(StartSessionFields.ROLE, "Engineer");
    body.put(StartSessionFields.QUESTION_COUNT, QUESTIONS);
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A 45-word answer with word timings, like a transcribed spoken one. */
  private static Map<String, Object> answer() {
    String text =
        "When our nightly import kept failing I was asked to fix it before the launch. I split the"
            + " job into small steps, added retries and alerts, and measured each step. As a result"
            + " the failures stopped and the import finished two hours earlier every night.";
    List<Map<String, Object>> words = new ArrayList<>();
    long t = 0;
    for (String w : text.split(" ")) {
      long length = 220 + 18L * w.length();
      words.add(Map.of(WordFields.WORD, w, WordFields.START_MS, t, WordFields.END_MS, t + length));
      t += length + (w.endsWith(".") ? 600 : 90);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(AnswerBodyFields.TEXT, text);
    body.put(AnswerBodyFields.DURATION_MS, t);
    body.put(AnswerBodyFields.WORDS, words);
    return body;
  }
}
