package dev.rehearse.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

  private final AnalyzeCommand command = new AnalyzeCommand(new AnswerAnalyzer());
  private final ObjectMapper mapper = new ObjectMapper();

  private record Run(int status, String out, String err) {}

  private Run run(String stdin, String... args) {
    return run(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  private Run run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        command.run(
            List.of(args),
            new ByteArrayInputStream(stdin),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private void assertInvalid(Run run, String field) throws Exception {
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip()).doesNotContain("\n");
    JsonNode error = mapper.readTree(run.err());
    assertThat(error.path("field").asText()).isEqualTo(field);
    assertThat(error.path("detail").asText()).isNotBlank();
  }

  @Test
  void writesTheMetricsOfTheAnswerOnStandardOutput() throws Exception {
    Run run =
        run(
            "{\"question\":\"Why?\",\"text\":\"Um, we shipped it.\",\"durationMs\":2000,\"language\":\"en\","
                + "\"questionAskedAtMs\":1000,\"answerStartedAtMs\":4500}");

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode metrics = mapper.readTree(run.out());
    assertThat(metrics.path("wordCount").asInt()).isEqualTo(4);
    assertThat(metrics.path("fillerCount").asInt()).isEqualTo(1);
    assertThat(metrics.path("wordsPerMinute").asDouble()).isEqualTo(120.0);
    assertThat(metrics.path("responseLatencyMs").asLong()).isEqualTo(3500);
    assertThat(metrics.path("pauseCount").isNull()).isTrue();
    assertThat(run.out().strip()).doesNotContain("\n");
  }

  @Test
  void implausibleTimingsExitWithStatusTwoNamingTheField() throws Exception {
    assertInvalid(
        run(
            "{\"text\":\"one two three four five six seven eight nine ten eleven twelve thirteen"
                + " fourteen\",\"durationMs\":100}"),
        "durationMs");
    assertInvalid(
        run(
            "{\"text\":\""
                + "word ".repeat(20).strip()
                + "\",\"words\":[{\"word\":\"a\",\"startMs\":0,\"endMs\":200},"
                + "{\"word\":\"b\",\"startMs\":300,\"endMs\":500},"
                + "{\"word\":\"c\",\"startMs\":600,\"endMs\":800}]}"),
        "words");
    assertInvalid(run("{\"text\":\"ok then\",\"durationMs\":9000000000000}"), "durationMs");
  }

  @Test
  void theLanguageIsDetectedWhenAbsentAndWrittenOut() throws Exception {
    JsonNode metrics =
        mapper.readTree(
            run("{\"text\":\"Eh, bueno, o sea, trabajé en el proyecto y pues, este, salió bien.\"}")
                .out());

    assertThat(metrics.path("language").asText()).isEqualTo("es");
    assertThat(metrics.path("fillerCount").asInt()).isGreaterThanOrEqualTo(4);
    assertThat(metrics.path("star").path("clauses").isArray()).isTrue();
  }

  @Test
  void prettyIndents() {
    assertThat(run("{\"text\":\"hello there\"}", "--pretty").out())
        .contains("\n  \"wordCount\" : 2");
  }

  @Test
  void readsAFileInsteadOfStandardInput(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("answer.json");
    Files.writeString(file, "{\"text\":\"one two three\"}");

    Run run = run("", file.toString());

    assertThat(mapper.readTree(run.out()).path("wordCount").asInt()).isEqualTo(3);
  }

  @Test
  void aMissingFileIsAnError() throws Exception {
    assertInvalid(run("", "/no/such/answer.json"), "file");
  }

  @Test
  void onlyTextIsRequired() throws Exception {
    assertInvalid(run("{\"question\":\"Why?\"}"), "text");
  }

  @Test
  void unknownFieldsAndWrongTypesNameTheField() throws Exception {
    assertInvalid(run("{\"text\":\"hi\",\"duration\":5}"), "duration");
    assertInvalid(run("{\"text\":\"hi\",\"durationMs\":\"long\"}"), "durationMs");
    assertInvalid(
        run("{\"text\":\"hi\",\"words\":[{\"word\":\"hi\",\"startMs\":\"x\",\"endMs\":1}]}"),
        "words[0].startMs");
  }

  @Test
  void badTimingsNameTheWord() throws Exception {
    assertInvalid(
        run(
            "{\"text\":\"a b\",\"words\":[{\"word\":\"a\",\"startMs\":0,\"endMs\":1},{\"word\":\"b\",\"startMs\":9,\"endMs\":3}]}"),
        "words[1].endMs");
    assertInvalid(
        run("{\"text\":\"a\",\"words\":[{\"word\":\"a\",\"startMs\":-4,\"endMs\":1}]}"),
        "words[0].startMs");
    assertInvalid(run("{\"text\":\"a\",\"words\":[{\"word\":\"a\"}]}"), "words[0]");
  }

  @Test
  void anAnswerWithoutWordsIsAnError() throws Exception {
    assertInvalid(run("{\"text\":\"  ...  \"}"), "text");
  }

  @Test
  void aBadLanguageOrLatencyIsAnError() throws Exception {
    assertInvalid(run("{\"text\":\"hi\",\"language\":\"English\"}"), "language");
    assertInvalid(
        run("{\"text\":\"hi\",\"questionAskedAtMs\":9,\"answerStartedAtMs\":3}"),
        "answerStartedAtMs");
  }

  @Test
  void malformedOrEmptyInputIsAnError() throws Exception {
    assertInvalid(run(""), "input");
    assertInvalid(run("{\"text\": "), "input");
    assertInvalid(run("[1,2]"), "input");
    assertInvalid(
        run(new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
        "input");
  }

  @Test
  void extraArgumentsAreAnError() throws Exception {
    assertInvalid(run("{}", "--verbose"), "arguments");
    assertInvalid(run("{}", "a.json", "b.json"), "arguments");
  }
}
