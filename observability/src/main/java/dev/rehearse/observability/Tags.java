package dev.rehearse.observability;

/** The tag names of error events, and the MDC keys of log lines. */
public final class Tags {

  /** The request's {@code X-Request-Id}. */
  public static final String REQUEST_ID = "request_id";

  /** The route template of the request, e.g. {@code /ai-interview/sessions/{id}/answers}. */
  public static final String ROUTE = "route";

  public static final String METHOD = "method";

  /** The HTTP status of the reply. */
  public static final String STATUS = "http_status";

  /** The process or job that reported the event: {@code api}, {@code stream-jobs}, … */
  public static final String JOB = "job";

  public static final String RELEASE = "release";
  public static final String BATCH_ID = "batch_id";

  /** The batch job's name, e.g. {@code assessment}. */
  public static final String BATCH_JOB = "batch_job";

  public static final String SESSION_ID = "session_id";

  /** The LLM providers that were asked, in order. */
  public static final String PROVIDERS = "providers";

  /** A user: hashed before it leaves. */
  public static final String USER_ID = "user_id";

  /** Users a batch is about, comma-separated: hashed before they leave. */
  public static final String USER_IDS = "user_ids";

  /** The MDC key of the current trace id, when a span is current. */
  public static final String TRACE_ID = "trace_id";

  public static final String SPAN_ID = "span_id";

  private Tags() {}
}
