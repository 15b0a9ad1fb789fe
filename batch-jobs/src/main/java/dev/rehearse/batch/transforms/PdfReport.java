package dev.rehearse.batch.transforms;

import dev.rehearse.core.lake.CohortMemberFields;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The cohort report as a PDF (A4, PDFBox): the same headline figures, charts and members table as
 * the HTML report, drawn with the standard fonts. Text outside Latin-1 is shown as {@code ?}.
 */
public final class PdfReport {

  private static final float MARGIN = 50;
  private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
  private static final Color BAR = new Color(0x4a, 0x7b, 0xd0);
  private static final Color ATTENTION = new Color(0xfd, 0xe8, 0xe8);

  /** The members table: column, heading, width. */
  private static final List<Object[]> TABLE =
      List.of(
          new Object[] {CohortMemberFields.USER_ID, "member", 150f},
          new Object[] {CohortMemberFields.SESSIONS, "sessions", 55f},
          new Object[] {CohortMemberFields.AVERAGE_OVERALL, "avg overall", 70f},
          new Object[] {CohortMemberFields.AVERAGE_STAR_COMPLETENESS, "STAR", 50f},
          new Object[] {CohortMemberFields.AVERAGE_FILLERS_PER_MINUTE, "fillers/min", 65f},
          new Object[] {CohortMemberFields.AVERAGE_WORDS_PER_MINUTE, "words/min", 60f},
          new Object[] {CohortMemberFields.NEEDS_ATTENTION, "attention", 45f});

  private PdfReport() {}

