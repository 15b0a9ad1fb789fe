package dev.rehearse.observability;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A user as error reports and logs may name them: the SHA-256 of the id, in lower-case hex, as the
 * erasure job names users in its records.
 */
public final class UserIds {

  private static final Pattern HASHED = Pattern.compile("[0-9a-f]{64}");

  private UserIds() {}

  /** The SHA-256 of {@code userId} in lower-case hex. */
  public static String hash(String userId) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code value} hashed, unless it already is a hash (hashing twice would hide the user). */
  static String hashOnce(String value) {
    return isHash(value) ? value : hash(value);
  }

  static boolean isHash(String value) {
    return HASHED.matcher(value).matches();
  }
}
