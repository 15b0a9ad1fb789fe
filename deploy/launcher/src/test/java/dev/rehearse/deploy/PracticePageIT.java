package dev.rehearse.deploy;

import static dev.rehearse.deploy.LocalStack.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.rehearse.deploy.cli.ApiClient;
import dev.rehearse.deploy.stack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The practice page in a real headless Chromium (Debian's, driven by Playwright) on the real stack,
 * with a fake microphone that plays a WAV rendered by {@code espeak-ng} (Debian packages {@code
 * espeak-ng} and {@code sox}; missing, the test fails). A candidate starts an interview, hears the
 * question (spoken by the stack's espeak-ng, kept in the lake), records an answer, and sees its
 * voice metrics arrive on the session's WebSocket; then types the next answer and sees its metrics.
 * The screenshot goes to {@code docs/screenshots/practice.png}.
 */
class PracticePageIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String SPOKEN =
      "When our release slipped, I took ownership of the test backlog. I automated the slowest"
          + " checks first, and I asked two colleagues to review the riskiest changes. As a"
          + " result, we shipped three days early, and the next release had no rollbacks.";

  @TempDir static Path dir;

  private static Stack stack;
  private static Playwright playwright;
  private static Browser browser;

  private BrowserContext context;
  private Page page;
  private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
  private long started;

  /** {@code text} spoken by espeak-ng, made 16 kHz mono 16-bit by sox: the microphone's input. */
  private static Path microphone(String text) throws Exception {
    Path input = dir.resolve("answer.txt");
    Path spoken = dir.resolve("answer-espeak.wav");
    Path wav = dir.resolve("answer-16k.wav");
    Files.writeString(input, text, StandardCharsets.UTF_8);
    run("espeak-ng", "-v", "en-us", "-s", "150", "-w", spoken.toString(), "-f", input.toString());
    run("sox", spoken.toString(), "-r", "16000", "-c", "1", "-b", "16", wav.toString());
    return wav;
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue())
        .as(String.join(" ", command) + ": " + new String(p.getInputStream().readAllBytes()))
        .isZero();
  }

  @BeforeAll
  static void startTheBrowser() throws Exception {
    stack = LocalStack.get();
    Path mic = microphone(SPOKEN);
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            // Chromium's sandbox cannot start as root, which CI and this machine
                            // are
                            "--no-sandbox",
                            // a microphone that plays the WAV, granted without asking
                            "--use-fake-device-for-media-stream",
                            "--use-fake-ui-for-media-stream",
                            "--use-file-for-fake-audio-capture=" + mic,
                            "--autoplay-policy=no-user-gesture-required")));
  }

  @AfterAll
  static void stopTheBrowser() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @BeforeEach
  void openAPage() {
    started = System.nanoTime();
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1200, 1000));
    context.grantPermissions(List.of("microphone"));
    page = context.newPage();
    page.onConsoleMessage(
        m -> {
          if (m.type().equals("error")) {
            consoleErrors.add(m.text());
          }
        });
    page.onPageError(e -> consoleErrors.add("page error: " + e));
  }

  @AfterEach
  void closeThePage(TestInfo test) {
    context.close();
    System.out.printf(
        "[PracticePageIT] %s took %d ms%n",
        test.getDisplayName(), (System.nanoTime() - started) / 1_000_000);
  }

  private void waitFor(String selector, double timeoutMs) {
    page.waitForSelector(selector, new Page.WaitForSelectorOptions().setTimeout(timeoutMs));
  }

  private String metric(int answer, String name) {
    return page.getAttribute("#answer-" + answer + " [data-metric='" + name + "']", "data-value");
  }

  private static HttpResponse<byte[]> questionAudio(String token, String sessionId, int index)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        stack.config().apiUrl()
                            + "/ai-interview/sessions/"
                            + sessionId
                            + "/questions/"
                            + index
                            + "/audio"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  private void screenshot(String name) throws Exception {
    Path home = Path.of(System.getProperty("rehearse.home", "../..")).toAbsolutePath().normalize();
    Path shots = Files.createDirectories(home.resolve("docs/screenshots"));
    page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve(name)).setFullPage(true));
  }

  @Test
  void aCandidateHearsTheQuestionAnswersByVoiceThenByTypingAndSeesTheMetrics() throws Exception {
    String user = "practice-" + UUID.randomUUID().toString().substring(0, 8);
    String token = LocalStack.token(stack, user, "candidate");
    ApiClient api = new ApiClient(stack.config().apiUrl(), token);
    int spokenBefore = LocalStack.lakeObjects(stack, "speech/").size();

    page.navigate(stack.config().apiUrl() + "/practice/#access_token=" + token);
    waitFor("#start:not([hidden])", 30_000);
    assertThat(page.url()).doesNotContain("access_token");
    page.selectOption("#type", "behavioral");
    page.fill("#role", "Engineering manager");
    page.fill("#question-count", "3");
    page.click("#start-form button[type=submit]");

    // the first question, shown and spoken by the stack's synthesizer (espeak-ng)
    waitFor("#interview[data-question='0']", 60_000);
    String sessionId = page.getAttribute("body", "data-session");
    waitFor("#question-audio[data-state='ready'][data-duration]", 60_000);
    assertThat(page.getAttribute("#question-audio", "data-provider")).isEqualTo("espeak-ng");
    assertThat(Double.parseDouble(page.getAttribute("#question-audio", "data-duration")))
        .isGreaterThan(0.5);
    String firstQuestion = page.textContent("#question-text");
    JsonNode session = api.get("/ai-interview/sessions/" + sessionId).body();
    assertThat(session.path("currentQuestion").asText()).isEqualTo(firstQuestion);
    // it was kept in the lake; asked again, the same audio comes back from there
    assertThat(LocalStack.lakeObjects(stack, "speech/").size()).isGreaterThan(spokenBefore);
    HttpResponse<byte[]> again = questionAudio(token, sessionId, 0);
    HttpResponse<byte[]> once = questionAudio(token, sessionId, 0);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("Content-Type")).hasValue("audio/wav");
    assertThat(once.body()).isEqualTo(again.body());
    // another candidate cannot hear it
    assertThat(
            questionAudio(LocalStack.token(stack, user + "-other", "candidate"), sessionId, 0)
                .statusCode())
        .isEqualTo(404);

    // a spoken answer: a few seconds of the fake microphone, sent as WAV
    waitFor("body[data-stream='open']", 30_000);
    page.click("#record");
    waitFor("body[data-recording='on']", 30_000);
    page.waitForTimeout(6_000);
    page.click("#stop");
    waitFor("#answer-0[data-state='measured']", 90_000);
    waitFor("#answer-0[data-streamed='true']", 90_000);
    long speechMs = Long.parseLong(metric(0, "audio.speechMs"));
    assertThat(speechMs).isPositive();
    assertThat(page.textContent("#answer-0 [data-metric='audio.speechMs']"))
        .isEqualTo(speechMs + " ms");
    assertThat(Double.parseDouble(metric(0, "audio.pitchMeanHz"))).isPositive();
    assertThat(page.textContent("#answer-0 .asked")).isEqualTo(firstQuestion);
    // the page shows what the API stored for the answer
    JsonNode turn =
        eventually(
            () -> {
              JsonNode turns = api.get("/ai-interview/sessions/" + sessionId).body().path("turns");
              return turns.size() > 0 ? turns.get(0) : null;
            });
    assertThat(turn.path("metrics").path("audio").path("speechMs").asLong()).isEqualTo(speechMs);
    assertThat(LocalStack.lakeObjects(stack, "raw/audio/")).isNotEmpty();

    // the next question, spoken too; a typed answer to it
    waitFor("#interview[data-question='1']", 60_000);
    waitFor("#question-audio[data-state='ready']", 60_000);
    String typed =
        "I would split the migration into small steps, measure each one, and keep the old"
            + " version ready so that we could roll back within minutes.";
    page.fill("#typed", typed);
    page.click("#type-form button[type=submit]");
    waitFor("#answer-1[data-state='measured']", 60_000);
    assertThat(Integer.parseInt(metric(1, "wordCount"))).isEqualTo(typed.split("\\s+").length);
    assertThat(page.locator("#answer-1 [data-metric='audio.speechMs']").count()).isZero();
    waitFor("#interview[data-question='2']", 60_000);
    waitFor("#question-audio[data-state='ready']", 60_000);

    screenshot("practice.png");
    assertThat(consoleErrors).isEmpty();
  }
}
