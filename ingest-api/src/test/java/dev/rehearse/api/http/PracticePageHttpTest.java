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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The practice page's files on a real Javalin server: public, with the API's security headers and a
 * Content-Security-Policy that runs only the page's own scripts and plays only its own audio. The
 * page itself is tested in a browser on the real stack (PracticePageIT).
 */
class PracticePageHttpTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef-practice-test";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Javalin app;

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

  private static Map<String, List<String>> directives(String policy) {
    Map<String, List<String>> out = new HashMap<>();
    for (String directive : policy.split(";")) {
      List<String> words = List.of(directive.strip().split("\\s+"));
      out.put(words.get(0), words.subList(1, words.size()));
    }
    return out;
  }

  @Test
  void thePageIsPublicHtmlWithAPolicyOfItsOwnScriptsAndBlobAudio() throws Exception {
    HttpResponse<String> r = get("/practice/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(r.headers().allValues("Content-Security-Policy")).hasSize(1);
    String policy = r.headers().firstValue("Content-Security-Policy").orElseThrow();
    Map<String, List<String>> csp = directives(policy);
    assertThat(csp.get("default-src")).containsExactly("'none'");
    assertThat(csp.get("script-src")).containsExactly("'self'");
    assertThat(csp.get("style-src")).containsExactly("'self'");
    assertThat(csp.get("connect-src")).containsExactly("'self'");
    assertThat(csp.get("media-src")).containsExactly("'self'", "blob:");
    assertThat(csp.get("frame-ancestors")).containsExactly("'none'");
    assertThat(policy).doesNotContain("unsafe-eval", "unsafe-inline", "http:", "https:", "*");
  }

  @Test
  void thePageLoadsOnlyItsOwnScriptWhoseWorkletAndStyleAreServed() throws Exception {
    String page = get("/practice/").body();

    Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(page);
    List<String> sources = new ArrayList<>();
    while (scripts.find()) {
      Matcher src = Pattern.compile("src=\"([^\"]+)\"").matcher(scripts.group(1));
      assertThat(src.find()).as("an inline script: " + scripts.group()).isTrue();
      sources.add(src.group(1));
    }
    assertThat(sources).containsExactly("/practice/practice.js");
    assertThat(page).doesNotContain(" on" + "click=", " on" + "load=", "javascript:", "style=");
    String script = get("/practice/practice.js").body();
    assertThat(script).contains("/practice/recorder.js").doesNotContain("eval(");
    for (String file : List.of("/practice/practice.js", "/practice/recorder.js")) {
      HttpResponse<String> r = get(file);
      assertThat(r.statusCode()).as(file).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type"))
          .as(file)
          .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    }
    HttpResponse<String> css = get("/practice/practice.css");
    assertThat(css.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    assertThat(get("/practice").body()).isEqualTo(page);
  }

  @Test
  void anUnknownFileOfThePageIsAProblemNotAPage() throws Exception {
    HttpResponse<String> r = get("/practice/nothing-here.js");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }
}
