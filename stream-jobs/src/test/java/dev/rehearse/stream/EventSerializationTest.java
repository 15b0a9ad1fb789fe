package dev.rehearse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.analytics.AnalysisRequest;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.events.SessionEvent.SessionStarted;
import dev.rehearse.core.events.WordTiming;
import dev.rehearse.core.interview.InterviewState;
import dev.rehearse.core.interview.PlannedQuestion;
import dev.rehearse.stream.functions.Enriched;
import dev.rehearse.stream.functions.Traced;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** What the job sends between operators and keeps in state survives Flink's serializers. */
class EventSerializationTest {

  private static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
    TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(value, out);
    T read = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(serializer.copy(value)).isEqualTo(value);
    return read;
  }

  private static final String TRACEPARENT =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  private static final InterviewSpec SPEC =
      new InterviewSpec(
          InterviewType.CASE, "Analyst", "junior", Optional.of("Acme"), "en", 3, Optional.empty());

  @Test
  void anAnalysedAnswerWithEveryMetricSurvives() throws Exception {
    Answer answer =
        new Answer(
            "Um, so, I measured it and, like, latency dropped by half.",
            Optional.of(4_000L),
            List.of(
                new WordTiming("Um", 0, 200),
                new WordTiming("so", 900, 1_100),
                new WordTiming("I", 1_200, 1_300),
                new WordTiming("measured", 1_300, 1_700),
                new WordTiming("it", 1_700, 1_800),
                new WordTiming("and", 1_900, 2_000)),
            Optional.of("s3://audio/a.wav"),
            Optional.of(10L),
            Optional.of(20L));
    AnswerAnalyzed event =
        new AnswerAnalyzed(
            1,
            "s/answer/0",
            "s",
            "u",
            "c",
            0,
            dev.rehearse.core.events.InterviewType.BEHAVIORAL,
            dev.rehearse.core.events.InterviewType.BEHAVIORAL,
            "backend engineer",
            "beh-001",
            "Q",
            answer.text(),
            new AnswerAnalyzer().analyze(new AnalysisRequest(Optional.of("Q"), answer, "en")),
            Instant.parse("2026-11-25T10:00:00Z"));

    Traced<SessionEvent> traced = new Traced<>(event, Optional.of(TRACEPARENT));
    assertThat(roundTrip(InterviewJob.EVENT_TYPE, traced)).isEqualTo(traced);
  }

  @Test
  void aStartedSessionSurvives() throws Exception {
    SessionEvent event =
        new SessionStarted(1, "s/started/0", "s", "u", "c", SPEC, 3, Instant.EPOCH);

    assertThat(roundTrip(InterviewJob.EVENT_TYPE, Traced.untraced(event)))
        .isEqualTo(Traced.untraced(event));
  }

  @Test
  void aCommandKeepsItsTraceThroughTheShuffle() throws Exception {
    SessionCommand command =
        new SessionCommand.StartSession(
            SessionCommand.SCHEMA_VERSION, "c", "s", "u", SPEC, Instant.EPOCH);
    Traced<SessionCommand> traced = new Traced<>(command, Optional.of(TRACEPARENT));
    Enriched enriched = Enriched.bare(traced);

    assertThat(roundTrip(InterviewJob.COMMAND_TYPE, traced)).isEqualTo(traced);
    assertThat(roundTrip(TypeInformation.of(Enriched.class), enriched).traceparent())
        .contains(TRACEPARENT);
  }

  @Test
  void theInterviewStateSurvives() throws Exception {
    InterviewState state =
        new InterviewState(
            "s",
            "u",
            SPEC,
            List.of(new PlannedQuestion("q1", InterviewType.BEHAVIORAL, "Why?", false)),
            0,
            1,
            10,
            120.5,
            1,
            64,
            List.of("c1"));

    assertThat(roundTrip(TypeInformation.of(InterviewState.class), state)).isEqualTo(state);
  }
}
