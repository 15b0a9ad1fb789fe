package dev.rehearse.batch.transforms;

import dev.rehearse.core.lake.CohortMemberFields;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The text files of a cohort report: the member rows as CSV (RFC 4180), and a self-contained HTML
 * page with inline SVG charts. Pure; every value is escaped for its format.
 */
public final class ReportFiles {

  private ReportFiles() {}

  /** The columns of the members table, in order. */
  public static final List<String> COLUMNS =
      List.of(
          CohortMemberFields.USER_ID,
          CohortMemberFields.SESSIONS,
          CohortMemberFields.ANSWERS,
          CohortMemberFields.AVERAGE_WORDS_PER_MINUTE,
          CohortMemberFields.AVERAGE_FILLERS_PER_MINUTE,
          CohortMemberFields.AVERAGE_STAR_COMPLETENESS,
          CohortMemberFields.AVERAGE_LEXICAL_DIVERSITY,
          CohortMemberFields.AVERAGE_SENTIMENT,
          CohortMemberFields.AVERAGE_OVERALL,
          CohortMemberFields.LATEST_OVERALL,
          CohortMemberFields.LAST_ANSWER_AT,
          CohortMemberFields.NEEDS_ATTENTION);

  /** The rows as CSV with a header line; absent values are empty cells. */
  public static String csv(List<Map<String, Object>> rows) {
    StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
    for (Map<String, Object> row : rows) {
      out.append(COLUMNS.stream().map(c -> csvCell(row.get(c))).collect(Collectors.joining(",")))
          .append("\r\n");
    }
    return out.toString();
  }

  static String csvCell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    // a leading = + - @ would be a formula in a spreadsheet
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  /**
   * The HTML report: headline figures, the overall score distribution, the cohort's mean of each
   * score, the trend by day, two per-member charts, and the members table (attention first).
   */
  public static String html(ReportContent report) {
    List<Map<String, Object>> rows = report.members();
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>")
        .append(escape(report.title()))
        .append("</title><style>body{font-family:sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;")
        .append("text-align:right}td:first-child{text-align:left}.attention{background:#fde8e8}")
        .append("</style></head><body>")
        .append("<h1>")
        .append(escape(report.title()))
        .append("</h1><p>Sessions ")
        .append(escape(report.window()))
        .append(". Members: ")
        .append(rows.size())
        .append(", with sessions: ")
        .append(report.active())
        .append(", needing attention: ")
        .append(report.needingAttention())
        .append(".</p>");
    h.append("<h2>Overall score distribution</h2>").append(histogram(report.distribution()));
    h.append("<h2>Average score by dimension</h2>")
        .append(bars(averageRows(report.scoreAverages()), "label", "value", 100.0));
    h.append("<h2>Average overall score by day</h2>").append(trend(report.trend()));
    h.append("<h2>STAR completeness per member</h2>")
        .append(
            bars(
                rows,
                CohortMemberFields.USER_ID,
                CohortMemberFields.AVERAGE_STAR_COMPLETENESS,
                1.0));
    h.append("<h2>Filler words per minute per member</h2>")
        .append(
            bars(
                rows,
                CohortMemberFields.USER_ID,
                CohortMemberFields.AVERAGE_FILLERS_PER_MINUTE,
                10.0));
    h.append("<h2>Members</h2><table><tr>");
    COLUMNS.forEach(c -> h.append("<th>").append(escape(c)).append("</th>"));
    h.append("</tr>");
    report
        .attentionFirst()
        .forEach(
            r -> {
              h.append(
                  Boolean.TRUE.equals(r.get(CohortMemberFields.NEEDS_ATTENTION))
                      ? "<tr class=\"attention\">"
                      : "<tr>");
              COLUMNS.forEach(
                  c ->
                      h.append("<td>")
                          .append(r.get(c) == null ? "" : escape(r.get(c).toString()))
                          .append("</td>"));
              h.append("</tr>");
            });
    return h.append("</table></body></html>\n").toString();
  }

  /** The score averages as chart rows ({@code label}, {@code value}), absent ones left out. */
  static List<Map<String, Object>> averageRows(Map<String, Double> averages) {
    return Benchmarks.SCORES.stream()
        .filter(s -> averages.get(s) != null)
        .map(s -> Map.<String, Object>of("label", s, "value", averages.get(s)))
        .toList();
  }

