package dev.rehearse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.deploy.cli.ApiClient;
import dev.rehearse.deploy.stack.Stack;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A résumé PDF uploaded to the real API becomes the profile's {@code resumeText}: published,
 * projected by the profile indexing job, and read back.
 */
class ResumeUploadIT {

  private static Stack stack;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @BeforeAll
  static void startStack() throws Exception {
    stack = LocalStack.get();
  }

  @Test
  void anUploadedPdfsTextIsTheProfilesResumeText() throws Exception {
    String token = LocalStack.token(stack, "it-resume-ana");
    ApiClient me = new ApiClient(stack.config().apiUrl(), token);
    assertThat(me.post("/ai-interview/profile", Map.of("targetRole", "Backend Engineer")).status())
        .isEqualTo(201);

    HttpResponse<String> uploaded =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(stack.config().apiUrl() + "/ai-interview/profile/resume"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/pdf")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        pdf(
                            List.of(
                                "Ana Lima - Backend Engineer",
                                "Built a Kafka pipeline for card payments",
                                "Ran Flink jobs for fraud alerts"))))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    JsonNode reply = MAPPER.readTree(uploaded.body());
    String expected =
        "Ana Lima - Backend Engineer\nBuilt a Kafka pipeline for card payments\n"
            + "Ran Flink jobs for fraud alerts";
    assertThat(reply.path("resumeText").asText()).isEqualTo(expected);
    assertThat(reply.path("extractedChars").asInt()).isEqualTo(expected.length());
    assertThat(reply.path("truncated").asBoolean()).isFalse();
    String revision = reply.path("revision").asText();

    JsonNode profile =
        LocalStack.eventually(
            () -> {
              JsonNode p = me.get("/ai-interview/profile").body();
              return revision.equals(p.path("revision").asText()) ? p : null;
            });
    assertThat(profile.path("resumeText").asText()).isEqualTo(expected);
    assertThat(profile.path("targetRole").asText()).isEqualTo("Backend Engineer");

    HttpResponse<String> refused =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(stack.config().apiUrl() + "/ai-interview/profile/resume"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(utf8("%PDF-1.7 not really")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(me.get("/ai-interview/profile").body().path("revision").asText())
        .isEqualTo(revision);
  }

  /** A one-page PDF in Helvetica, one line per entry, written by hand (xref offsets included). */
  private static byte[] pdf(List<String> lines) {
    StringBuilder content = new StringBuilder("BT /F1 12 Tf 50 740 Td 14 TL\n");
    for (String line : lines) {
      content.append('(').append(line.replace("(", "\\(").replace(")", "\\)")).append(") Tj T*\n");
    }
    content.append("ET");
    List<String> objects =
        List.of(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                + " /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Integer> offsets = new ArrayList<>();
    write(out, "%PDF-1.4\n");
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(out.size());
      write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
    }
    int xref = out.size();
    write(out, "xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
    for (int offset : offsets) {
      write(out, String.format("%010d 00000 n \n", offset));
    }
    write(
        out,
        "trailer\n<< /Size "
            + (objects.size() + 1)
            + " /Root 1 0 R >>\nstartxref\n"
            + xref
            + "\n%%EOF\n");
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
