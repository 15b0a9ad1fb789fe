package dev.rehearse.api.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Session, turn and assessment documents held in memory, read as the Elasticsearch reader does. */
public final class InMemorySessionReader implements SessionReader {

  private final Map<String, Map<String, Object>> sessions = new LinkedHashMap<>();
  private final Map<String, List<Map<String, Object>>> turns = new HashMap<>();
  private final Map<String, Map<String, Object>> assessments = new HashMap<>();
  private final Map<String, Progress> progress = new HashMap<>();
  private final List<SessionQuery> queries = new ArrayList<>();

  /** Stores a session document; it must hold {@code sessionId} and {@code userId}. */
  public InMemorySessionReader session(Map<String, Object> document) {
    sessions.put((String) document.get("sessionId"), Map.copyOf(document));
    return this;
  }

  public InMemorySessionReader turn(String sessionId, Map<String, Object> document) {
    turns.computeIfAbsent(sessionId, id -> new ArrayList<>()).add(Map.copyOf(document));
    return this;
  }

  public InMemorySessionReader assessment(String sessionId, Map<String, Object> document) {
    assessments.put(sessionId, Map.copyOf(document));
    return this;
  }

  public InMemorySessionReader progress(String userId, Progress of) {
    progress.put(userId, of);
    return this;
  }

  /** The listing queries asked, in order. */
  public List<SessionQuery> queries() {
    return List.copyOf(queries);
  }

  @Override
  public Optional<Map<String, Object>> session(String userId, String sessionId) {
    return Optional.ofNullable(sessions.get(sessionId))
        .filter(doc -> userId.equals(doc.get("userId")));
  }

  @Override
  public Optional<Map<String, Object>> assessment(String userId, String sessionId) {
    return Optional.ofNullable(assessments.get(sessionId))
        .filter(doc -> userId.equals(doc.get("userId")));
  }

  @Override
  public Page sessions(String userId, SessionQuery query) {
    queries.add(query);
    List<Map<String, Object>> mine =
        sessions.values().stream()
            .filter(doc -> userId.equals(doc.get("userId")))
            .filter(doc -> query.status().map(s -> s.equals(doc.get("status"))).orElse(true))
            .filter(doc -> query.type().map(t -> t.equals(doc.get("type"))).orElse(true))
            .sorted(
                Comparator.comparing((Map<String, Object> doc) -> (String) doc.get("startedAt"))
                    .reversed())
            .toList();
    return new Page(mine.size(), mine.stream().skip(query.offset()).limit(query.limit()).toList());
  }

  @Override
  public List<Map<String, Object>> turns(String userId, String sessionId) {
    return session(userId, sessionId).isPresent()
        ? turns.getOrDefault(sessionId, List.of())
        : List.of();
  }

  @Override
  public Map<String, Progress> progress(List<String> userIds) {
    Map<String, Progress> out = new HashMap<>();
    userIds.forEach(
        id -> {
          if (progress.containsKey(id)) {
            out.put(id, progress.get(id));
          }
        });
    return out;
  }
}
