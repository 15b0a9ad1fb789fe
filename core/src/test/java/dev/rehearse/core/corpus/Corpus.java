package dev.rehearse.core.corpus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the labelled corpus files from the test classpath. */
public final class Corpus {

  /** The languages the corpus may hold, one file each. */
  public static final List<String> LANGUAGES = List.of("en", "es", "fr", "de");

  private Corpus() {}

  /** The file of one language on the classpath. */
  public static String resource(String language) {
    return "/corpus/answers-" + language + ".jsonl";
  }

  /** Every language file present, in {@link #LANGUAGES} order, with its answers in file order. */
  public static Map<String, List<CorpusAnswer>> load() {
    ObjectMapper mapper =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    Map<String, List<CorpusAnswer>> corpus = new LinkedHashMap<>();
    for (String language : LANGUAGES) {
      try (InputStream in = Corpus.class.getResourceAsStream(resource(language))) {
        if (in == null) {
          continue;
        }
        List<CorpusAnswer> answers = new ArrayList<>();
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int number = 0;
        for (String line; (line = lines.readLine()) != null; ) {
          number++;
          if (line.isBlank()) {
            continue;
          }
          try {
            answers.add(mapper.readValue(line, CorpusAnswer.class));
          } catch (IOException e) {
            throw new IllegalStateException(
                resource(language) + " line " + number + ": " + e.getMessage(), e);
          }
        }
        corpus.put(language, List.copyOf(answers));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return corpus;
  }
}
