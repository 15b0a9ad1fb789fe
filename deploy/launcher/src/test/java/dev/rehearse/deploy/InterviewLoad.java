package dev.rehearse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop load of real interviews on the API: an answer is due every {@code 1/rate} seconds,
 * whether or not earlier ones were answered, and goes to an interview that is not waiting for a
 * reply (a new interview is started when too few are). Every request's outcome is recorded: when it
 * was sent, how long it took, its status and whether a refusal said when to try again. Each
 * interview counts the answers the API accepted (2xx), in order, so the events, turns and lake rows
 * they must have are known: answer {@code i} of a session is {@code <session>/answer/<i>}.
 */
final class InterviewLoad implements AutoCloseable {

  /** Questions each interview plans; no interview is answered to its end, so none completes. */
  static final int QUESTIONS = 20;

  /** Answers each interview gets before the load leaves it for a new one. */
  static final int ANSWERS_PER_INTERVIEW = 18;

  /** How long a client waits for any reply: longer is a hang. */
  static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);

  /** Interviews being started at once, at most: a bound on the load while the API stalls. */
  private static final int MAX_STARTS_IN_FLIGHT = 50;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What one request was and what came of it. */
  record Attempt(
      String kind,
      long sentMs,
      long tookMs,
      int status,
      Optional<String> retryAfter,
      Optional<String> error) {

    boolean accepted() {
      return status >= 200 && status < 300;
    }

    /** A connection the API refused: nothing listened (the API is down). */
    boolean connectionRefused() {
      return error.filter(e -> e.startsWith(ConnectException.class.getSimpleName())).isPresent();
    }

    /** No reply within the client's timeout. */
    boolean hung() {
      return error
          .filter(e -> e.startsWith(HttpTimeoutException.class.getSimpleName()))
          .isPresent();
    }

    @Override
    public String toString() {
      return kind
          + " at "
          + sentMs
          + " ("
          + tookMs
          + " ms): "
          + (status > 0 ? String.valueOf(status) : error.orElse("?"))
          + retryAfter.map(r -> " Retry-After " + r).orElse("");
    }
  }

  /** One interview of the load: its id, owner and the answers the API accepted, in order. */
  static final class Interview {
    final String id;
    final String token;

    /** Answers accepted (2xx), so their indices are 0 to {@code accepted - 1}. */
    int accepted;

    /** An answer whose outcome is unknown (no reply) may have been taken after the last one. */
    boolean doubtful;

    /** The reply of a 200 named another index than the count of earlier accepted answers. */
    final List<String> misnumbered = new ArrayList<>();

    Interview(String id, String token) {
      this.id = id;
      this.token = token;
    }

    /** The metrics event ids its accepted answers must have. */
    List<String> expectedEventIds() {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < accepted; i++) {
        ids.add(id + "/answer/" + i);
      }
      return ids;
    }
  }

  private final HttpClient http;
  private final String apiUrl;
  private final List<String> tokens;
  private final byte[] answerBody;
  private final byte[] startBody;
  private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
  private final ConcurrentLinkedQueue<Interview> idle = new ConcurrentLinkedQueue<>();
  private final List<Interview> interviews = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
  private final AtomicInteger startsInFlight = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong due = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicInteger nextToken = new AtomicInteger();

  InterviewLoad(String apiUrl, List<String> tokens) {
    this.apiUrl = apiUrl;
    this.tokens = List.copyOf(tokens);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4))
            .build();
    try {
      this.answerBody =
          MAPPER.writeValueAsBytes(
              Map.of(
                  "text",
                  "When the nightly import failed I split it into steps, added retries and"
                      + " alerts, and as a result it finished two hours earlier."));
      this.startBody =
          MAPPER.writeValueAsBytes(
              Map.of("type", "behavioral", "role", "Engineer", "questionCount", QUESTIONS));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts sending {@code perSecond} answers a second until {@link #close()}. */
  void start(int perSecond) {
    long periodMicros = 1_000_000L / perSecond;
    clock.scheduleAtFixedRate(this::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
  }

  private void tick() {
    due.incrementAndGet();
    Interview interview = idle.poll();
    if (interview != null) {
      answer(interview, "answer");
    } else if (startsInFlight.get() < MAX_STARTS_IN_FLIGHT) {
      // every interview waits for a reply: a new candidate arrives instead
      startInterview();
    } else {
      skipped.incrementAndGet();
    }
  }

  private void startInterview() {
    startsInFlight.incrementAndGet();
    String token = tokens.get(Math.floorMod(nextToken.getAndIncrement(), tokens.size()));
    long sent = System.currentTimeMillis();
    send(request("/ai-interview/sessions", token, startBody))
        .whenComplete(
            (r, e) -> {
              startsInFlight.decrementAndGet();
              Attempt attempt = attempt("start", sent, r, e);
              attempts.add(attempt);
              if (r != null && r.statusCode() == 201) {
                Interview started = new Interview(body(r).path("id").asText(), token);
                interviews.add(started);
                idle.add(started);
              } else if (r != null && r.statusCode() == 202) {
                // accepted, its first question not yet asked: checked at the end, not loaded
                interviews.add(new Interview(body(r).path("id").asText(), token));
              }
            });
  }

  /**
   * Sends the next answer of {@code interview}; it goes back to the idle ones when it may go on.
   */
  private CompletableFuture<Attempt> answer(Interview interview, String kind) {
    long sent = System.currentTimeMillis();
    inFlight.incrementAndGet();
    return send(request(
            "/ai-interview/sessions/" + interview.id + "/message", interview.token, answerBody))
        .handle(
            (r, e) -> {
              inFlight.decrementAndGet();
              Attempt attempt = attempt(kind, sent, r, e);
              attempts.add(attempt);
              boolean goesOn = settle(interview, attempt, r);
              if (goesOn && kind.equals("answer")) {
                idle.add(interview);
              }
              return attempt;
            });
  }

  /** Counts an accepted answer; whether the interview can take the next one. */
  private static boolean settle(Interview interview, Attempt attempt, HttpResponse<byte[]> r) {
    synchronized (interview) {
      if (attempt.accepted()) {
        if (attempt.status() == 200) {
          int index = body(r).path("index").asInt(-1);
          if (index != interview.accepted && !interview.doubtful) {
            interview.misnumbered.add(
                "expected index " + interview.accepted + ", the reply says " + index);
          }
          if (interview.doubtful) {
            interview.accepted = index; // the doubtful one was taken, or not: the reply tells
            interview.doubtful = false;
          }
        }
        interview.accepted++;
        return interview.accepted < ANSWERS_PER_INTERVIEW;
      }
      if (attempt.status() > 0 || attempt.connectionRefused()) {
        return true; // refused before anything was taken: try again
      }
      // a reset connection or no reply: the answer may have been taken; leave the interview
      interview.doubtful = true;
      return false;
    }
  }

  private HttpRequest request(String path, String token, byte[] body) {
    return HttpRequest.newBuilder(URI.create(apiUrl + path))
        .timeout(CLIENT_TIMEOUT)
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private CompletableFuture<HttpResponse<byte[]>> send(HttpRequest request) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Attempt attempt(String kind, long sent, HttpResponse<byte[]> r, Throwable e) {
    long took = System.currentTimeMillis() - sent;
    if (r != null) {
      return new Attempt(
          kind,
          sent,
          took,
          r.statusCode(),
          r.headers().firstValue("Retry-After"),
          Optional.empty());
    }
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    // the HTTP client wraps a refused connection in a ConnectException without a message
    while (cause instanceof IOException
        && !(cause instanceof ConnectException)
        && !(cause instanceof HttpTimeoutException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return new Attempt(
        kind,
        sent,
        took,
        -1,
        Optional.empty(),
        Optional.of(cause.getClass().getSimpleName() + ": " + cause.getMessage()));
  }

  private static JsonNode body(HttpResponse<byte[]> r) {
    try {
      return MAPPER.readTree(r.body());
    } catch (IOException e) {
      return MAPPER.createObjectNode();
    }
  }

  /** Every request so far. */
  List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  /** Every interview started so far. */
  List<Interview> interviews() {
    return List.copyOf(interviews);
  }

  /** Requests that were due while every interview waited for a reply and many were starting. */
  long skipped() {
    return skipped.get();
  }

  /**
   * Whether every answer sent from {@code fromMs} on, and at least {@code min} of them, was
   * answered 200.
   */
  boolean allAnsweredSince(long fromMs, int min) {
    List<Attempt> since =
        attempts.stream().filter(a -> a.kind().equals("answer") && a.sentMs() >= fromMs).toList();
    return since.size() >= min && since.stream().allMatch(a -> a.status() == 200);
  }

  /** Stops sending, and waits for the replies of what was sent. */
  @Override
  public void close() throws InterruptedException {
    clock.shutdownNow();
    clock.awaitTermination(5, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + CLIENT_TIMEOUT.plusSeconds(5).toNanos();
    while ((inFlight.get() > 0 || startsInFlight.get() > 0) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  /**
   * A further answer to every interview, {@code parallel} at a time, once the load stopped: what it
   * got, by interview.
   */
  Map<Interview, Attempt> oneMoreAnswerEach(int parallel) throws Exception {
    Map<Interview, Attempt> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(parallel);
    List<CompletableFuture<Attempt>> all = new ArrayList<>();
    for (Interview interview : interviews()) {
      slots.acquire();
      all.add(
          answer(interview, "further answer")
              .whenComplete(
                  (a, e) -> {
                    slots.release();
                    if (a != null) {
                      outcomes.put(interview, a);
                    }
                  }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    return outcomes;
  }
}
