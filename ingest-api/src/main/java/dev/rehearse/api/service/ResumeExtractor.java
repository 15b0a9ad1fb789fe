package dev.rehearse.api.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.util.IOUtils;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the text of an uploaded résumé file (PDF, DOCX or UTF-8 text) within bounds of size, time
 * and memory. A file it cannot or will not read is a {@link Problem} naming why (400, 413 or 503),
 * never a parser's stack trace.
 *
 * <p>Bounds: the file itself ({@link Limits#maxFileBytes}); what its compressed parts expand to,
 * counted while inflating, before any parser holds them ({@link Limits#maxExpandedBytes}, PDF
 * streams and DOCX zip entries alike, and the number of DOCX parts); the time one file may take, on
 * a small bounded pool ({@link Limits#timeout}); and the text kept ({@link Limits#maxChars}, longer
 * text is cut).
 */
public final class ResumeExtractor {

  private static final Logger LOG = LoggerFactory.getLogger(ResumeExtractor.class);

  /** The file formats taken, by media type. */
  public enum Format {
    PDF("application/pdf", "PDF"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
    TEXT("text/plain", "text file");

    private final String mediaType;
    private final String label;

    Format(String mediaType, String label) {
      this.mediaType = mediaType;
      this.label = label;
    }

    public String mediaType() {
      return mediaType;
    }

    /** The format of a media type (parameters and case ignored), if it is one of ours. */
    public static Optional<Format> ofMediaType(String mediaType) {
      String bare = mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      for (Format f : values()) {
        if (f.mediaType.equals(bare)) {
          return Optional.of(f);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * The bounds of one extraction.
   *
   * @param maxFileBytes the largest file taken
   * @param maxChars the most text kept; more is cut (the profile's bound on {@code resumeText})
   * @param timeout how long one file may take to read
   * @param maxExpandedBytes what the compressed parts of one file may expand to, all together
   * @param maxZipEntries the most parts a DOCX may have
   * @param threads files read at once; further ones wait in a queue of {@code queue}, and beyond
   *     that are refused (503)
   */
  public record Limits(
      int maxFileBytes,
      int maxChars,
      Duration timeout,
      long maxExpandedBytes,
      int maxZipEntries,
      int threads,
      int queue) {

    /** 5 MB files, 100,000 characters, 10 s, 64 MB expanded, 1,000 DOCX parts, 2 at once. */
    public static final Limits DEFAULT =
        new Limits(5 * 1024 * 1024, 100_000, Duration.ofSeconds(10), 64L << 20, 1_000, 2, 8);
  }

  /** The text read from a file, and whether it was cut to {@link Limits#maxChars}. */
  public record Extracted(String text, boolean truncated) {
    public int chars() {
      return text.length();
    }
  }

  static {
    // POI's own zip bounds are process-wide; these are the API's, set once, and a second line
    // behind the streaming count in checkZip. POI's per-record maxima keep their defaults (its
    // global override would raise the smaller ones); a length a file claims preallocates no more
    // than 1 MB, the rest grows with the bytes actually read.
    ZipSecureFile.setMinInflateRatio(0.01);
    ZipSecureFile.setMaxEntrySize(Limits.DEFAULT.maxExpandedBytes());
    ZipSecureFile.setMaxFileCount(Limits.DEFAULT.maxZipEntries());
    IOUtils.setMaxByteArrayInitSize(1 << 20);
  }

  private final Limits limits;
  private final ThreadPoolExecutor pool;

  public ResumeExtractor(Limits limits) {
    this.limits = limits;
    AtomicInteger n = new AtomicInteger();
    // no core threads: an idle API keeps none; daemon threads: nothing to shut down
    this.pool =
        new ThreadPoolExecutor(
            limits.threads(),
            limits.threads(),
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(limits.queue()),
            r -> {
              Thread t = new Thread(r, "resume-reader-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.pool.allowCoreThreadTimeOut(true);
  }

  public Limits limits() {
    return limits;
  }

  /**
   * The text of {@code file}, cleaned (control characters and runs of blanks folded) and cut to
   * {@link Limits#maxChars}.
   *
   * @throws Problem 400 for a damaged, encrypted or textless file, or one that took too long; 413
   *     for a file too large or one that expands too far; 503 when too many files are being read
   */
  public Extracted extract(Format format, byte[] file) throws InterruptedException {
    if (file.length > limits.maxFileBytes()) {
      throw new Problem(
          413,
          "Content too large",
          "the file is larger than " + megabytes(limits.maxFileBytes()),
          Optional.empty());
    }
    if (file.length == 0) {
      throw invalid("the file is empty");
    }
    Future<String> reading;
    try {
      reading = pool.submit(() -> read(format, file));
    } catch (RejectedExecutionException e) {
      throw new Problem(
          503,
          "Service unavailable",
          "too many files are being read; retry in a few seconds",
          Optional.empty());
    }
    String raw;
    try {
      raw = reading.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      reading.cancel(true);
      throw invalid(
          "the "
              + format.label
              + " could not be read within "
              + limits.timeout().toSeconds()
              + " s; it may be damaged or too complex");
    } catch (InterruptedException e) {
      reading.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Problem p) {
        throw p;
      }
      // the parser's message and trace stay in the log
      LOG.info("a {} upload could not be read: {}", format, e.getCause().toString());
      throw invalid("the " + format.label + " is damaged or is not a " + format.label);
    }
    String text = clean(raw);
    if (text.isEmpty()) {
      throw invalid(
          format == Format.PDF
              ? "the PDF has no text (a scanned image?); upload a PDF with text, a DOCX or plain"
                  + " text"
              : "the " + format.label + " has no text");
    }
    return cut(text);
  }

  private String read(Format format, byte[] file) throws IOException {
    return switch (format) {
      case PDF -> readPdf(file);
      case DOCX -> readDocx(file);
      case TEXT -> readText(file);
    };
  }

  // ---- PDF

  /** Names of filters only images use; text extraction never decodes them. */
  private static final List<COSName> IMAGE_FILTERS =
      List.of(
          COSName.DCT_DECODE,
          COSName.DCT_DECODE_ABBREVIATION,
          COSName.JPX_DECODE,
          COSName.JBIG2_DECODE,
          COSName.CCITTFAX_DECODE,
          COSName.CCITTFAX_DECODE_ABBREVIATION);

  private String readPdf(byte[] file) throws IOException {
    if (!hasPdfHeader(file)) {
      throw invalid("the file is not a PDF");
    }
    try (PDDocument pdf =
        Loader.loadPDF(
            new RandomAccessReadBuffer(file),
            "",
            null,
            null,
            MemoryUsageSetting.setupMainMemoryOnly(limits.maxExpandedBytes()).streamCache)) {
      if (pdf.isEncrypted() && !pdf.getCurrentAccessPermission().canExtractContent()) {
        throw invalid("the PDF is encrypted and does not allow copying its text");
      }
      checkExpandedSize(pdf.getDocument());
      CappedWriter text = new CappedWriter(limits.maxChars() * 2);
      try {
        new InterruptiblePdfTextStripper().writeText(pdf, text);
      } catch (CappedWriter.Full e) {
        // enough text: the rest would be cut anyway
      }
      return text.toString();
    } catch (InvalidPasswordException e) {
      throw invalid("the PDF is encrypted (password-protected); upload it without a password");
    }
  }

  private static boolean hasPdfHeader(byte[] file) {
    byte[] header = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    int end = Math.min(file.length - header.length, 1024);
    outer:
    for (int i = 0; i <= end; i++) {
      for (int j = 0; j < header.length; j++) {
        if (file[i + j] != header[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Decodes every stream text extraction may decode (all but images), counting the bytes, and
   * refuses the file when they add up past the bound: PDFBox decodes a stream wholly in memory, so
   * a small flate stream that inflates to gigabytes must be stopped before it does.
   */
  private void checkExpandedSize(COSDocument pdf) throws IOException {
    Budget budget = new Budget(limits.maxExpandedBytes(), "the PDF");
    for (COSObjectKey key : List.copyOf(pdf.getXrefTable().keySet())) {
      if (Thread.currentThread().isInterrupted()) {
        throw new java.io.InterruptedIOException("reading the PDF was cancelled");
      }
      COSObject object = pdf.getObjectFromPool(key);
      COSBase value = object == null ? null : object.getObject();
      if (value instanceof COSStream stream
          && !COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
        decodeCounting(stream, budget);
      }
    }
  }

  private static void decodeCounting(COSStream stream, Budget budget) throws IOException {
    List<COSName> filters = filters(stream.getFilters());
    if (filters.stream().anyMatch(IMAGE_FILTERS::contains)) {
      return;
    }
    InputStream in = stream.createRawInputStream();
    try {
      for (int i = 0; i < filters.size(); i++) {
        boolean last = i == filters.size() - 1;
        BoundedSink out = new BoundedSink(budget, !last);
        FilterFactory.INSTANCE.getFilter(filters.get(i)).decode(in, out, stream, i);
        budget.check(); // a filter may swallow the sink's refusal; the budget remembers it
        in.close();
        in = out.asInput();
      }
      if (filters.isEmpty()) {
        budget.take(stream.getLength());
      }
    } finally {
      in.close();
    }
  }

  private static List<COSName> filters(COSBase filters) {
    if (filters instanceof COSName name) {
      return List.of(name);
    }
    if (filters instanceof COSArray array) {
      return array.toList().stream()
          .filter(COSName.class::isInstance)
          .map(COSName.class::cast)
          .toList();
    }
    return List.of();
  }

  /** What may still be expanded; spent by every decoded byte. */
  private static final class Budget {
    private final long max;
    private final String what;
    private long left;
    private boolean exceeded;

    Budget(long max, String what) {
      this.max = max;
      this.what = what;
      this.left = max;
    }

    void take(long bytes) {
      left -= bytes;
      check();
    }

    void check() {
      if (left < 0 || exceeded) {
        exceeded = true;
        throw new Problem(
            413,
            "Content too large",
            what + " expands to more than " + megabytes(max) + " (a compression bomb?)",
            Optional.empty());
      }
    }
  }

  /** Counts what a filter writes against the budget; keeps it when a further filter needs it. */
  private static final class BoundedSink extends OutputStream {
    private final Budget budget;
    private final ByteArrayOutputStream kept;

    BoundedSink(Budget budget, boolean keep) {
      this.budget = budget;
      this.kept = keep ? new ByteArrayOutputStream() : null;
    }

    @Override
    public void write(int b) {
      budget.take(1);
      if (kept != null) {
        kept.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      budget.take(len);
      if (kept != null) {
        kept.write(b, off, len);
      }
    }

    InputStream asInput() {
      return new ByteArrayInputStream(kept == null ? new byte[0] : kept.toByteArray());
    }
  }

  /** PDFBox's text stripper, stopping between pages once the reading was cancelled (timeout). */
  private static final class InterruptiblePdfTextStripper extends PDFTextStripper {
    @Override
    public void processPage(PDPage page) throws IOException {
      if (Thread.currentThread().isInterrupted()) {
        throw new java.io.InterruptedIOException("reading the PDF was cancelled");
      }
      super.processPage(page);
    }
  }

  /** Keeps at most {@code max} characters, then stops the writer's producer. */
  private static final class CappedWriter extends Writer {
    /** Thrown once the writer is full; the text so far is kept. */
    static final class Full extends IOException {
      private static final long serialVersionUID = 1L;

      Full() {
        super("enough text", null);
      }
    }

    private final StringBuilder text = new StringBuilder();
    private final int max;

    CappedWriter(int max) {
      this.max = max;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      int room = max - text.length();
      text.append(buf, off, Math.min(room, len));
      if (len >= room) {
        throw new Full();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
  }

  // ---- DOCX

  private String readDocx(byte[] file) throws IOException {
    FileMagic magic = FileMagic.valueOf(file);
    if (magic == FileMagic.OLE2) {
      // an encrypted OOXML file is an OLE2 container holding the encrypted package
      boolean encrypted;
      try (POIFSFileSystem ole = new POIFSFileSystem(new ByteArrayInputStream(file))) {
        encrypted = ole.getRoot().hasEntry("EncryptionInfo");
      } catch (IOException | RuntimeException e) {
        throw invalid("the file is not a DOCX");
      }
      throw invalid(
          encrypted
              ? "the DOCX is encrypted (password-protected); upload it without a password"
              : "the file is an old Word document (.doc), not a DOCX; save it as DOCX or PDF");
    }
    if (magic != FileMagic.OOXML) {
      throw invalid("the file is not a DOCX");
    }
    checkZip(file);
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(file));
        XWPFWordExtractor words = new XWPFWordExtractor(docx)) {
      return words.getText();
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("Zip bomb detected")) {
        // POI's ZipSecureFile: an entry inflating more than 100 times its compressed size
        throw new Problem(
            413,
            "Content too large",
            "the DOCX expands too far for its size (a compression bomb?)",
            Optional.empty());
      }
      throw e;
    }
  }

  /**
   * Inflates every part of the package once, counting, before POI reads it: more than {@link
   * Limits#maxZipEntries} parts or {@link Limits#maxExpandedBytes} in all is refused.
   */
  private void checkZip(byte[] file) throws IOException {
    Budget budget = new Budget(limits.maxExpandedBytes(), "the DOCX");
    byte[] buffer = new byte[64 * 1024];
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (++entries > limits.maxZipEntries()) {
          throw invalid("the DOCX has more than " + limits.maxZipEntries() + " parts");
        }
        if (Thread.currentThread().isInterrupted()) {
          throw new java.io.InterruptedIOException("reading the DOCX was cancelled");
        }
        for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
          budget.take(n);
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw invalid("the DOCX is damaged (" + safe(e.getMessage()) + ")");
    }
    if (entries == 0) {
      throw invalid("the DOCX is damaged (no parts)");
    }
  }

  // ---- text

  private static String readText(byte[] file) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(file))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw invalid("the text file is not UTF-8");
    }
  }

  // ---- text clean-up

  /**
   * Control characters become blanks (line and page breaks become new lines), runs of blanks one
   * space, trailing blanks go, and no more than one empty line is kept in a row.
   */
  static String clean(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    int newlines = 0;
    boolean blank = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\r' && i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
        continue;
      }
      if (c == '\n' || c == '\r' || c == '\f' || c == '\u2028' || c == '\u2029') {
        newlines++;
        blank = false;
        continue;
      }
      if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\u00A0') {
        blank = true;
        continue;
      }
      if (out.length() > 0) {
        if (newlines > 0) {
          out.append(newlines > 1 ? "\n\n" : "\n");
        } else if (blank) {
          out.append(' ');
        }
      }
      newlines = 0;
      blank = false;
      out.append(c);
    }
    return out.toString();
  }

  private Extracted cut(String text) {
    if (text.length() <= limits.maxChars()) {
      return new Extracted(text, false);
    }
    int end = limits.maxChars();
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never half a character
    }
    return new Extracted(text.substring(0, end).strip(), true);
  }

  // ---- problems

  private static Problem invalid(String detail) {
    return new Problem(400, "Unreadable file", detail, Optional.empty());
  }

  /** A zip error's own message names no file of ours; keep it short and on one line. */
  private static String safe(String message) {
    String m = message == null ? "unreadable" : message.replaceAll("\\s+", " ").strip();
    return m.length() > 80 ? m.substring(0, 80) : m;
  }

  private static String megabytes(long bytes) {
    return (bytes >> 20) + " MB";
  }
}
