package dev.rehearse.stream.functions;

import dev.rehearse.core.assessment.AnswerScorer;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.observability.Telemetry;
import dev.rehearse.stream.serde.LakeRecords;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The bronze lake's row of each analysed answer, handed to the lake sink in a span of the answer's
 * trace: the sink's writer is chained to this step, so the span covers writing the row into the
 * open Parquet part file (the file is committed at the next checkpoint). The row carries the
 * answer's offline dimension scores, computed here once ({@link AnswerScorer}), so the assessment
 * reads them instead of analysing every answer's text again.
 */
public final class LakeRows extends ProcessFunction<Traced<SessionEvent>, GenericRecord> {

  private static final long serialVersionUID = 1L;
  private static final String SPAN = "lake write " + LakeDatasets.BRONZE_ANSWERS.path();

  private final Telemetry.Settings telemetry;
  private transient Tracer tracer;
  private transient AnswerScorer scorer;

  public LakeRows(Telemetry.Settings telemetry) {
    this.telemetry = telemetry;
  }

  @Override
  public void open(OpenContext context) {
    tracer = Telemetry.tracer(Telemetry.shared(telemetry));
    scorer = AnswerScorer.builtIn();
  }

  @Override
  public void processElement(
      Traced<SessionEvent> event, Context ctx, Collector<GenericRecord> out) {
    if (!(event.value() instanceof AnswerAnalyzed answer)) {
      return;
    }
    Span span = tracer.spanBuilder(SPAN).setParent(event.context()).startSpan();
    try (Scope scope = span.makeCurrent()) {
      InterviewType type =
          answer.questionType() != null ? answer.questionType() : answer.interviewType();
      out.collect(
          LakeRecords.answer(
              answer,
              scorer.score(
                  answer.questionId(),
                  Optional.ofNullable(type),
                  answer.question(),
                  answer.answer(),
                  answer.metrics())));
    } finally {
      span.end();
    }
  }
}
