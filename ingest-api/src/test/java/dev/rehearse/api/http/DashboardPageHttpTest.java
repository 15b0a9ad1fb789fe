package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.json.Json;
import dev.rehearse.voice.tts.Synthesizers;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard page's files on a real Javalin server: public, with the API's security headers and
 * a Content-Security-Policy that runs only the page's own scripts. Its charts are tested in a
 * browser on the real stack (DashboardPageIT).
 */
class DashboardPageHttpTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef-dashboard-test";
  private static Javalin app;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    app =
        TestApi.start(
            TestServices.create(Json.newMapper()),
            TestApi.config(SECRET, Duration.ofSeconds(1), List.of(), Synthesizers.Settings.NONE),
            TestApi.limits(5, 1, 3));
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The directives of a Content-Security-Policy header, by name. */
  private static Map<String, List<String>> directives(String policy) {
    Map<String, List<String>> out = new java.util.HashMap<>();
    for (String directive : policy.split(";")) {
      List<String> words = List.of(directive.strip().split("\\s+"));
      out.put(words.get(0), words.subList(1, words.size()));
    }
    return out;
  }

  @Test
  void thePageIsPublicHtmlWithTheApiHeadersAndAStrictScriptPolicy() throws Exception {
    HttpResponse<String> r = get("/dashboard/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(r.headers().allValues("Content-Security-Policy")).hasSize(1);
    Map<String, List<String>> csp =
        directives(r.headers().firstValue("Content-Security-Policy").orElseThrow());
    assertThat(csp.get("script-src")).containsExactly("'self'");
    assertThat(csp.get("default-src")).containsExactly("'none'");
    assertThat(csp.get("connect-src")).containsExactly("'self'");
    assertThat(csp.get("frame-ancestors")).containsExactly("'none'");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .doesNotContain("unsafe-eval", "http:", "https:", "*");
  }

  @Test
  void thePageLoadsOnlyItsOwnScriptsAndNoInlineOne() throws Exception {
    String page = get("/dashboard/").body();

    Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(page);
    List<String> sources = new java.util.ArrayList<>();
    while (scripts.find()) {
      Matcher src = Pattern.compile("src=\"([^\"]+)\"").matcher(scripts.group(1));
      assertThat(src.find()).as("an inline script: " + scripts.group()).isTrue();
      sources.add(src.group(1));
    }
    assertThat(sources)
        .containsExactly("/dashboard/assets/echarts.min.js", "/dashboard/dashboard.js");
    assertThat(page).doesNotContain(" on" + "click=", " on" + "load=", "javascript:");
    for (String source : sources) {
      HttpResponse<String> script = get(source);
      assertThat(script.statusCode()).as(source).isEqualTo(200);
      assertThat(script.headers().firstValue("Content-Type"))
          .as(source)
          .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
      assertThat(script.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }
  }

  @Test
  void echartsComesFromItsWebJarAndThePageScriptUsesItsSvgRenderer() throws Exception {
    HttpResponse<String> echarts = get("/dashboard/assets/echarts.min.js");
    HttpResponse<String> script = get("/dashboard/dashboard.js");

    assertThat(echarts.body()).contains("echarts").hasSizeGreaterThan(500_000);
    assertThat(ApiDocs.load().dashboard().echartsVersion()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(script.body()).contains("renderer: 'svg'").doesNotContain("eval(");
  }

  @Test
  void theStyleSheetIsCssAndTheBarePathIsThePageToo() throws Exception {
    HttpResponse<String> css = get("/dashboard/dashboard.css");
    HttpResponse<String> bare = get("/dashboard");

    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    assertThat(bare.statusCode()).isEqualTo(200);
    assertThat(bare.body()).isEqualTo(get("/dashboard/").body());
    assertThat(bare.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  @Test
  void anUnknownFileOfThePageIsAProblemNotAPage() throws Exception {
    HttpResponse<String> r = get("/dashboard/nothing-here.js");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }
}
