package dev.rehearse.core.assessment;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One dimension of the assessment, scored 0–100 per answer and averaged per session. This enum is
 * the one definition of the dimensions: index mappings, Spark columns, benchmarks, weak areas,
 * feedback wording and rubric checks are all derived from it.
 */
public enum Dimension {
  CLARITY("clarity", DimensionGroup.COMMUNICATION, Signal.TEXT),
  CONCISENESS("conciseness", DimensionGroup.COMMUNICATION, Signal.TEXT),
  PACE("pace", DimensionGroup.COMMUNICATION, Signal.TIMING),
  FLUENCY("fluency", DimensionGroup.COMMUNICATION, Signal.TIMING),
  RELEVANCE("relevance", DimensionGroup.CONTENT, Signal.TEXT),
  DEPTH("depth", DimensionGroup.CONTENT, Signal.TEXT),
  STRUCTURE("structure", DimensionGroup.CONTENT, Signal.TEXT),
  TECHNICAL_ACCURACY("technicalAccuracy", DimensionGroup.CONTENT, Signal.KEY_POINTS),
  STAR_ADHERENCE("starAdherence", DimensionGroup.BEHAVIOURAL, Signal.TEXT),
  OWNERSHIP("ownership", DimensionGroup.BEHAVIOURAL, Signal.TEXT),
  PROBLEM_SOLVING("problemSolving", DimensionGroup.BEHAVIOURAL, Signal.TEXT),
  VOCAL_VARIETY("vocalVariety", DimensionGroup.DELIVERY, Signal.AUDIO),
  COMPOSURE("composure", DimensionGroup.DELIVERY, Signal.AUDIO),
  ENGAGEMENT("engagement", DimensionGroup.DELIVERY, Signal.AUDIO);

  /** What a dimension is computed from. */
  public enum Signal {
    /** The transcript (and the question). */
    TEXT,
    /** The transcript with its duration or word timings. */
    TIMING,
    /**
     * The transcript against the key points and misconceptions the question bank gives the
     * question; not assessed for a question without them.
     */
    KEY_POINTS,
    /** The recorded audio: pitch, loudness, voice activity. */
    AUDIO,
    /** A language model judging the content (no dimension needs one today). */
    MODEL
  }

  private final String wireName;
  private final DimensionGroup group;
  private final Signal signal;

  Dimension(String wireName, DimensionGroup group, Signal signal) {
    this.wireName = wireName;
    this.group = group;
    this.signal = signal;
  }

  /** The name in JSON, the lake, the indices and feedback. */
  public String wireName() {
    return wireName;
  }

  public DimensionGroup group() {
    return group;
  }

  public Signal signal() {
    return signal;
  }

  /** Whether it can only be measured when the answer was spoken and recorded. */
  public boolean needsAudio() {
    return signal == Signal.AUDIO;
  }

  /** Whether it can only be measured by a language model. */
  public boolean needsLlm() {
    return signal == Signal.MODEL;
  }

  /** Whether the offline assessor measures it from text and timings alone. */
  public boolean assessedOffline() {
    return !needsAudio() && !needsLlm();
  }

  /** Every dimension's wire name, in order. */
  public static List<String> wireNames() {
    return Arrays.stream(values()).map(Dimension::wireName).toList();
  }

  /** The dimensions the offline assessor measures, in order. */
  public static List<Dimension> offline() {
    return Arrays.stream(values()).filter(Dimension::assessedOffline).toList();
  }

  /** The wire names of {@link #offline()}. */
  public static List<String> offlineWireNames() {
    return offline().stream().map(Dimension::wireName).toList();
  }

  /** The dimension of this wire name, if there is one. */
  public static Optional<Dimension> of(String wireName) {
    return Arrays.stream(values()).filter(d -> d.wireName.equals(wireName)).findFirst();
  }
}
