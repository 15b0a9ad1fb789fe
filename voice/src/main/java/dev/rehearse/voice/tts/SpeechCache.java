package dev.rehearse.voice.tts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Speech already made, by {@link #key}: the SHA-256 of the voice and the text, not of the provider,
 * so a question is synthesised once whichever provider made it. Implementations are thread-safe;
 * this module has {@link InMemorySpeechCache}.
 */
public interface SpeechCache {

  Optional<Speech> get(String key);

  void put(String key, Speech speech);

  /**
   * The lower-case hex SHA-256 of {@code voice.name()}, a NUL and {@code text} in Unicode NFC with
   * its runs of white space made one space and its ends stripped (spacing does not change what is
   * said).
   */
  static String key(String text, Voice voice) {
    String normal = Normalizer.normalize(text, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(voice.name().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(normal.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
