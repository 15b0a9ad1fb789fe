package dev.rehearse.core.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why the interview job refused a command. */
public enum RejectionReason {
  /** No such session for this user: never started, already over, or another user's session. */
  SESSION_NOT_FOUND,
  /** The session exists already (a start for a used id). */
  SESSION_EXISTS,
  /** The answer cannot be analysed (for example, it has no words). */
  INVALID_ANSWER;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
