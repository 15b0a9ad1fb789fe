package dev.rehearse.voice.tts;

import dev.rehearse.voice.AudioRejectedException;
import dev.rehearse.voice.DecodedAudio;
import dev.rehearse.voice.WavDecoder;
import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProviderException.Reason;

/**
 * A provider's audio, checked to be a WAV file the voice module decodes, with samples in it; a
 * streamed WAV's placeholder sizes are first replaced by the real ones ({@link StreamedWav}).
 */
final class SpeechAudio {

  private SpeechAudio() {}

  /**
   * @throws ProviderException {@link Reason#MALFORMED_REPLY} (or {@code reasonIfBad}) when it is
   *     not
   */
  static Speech check(String provider, byte[] reply, Reason reasonIfBad) {
    byte[] wav = StreamedWav.withRealSizes(reply);
    DecodedAudio audio;
    try {
      audio = WavDecoder.decode(wav);
    } catch (AudioRejectedException e) {
      throw new ProviderException(provider, reasonIfBad, "not a usable WAV: " + e.getMessage());
    }
    if (audio.mono().length == 0) {
      throw new ProviderException(provider, reasonIfBad, "the WAV holds no samples");
    }
    return new Speech(wav, audio.durationMs(), provider);
  }
}
