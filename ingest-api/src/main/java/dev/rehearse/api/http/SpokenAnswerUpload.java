package dev.rehearse.api.http;

import dev.rehearse.api.service.Problem;
import dev.rehearse.voice.AudioDecoder;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The body of {@code POST /ai-interview/sessions/{id}/audio}: one spoken answer, a WAV or Ogg Opus
 * file as the raw body. The body is read here, bounded by this route's own limit ({@link
 * AudioDecoder#MAX_BYTES}, 50 MB), not by the API's limit on JSON bodies; what it holds is checked
 * by the decoder.
 */
final class SpokenAnswerUpload {

  /**
   * The media types a WAV or Ogg Opus file is sent as; parameters after {@code ;} (such as {@code
   * codecs=opus}) are ignored. The decoder tells the two apart by their first bytes.
   */
  static final List<String> MEDIA_TYPES =
      List.of("audio/wav", "audio/x-wav", "audio/wave", "audio/ogg", "audio/opus");

  private SpokenAnswerUpload() {}

  /** Reads the body: 415 for another media type, 413 past 50 MB, 400 if empty. */
  static byte[] read(Context ctx) {
    String type =
        Optional.ofNullable(ctx.contentType())
            .map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
            .orElse("");
    if (!MEDIA_TYPES.contains(type)) {
      throw new Problem(
          415,
          "Unsupported media type",
          "send the answer as a WAV or Ogg Opus file: " + String.join(", ", MEDIA_TYPES),
          Optional.empty());
    }
    if (ctx.req().getContentLengthLong() > AudioDecoder.MAX_BYTES) {
      throw tooLarge();
    }
    byte[] wav;
    try (InputStream in = ctx.req().getInputStream()) {
      wav =
          in.readNBytes(AudioDecoder.MAX_BYTES + 1); // a body without a length is bounded the same
    } catch (IOException e) {
      throw new Problem(400, "Invalid audio", "unreadable body", Optional.empty());
    }
    if (wav.length > AudioDecoder.MAX_BYTES) {
      throw tooLarge();
    }
    if (wav.length == 0) {
      throw new Problem(
          400, "Invalid audio", "the body is empty: send a WAV or Ogg Opus file", Optional.empty());
    }
    return wav;
  }

  private static Problem tooLarge() {
    return new Problem(
        413,
        "Audio too large",
        "the audio is larger than " + (AudioDecoder.MAX_BYTES >> 20) + " MB",
        Optional.empty());
  }
}
