package dev.rehearse.search;

import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.analytics.AnswerMetrics.FillerCount;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An answer's metrics as the {@code metrics} object of a turn document; unknown values left out.
 */
final class MetricsDocument {

  private MetricsDocument() {}

  static Map<String, Object> of(AnswerMetrics m) {
    Map<String, Object> doc = new HashMap<>();
    doc.put("wordCount", m.wordCount());
    put(doc, "durationMs", m.durationMs());
    put(doc, "wordsPerMinute", m.wordsPerMinute());
    put(doc, "articulationRate", m.articulationRate());
    doc.put("fillerCount", m.fillerCount());
    put(doc, "fillersPerMinute", m.fillersPerMinute());
    List<Map<String, Object>> top =
        m.topFillers().stream()
            .map(
                (FillerCount f) -> Map.<String, Object>of("filler", f.filler(), "count", f.count()))
            .toList();
    doc.put("topFillers", top);
    put(doc, "pauseCount", m.pauseCount());
    put(doc, "longPauseCount", m.longPauseCount());
    put(doc, "longestPauseMs", m.longestPauseMs());
    put(doc, "pauseRatio", m.pauseRatio());
    put(doc, "responseLatencyMs", m.responseLatencyMs());
    doc.put("lexicalDiversity", m.lexicalDiversity());
    doc.put("repetition", m.repetition());
    doc.put("hedgeCount", m.hedgeCount());
    doc.put("sentiment", m.sentiment());
    doc.put(
        "star",
        Map.of(
            "situation", m.star().situation(),
            "task", m.star().task(),
            "action", m.star().action(),
            "result", m.star().result(),
            "completeness", m.star().completeness(),
            "shares",
                Map.of(
                    "situation", m.star().shares().situation(),
                    "task", m.star().shares().task(),
                    "action", m.star().shares().action(),
                    "result", m.star().shares().result())));
    doc.put("pace", m.pace());
    doc.put("fluency", m.fluency());
    doc.put("conciseness", m.conciseness());
    return doc;
  }

  private static void put(Map<String, Object> doc, String field, Optional<?> value) {
    value.ifPresent(v -> doc.put(field, v));
  }
}
