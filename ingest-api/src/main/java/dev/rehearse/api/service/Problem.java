package dev.rehearse.api.service;

import java.time.Duration;
import java.util.Optional;

/**
 * An error answered as {@code application/problem+json} (RFC 9457). {@code field} names the request
 * field at fault, when one is.
 */
public final class Problem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final Optional<String> field;
  private final Optional<Duration> retryAfter;

  public Problem(int status, String title, String detail, Optional<String> field) {
    this(status, title, detail, field, Optional.empty());
  }

  private Problem(
      int status,
      String title,
      String detail,
      Optional<String> field,
      Optional<Duration> retryAfter) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.field = field;
    this.retryAfter = retryAfter;
  }

  /** 503: a dependency cannot answer now; the client may try again after {@code retryAfter}. */
  public static Problem unavailable(String detail, Duration retryAfter) {
    return new Problem(
        503, "Service unavailable", detail, Optional.empty(), Optional.of(retryAfter));
  }

  public static Problem badField(String field, String detail) {
    return new Problem(400, "Invalid request", field + ": " + detail, Optional.of(field));
  }

  public static Problem notFound(String what) {
    return new Problem(404, "Not found", what + " not found", Optional.empty());
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public Optional<String> field() {
    return field;
  }

  /** How long the client should wait before trying again (a {@code Retry-After} header). */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /** The problem document. */
  public ProblemBody body(String instance) {
    return new ProblemBody("about:blank", title, status, getMessage(), instance, field);
  }

  /** The JSON body of a problem response. */
  public record ProblemBody(
      String type,
      String title,
      int status,
      String detail,
      String instance,
      Optional<String> field) {}
}
