package dev.rehearse.api.http;

import dev.rehearse.api.service.Problem;
import dev.rehearse.api.service.ResumeExtractor;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * The body of {@code POST /ai-interview/profile/resume}: a PDF, DOCX or UTF-8 text file as the raw
 * body, its media type as {@code Content-Type}. The body is read here, bounded by the route's own
 * limit ({@link ResumeExtractor.Limits#maxFileBytes}), not by the API's limit on JSON bodies.
 */
record ResumeUpload(ResumeExtractor.Format format, byte[] file) {

  /** Reads the upload: 415 for another media type, 413 past {@code maxBytes}, 400 if empty. */
  static ResumeUpload read(Context ctx, int maxBytes) {
    ResumeExtractor.Format format = format(ctx.contentType());
    if (ctx.req().getContentLengthLong() > maxBytes) {
      throw tooLarge(maxBytes);
    }
    byte[] file;
    try (InputStream in = ctx.req().getInputStream()) {
      file = in.readNBytes(maxBytes + 1); // a body without a length is bounded the same way
    } catch (IOException e) {
      throw new Problem(400, "Invalid request", "unreadable body", Optional.empty());
    }
    if (file.length > maxBytes) {
      throw tooLarge(maxBytes);
    }
    if (file.length == 0) {
      throw new Problem(400, "Invalid request", "the file is empty", Optional.empty());
    }
    return new ResumeUpload(format, file);
  }

  private static ResumeExtractor.Format format(String contentType) {
    Optional<ResumeExtractor.Format> format =
        Optional.ofNullable(contentType).flatMap(ResumeExtractor.Format::ofMediaType);
    if (format.isEmpty()) {
      throw new Problem(
          415,
          "Unsupported media type",
          "send the file as application/pdf, "
              + ResumeExtractor.Format.DOCX.mediaType()
              + " (DOCX) or text/plain",
          Optional.empty());
    }
    String lower = contentType.toLowerCase(Locale.ROOT).replace(" ", "");
    if (format.get() == ResumeExtractor.Format.TEXT
        && lower.contains("charset=")
        && !lower.contains("charset=utf-8")
        && !lower.contains("charset=\"utf-8\"")
        && !lower.contains("charset=us-ascii")) {
      throw new Problem(
          415, "Unsupported media type", "send text/plain in UTF-8", Optional.empty());
    }
    return format.get();
  }

  private static Problem tooLarge(int maxBytes) {
    return new Problem(
        413,
        "Content too large",
        "the file is larger than " + (maxBytes >> 20) + " MB",
        Optional.empty());
  }
}
