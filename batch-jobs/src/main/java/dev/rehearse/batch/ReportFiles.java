package dev.rehearse.batch;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The text files of a cohort report, from the member rows: CSV (RFC 4180) and a self-contained HTML
 * page with inline SVG charts. Pure; every value is escaped for its format.
 */
public final class ReportFiles {

  private ReportFiles() {}

  /** The columns of the members table, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "userId",
          "sessions",
          "answers",
          "averageWordsPerMinute",
          "averageFillersPerMinute",
          "averageStarCompleteness",
          "averageLexicalDiversity",
          "averageSentiment",
          "lastAnswerAt",
          "needsAttention");

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

  /** The HTML report: headline figures, two charts, and the members table (attention first). */
  public static String html(String cohortName, String window, List<Map<String, Object>> rows) {
    long active = rows.stream().filter(r -> number(r.get("sessions")) > 0).count();
    long attention =
        rows.stream().filter(r -> Boolean.TRUE.equals(r.get("needsAttention"))).count();
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Cohort report: ")
        .append(escape(cohortName))
        .append("</title><style>body{font-family:sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;")
        .append("text-align:right}td:first-child{text-align:left}.attention{background:#fde8e8}")
        .append("</style></head><body>")
        .append("<h1>Cohort report: ")
        .append(escape(cohortName))
        .append("</h1><p>Sessions ")
        .append(escape(window))
        .append(". Members: ")
        .append(rows.size())
        .append(", with sessions: ")
        .append(active)
        .append(", needing attention: ")
        .append(attention)
        .append(".</p>");
    h.append("<h2>STAR completeness per member</h2>")
        .append(bars(rows, "averageStarCompleteness", 1.0));
    h.append("<h2>Filler words per minute per member</h2>")
        .append(bars(rows, "averageFillersPerMinute", 10.0));
    h.append("<h2>Members</h2><table><tr>");
    COLUMNS.forEach(c -> h.append("<th>").append(escape(c)).append("</th>"));
    h.append("</tr>");
    rows.stream()
        .sorted(
            (a, b) ->
                Boolean.compare(
                    Boolean.TRUE.equals(b.get("needsAttention")),
                    Boolean.TRUE.equals(a.get("needsAttention"))))
        .forEach(
            r -> {
              h.append(
                  Boolean.TRUE.equals(r.get("needsAttention"))
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

  /** A horizontal bar chart of one column, scaled to {@code max}; absent values get no bar. */
  static String bars(List<Map<String, Object>> rows, String column, double max) {
    int rowHeight = 18;
    StringBuilder svg =
        new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"")
            .append(rows.size() * rowHeight + 4)
            .append("\" role=\"img\" aria-label=\"")
            .append(escape(column))
            .append("\">");
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> r = rows.get(i);
      double v = r.get(column) == null ? 0 : Math.min(max, Math.max(0, number(r.get(column))));
      int y = i * rowHeight + 2;
      svg.append("<text x=\"0\" y=\"")
          .append(y + 13)
          .append("\" font-size=\"12\">")
          .append(escape(String.valueOf(r.get("userId"))))
          .append("</text><rect x=\"200\" y=\"")
          .append(y)
          .append("\" height=\"14\" width=\"")
          .append(String.format(Locale.ROOT, "%.1f", 400 * v / max))
          .append("\" fill=\"#4a7bd0\"/>");
    }
    return svg.append("</svg>").toString();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : 0;
  }
}
