package dev.rehearse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.deploy.InterviewLoad.Attempt;
import dev.rehearse.deploy.InterviewLoad.Interview;
import dev.rehearse.deploy.stack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;

/**
 * What a load of interviews through faults must leave behind: every interview goes on, and every
 * answer the API accepted has exactly one metrics event on Kafka, one turn document in
 * Elasticsearch and one lake row (after de-duplication by id), and no refused answer has any.
 */
final class AcceptedAnswers {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AcceptedAnswers() {}

  /**
   * Checks, once {@code load} is closed, that nothing it got accepted was lost or doubled; the
   * stack's other sessions, {@code startedElsewhere}, are left out.
   */
  static void checkNothingLost(
      SoftAssertions softly,
      Stack stack,
      InterviewLoad load,
      Set<String> startedElsewhere,
      String tag)
      throws Exception {
    List<Interview> interviews = load.interviews();
    // and every interview goes on: a further answer gets its reply
    Map<Interview, Attempt> further = load.oneMoreAnswerEach(16);
    softly
        .assertThat(
            further.entrySet().stream()
                .filter(e -> e.getValue().status() != 200)
                .map(e -> e.getKey().id + ": " + e.getValue())
                .limit(20)
                .toList())
        .as("interviews that did not go on after the faults (of " + further.size() + ")")
        .isEmpty();
    softly.assertThat(further).hasSameSizeAs(interviews);

    // and every accepted answer has exactly one metrics event, turn and lake row after
    // de-duplication by id; no refused answer has any
    Map<String, Set<String>> expected = new HashMap<>();
    Set<String> doubtful = new HashSet<>();
    for (Interview interview : interviews) {
      expected.put(interview.id, new HashSet<>(interview.expectedEventIds()));
      if (interview.doubtful) {
        doubtful.add(interview.id);
      }
    }
    long acceptedAnswers = expected.values().stream().mapToLong(Set::size).sum();
    System.out.printf(
        "[" + tag + "] %d interviews, %d accepted answers (%d with an answer of unknown outcome)%n",
        interviews.size(),
        acceptedAnswers,
        doubtful.size());

    Map<String, Integer> events =
        eventually(
            () -> LocalStack.answerEvents(stack.config().kafkaBootstrap(), session -> true),
            expected);
    checkOnce(
        softly, "metrics events on Kafka", events.keySet(), expected, doubtful, startedElsewhere);
    System.out.printf(
        "[" + tag + "] metrics events: %d distinct, %d copies in all%n",
        events.size(),
        events.values().stream().mapToInt(Integer::intValue).sum());

    Set<String> turns = eventually(() -> turnIds(stack), expected);
    checkOnce(
        softly, "turn documents in Elasticsearch", turns, expected, doubtful, startedElsewhere);

    Map<String, Integer> rows = eventually(() -> lakeRowIds(stack), expected);
    checkOnce(softly, "lake rows", rows.keySet(), expected, doubtful, startedElsewhere);
    System.out.printf(
        "[" + tag + "] lake rows: %d distinct, %d in all%n",
        rows.size(),
        rows.values().stream().mapToInt(Integer::intValue).sum());
  }

  /**
   * Waits until {@code steady} answers in a row were answered 200; the send time of the first of
   * them, or -1 if that did not happen within {@code limit} of {@code killedMs}.
   */
  static long awaitRecovery(InterviewLoad load, long killedMs, int steady, Duration limit)
      throws InterruptedException {
    long deadline = killedMs + limit.toMillis();
    while (System.currentTimeMillis() < deadline) {
      long from = recoveredSince(load.attempts(), killedMs);
      if (load.allAnsweredSince(from, steady)) {
        return from;
      }
      Thread.sleep(500);
    }
    return -1;
  }

  /**
   * When answers were all answered 200 again after the kill at {@code killedMs}: the send time of
   * the first answer sent after the last one that was not (answers may not be sent at all while the
   * API is down or every interview waits for a reply, so it is not the time of that failure).
   */
  static long recoveredSince(List<Attempt> attempts, long killedMs) {
    List<Attempt> answers =
        attempts.stream().filter(a -> a.kind().equals("answer") && a.sentMs() >= killedMs).toList();
    long lastFailure =
        answers.stream()
            .filter(a -> a.status() != 200)
            .mapToLong(Attempt::sentMs)
            .max()
            .orElse(killedMs - 1);
    return answers.stream()
        .mapToLong(Attempt::sentMs)
        .filter(sent -> sent > lastFailure)
        .min()
        .orElse(Long.MAX_VALUE);
  }

