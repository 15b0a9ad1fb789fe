package dev.rehearse.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportFilesTest {

  private static Map<String, Object> row(
      String user, long sessions, Double star, boolean attention) {
    Map<String, Object> r = new HashMap<>();
    r.put("userId", user);
    r.put("sessions", sessions);
    r.put("answers", sessions * 3);
    r.put("averageStarCompleteness", star);
    r.put("needsAttention", attention);
    return r;
  }

  @Test
  void csvHasAHeaderAndEscapesCommasQuotesAndFormulas() {
    String csv =
        ReportFiles.csv(
            List.of(row("a,\"b\"", 2, 0.5, false), row("=HYPERLINK(1)", 0, null, true)));
    String[] lines = csv.split("\r\n");

    assertThat(lines[0]).isEqualTo(String.join(",", ReportFiles.COLUMNS));
    assertThat(lines[1]).startsWith("\"a,\"\"b\"\"\",2,6,,,0.5,");
    assertThat(lines[2]).startsWith("'=HYPERLINK(1),0,0,");
    assertThat(lines).hasSize(3);
  }

  @Test
  void htmlEscapesCandidateIdsAndListsMembersNeedingAttentionFirst() {
    String html =
        ReportFiles.html(
            "cohort <x>",
            "from the start to today",
            List.of(
                row("ok-user", 2, 0.9, false), row("<script>alert(1)</script>", 0, null, true)));

    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
    assertThat(html).contains("cohort &lt;x&gt;", "needing attention: 1", "<svg");
    assertThat(html.indexOf("&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        .isLessThan(html.indexOf("ok-user</td>"));
  }
}
