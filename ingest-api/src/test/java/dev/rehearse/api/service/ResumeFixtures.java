package dev.rehearse.api.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Real résumé files, written by PDFBox, POI and {@code java.util.zip} for the tests. */
public final class ResumeFixtures {

  private ResumeFixtures() {}

  /** A PDF with one page per entry, each line of an entry a line of text. */
  public static byte[] pdf(List<String> pages) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      for (String page : pages) {
        addTextPage(doc, page);
      }
      return bytes(doc);
    }
  }

  /** A PDF that opens only with the password {@code secret}. */
  public static byte[] encryptedPdf(String text) throws IOException {
    return encryptedPdf(text, "secret");
  }

  /**
   * An encrypted PDF: with an empty {@code userPassword} anyone may open it (and copy its text),
   * only its owner may change it.
   */
  public static byte[] encryptedPdf(String text, String userPassword) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      addTextPage(doc, text);
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      return bytes(doc);
    }
  }

  /** A PDF with a drawn rectangle and no text, like a scan. */
  public static byte[] pdfWithoutText() throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        content.addRect(50, 50, 200, 100);
        content.fill();
      }
      return bytes(doc);
    }
  }

  /** A small PDF whose page content inflates to {@code inflatedBytes} of blanks. */
  public static byte[] pdfBomb(long inflatedBytes) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      COSStream content = doc.getDocument().createCOSStream();
      try (OutputStream raw = content.createRawOutputStream()) {
        raw.write(deflated(inflatedBytes, (byte) ' '));
      }
      content.setItem(COSName.FILTER, COSName.FLATE_DECODE);
      page.setContents(new PDStream(content));
      return bytes(doc);
    }
  }

  /** A file that starts as a PDF and is nothing of the kind after. */
  public static byte[] corruptPdf() {
    return "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage \u0000\u0001 no xref"
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A DOCX with one paragraph per entry. */
  public static byte[] docx(List<String> paragraphs) throws IOException {
    try (XWPFDocument doc = new XWPFDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String p : paragraphs) {
        doc.createParagraph().createRun().setText(p);
      }
      doc.write(out);
      return out.toByteArray();
    }
  }

  /** A DOCX encrypted with the password {@code secret}, as Word writes one (an OLE2 container). */
  public static byte[] encryptedDocx(List<String> paragraphs) throws Exception {
    byte[] plain = docx(paragraphs);
    try (POIFSFileSystem fs = new POIFSFileSystem();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
      encryptor.confirmPassword("secret");
      try (OutputStream data = encryptor.getDataStream(fs)) {
        data.write(plain);
      }
      fs.writeFilesystem(out);
      return out.toByteArray();
    }
  }

  /** A zip that is not a Word document: one text entry. */
  public static byte[] zipWithoutDocument() throws IOException {
    return zip(out -> entry(out, "notes.txt", "hello".getBytes(StandardCharsets.UTF_8)));
  }

  /** A DOCX-shaped zip whose document part inflates to {@code inflatedBytes} of zeros. */
  public static byte[] zipBomb(long inflatedBytes) throws IOException {
    return zip(
        out -> {
          ZipEntry e = new ZipEntry("word/document.xml");
          out.putNextEntry(e);
          byte[] zeros = new byte[1 << 20];
          for (long left = inflatedBytes; left > 0; left -= zeros.length) {
            out.write(zeros, 0, (int) Math.min(zeros.length, left));
          }
          out.closeEntry();
        });
  }

  /** A DOCX-shaped zip with {@code count} tiny parts. */
  public static byte[] zipOfManyParts(int count) throws IOException {
    return zip(
        out -> {
          for (int i = 0; i < count; i++) {
            entry(out, "word/part" + i + ".xml", new byte[] {'x'});
          }
        });
  }

  private interface Entries {
    void write(ZipOutputStream out) throws IOException;
  }

  private static byte[] zip(Entries entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.setLevel(Deflater.BEST_COMPRESSION);
      entries.write(out);
    }
    return bytes.toByteArray();
  }

  private static void entry(ZipOutputStream out, String name, byte[] data) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(data);
    out.closeEntry();
  }

  private static byte[] deflated(long size, byte fill) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DeflaterOutputStream out =
        new DeflaterOutputStream(bytes, new Deflater(Deflater.BEST_COMPRESSION))) {
      byte[] chunk = new byte[1 << 20];
      java.util.Arrays.fill(chunk, fill);
      for (long left = size; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    }
    return bytes.toByteArray();
  }

  private static void addTextPage(PDDocument doc, String text) throws IOException {
    PDPage page = new PDPage();
    doc.addPage(page);
    try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
      content.beginText();
      content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
      content.setLeading(14);
      content.newLineAtOffset(50, 740);
      for (String line : text.split("\n")) {
        content.showText(line);
        content.newLine();
      }
      content.endText();
    }
  }

  private static byte[] bytes(PDDocument doc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    doc.save(out);
    return out.toByteArray();
  }
}
