package dev.rehearse.dashboards;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Imports an NDJSON bundle of saved objects into Kibana: {@code POST
 * [/s/<space>]/api/saved_objects/_import?overwrite=true} with the bundle as the multipart field
 * {@code file}, the {@code kbn-xsrf} header Kibana requires of API writes, and the settings'
 * credentials. Kibana answers 200 even when some objects fail; their errors are in the reply.
 */
public final class KibanaImport {

  /** The name the bundle is sent under; Kibana requires the {@code .ndjson} extension. */
  static final String FILE_NAME = "rehearse-dashboards.ndjson";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http;
  private final KibanaSettings settings;
  private final Duration timeout;

  public KibanaImport(HttpClient http, KibanaSettings settings, Duration timeout) {
    this.http = http;
    this.settings = settings;
    this.timeout = timeout;
  }

  /** One object Kibana did not import, and why. */
  public record ObjectError(String type, String id, String title, String errorType, String detail) {

    @Override
    public String toString() {
      return type
          + " "
          + id
          + (title.isEmpty() ? "" : " (" + title + ")")
          + ": "
          + errorType
          + (detail.isEmpty() ? "" : ": " + detail);
    }
  }

  /** Kibana's reply to an import. */
  public record Result(boolean success, int successCount, List<ObjectError> errors) {

    /** Whether every object was imported. */
    public boolean complete() {
      return success && errors.isEmpty();
    }
  }

  /** Kibana refused the import as a whole: bad credentials, an unknown space, a server error. */
  public static final class ImportFailed extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ImportFailed(int status, String message) {
      super(message);
      this.status = status;
    }

    /** The HTTP status Kibana answered. */
    public int status() {
      return status;
    }
  }

  /**
   * Sends the bundle; returns Kibana's reply, per-object errors included.
   *
   * @throws ImportFailed when Kibana answers anything but 200
   */
  public Result send(String ndjson) throws IOException, InterruptedException {
    String boundary = "rehearse-" + UUID.randomUUID();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(settings.importEndpoint())
            .timeout(timeout)
            .header("kbn-xsrf", "true")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, ndjson)));
    settings.auth().ifPresent(a -> request.header("Authorization", a));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new ImportFailed(
          status,
          settings
              + " refused the credentials ("
              + status
              + "): check "
              + KibanaSettings.API_KEY
              + " or "
              + KibanaSettings.USERNAME
              + "/"
              + KibanaSettings.PASSWORD);
    }
    if (status != 200) {
      throw new ImportFailed(
          status, settings + " answered " + status + ": " + excerpt(response.body()));
    }
    return parse(response.body());
  }

  /** The multipart body: one part, the field {@code file}, holding the bundle. */
  static byte[] multipart(String boundary, String ndjson) {
    String body =
        "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\""
            + FILE_NAME
            + "\"\r\n"
            + "Content-Type: application/ndjson\r\n"
            + "\r\n"
            + ndjson
            + "\r\n--"
            + boundary
            + "--\r\n";
    return body.getBytes(StandardCharsets.UTF_8);
  }

  /** Kibana's import reply, the parts read here, named as Kibana names them. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Reply(Boolean success, int successCount, List<Failure> errors) {}

  /** One object of the reply's {@code errors}: its title is in {@code meta} in Kibana 8. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Failure(String type, String id, String title, Meta meta, Cause error) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Meta(String title) {}

  /** Why an object failed: its type, and the missing references or a message. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Cause(String type, String message, List<Missing> references) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Missing(String type, String id) {}

  /** Kibana's import reply: {@code success}, {@code successCount}, {@code errors}. */
  static Result parse(String body) throws IOException {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IOException("Kibana's import reply is not JSON: " + excerpt(body), e);
    }
    Reply reply;
    try {
      reply = tree == null || !tree.isObject() ? null : MAPPER.treeToValue(tree, Reply.class);
    } catch (IOException e) {
      throw new IOException("Kibana's import reply is not an import reply: " + excerpt(body), e);
    }
    if (reply == null || reply.success() == null) {
      throw new IOException("Kibana's import reply has no success field: " + excerpt(body));
    }
    List<ObjectError> errors = new ArrayList<>();
    for (Failure e : reply.errors() == null ? List.<Failure>of() : reply.errors()) {
      Cause error = e.error() == null ? new Cause(null, null, null) : e.error();
      String title =
          e.meta() != null && e.meta().title() != null ? e.meta().title() : orEmpty(e.title());
      errors.add(
          new ObjectError(
              orEmpty(e.type()),
              orEmpty(e.id()),
              title,
              error.type() == null ? "unknown" : error.type(),
              detail(error)));
    }
    return new Result(reply.success(), reply.successCount(), errors);
  }

  /** What an error says beyond its type: the missing references, or the message. */
  private static String detail(Cause error) {
    if (error.references() != null) {
      List<String> missing = new ArrayList<>();
      for (Missing r : error.references()) {
        missing.add(r.type() + " " + r.id());
      }
      return "missing " + String.join(", ", missing);
    }
    return orEmpty(error.message());
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  private static String excerpt(String body) {
    String flat = body == null ? "" : body.replaceAll("\\s+", " ").trim();
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }
}
