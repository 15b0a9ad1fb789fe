package dev.rehearse.voice.tts;

import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProvidersFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Asks its synthesizers in order and returns the first speech; a failure moves on to the next. */
public final class FallbackSynthesizer implements SpeechSynthesizer {

  private final List<SpeechSynthesizer> chain;

  public FallbackSynthesizer(List<SpeechSynthesizer> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a fallback chain needs a synthesizer");
    }
    this.chain = List.copyOf(chain);
  }

  /** The synthesizers, in the order they are asked. */
  public List<SpeechSynthesizer> chain() {
    return chain;
  }

  @Override
  public String name() {
    return chain.stream().map(SpeechSynthesizer::name).collect(Collectors.joining(">"));
  }

  /**
   * @throws ProvidersFailedException when every synthesizer failed
   */
  @Override
  public Speech speak(String text, Voice voice) {
    SpeechSynthesizer.checkText(text);
    List<ProviderException> failures = new ArrayList<>();
    for (SpeechSynthesizer synthesizer : chain) {
      try {
        return synthesizer.speak(text, voice);
      } catch (ProviderException e) {
        failures.add(e);
      }
    }
    throw new ProvidersFailedException("speech", failures);
  }
}
