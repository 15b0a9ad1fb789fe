package dev.rehearse.batch.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
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

  static ReportContent report(List<Map<String, Object>> rows) {
    Long[] buckets = {0L, 0L, 0L, 1L, 0L, 2L, 0L, 4L, 0L, 0L};
    return new ReportContent(
        "Cohort report: <x>",
        "from the start to today",
        rows,
        Map.of("overall", 64.5, "communication", 71.0),
        List.of(buckets),
        List.of(
            new ReportContent.Day(LocalDate.parse("2026-03-01"), 3, 55.0),
            new ReportContent.Day(LocalDate.parse("2026-03-02"), 4, 70.5)));
  }

  @Test
  void htmlEscapesCandidateIdsAndListsMembersNeedingAttentionFirst() {
    String html =
        ReportFiles.html(
            report(
                List.of(
                    row("ok-user", 2, 0.9, false),
                    row("<script>alert(1)</script>", 0, null, true))));

    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
    assertThat(html).contains("Cohort report: &lt;x&gt;", "needing attention: 1", "<svg");
    assertThat(html.indexOf("&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        .isLessThan(html.indexOf("ok-user</td>"));
  }

  @Test
  void htmlChartsTheDistributionTheDimensionAveragesAndTheTrend() {
    String html = ReportFiles.html(report(List.of(row("ana", 2, 0.9, false))));

    assertThat(html)
        .contains("Overall score distribution", "Average score by dimension", "by day")
        // the fullest bucket (4 sessions, 70–80) is the tallest bar
        .contains("height=\"130.0\"")
        .contains(">communication</text>", ">overall</text>")
        .contains("2026-03-01: 55.0 over 3 sessions", "<polyline");
  }

  @Test
  void pdfHoldsTheFiguresAndEveryMemberAndReplacesWhatItsFontsCannotShow() throws Exception {
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 70; i++) {
      rows.add(row("member-" + i, i % 3, 0.5, i % 7 == 0));
    }
    rows.add(row("名前", 1, 0.5, false));

    byte[] pdf = PdfReport.render(report(rows));

    try (PDDocument document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      assertThat(document.getNumberOfPages()).isGreaterThan(1);
      assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Cohort report: <x>");
      assertThat(text)
          .contains("Cohort report: <x>", "Members: 71", "needing attention: 10")
          .contains("communication", "71.0", "2026-03-02 (4)")
          .contains("member-0", "member-69", "??");
      // members needing attention come first
      assertThat(text.indexOf("member-63")).isLessThan(text.indexOf("member-1 "));
    }
  }
}
