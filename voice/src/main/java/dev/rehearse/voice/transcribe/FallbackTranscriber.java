package dev.rehearse.voice.transcribe;

import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProvidersFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Asks its transcribers in order and returns the first transcript. A provider failure moves on to
 * the next; audio the decoder rejects is rejected at once (no provider would take it).
 */
public final class FallbackTranscriber implements Transcriber {

  private final List<Transcriber> chain;

  public FallbackTranscriber(List<Transcriber> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a fallback chain needs a transcriber");
    }
    this.chain = List.copyOf(chain);
  }

  /** The transcribers, in the order they are asked. */
  public List<Transcriber> chain() {
    return chain;
  }

  @Override
  public String name() {
    return chain.stream().map(Transcriber::name).collect(Collectors.joining(">"));
  }

  /**
   * @throws ProvidersFailedException when every transcriber failed
   */
  @Override
  public Transcript transcribe(byte[] wav, Optional<String> language) {
    List<ProviderException> failures = new ArrayList<>();
    for (Transcriber transcriber : chain) {
      try {
        return transcriber.transcribe(wav, language);
      } catch (ProviderException e) {
        failures.add(e);
      }
    }
    throw new ProvidersFailedException("transcription", failures);
  }
}
