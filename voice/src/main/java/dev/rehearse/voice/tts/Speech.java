package dev.rehearse.voice.tts;

/**
 * Spoken text.
 *
 * @param wav a WAV file that {@link dev.rehearse.voice.WavDecoder} accepts (every provider's output
 *     is checked before it is returned)
 * @param durationMs its duration
 * @param provider who made it: {@code cartesia}, {@code murf} or {@code espeak-ng}
 */
public record Speech(byte[] wav, long durationMs, String provider) {}
