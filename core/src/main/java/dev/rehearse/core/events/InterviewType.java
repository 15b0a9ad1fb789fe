package dev.rehearse.core.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of interview Rehearse runs; the wire names are lower snake case. */
public enum InterviewType {
  BEHAVIORAL,
  TECHNICAL,
  SYSTEM_DESIGN,
  CASE,
  MIXED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type with this wire name, if there is one. */
  public static Optional<InterviewType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
  }

  @JsonCreator
  static InterviewType fromJson(String name) {
    return fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown interview type: " + name));
  }
}
