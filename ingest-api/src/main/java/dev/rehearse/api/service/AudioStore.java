package dev.rehearse.api.service;

/**
 * Where spoken answers are kept: the lake's {@code raw/audio} dataset. A put that fails throws, so
 * nothing is published for audio that was not stored.
 */
public interface AudioStore {

  /** Stores {@code wav} under {@code key} in the lake bucket. */
  void put(String key, byte[] wav);

  /**
   * Reads the object {@code key} of the lake bucket, at most {@code maxBytes + 1} bytes of it (a
   * longer result says the object is too large); empty when there is no such object. Fails (503)
   * when the store cannot be read.
   */
  default java.util.Optional<byte[]> read(String key, int maxBytes) {
    throw Problem.unavailable("the lake cannot be read here", java.time.Duration.ofSeconds(60));
  }

  /** A deployment without a store: every spoken answer is refused with 503. */
  AudioStore NONE =
      (key, wav) -> {
        throw Problem.unavailable(
            "spoken answers cannot be stored on this deployment", java.time.Duration.ofSeconds(60));
      };
}