  /** Whether {@code found} (ids, or ids with their counts) includes every expected id. */
  private static boolean covers(Object found, Map<String, Set<String>> expected) {
    Set<?> ids = found instanceof Map<?, ?> m ? m.keySet() : (Set<?>) found;
    return expected.values().stream().allMatch(ids::containsAll);
  }

  /**
   * Checks that {@code found} holds exactly the expected ids of every interview: none lost, none of
   * a refused answer; an interview whose last answer's outcome is unknown may have it too.
   */
  private static void checkOnce(
      SoftAssertions softly,
      String what,
      Set<String> found,
      Map<String, Set<String>> expected,
      Set<String> doubtful,
      Set<String> startedElsewhere) {
    Map<String, Set<String>> bySession =
        found.stream().collect(Collectors.groupingBy(AcceptedAnswers::session, Collectors.toSet()));
    List<String> wrong = new ArrayList<>();
    expected.forEach(
        (session, ids) -> {
          Set<String> got = bySession.getOrDefault(session, Set.of());
          Set<String> extra = new HashSet<>(got);
          extra.removeAll(ids);
          if (doubtful.contains(session)) {
            extra.remove(session + "/answer/" + ids.size());
          }
          Set<String> lost = new HashSet<>(ids);
          lost.removeAll(got);
          if (!extra.isEmpty() || !lost.isEmpty()) {
            wrong.add(session + ": lost " + lost + ", not accepted but there " + extra);
          }
        });
    Set<String> unknown = new HashSet<>(bySession.keySet());
    unknown.removeAll(expected.keySet());
    unknown.removeAll(startedElsewhere);
    unknown.forEach(s -> wrong.add(s + ": an interview the load did not start"));
    softly.assertThat(wrong.stream().limit(20).toList()).as(what).isEmpty();
  }

  private static String session(String eventId) {
    int cut = eventId.indexOf("/answer/");
    return cut < 0 ? eventId : eventId.substring(0, cut);
  }

  /** The ids of every turn document, read with a scroll after a refresh. */
  private static Set<String> turnIds(Stack stack) throws Exception {
    String es = stack.config().elasticsearchUrl();
    HttpClient http = HttpClient.newHttpClient();
    http.send(
        HttpRequest.newBuilder(URI.create(es + "/turns/_refresh"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.discarding());
    Set<String> ids = new HashSet<>();
    JsonNode page =
        json(
            http,
            es + "/turns/_search?scroll=1m",
            "{\"size\":5000,\"_source\":false,\"sort\":[\"_doc\"]}");
    while (page.path("hits").path("hits").size() > 0) {
      page.path("hits").path("hits").forEach(h -> ids.add(h.path("_id").asText()));
      page =
          json(
              http,
              es + "/_search/scroll",
              MAPPER.writeValueAsString(
                  Map.of("scroll", "1m", "scroll_id", page.path("_scroll_id").asText())));
    }
    return ids;
  }

  private static JsonNode json(HttpClient http, String url, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + ": " + r.statusCode() + " " + r.body());
    }
    return MAPPER.readTree(r.body());
  }

  /** The answers' rows of the lake, by event id, with how often each was written. */
  private static Map<String, Integer> lakeRowIds(Stack stack) throws Exception {
    Map<String, Integer> ids = new HashMap<>();
    for (Map<String, Object> row : LocalStack.lakeRows(stack.config(), "bronze/answers/")) {
      ids.merge((String) row.get("eventId"), 1, Integer::sum);
    }
    return ids;
  }

  /**
   * Reads {@code ids} until they include every expected one, for up to three minutes (a store may
   * be catching up, or briefly unreadable); the last read either way.
   */
  private static <T> T eventually(Callable<T> ids, Map<String, Set<String>> expected)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      try {
        T value = ids.call();
        if (covers(value, expected) || System.nanoTime() > deadline) {
          return value;
        }
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(1000);
    }
  }
}
