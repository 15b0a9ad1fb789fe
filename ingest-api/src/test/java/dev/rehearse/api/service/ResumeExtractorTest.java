package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.api.service.ResumeExtractor.Extracted;
import dev.rehearse.api.service.ResumeExtractor.Format;
import dev.rehearse.api.service.ResumeExtractor.Limits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ResumeExtractorTest {

  private static final String RESUME =
      "Ana Lima\nBackend engineer, 6 years\nLed the payments migration to Kafka";

  private final ResumeExtractor extractor = new ResumeExtractor(Limits.DEFAULT);

  private static void assertProblem(ThrowingCallable call, int status, String detail) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.status()).as(p.getMessage()).isEqualTo(status);
              assertThat(p.getMessage()).contains(detail);
              assertThat(p.getStackTrace()).isEmpty(); // a problem carries no parser trace
            });
  }

  @Test
  void theTextOfAPdfIsReadPageByPage() throws Exception {
    Extracted read =
        extractor.extract(Format.PDF, ResumeFixtures.pdf(List.of(RESUME, "Skills: Java, Flink")));

    assertThat(read.text())
        .isEqualTo(
            "Ana Lima\nBackend engineer, 6 years\nLed the payments migration to Kafka\n"
                + "Skills: Java, Flink");
    assertThat(read.truncated()).isFalse();
    assertThat(read.chars()).isEqualTo(read.text().length());
  }

  @Test
  void theTextOfADocxIsReadParagraphByParagraph() throws Exception {
    Extracted read =
        extractor.extract(
            Format.DOCX, ResumeFixtures.docx(List.of("Ana Lima", "Backend engineer, 6 years")));

    assertThat(read.text()).isEqualTo("Ana Lima\nBackend engineer, 6 years");
  }

  @Test
  void aUtf8TextFileIsTakenAsItIsWithoutItsByteOrderMark() throws Exception {
    Extracted read =
        extractor.extract(
            Format.TEXT,
            ("\uFEFFJosé Núñez\r\n\r\n\r\n\r\nengenheira").getBytes(StandardCharsets.UTF_8));

    assertThat(read.text()).isEqualTo("José Núñez\n\nengenheira");
  }

  @Test
  void controlCharactersAndRunsOfBlanksAreFolded() {
    assertThat(ResumeExtractor.clean("  a\u0000b \t\u00A0 c \nd\fe\u0007  \n\n\n\nf  "))
        .isEqualTo("a b c\nd\ne\n\nf");
  }

  @Test
  void textLongerThanAProfileKeepsIsCutAndSaysSo() throws Exception {
    String line = "Designed and ran a streaming platform for payments and fraud signals.\n";
    byte[] text = line.repeat(2_000).getBytes(StandardCharsets.UTF_8); // 142,000 characters

    Extracted read = extractor.extract(Format.TEXT, text);

    assertThat(read.truncated()).isTrue();
    assertThat(read.chars()).isLessThanOrEqualTo(100_000).isGreaterThan(99_900);
    assertThat(read.text()).startsWith("Designed and ran");
  }

  @Test
  void aLongPdfIsCutToo() throws Exception {
    List<String> pages = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      pages.add(("Page " + i + " of experience with Kafka, Flink and Elasticsearch.\n").repeat(40));
    }

    Extracted read = extractor.extract(Format.PDF, ResumeFixtures.pdf(pages));

    assertThat(read.truncated()).isTrue();
    assertThat(read.chars()).isLessThanOrEqualTo(100_000);
  }

  @Test
  void aPdfThatNeedsAPasswordIsRefused() throws Exception {
    byte[] pdf = ResumeFixtures.encryptedPdf(RESUME);

    assertProblem(() -> extractor.extract(Format.PDF, pdf), 400, "the PDF is encrypted");
  }

  @Test
  void aPdfEncryptedOnlyAgainstChangesIsRead() throws Exception {
    byte[] pdf = ResumeFixtures.encryptedPdf(RESUME, "");

    assertThat(extractor.extract(Format.PDF, pdf).text()).isEqualTo(RESUME);
  }

  @Test
  void aDamagedPdfIsRefusedWithoutTheParsersWords() {
    assertProblem(
        () -> extractor.extract(Format.PDF, ResumeFixtures.corruptPdf()),
        400,
        "the PDF is damaged or is not a PDF");
  }

  @Test
  void aFileThatIsNoPdfAtAllIsRefused() throws Exception {
    byte[] docx = ResumeFixtures.docx(List.of("Ana"));

    assertProblem(() -> extractor.extract(Format.PDF, docx), 400, "the file is not a PDF");
  }

  @Test
  void aPdfWithoutTextIsRefused() throws Exception {
    byte[] pdf = ResumeFixtures.pdfWithoutText();

    assertProblem(() -> extractor.extract(Format.PDF, pdf), 400, "the PDF has no text");
  }

  @Test
  void aPdfWhoseStreamsInflatePastTheBoundIsRefusedBeforeItIsRead() throws Exception {
    byte[] pdf = ResumeFixtures.pdfBomb(200L << 20);
    assertThat(pdf.length).isLessThan(1 << 20);

    assertProblem(
        () -> extractor.extract(Format.PDF, pdf), 413, "the PDF expands to more than 64 MB");
  }

  @Test
  void anEncryptedDocxIsRefused() throws Exception {
    byte[] docx = ResumeFixtures.encryptedDocx(List.of("Ana Lima"));

    assertProblem(() -> extractor.extract(Format.DOCX, docx), 400, "the DOCX is encrypted");
  }

  @Test
  void aDamagedDocxIsRefused() throws Exception {
    byte[] docx = ResumeFixtures.docx(List.of(RESUME));
    byte[] damaged = java.util.Arrays.copyOf(docx, docx.length / 2);

    assertProblem(() -> extractor.extract(Format.DOCX, damaged), 400, "the DOCX is damaged");
  }

  @Test
  void aZipThatIsNoWordDocumentIsRefused() throws Exception {
    byte[] zip = ResumeFixtures.zipWithoutDocument();

    assertProblem(
        () -> extractor.extract(Format.DOCX, zip), 400, "the DOCX is damaged or is not a DOCX");
  }

  @Test
  void aFileThatIsNoDocxAtAllIsRefused() throws Exception {
    byte[] pdf = ResumeFixtures.pdf(List.of(RESUME));

    assertProblem(() -> extractor.extract(Format.DOCX, pdf), 400, "the file is not a DOCX");
  }

  @Test
  void aZipBombIsRefusedOnceItsPartsInflatePastTheBound() throws Exception {
    byte[] bomb = ResumeFixtures.zipBomb(200L << 20);
    assertThat(bomb.length).isLessThan(1 << 20);

    assertProblem(
        () -> extractor.extract(Format.DOCX, bomb), 413, "the DOCX expands to more than 64 MB");
  }

  @Test
  void aZipOfTooManyPartsIsRefused() throws Exception {
    byte[] zip = ResumeFixtures.zipOfManyParts(1_001);

    assertProblem(
        () -> extractor.extract(Format.DOCX, zip), 400, "the DOCX has more than 1000 parts");
  }

  @Test
  void aDocxWhosePartsInflateMoreThanAHundredfoldIsRefusedByPoi() throws Exception {
    byte[] docx = ResumeFixtures.docx(List.of("Kafka and Flink engineer. ".repeat(40_000)));

    assertProblem(() -> extractor.extract(Format.DOCX, docx), 413, "a compression bomb");
  }

  @Test
  void aDocxWithMoreTextThanAProfileKeepsIsCut() throws Exception {
    java.util.Random random = new java.util.Random(7);
    List<String> paragraphs = new ArrayList<>();
    for (int p = 0; p < 2_000; p++) {
      StringBuilder words = new StringBuilder();
      while (words.length() < 600) {
        for (int i = 0; i < 3 + random.nextInt(6); i++) {
          words.append((char) ('a' + random.nextInt(26)));
        }
        words.append(' ');
      }
      paragraphs.add(words.toString());
    }
    byte[] docx = ResumeFixtures.docx(paragraphs); // 1.2 million characters, barely compressible

    Extracted read = extractor.extract(Format.DOCX, docx);

    assertThat(read.truncated()).isTrue();
    assertThat(read.chars()).isLessThanOrEqualTo(100_000).isGreaterThan(99_900);
  }

  @Test
  void textThatIsNotUtf8IsRefused() {
    byte[] latin1 = "José".getBytes(StandardCharsets.ISO_8859_1);

    assertProblem(() -> extractor.extract(Format.TEXT, latin1), 400, "not UTF-8");
  }

  @Test
  void aBlankTextFileIsRefused() {
    assertProblem(
        () -> extractor.extract(Format.TEXT, " \n\t ".getBytes(StandardCharsets.UTF_8)),
        400,
        "the text file has no text");
  }

  @Test
  void aFileLargerThanTheBoundIsRefused() {
    byte[] big = new byte[5 * 1024 * 1024 + 1];

    assertProblem(() -> extractor.extract(Format.TEXT, big), 413, "larger than 5 MB");
  }

  @Test
  void aFileThatTakesTooLongIsGivenUp() throws Exception {
    ResumeExtractor impatient =
        new ResumeExtractor(
            new Limits(5 << 20, 100_000, Duration.ofMillis(1), 64L << 20, 1_000, 1, 1));
    List<String> pages = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      pages.add(RESUME);
    }
    byte[] pdf = ResumeFixtures.pdf(pages);

    assertProblem(() -> impatient.extract(Format.PDF, pdf), 400, "could not be read within");
  }

  @Test
  void mediaTypesNameTheirFormatWhateverTheirCaseAndParameters() {
    assertThat(Format.ofMediaType("Application/PDF")).contains(Format.PDF);
    assertThat(Format.ofMediaType("text/plain; charset=utf-8")).contains(Format.TEXT);
    assertThat(
            Format.ofMediaType(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        .contains(Format.DOCX);
    assertThat(Format.ofMediaType("application/msword")).isEmpty();
    assertThat(Format.ofMediaType("application/json")).isEmpty();
  }
}
