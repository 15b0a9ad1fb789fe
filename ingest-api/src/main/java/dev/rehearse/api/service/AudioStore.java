package dev.rehearse.api.service;

/**
 * Where spoken answers are kept: the lake's {@code raw/audio} dataset. A put that fails throws, so
 * nothing is published for audio that was not stored.
 */
public interface AudioStore {

  /** Stores {@code wav} under {@code key} in the lake bucket. */
  void put(String key, byte[] wav);

  /** A deployment without a store: every spoken answer is refused with 503. */
  AudioStore NONE =
      (key, wav) -> {
        throw Problem.unavailable(
            "spoken answers cannot be stored on this deployment", java.time.Duration.ofSeconds(60));
      };
}
