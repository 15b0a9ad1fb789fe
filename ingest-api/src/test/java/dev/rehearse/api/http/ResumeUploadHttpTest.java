package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rehearse.api.service.InMemoryCommandBus;
import dev.rehearse.api.service.InMemoryProfileReader;
import dev.rehearse.api.service.ProfileReader.StoredProfile;
import dev.rehearse.api.service.ProfileService;
import dev.rehearse.api.service.ResumeExtractor;
import dev.rehearse.api.service.ResumeFixtures;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.profile.Profile;
import dev.rehearse.core.profile.ProfileRecord;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.voice.tts.Synthesizers;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /ai-interview/profile/resume} on a real Javalin server over in-memory fakes: what is
 * answered, and what reaches the command bus (the profile record with the file's text, or nothing).
 */
class ResumeUploadHttpTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef-resume-test";
  private static final String PATH = "/ai-interview/profile/resume";
  private static final String DOCX = ResumeExtractor.Format.DOCX.mediaType();
  private static final ObjectMapper MAPPER = Json.newMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Profile PROFILE =
      new Profile(
          "backend engineer",
          Optional.empty(),
          Optional.of("Acme"),
          Optional.of(6),
          Optional.empty(),
          List.of("java"),
          List.of(),
          List.of(),
          List.of(),
          null,
          Optional.of("I build streaming systems."),
          Optional.of("an old résumé"));

  private final InMemoryCommandBus bus = new InMemoryCommandBus();
  private final InMemoryProfileReader profiles = new InMemoryProfileReader();
  private Javalin app;

  @BeforeEach
  void start() {
    // the profile indexing job: projects every profile record
    bus.onSent(
        sent ->
            sent.value()
                .filter(ProfileRecord.class::isInstance)
                .map(ProfileRecord.class::cast)
                .ifPresent(
                    r ->
                        profiles.put(
                            r.userId(),
                            new StoredProfile(r.profile(), r.revision(), r.updatedAt()))));
    Api.Services fakes = TestServices.create(MAPPER);
    Api.Services services =
        new Api.Services(
            fakes.sessions(),
            new ProfileService(bus, profiles, Duration.ofMillis(500), Clock.systemUTC()),
            fakes.cohorts(),
            fakes.analytics(),
            fakes.stream(),
            fakes.questions());
    app =
        TestApi.start(
            services,
            TestApi.config(SECRET, Duration.ofSeconds(1), List.of(), Synthesizers.Settings.NONE),
            TestApi.limits(100, 100, 100));
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  private void hasProfile() {
    profiles.put("ana", new StoredProfile(PROFILE, "r0", Instant.parse("2026-11-01T00:00:00Z")));
  }

  private HttpResponse<String> upload(String contentType, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + PATH))
            .header("Authorization", "Bearer " + token("ana"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String token(String user) throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("rehearse")
            .audience("rehearse-api")
            .subject(user)
            .claim("roles", List.of("candidate"))
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  /** The reply is a problem of {@code status} naming {@code detail}, and nothing was published. */
  private void assertRefused(HttpResponse<String> r, int status, String detail) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode problem = MAPPER.readTree(r.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("detail").asText()).contains(detail);
    assertThat(problem.path("instance").asText()).isEqualTo(PATH);
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.apache");
    assertThat(bus.sent()).isEmpty();
  }

  @Test
  void aPdfBecomesTheProfilesResumeTextThroughTheProfileWrite() throws Exception {
    hasProfile();
    List<String> pages = new ArrayList<>();
    for (int i = 0; i < 300; i++) { // larger than the 64 KiB bound of JSON bodies
      pages.add("Ana Lima, page " + i + "\nLed the payments migration to Kafka");
    }
    byte[] pdf = ResumeFixtures.pdf(pages);
    assertThat(pdf.length).isGreaterThan(64 * 1024);

    HttpResponse<String> r = upload("application/pdf", pdf);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<ProfileRecord> published = bus.values(Topics.PROFILES);
    assertThat(published).hasSize(1);
    assertThat(bus.sent()).hasSize(1);
    ProfileRecord record = published.get(0);
    String text = record.profile().resumeText().orElseThrow();
    assertThat(text).startsWith("Ana Lima, page 0\nLed the payments migration to Kafka\n");
    assertThat(record.profile().targetRole()).isEqualTo("backend engineer"); // the rest is kept
    assertThat(record.profile().bio()).isEqualTo(PROFILE.bio());
    JsonNode reply = MAPPER.readTree(r.body());
    assertThat(reply.path("resumeText").asText()).isEqualTo(text);
    assertThat(reply.path("extractedChars").asInt()).isEqualTo(text.length());
    assertThat(reply.path("truncated").asBoolean()).isFalse();
    assertThat(reply.has("note")).isFalse();
    assertThat(reply.path("revision").asText()).isEqualTo(record.revision());
    assertThat(reply.path("indexed").asBoolean()).isTrue();
    assertThat(reply.path("company").asText()).isEqualTo("Acme");
  }

  @Test
  void aDocxAndATextFileAreTakenToo() throws Exception {
    hasProfile();

    HttpResponse<String> docx = upload(DOCX, ResumeFixtures.docx(List.of("Ana Lima", "Kafka")));
    HttpResponse<String> text =
        upload("text/plain; charset=UTF-8", "Ana Lima\nFlink".getBytes(StandardCharsets.UTF_8));

    assertThat(docx.statusCode()).as(docx.body()).isEqualTo(200);
    assertThat(text.statusCode()).as(text.body()).isEqualTo(200);
    assertThat(bus.values(Topics.PROFILES))
        .extracting(p -> p.profile().resumeText().orElseThrow())
        .containsExactly("Ana Lima\nKafka", "Ana Lima\nFlink");
  }

  @Test
  void aLongTextIsCutToTheProfilesBoundWithANote() throws Exception {
    hasProfile();
    byte[] text = "Kafka and Flink engineer. ".repeat(5_000).getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> r = upload("text/plain", text);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode reply = MAPPER.readTree(r.body());
    assertThat(reply.path("truncated").asBoolean()).isTrue();
    assertThat(reply.path("extractedChars").asInt()).isLessThanOrEqualTo(Requests.MAX_RESUME_CHARS);
    assertThat(reply.path("note").asText()).contains("100000 characters");
    assertThat(bus.values(Topics.PROFILES).get(0).profile().resumeText().orElseThrow())
        .hasSize(reply.path("extractedChars").asInt());
  }

  @Test
  void theExtractorKeepsTheSameBoundAsTheProfileBody() {
    assertThat(ResumeExtractor.Limits.DEFAULT.maxChars()).isEqualTo(Requests.MAX_RESUME_CHARS);
  }

  @Test
  void aCallerWithoutAProfileGets404AndTheFileIsNotParsed() throws Exception {
    HttpResponse<String> r = upload("application/pdf", ResumeFixtures.pdf(List.of("Ana")));

    assertRefused(r, 404, "profile not found");
  }

  @Test
  void anotherMediaTypeIs415() throws Exception {
    hasProfile();

    assertRefused(upload("application/msword", new byte[] {1, 2, 3}), 415, "application/pdf");
    assertRefused(upload("application/json", "{}".getBytes(StandardCharsets.UTF_8)), 415, "DOCX");
    assertRefused(
        upload("text/plain; charset=ISO-8859-1", "Ana".getBytes(StandardCharsets.ISO_8859_1)),
        415,
        "UTF-8");
  }

  @Test
  void aMissingMediaTypeIs415() throws Exception {
    hasProfile();

    assertRefused(upload(null, "Ana".getBytes(StandardCharsets.UTF_8)), 415, "text/plain");
  }

  @Test
  void aFileOverFiveMegabytesIs413() throws Exception {
    hasProfile();
    byte[] big = new byte[5 * 1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) 'a');

    assertRefused(upload("text/plain", big), 413, "larger than 5 MB");
  }

  @Test
  void aBodyWithoutALengthIsBoundedTheSameWay() throws Exception {
    hasProfile();
    byte[] big = new byte[5 * 1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) 'a');

    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + PATH))
                .header("Authorization", "Bearer " + token("ana"))
                .header("Content-Type", "text/plain")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big))) // chunked: no length
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertRefused(r, 413, "larger than 5 MB");
  }

  @Test
  void anEmptyBodyIs400() throws Exception {
    hasProfile();

    assertRefused(upload("application/pdf", new byte[0]), 400, "the file is empty");
  }

  @Test
  void aZipBombIs413() throws Exception {
    hasProfile();

    assertRefused(upload(DOCX, ResumeFixtures.zipBomb(200L << 20)), 413, "expands to more than");
  }

  @Test
  void anEncryptedPdfIs400() throws Exception {
    hasProfile();

    assertRefused(
        upload("application/pdf", ResumeFixtures.encryptedPdf("Ana")), 400, "PDF is encrypted");
  }

  @Test
  void anEncryptedDocxIs400() throws Exception {
    hasProfile();

    assertRefused(
        upload(DOCX, ResumeFixtures.encryptedDocx(List.of("Ana"))), 400, "DOCX is encrypted");
  }

  @Test
  void aDamagedPdfIs400() throws Exception {
    hasProfile();

    assertRefused(upload("application/pdf", ResumeFixtures.corruptPdf()), 400, "damaged");
  }

  @Test
  void aPdfWithoutTextIs400() throws Exception {
    hasProfile();

    assertRefused(upload("application/pdf", ResumeFixtures.pdfWithoutText()), 400, "no text");
  }

  @Test
  void otherRolesAre403() throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("rehearse")
            .audience("rehearse-api")
            .subject("an-analyst")
            .claim("roles", List.of("analyst"))
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));

    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + PATH))
                .header("Authorization", "Bearer " + jwt.serialize())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("Ana"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertRefused(r, 403, "candidate");
  }
}
