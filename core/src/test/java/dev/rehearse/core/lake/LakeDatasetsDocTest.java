package dev.rehearse.core.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.lake.LakeDataset.Layer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code docs/lake.md} documents every dataset of the registry, and only those. */
class LakeDatasetsDocTest {

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  /** The doc's sections by heading ({@code ## path}), with entities decoded. */
  private static Map<String, String> sections;

  private static String doc;

  @BeforeAll
  static void read() throws IOException {
    // surefire runs in the module's directory
    Path file = Path.of(System.getProperty("user.dir")).resolve("../docs/lake.md").normalize();
    doc = Files.readString(file).replace("&lt;", "<").replace("&gt;", ">");
    sections = new LinkedHashMap<>();
    String heading = "";
    StringBuilder body = new StringBuilder();
    for (String line : doc.split("\n")) {
      if (line.startsWith("## ")) {
        sections.put(heading, body.toString());
        heading = line.substring(3).trim();
        body = new StringBuilder();
      } else {
        body.append(line).append('\n');
      }
    }
    sections.put(heading, body.toString());
  }

  @Test
  void everyDatasetHasASectionNamingEachOfItsColumns() {
    for (LakeDataset dataset : LakeDatasets.all()) {
      assertThat(sections).as("a section for %s", dataset.path()).containsKey(dataset.path());
      List<String> quoted = quoted(sections.get(dataset.path()));
      assertThat(quoted)
          .as("the columns of %s in its section", dataset.path())
          .containsAll(dataset.columnNames());
    }
  }

  @Test
  void everyDatasetIsInTheTableOfDatasets() {
    String table = sections.get("");
    for (LakeDataset dataset : LakeDatasets.all()) {
      assertThat(quoted(table))
          .as("the table of datasets")
          .anyMatch(path -> pathPattern(dataset).matcher(path).matches());
    }
  }

  @Test
  void theDocNamesNoDatasetTheRegistryLacks() {
    List<String> named = new ArrayList<>(quoted(doc));
    named.addAll(sections.keySet());
    List<String> layers = Arrays.stream(Layer.values()).map(l -> l.folder() + "/").toList();
    for (String path : named) {
      if (layers.stream().anyMatch(path::startsWith)) {
        assertThat(LakeDatasets.all())
            .as("a registered dataset holding %s", path)
            .anyMatch(dataset -> pathPattern(dataset).matcher(path).matches());
      }
    }
  }

  @Test
  void everyPathIsInItsLayerAndPlaceholdersAreFilledInOrder() {
    assertThat(LakeDatasets.COHORT_REPORTS.resolve("c1", "b2")).isEqualTo("reports/c1/b2");
    assertThat(LakeDatasets.GOLD_ASSESSMENTS.resolve()).isEqualTo("gold/assessments");
    assertThat(LakeDatasets.all())
        .allMatch(d -> d.path().startsWith(d.layer().folder() + "/"))
        .extracting(LakeDataset::path)
        .doesNotHaveDuplicates();
  }

  /** The dataset's path or anything under it, a {@code <name>} part matching any folder name. */
  private static Pattern pathPattern(LakeDataset dataset) {
    StringBuilder regex = new StringBuilder();
    for (String part : dataset.path().split("/")) {
      if (regex.length() > 0) {
        regex.append('/');
      }
      regex.append(part.startsWith("<") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(regex + "(/.*)?");
  }

  /** Every code span of the text. */
  private static List<String> quoted(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = CODE.matcher(text);
    while (m.find()) {
      out.add(m.group(1).trim());
    }
    return out;
  }
}
