package dev.rehearse.voice.transcribe;

import dev.rehearse.voice.AudioRejectedException;
import dev.rehearse.voice.provider.ProviderException;
import java.util.Optional;

/** Speech recognition of one spoken answer. Implementations are thread-safe. */
public interface Transcriber {

  /** The provider's name, as {@link Transcript#provider()} gives it. */
  String name();

  /**
   * The words in {@code wav}.
   *
   * @param wav a WAV or Ogg Opus file that {@link dev.rehearse.voice.AudioDecoder} accepts
   * @param language the ISO 639-1 code of the spoken language (a region, as in {@code en-US}, is
   *     dropped), when known; otherwise the provider detects it
   * @throws AudioRejectedException when {@code wav} is not a WAV file the decoder accepts
   * @throws ProviderException when the provider gave nothing usable
   */
  Transcript transcribe(byte[] wav, Optional<String> language);
}
