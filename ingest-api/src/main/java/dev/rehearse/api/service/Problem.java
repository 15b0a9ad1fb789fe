package dev.rehearse.api.service;

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

  public Problem(int status, String title, String detail, Optional<String> field) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.field = field;
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
