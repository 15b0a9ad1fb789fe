package dev.rehearse.fieldnames;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldNamesProcessorTest {

  @TempDir Path out;

  @Test
  void constantsAreTheComponentNamesInUpperSnakeCase() {
    assertThat(FieldNamesProcessor.constant("averageWordsPerMinute"))
        .isEqualTo("AVERAGE_WORDS_PER_MINUTE");
    assertThat(FieldNamesProcessor.constant("p10")).isEqualTo("P10");
    assertThat(FieldNamesProcessor.constant("userId")).isEqualTo("USER_ID");
    assertThat(FieldNamesProcessor.constant("overallRankAll")).isEqualTo("OVERALL_RANK_ALL");
  }

  @Test
  void aMarkedRecordGetsOneConstantPerComponentAndAClassPerNestedRecord() throws Exception {
    String generated =
        compile(
            "demo.Doc",
            """
            package demo;
            @dev.rehearse.fieldnames.FieldNames
            public record Doc(String userId, java.util.Optional<Double> averageWordsPerMinute, Part part) {
              public record Part(int answerCount) {}
            }
            """);

    assertThat(generated)
        .contains("public final class DocFields")
        .contains("public static final String USER_ID = \"userId\";")
        .contains(
            "public static final String AVERAGE_WORDS_PER_MINUTE = \"averageWordsPerMinute\";")
        .contains("public static final String PART = \"part\";")
        .contains("public static final class Part")
        .contains("public static final String ANSWER_COUNT = \"answerCount\";");
  }

  @Test
  void aMarkedInterfaceGetsItsAbstractAccessorsAndItsNestedRecords() throws Exception {
    String generated =
        compile(
            "demo.Event",
            """
            package demo;
            @dev.rehearse.fieldnames.FieldNames
            public sealed interface Event {
              String sessionId();
              default boolean endsReply() { return true; }
              static Event none() { return null; }
              record Started(String sessionId, int questionCount) implements Event {}
            }
            """);

    assertThat(generated)
        .contains("public static final String SESSION_ID = \"sessionId\";")
        .contains("public static final class Started")
        .contains("public static final String QUESTION_COUNT = \"questionCount\";")
        .doesNotContain("END_REPLY")
        .doesNotContain("NONE");
  }

  @Test
  void aMarkedClassThatIsNotARecordFailsTheBuild() throws Exception {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean ok =
        run(
            "demo.NotARecord",
            "package demo; @dev.rehearse.fieldnames.FieldNames public class NotARecord {}",
            diagnostics);

    assertThat(ok).isFalse();
    assertThat(diagnostics.getDiagnostics())
        .anySatisfy(d -> assertThat(d.getMessage(null)).contains("records and interfaces only"));
  }

  private String compile(String name, String code) throws Exception {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    assertThat(run(name, code, diagnostics)).as(diagnostics.getDiagnostics().toString()).isTrue();
    String simple = name.substring(name.lastIndexOf('.') + 1);
    return Files.readString(out.resolve("demo").resolve(simple + "Fields.java"));
  }

  private boolean run(String name, String code, DiagnosticCollector<JavaFileObject> diagnostics) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    JavaFileObject source =
        new SimpleJavaFileObject(
            URI.create("string:///" + name.replace('.', '/') + ".java"),
            JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
          }
        };
    JavaCompiler.CompilationTask task =
        compiler.getTask(
            null,
            null,
            diagnostics,
            List.of(
                "-d", out.toString(),
                "-s", out.toString(),
                "-classpath", System.getProperty("java.class.path")),
            null,
            List.of(source));
    task.setProcessors(List.of(new FieldNamesProcessor()));
    return task.call();
  }
}