  /** A horizontal bar chart of one column, scaled to {@code max}; absent values get no bar. */
  static String bars(List<Map<String, Object>> rows, String label, String column, double max) {
    int rowHeight = 18;
    StringBuilder svg =
        new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"")
            .append(rows.size() * rowHeight + 4)
            .append("\" role=\"img\" aria-label=\"")
            .append(escape(column))
            .append("\">");
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> r = rows.get(i);
      double v =
          r.get(column) == null
              ? 0
              : Math.min(max, Math.max(0, ReportContent.number(r.get(column))));
      int y = i * rowHeight + 2;
      svg.append("<text x=\"0\" y=\"")
          .append(y + 13)
          .append("\" font-size=\"12\">")
          .append(escape(String.valueOf(r.get(label))))
          .append("</text><rect x=\"200\" y=\"")
          .append(y)
          .append("\" height=\"14\" width=\"")
          .append(format(400 * v / max))
          .append("\" fill=\"#4a7bd0\"/>");
    }
    return svg.append("</svg>").toString();
  }

  /** Ten vertical bars, one per tenth of the score, with their counts. */
  static String histogram(List<Long> buckets) {
    long top = Math.max(1, buckets.stream().mapToLong(Long::longValue).max().orElse(1));
    StringBuilder svg =
        new StringBuilder(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" height=\"180\""
                + " role=\"img\" aria-label=\"overall score distribution\">");
    for (int i = 0; i < buckets.size(); i++) {
      double height = 130.0 * buckets.get(i) / top;
      svg.append("<rect x=\"")
          .append(i * 50 + 10)
          .append("\" y=\"")
          .append(format(150 - height))
          .append("\" width=\"40\" height=\"")
          .append(format(height))
          .append("\" fill=\"#4a7bd0\"/><text x=\"")
          .append(i * 50 + 12)
          .append("\" y=\"168\" font-size=\"11\">")
          .append(i * 10)
          .append("</text><text x=\"")
          .append(i * 50 + 20)
          .append("\" y=\"")
          .append(format(145 - height))
          .append("\" font-size=\"11\">")
          .append(buckets.get(i))
          .append("</text>");
    }
    return svg.append("</svg>").toString();
  }

  /** A line of the average overall score by day (days without one are skipped). */
  static String trend(List<ReportContent.Day> days) {
    List<ReportContent.Day> scored = days.stream().filter(d -> d.averageOverall() != null).toList();
    StringBuilder svg =
        new StringBuilder(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"180\""
                + " role=\"img\" aria-label=\"average overall score by day\">"
                + "<line x1=\"40\" y1=\"150\" x2=\"620\" y2=\"150\" stroke=\"#999\"/>");
    if (scored.isEmpty()) {
      return svg.append("<text x=\"40\" y=\"90\" font-size=\"12\">no assessed sessions</text>")
          .append("</svg>")
          .toString();
    }
    double step = scored.size() == 1 ? 0 : 560.0 / (scored.size() - 1);
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < scored.size(); i++) {
      ReportContent.Day d = scored.get(i);
      String x = format(50 + i * step);
      String y = format(150 - 1.3 * d.averageOverall());
      points.append(x).append(',').append(y).append(' ');
      svg.append("<circle cx=\"")
          .append(x)
          .append("\" cy=\"")
          .append(y)
          .append("\" r=\"3\" fill=\"#4a7bd0\"><title>")
          .append(d.day())
          .append(": ")
          .append(d.averageOverall())
          .append(" over ")
          .append(d.sessions())
          .append(" sessions</title></circle>");
    }
    svg.append("<polyline fill=\"none\" stroke=\"#4a7bd0\" points=\"")
        .append(points.toString().trim())
        .append("\"/><text x=\"40\" y=\"168\" font-size=\"11\">")
        .append(scored.get(0).day())
        .append("</text><text x=\"540\" y=\"168\" font-size=\"11\">")
        .append(scored.get(scored.size() - 1).day())
        .append("</text>");
    return svg.append("</svg>").toString();
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
