package dev.rehearse.api.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.json.Json;
import dev.rehearse.search.documents.AssessmentDocument;
import dev.rehearse.search.documents.SessionDocument;
import dev.rehearse.search.documents.TurnDocument;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Session, turn and assessment documents held in memory, read as the Elasticsearch reader does.
 * Documents are given as the JSON fields the index would hold; a field the document record lacks
 * fails the test.
 */
public final class InMemorySessionReader implements SessionReader {

  private static final ObjectMapper MAPPER = Json.newMapper();

  // written by another thread in tests of a session started through another instance
  private final Map<String, SessionDocument> sessions =
      java.util.Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, List<TurnDocument>> turns = new HashMap<>();
  private final Map<String, AssessmentDocument> assessments = new HashMap<>();
  private final Map<String, Progress> progress = new HashMap<>();
  private final List<SessionQuery> queries = new ArrayList<>();
  private boolean down;

  /** The session document of these fields, as the index holds them. */
  public static SessionDocument sessionDocument(Map<String, Object> fields) {
    return MAPPER.convertValue(fields, SessionDocument.class);
  }

  /** Stores a session document; it must hold {@code sessionId} and {@code userId}. */
  public InMemorySessionReader session(Map<String, Object> fields) {
    SessionDocument document = sessionDocument(fields);
    sessions.put(document.sessionId().orElseThrow(), document);
    return this;
  }

  public InMemorySessionReader turn(String sessionId, Map<String, Object> fields) {
    turns
        .computeIfAbsent(sessionId, id -> new ArrayList<>())
        .add(MAPPER.convertValue(fields, TurnDocument.class));
    return this;
  }

  public InMemorySessionReader assessment(String sessionId, Map<String, Object> fields) {
    assessments.put(sessionId, MAPPER.convertValue(fields, AssessmentDocument.class));
    return this;
  }

  public InMemorySessionReader progress(String userId, Progress of) {
    progress.put(userId, of);
    return this;
  }

  /** From now on reading a session fails as when Elasticsearch cannot be reached. */
  public void goDown() {
    down = true;
  }

  /** The listing queries asked, in order. */
  public List<SessionQuery> queries() {
    return List.copyOf(queries);
  }

  @Override
  public Optional<SessionDocument> session(String userId, String sessionId) throws IOException {
    if (down) {
      throw new IOException("connection refused");
    }
    return Optional.ofNullable(sessions.get(sessionId))
        .filter(doc -> doc.userId().filter(userId::equals).isPresent());
  }

  @Override
  public Optional<String> owner(String sessionId) throws IOException {
    if (down) {
      throw new IOException("connection refused");
    }
    return Optional.ofNullable(sessions.get(sessionId)).flatMap(SessionDocument::userId);
  }

  @Override
  public Optional<AssessmentDocument> assessment(String userId, String sessionId) {
    return Optional.ofNullable(assessments.get(sessionId))
        .filter(doc -> userId.equals(doc.userId()));
  }

  @Override
  public Page sessions(String userId, SessionQuery query) {
    queries.add(query);
    List<SessionDocument> mine =
        sessions.values().stream()
            .filter(doc -> doc.userId().filter(userId::equals).isPresent())
            .filter(
                doc -> query.status().map(s -> doc.status().equals(Optional.of(s))).orElse(true))
            .filter(doc -> query.type().map(t -> doc.type().equals(Optional.of(t))).orElse(true))
            .sorted(
                Comparator.comparing((SessionDocument doc) -> doc.startedAt().orElse(Instant.MIN))
                    .reversed())
            .toList();
    return new Page(mine.size(), mine.stream().skip(query.offset()).limit(query.limit()).toList());
  }

  @Override
  public List<TurnDocument> turns(String userId, String sessionId) throws IOException {
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