  /** The PDF's bytes. */
  public static byte[] render(ReportContent report) throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle(latin1(report.title()));
      info.setCreator("Rehearse");
      try (Canvas canvas = new Canvas(document)) {
        canvas.text(report.title(), 18, true);
        canvas.gap(4);
        canvas.text(
            "Sessions "
                + report.window()
                + ". Members: "
                + report.members().size()
                + ", with sessions: "
                + report.active()
                + ", needing attention: "
                + report.needingAttention()
                + ".",
            10,
            false);
        canvas.gap(12);
        canvas.text("Overall score distribution", 13, true);
        canvas.histogram(report.distribution());
        canvas.gap(12);
        canvas.text("Average score by dimension", 13, true);
        for (Map<String, Object> row : ReportFiles.averageRows(report.scoreAverages())) {
          canvas.bar(String.valueOf(row.get("label")), ReportContent.number(row.get("value")), 100);
        }
        canvas.gap(12);
        canvas.text("Average overall score by day", 13, true);
        for (ReportContent.Day day : report.trend()) {
          canvas.bar(
              day.day() + " (" + day.sessions() + ")",
              day.averageOverall() == null ? 0 : day.averageOverall(),
              100);
        }
        canvas.gap(12);
        canvas.text("Members (needing attention first)", 13, true);
        canvas.tableRow(TABLE.stream().map(c -> (String) c[1]).toList(), true, false);
        for (Map<String, Object> row : report.attentionFirst()) {
          canvas.tableRow(
              TABLE.stream().map(c -> cell(row.get((String) c[0]))).toList(),
              false,
              Boolean.TRUE.equals(row.get(CohortMemberFields.NEEDS_ATTENTION)));
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    }
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Boolean b) {
      return b ? "yes" : "";
    }
    return value.toString();
  }

  /** The text with every character the standard fonts cannot show replaced by {@code ?}. */
  static String latin1(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> out.append((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) ? (char) c : '?'));
    return out.toString();
  }

  /** Draws top to bottom, starting a new page when the next item does not fit. */
  private static final class Canvas implements AutoCloseable {
    private final PDDocument document;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream content;
    private float y;

    Canvas(PDDocument document) throws IOException {
      this.document = document;
      newPage();
    }

    private void newPage() throws IOException {
      if (content != null) {
        content.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      content = new PDPageContentStream(document, page);
      y = page.getMediaBox().getHeight() - MARGIN;
    }

    private void room(float height) throws IOException {
      if (y - height < MARGIN) {
        newPage();
      }
    }

    void gap(float height) {
      y -= height;
    }

    void text(String text, float size, boolean heading) throws IOException {
      PDType1Font font = heading ? bold : regular;
      for (String line : wrap(latin1(text), font, size)) {
        room(size * 1.4f);
        y -= size * 1.4f;
        write(line, font, size, MARGIN);
      }
    }

    private void write(String text, PDType1Font font, float size, float x) throws IOException {
      content.beginText();
      content.setFont(font, size);
      content.newLineAtOffset(x, y);
      content.showText(latin1(text));
      content.endText();
    }

    private List<String> wrap(String text, PDType1Font font, float size) throws IOException {
      List<String> lines = new java.util.ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (String word : text.split(" ")) {
        String candidate = line.length() == 0 ? word : line + " " + word;
        if (font.getStringWidth(candidate) / 1000 * size > WIDTH && line.length() > 0) {
          lines.add(line.toString());
          line = new StringBuilder(word);
        } else {
          line = new StringBuilder(candidate);
        }
      }
      lines.add(line.toString());
      return lines;
    }

    /** A labelled horizontal bar of {@code value} on a scale to {@code max}. */
    void bar(String label, double value, double max) throws IOException {
      room(16);
      y -= 16;
      write(fit(label, regular, 9, 150), regular, 9, MARGIN);
      float length = (float) (300 * Math.min(max, Math.max(0, value)) / max);
      content.setNonStrokingColor(BAR);
      content.addRect(MARGIN + 160, y - 2, length, 11);
      content.fill();
      content.setNonStrokingColor(Color.BLACK);
      write(String.format(Locale.ROOT, "%.1f", value), regular, 9, MARGIN + 166 + length);
    }

    /** Ten vertical bars with their counts and the tenths below them. */
    void histogram(List<Long> buckets) throws IOException {
      float height = 110;
      room(height + 30);
      long top = Math.max(1, buckets.stream().mapToLong(Long::longValue).max().orElse(1));
      float base = y - height;
      for (int i = 0; i < buckets.size(); i++) {
        float x = MARGIN + i * 44;
        float h = (float) (90.0 * buckets.get(i) / top);
        content.setNonStrokingColor(BAR);
        content.addRect(x, base, 36, h);
        content.fill();
        content.setNonStrokingColor(Color.BLACK);
        float saved = y;
        y = base + h + 3;
        write(String.valueOf(buckets.get(i)), regular, 8, x + 2);
        y = base - 11;
        write(String.valueOf(i * 10), regular, 8, x + 2);
        y = saved;
      }
      y = base - 16;
    }

    void tableRow(List<String> cells, boolean heading, boolean highlight) throws IOException {
      room(15);
      y -= 15;
      if (highlight) {
        content.setNonStrokingColor(ATTENTION);
        content.addRect(MARGIN, y - 4, WIDTH, 14);
        content.fill();
        content.setNonStrokingColor(Color.BLACK);
      }
      PDType1Font font = heading ? bold : regular;
      float x = MARGIN;
      for (int i = 0; i < cells.size(); i++) {
        float width = (Float) TABLE.get(i)[2];
        write(fit(cells.get(i), font, 8, width - 4), font, 8, x);
        x += width;
      }
    }

    /** The text cut (with an ellipsis) to fit {@code width} points. */
    private String fit(String text, PDType1Font font, float size, float width) throws IOException {
      String shown = latin1(text);
      if (font.getStringWidth(shown) / 1000 * size <= width) {
        return shown;
      }
      while (!shown.isEmpty() && font.getStringWidth(shown + "...") / 1000 * size > width) {
        shown = shown.substring(0, shown.length() - 1);
      }
      return shown + "...";
    }

    @Override
    public void close() throws IOException {
      content.close();
    }
  }
}
