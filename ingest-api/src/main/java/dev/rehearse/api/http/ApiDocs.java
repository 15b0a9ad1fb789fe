package dev.rehearse.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;

/**
 * The OpenAPI document, the interactive docs page, the dashboard page and the practice page, read
 * once from the API's resources.
 */
public record ApiDocs(
    byte[] openApi,
    String page,
    String initScript,
    String swaggerUiVersion,
    Dashboard dashboard,
    Practice practice) {

  /** The dashboard page: its HTML, script and style sheet, and the ECharts version it loads. */
  public record Dashboard(String page, String script, String style, String echartsVersion) {}

  /**
   * The candidates' practice page: its HTML, script, style sheet and the audio worklet that records
   * the microphone.
   */
  public record Practice(String page, String script, String style, String recorder) {}

  /** Where the API's documents are among the resources. */
  private static final String RESOURCES = "/dev/rehearse/api/";

  public static ApiDocs load() {
    Properties build = new Properties();
    try (InputStream in = resource("api.properties")) {
      build.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ApiDocs(
        bytes("openapi.json"),
        new String(bytes("docs.html"), StandardCharsets.UTF_8),
        new String(bytes("docs-init.js"), StandardCharsets.UTF_8),
        build.getProperty("swagger-ui.version"),
        new Dashboard(
            text("dashboard/index.html"),
            text("dashboard/dashboard.js"),
            text("dashboard/dashboard.css"),
            build.getProperty("echarts.version")),
        new Practice(
            text("practice/index.html"),
            text("practice/practice.js"),
            text("practice/practice.css"),
            text("practice/recorder.js")));
  }

  private static InputStream resource(String name) {
    return Objects.requireNonNull(
        ApiDocs.class.getResourceAsStream(RESOURCES + name), name + " is missing");
  }

  private static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String name) {
    try (InputStream in = resource(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
