package dev.rehearse.voice.transcribe;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Language codes as the transcribers take them. */
final class Languages {

  private static final Pattern PRIMARY = Pattern.compile("[a-z]{2,3}");

  private Languages() {}

  /**
   * The ISO 639 primary subtag of {@code tag}: {@code en-US} and {@code EN} give {@code en}.
   *
   * @throws IllegalArgumentException when it is not two or three letters
   */
  static Optional<String> primary(Optional<String> tag) {
    if (tag.isEmpty() || tag.get().isBlank()) {
      return Optional.empty();
    }
    String primary = tag.get().strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
    if (!PRIMARY.matcher(primary).matches()) {
      throw new IllegalArgumentException("not a language code: '" + tag.get() + "'");
    }
    return Optional.of(primary);
  }
}
