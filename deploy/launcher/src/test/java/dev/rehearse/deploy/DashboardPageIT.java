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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The dashboard page in a real headless Chromium (Debian's, driven by Playwright) on the real
 * stack: an analyst, a cohort admin and a candidate sign in; the charts, drawn as SVG under the
 * page's Content-Security-Policy, show what the API answers for data seeded through the API. Each
 * view's screenshot goes to {@code docs/screenshots/}.
 */
class DashboardPageIT {

  /** Enough candidates for the programme's groups to be shown (the stack's minimum is 5). */
  private static final int MEMBERS = 6;

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private static Stack stack;
  private static Playwright playwright;
  private static Browser browser;
  private static String cohortId;
  private static String adminUser;

  /** A target role only one candidate practised for: a group too small to show. */
  private static String rareRole;

  private BrowserContext context;
  private Page page;
  private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
  private long started;

  @BeforeAll
  static void seedAndStartTheBrowser() throws Exception {
    stack = LocalStack.get();
    String run = UUID.randomUUID().toString().substring(0, 8);
    adminUser = "dash-admin-" + run;
    rareRole = "Lighthouse keeper " + run;
    ApiClient admin = as(adminUser, "cohort_admin");
    ApiClient.Response created =
        admin.post("/ai-interview/cohorts", Map.of("name", "Dashboard cohort " + run));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    cohortId = created.body().path("id").asText();
    for (int i = 0; i < MEMBERS; i++) {
      String user = "dash-" + run + "-" + i;
      assertThat(
              admin
                  .post("/ai-interview/cohorts/" + cohortId + "/members", Map.of("userId", user))
                  .status())
          .isEqualTo(201);
      // from the vague to the well told, so the scores spread
      String text =
          i % 2 == 0
              ? "Um, I think we basically, you know, did some reports and stuff."
              : "When our release slipped I took ownership of the test backlog, automated the"
                  + " slowest checks, and as a result we shipped "
                  + (i + 2)
                  + " days early.";
      answerOneQuestion(user, "behavioral", "Data analyst", text, 6_000 + 700 * i);
    }
    String loner = "dash-" + run + "-rare";
    answerOneQuestion(
        loner,
        "technical",
        rareRole,
        "I would profile the query first, then add the missing index, and measure again.",
        7_000);

    // the projections have every session before a browser looks
    ApiClient analyst = as("dash-analyst", "analyst");
    eventually(
        () ->
            analyst
                        .get("/ai-interview/analytics/summary?role=" + encode(rareRole))
                        .body()
                        .path("sessions")
                        .asInt()
                    == 1
                ? true
                : null);
    eventually(
        () -> {
          JsonNode r = admin.get("/ai-interview/cohorts/" + cohortId + "/members").body();
          int scored = 0;
          for (JsonNode m : r.path("members")) {
            scored += m.has("averageScore") && !m.path("averageScore").isNull() ? 1 : 0;
          }
          return scored == MEMBERS ? true : null;
        });

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
                    // Chromium's sandbox cannot start as root, which CI and this machine are
                    .setArgs(List.of("--no-sandbox")));
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
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000));
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
        "[DashboardPageIT] %s took %d ms%n",
        test.getDisplayName(), (System.nanoTime() - started) / 1_000_000);
  }

  private static ApiClient as(String user, String... roles) {
    return new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, user, roles));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void answerOneQuestion(
      String user, String type, String role, String text, int durationMs) throws Exception {
    ApiClient candidate = as(user, "candidate");
    ApiClient.Response session =
        candidate.post(
            "/ai-interview/sessions", Map.of("type", type, "role", role, "questionCount", 1));
    assertThat(session.status()).as(session.body().toString()).isEqualTo(201);
    ApiClient.Response answered =
        candidate.post(
            "/ai-interview/sessions/" + session.body().path("id").asText() + "/message",
            Map.of("text", text, "durationMs", durationMs));
    assertThat(answered.body().path("status").asText())
        .as(answered.body().toString())
        .isEqualTo("completed");
  }

  /** Opens the page with the token in the URL fragment, as a link from a sign-in would. */
  private void signInByLink(String token) {
    page.navigate(stack.config().apiUrl() + "/dashboard/#access_token=" + token);
  }

  private void waitForPanels(String... panels) {
    for (String panel : panels) {
      page.waitForSelector(
          "#panel-" + panel + "[data-state]", new Page.WaitForSelectorOptions().setTimeout(30_000));
    }
  }

  private String state(String panel) {
    return page.getAttribute("#panel-" + panel, "data-state");
  }

  /** The texts of a chart's SVG: titles, axis names and labels, legend and value labels. */
  private List<String> svgTexts(String chart) {
    assertThat(page.locator("#chart-" + chart + " svg").count()).as(chart + " is an SVG").isOne();
    return page.locator("#chart-" + chart + " svg text").allTextContents().stream()
        .map(String::strip)
        .toList();
  }

  /** The chart's series, as its SVG legend names them. */
  private List<String> legend(String chart, List<String> seriesNames) {
    return svgTexts(chart).stream().filter(seriesNames::contains).toList();
  }

  /** A number as the page (JavaScript) writes it. */
  private static String js(JsonNode number) {
    return js(number.asDouble());
  }

  private static String js(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private void screenshot(String name) throws Exception {
    Path home = Path.of(System.getProperty("rehearse.home", "../..")).toAbsolutePath().normalize();
    Path dir = Files.createDirectories(home.resolve("docs/screenshots"));
    page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name)).setFullPage(true));
  }

  /** The histogram's buckets, value labels and category labels, match the API's distribution. */
  private void assertHistogram(String chart, JsonNode distribution) {
    List<String> texts = svgTexts(chart);
    assertThat(legend(chart, List.of("Sessions", "Average score"))).containsExactly("Sessions");
    JsonNode buckets = distribution.path("buckets");
    assertThat(buckets.size()).isPositive();
    double width = distribution.path("bucketWidth").asDouble();
    List<String> counts = new ArrayList<>();
    for (JsonNode b : buckets) {
      String from = js(b.path("from"));
      String to = js(b.path("from").asDouble() + width);
      assertThat(texts).as(chart).contains(from + "–" + to);
      counts.add(js(b.path("count")));
    }
    assertThat(texts).as(chart + " value labels").containsAll(counts);
  }

  @Test
  void anAnalystSeesTheProgrammeAsTheApiAnswersIt() throws Exception {
    ApiClient analyst = as("dash-analyst", "analyst");
    signInByLink(LocalStack.token(stack, "dash-analyst", "analyst"));
    waitForPanels("trend", "score", "type", "pace", "words");

    // the token left the address bar; it stays in this tab's storage only
    assertThat(page.url()).doesNotContain("access_token");
    assertThat((String) page.evaluate("sessionStorage.getItem('rehearse.dashboard.token')"))
        .isNotBlank();
    assertThat(page.isVisible("#cohorts")).isFalse();
    for (String panel : List.of("trend", "score", "type", "pace", "words")) {
      assertThat(state(panel)).as(panel).isEqualTo("ready");
    }

    JsonNode summary = analyst.get("/ai-interview/analytics/summary").body();
    assertThat(page.textContent("#programme-summary"))
        .contains(
            summary.path("sessions").asText() + " completed sessions",
            summary.path("candidates").asText() + " candidates");

    // sessions per day: two series, the day's sessions and its average where shown
    JsonNode trends = analyst.get("/ai-interview/analytics/trends?interval=day").body();
    List<String> trend = svgTexts("trend");
    assertThat(legend("trend", List.of("Sessions", "Average score")))
        .containsExactly("Sessions", "Average score");
    assertThat(trend).contains("Completed sessions per day", "day (UTC)", "sessions");
    for (JsonNode p : trends.path("points")) {
      assertThat(trend).contains(p.path("start").asText().substring(0, 10));
      assertThat(trend).contains(js(p.path("sessions")));
      if (p.hasNonNull("average")) {
        assertThat(trend).contains(js(p.path("average")));
      }
    }

    assertThat(svgTexts("score")).contains("Score distribution", "score (points of 100)");
    assertHistogram("score", analyst.get("/ai-interview/analytics/distribution").body());
    assertThat(svgTexts("pace")).contains("Speaking pace", "pace (words per minute)");
    assertHistogram(
        "pace",
        analyst.get("/ai-interview/analytics/distribution?metric=averageWordsPerMinute").body());
    assertHistogram(
        "words", analyst.get("/ai-interview/analytics/distribution?metric=totalWords").body());

    // by interview type: the shown groups with their averages; the hidden ones are counted
    JsonNode byType = analyst.get("/ai-interview/analytics/breakdown?by=type").body();
    List<String> types = svgTexts("type");
    assertThat(legend("type", List.of("Sessions", "Average score")))
        .containsExactly("Average score");
    assertThat(types).contains("interview type", "average score (points of 100)");
    assertThat(byType.path("groups").size()).isPositive();
    for (JsonNode g : byType.path("groups")) {
      assertThat(types).contains(g.path("group").asText(), js(g.path("average")));
    }
    String typeNote = page.textContent("#panel-type .note");
    if (byType.path("suppressedGroups").asInt() > 0) {
      assertThat(typeNote)
          .contains(
              byType.path("suppressedGroups").asInt() == 1
                  ? "1 interview type had fewer than"
                  : byType.path("suppressedGroups").asText() + " interview types had fewer than",
              "too small a group to show");
    } else {
      assertThat(typeNote).isEmpty();
    }
    screenshot("dashboard-analyst.png");
    assertThat(consoleErrors).isEmpty();
  }

  @Test
  void anAnalystIsToldPlainlyWhenAGroupIsTooSmallToShow() throws Exception {
    ApiClient analyst = as("dash-analyst", "analyst");
    signInByLink(LocalStack.token(stack, "dash-analyst", "analyst"));
    waitForPanels("score");
    page.fill("#filter-role", rareRole);
    page.click("#programme-filter button[type=submit]");
    page.waitForSelector(
        "#panel-score[data-state='too-small']",
        new Page.WaitForSelectorOptions().setTimeout(30_000));
    waitForPanels("trend", "type", "pace", "words");

    JsonNode small =
        analyst.get("/ai-interview/analytics/distribution?role=" + encode(rareRole)).body();
    assertThat(small.path("suppressed").asBoolean()).isTrue();
    String expected =
        "Too small a group to show: "
            + small.path("candidates").asInt()
            + " candidate matches, and values are shown for groups of "
            + small.path("minGroupSize").asInt()
            + " or more.";
    for (String panel : List.of("score", "pace", "words")) {
      assertThat(state(panel)).as(panel).isEqualTo("too-small");
      assertThat(page.locator("#chart-" + panel + " svg").count()).as(panel).isZero();
      assertThat(page.textContent("#chart-" + panel)).as(panel).contains(expected);
    }
    // the one type of that role is below the minimum: no bar, the message says so
    assertThat(state("type")).isEqualTo("too-small");
    int min = small.path("minGroupSize").asInt();
    assertThat(page.textContent("#chart-type"))
        .contains(
            "Too small a group to show: 1 interview type had fewer than " + min + " candidates.");
    // the day shows its session but not its average
    JsonNode trend =
        analyst.get("/ai-interview/analytics/trends?interval=day&role=" + encode(rareRole)).body();
    assertThat(trend.path("points").get(0).path("suppressed").asBoolean()).isTrue();
    assertThat(page.textContent("#panel-trend .note"))
        .contains(
            "1 day had fewer than "
                + min
                + " candidates: too small a group, so no average is shown");
    screenshot("dashboard-analyst-small-group.png");
    assertThat(consoleErrors).isEmpty();
  }

  @Test
  void aCohortAdminSeesTheirCohortItsDimensionsAndItsReportLinks() throws Exception {
    ApiClient admin = as(adminUser, "cohort_admin");
    signInByLink(LocalStack.token(stack, adminUser, "cohort_admin"));
    waitForPanels("members", "cohort-score", "dimensions");
    assertThat(page.isVisible("#programme")).isFalse();
    assertThat(page.inputValue("#cohort")).isEqualTo(cohortId);

    JsonNode roster = admin.get("/ai-interview/cohorts/" + cohortId + "/members").body();
    assertThat(roster.path("total").asInt()).isEqualTo(MEMBERS);
    List<String> members = svgTexts("members");
    List<String> series =
        List.of("Completed sessions", "Average score", "Members", "This cohort", "Everyone");
    assertThat(legend("members", series)).containsExactly("Completed sessions", "Average score");
    assertThat(members).contains("member", "completed sessions", "average score (points of 100)");
    int[] buckets = new int[10];
    for (JsonNode m : roster.path("members")) {
      assertThat(members).contains(m.path("userId").asText());
      assertThat(members).contains(js(m.path("completedSessions")));
      assertThat(members).contains(js(m.path("averageScore")));
      buckets[Math.min(9, (int) Math.floor(m.path("averageScore").asDouble() / 10))]++;
    }
    assertThat(page.textContent("#cohort-summary"))
        .contains(MEMBERS + " members; " + MEMBERS + " with a completed session");

    List<String> scores = svgTexts("cohort-score");
    assertThat(legend("cohort-score", series)).containsExactly("Members");
    assertThat(scores).contains("Score distribution", "members", "average score (points of 100)");
    for (int b = 0; b < buckets.length; b++) {
      if (buckets[b] > 0) {
        assertThat(scores).contains(b * 10 + "–" + (b * 10 + 10), String.valueOf(buckets[b]));
      }
    }

    // no member's session is assessed yet: the dimensions say so in words
    assertThat(state("dimensions")).isEqualTo("empty");
    assertThat(page.textContent("#chart-dimensions"))
        .contains("No member has an assessed session yet");

    // the report, requested from the page once the lake has the members' answers, assesses
    // their sessions: its files are linked and the dimensions drawn
    eventually(
        () -> {
          java.util.Set<Object> users = new java.util.HashSet<>();
          for (Map<String, Object> row : LocalStack.lakeRows(stack, "bronze/answers/")) {
            users.add(row.get("userId"));
          }
          return roster.path("members").findValuesAsText("userId").stream()
                  .allMatch(users::contains)
              ? true
              : null;
        });
    page.click("#make-report");
    page.waitForSelector(
        "#report-links a, #report-status:has-text('failed'), #report-status:has-text('Could not')",
        new Page.WaitForSelectorOptions().setTimeout(300_000));
    assertThat(page.textContent("#report-status")).isEqualTo("The report is ready:");
    List<String> files = page.locator("#report-links a").allTextContents();
    assertThat(files).contains("members.csv", "report.html", "report.pdf");
    for (String href :
        page.locator("#report-links a").all().stream().map(a -> a.getAttribute("href")).toList()) {
      assertThat(href).contains(cohortId, "X-Amz-Signature=");
    }
    page.waitForSelector(
        "#panel-dimensions[data-state='ready']",
        new Page.WaitForSelectorOptions().setTimeout(30_000));
    JsonNode dims = admin.get("/ai-interview/cohorts/" + cohortId + "/dimensions").body();
    assertThat(dims.path("candidates").asInt()).isEqualTo(MEMBERS);
    assertThat(dims.path("dimensions").size()).isPositive();
    List<String> dimensionTexts = svgTexts("dimensions");
    assertThat(legend("dimensions", series)).containsExactly("This cohort", "Everyone");
    assertThat(dimensionTexts).contains("assessment dimension", "average score (points of 100)");
    for (JsonNode d : dims.path("dimensions")) {
      assertThat(dimensionTexts)
          .contains(d.path("dimension").asText().replaceAll("([A-Z])", " $1").toLowerCase());
      if (d.hasNonNull("cohort")) {
        assertThat(dimensionTexts).contains(js(d.path("cohort")));
      }
      if (d.hasNonNull("everyone")) {
        assertThat(dimensionTexts).contains(js(d.path("everyone")));
      }
    }
    screenshot("dashboard-cohort-admin.png");
    assertThat(consoleErrors).isEmpty();
  }

  @Test
  void aCandidateSigningInByTheFieldIsToldThePageIsNotForTheirRole() throws Exception {
    page.navigate(stack.config().apiUrl() + "/dashboard/");
    page.waitForSelector("#sign-in:not([hidden])");
    page.fill("#token", LocalStack.token(stack, "dash-candidate", "candidate"));
    page.click("#sign-in-form button[type=submit]");
    page.waitForSelector("#not-for-role:not([hidden])");

    assertThat(page.textContent("#not-for-role h2")).isEqualTo("This page is not for your role");
    assertThat(page.textContent("#not-for-role-text"))
        .contains("You are signed in as a candidate", "not for your role");
    assertThat(page.isVisible("#programme")).isFalse();
    assertThat(page.isVisible("#cohorts")).isFalse();
    assertThat(page.locator("svg").count()).isZero();
    // the token never went into the address
    assertThat(page.url()).isEqualTo(stack.config().apiUrl() + "/dashboard/");
    screenshot("dashboard-candidate.png");
    assertThat(consoleErrors).isEmpty();
  }
}
