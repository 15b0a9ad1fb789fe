package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.api.service.AnalyticsQuery;
import dev.rehearse.api.service.AnalyticsReplies;
import dev.rehearse.api.service.BatchReplies;
import dev.rehearse.api.service.CohortReplies;
import dev.rehearse.api.service.Problem;
import dev.rehearse.api.service.ProfileReplies;
import dev.rehearse.api.service.SessionReplies;
import dev.rehearse.core.json.Json;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code openapi.json} describes the reply records as they serialise: for every record, the JSON
 * property names (every optional present) equal the {@code properties} of the schema of the same
 * name. A field added to one side only fails here.
 */
class RepliesMatchOpenApiTest {

  private static final ObjectMapper MAPPER = Json.newMapper();

  /** The reply records; each is documented by the schema of its simple name. */
  static Stream<Class<?>> replies() {
    return Stream.of(
        Api.Status.class,
        SessionReplies.Question.class,
        SessionReplies.Started.class,
        SessionReplies.Pending.class,
        SessionReplies.Turn.class,
        SessionReplies.Session.class,
        SessionReplies.SessionItem.class,
        SessionReplies.SessionPage.class,
        SessionReplies.Assessment.class,
        SessionReplies.LiveKitToken.class,
        BatchReplies.Queued.class,
        BatchReplies.Accepted.class,
        BatchReplies.Batch.class,
        BatchReplies.CohortBatch.class,
        BatchReplies.ReportLink.class,
        ProfileReplies.Profile.class,
        ProfileReplies.ResumeUploaded.class,
        CohortReplies.Cohort.class,
        CohortReplies.CohortList.class,
        CohortReplies.Member.class,
        CohortReplies.MemberList.class,
        CohortReplies.Invite.class,
        CohortReplies.Joined.class,
        AnalyticsQuery.class,
        AnalyticsReplies.AnalyticsSummary.class,
        AnalyticsReplies.AnalyticsDistribution.class,
        AnalyticsReplies.AnalyticsTrends.class,
        AnalyticsReplies.AnalyticsBreakdown.class,
        AnalyticsReplies.HistogramBucket.class,
        AnalyticsReplies.TrendPoint.class,
        AnalyticsReplies.BreakdownGroup.class,
        AnalyticsReplies.CohortDimensions.class,
        AnalyticsReplies.DimensionAverage.class);
  }

  private final JsonNode schemas;

  RepliesMatchOpenApiTest() throws Exception {
    schemas = MAPPER.readTree(ApiDocs.load().openApi()).path("components").path("schemas");
  }

  @ParameterizedTest
  @MethodSource("replies")
  void theSchemaOfAReplyListsExactlyItsFields(Class<?> reply) {
    Set<String> fields = jsonFields(reply);
    Set<String> documented = properties(schemas.path(reply.getSimpleName()));

    assertThat(schemas.has(reply.getSimpleName())).as(reply.getSimpleName()).isTrue();
    if (passesADocumentThrough(reply)) {
      // its other fields are the stored document's, which the schema lists
      assertThat(documented).as(reply.getSimpleName()).containsAll(fields);
    } else {
      assertThat(documented).as(reply.getSimpleName()).isEqualTo(fields);
    }
  }

  @Test
  void theProblemBodyIsTheProblemSchema() {
    assertThat(properties(schemas.path("Problem")))
        .isEqualTo(jsonFields(Problem.ProblemBody.class));
  }

  @Test
  void everyJsonReplyOfTheApiIsOneOfTheRecords() throws Exception {
    Set<String> records = new TreeSet<>();
    replies().map(Class::getSimpleName).forEach(records::add);
    Set<String> replied = new TreeSet<>();
    JsonNode paths = MAPPER.readTree(ApiDocs.load().openApi()).path("paths");
    paths.forEach(
        operations ->
            operations.forEach(
                operation ->
                    operation
                        .path("responses")
                        .fields()
                        .forEachRemaining(
                            r -> {
                              String ref =
                                  r.getValue()
                                      .path("content")
                                      .path("application/json")
                                      .path("schema")
                                      .path("$ref")
                                      .asText();
                              if (r.getKey().startsWith("2") && !ref.isEmpty()) {
                                replied.add(ref.substring(ref.lastIndexOf('/') + 1));
                              }
                            })));
    replied.remove("Aggregates"); // the four analytics replies, by endpoint

    assertThat(records).containsAll(replied);
    assertThat(properties(schemas.path("Aggregates")))
        .isEqualTo(
            Stream.of(
                    AnalyticsReplies.AnalyticsSummary.class,
                    AnalyticsReplies.AnalyticsDistribution.class,
                    AnalyticsReplies.AnalyticsTrends.class,
                    AnalyticsReplies.AnalyticsBreakdown.class)
                .flatMap(c -> jsonFields(c).stream())
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
  }

  private static boolean passesADocumentThrough(Class<?> reply) {
    return Stream.of(reply.getRecordComponents())
        .anyMatch(
            c ->
                c.getAccessor().isAnnotationPresent(JsonAnyGetter.class)
                    || c.isAnnotationPresent(JsonAnyGetter.class));
  }

  /** The property names of a schema, following {@code $ref} and {@code allOf}. */
  private Set<String> properties(JsonNode schema) {
    Set<String> names = new TreeSet<>();
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      return properties(schemas.path(ref.substring(ref.lastIndexOf('/') + 1)));
    }
    schema.path("allOf").forEach(part -> names.addAll(properties(part)));
    schema.path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The names the mapper writes for a record whose every optional field is present. */
  private static Set<String> jsonFields(Class<?> record) {
    JsonNode json = MAPPER.valueToTree(sample(record));
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  /** A value of {@code type} with every optional present and every list one long. */
  private static Object sample(Type type) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type arg = p.getActualTypeArguments()[raw == Map.class ? 1 : 0];
      if (raw == Optional.class) {
        return Optional.of(sample(arg));
      }
      if (raw == List.class) {
        return List.of(sample(arg));
      }
      if (raw == Map.class) {
        return Map.of(); // a stored document or a map of numbers: no names of its own
      }
      return sample(raw);
    }
    Class<?> c = type instanceof Class<?> k ? k : Object.class;
    if (c == String.class || c == Object.class) {
      return "x";
    }
    if (c == int.class || c == Integer.class) {
      return 1;
    }
    if (c == long.class || c == Long.class) {
      return 1L;
    }
    if (c == double.class || c == Double.class) {
      return 1.0;
    }
    if (c == boolean.class || c == Boolean.class) {
      return true;
    }
    if (c == Instant.class) {
      return Instant.EPOCH;
    }
    if (c == LocalDate.class) {
      return LocalDate.EPOCH;
    }
    if (c == Map.class) {
      return Map.of();
    }
    if (c == JsonNode.class) {
      return MAPPER.createObjectNode(); // a stored object: no names of its own
    }
    if (c.isEnum()) {
      return c.getEnumConstants()[0];
    }
    if (c.isRecord()) {
      RecordComponent[] components = c.getRecordComponents();
      List<Object> args = new ArrayList<>();
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        args.add(sample(components[i].getGenericType()));
      }
      try {
        var constructor = c.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(args.toArray());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot make a sample " + c.getSimpleName(), e);
      }
    }
    throw new IllegalArgumentException("no sample of " + type);
  }
}
