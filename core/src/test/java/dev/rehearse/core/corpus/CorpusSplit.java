package dev.rehearse.core.corpus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The fixed split of the corpus into dev (tune on it) and held-out (never tuned on). An answer's
 * split is a function of its id alone: the SHA-256 of {@link #SALT}, a colon and the id, its first
 * four bytes as an unsigned number, modulo 100, below {@link #DEV_PERCENT} is dev. Adding answers
 * never moves an existing one, and neither does editing its text or labels.
 *
 * <p>The salt never changes: a new salt would move answers someone tuned on into held-out.
 */
public final class CorpusSplit {

  /** Fixed once; see the class comment before you think of changing it. */
  public static final String SALT = "rehearse-corpus-split-v1";

  public static final int DEV_PERCENT = 70;

  /** The two splits. */
  public enum Split {
    DEV("dev"),
    HELD_OUT("held-out");

    private final String label;

    Split(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private CorpusSplit() {}

  /** The split an answer belongs to, by its id. */
  public static Split of(String id) {
    byte[] hash = sha256((SALT + ":" + id).getBytes(StandardCharsets.UTF_8));
    int first =
        (hash[0] & 0xff) << 24 | (hash[1] & 0xff) << 16 | (hash[2] & 0xff) << 8 | (hash[3] & 0xff);
    return Integer.remainderUnsigned(first, 100) < DEV_PERCENT ? Split.DEV : Split.HELD_OUT;
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
