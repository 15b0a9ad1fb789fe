package dev.rehearse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearse.core.assessment.AnswerDimensions;
import dev.rehearse.core.lake.BronzeAnswerFields;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.deploy.cli.ApiClient;
import dev.rehearse.deploy.stack.Stack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spoken answer through the real stack: an {@code espeak-ng} WAV (Debian package; missing, the
 * test fails) posted to {@code /sessions/{id}/audio} is stored in the lake, measured by the
 * interview job's audio step, answered with {@code metrics.audio}, and written to the bronze row's
 * audio columns at the next checkpoint. Prints the audio path's latency (request to reply) and the
 * stream process's CPU per minute of audio.
 */
class AudioAnswerIT {

  private static final String USER = "it-speaker";
  private static final String ANSWER =
      "In my last role I led a small team that rebuilt our billing system. The old software was"
          + " slow and difficult to change, so we planned the migration in short steps. Every week"
          + " we moved one component, tested it with real customer data, and kept the previous"
          + " version ready. After three months the new system was twice as fast, and support"
          + " tickets dropped by half.";

  private static Stack stack;
  private static ApiClient candidate;

  @TempDir static Path dir;

  @BeforeAll
  static void startStack() throws Exception {
    stack = LocalStack.get();
    candidate = new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, USER));
  }

  /** {@code text} spoken by espeak-ng at {@code wordsPerMinute}, as a WAV file. */
  private static byte[] speak(String text, int wordsPerMinute, String name) throws Exception {
    Path input = dir.resolve(name + ".txt");
    Path wav = dir.resolve(name + ".wav");
    Files.writeString(input, text, StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder(
                "espeak-ng",
                "-v",
                "en-us",
                "-s",
                String.valueOf(wordsPerMinute),
                "-w",
                wav.toString(),
                "-f",
                input.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("espeak-ng (apt-get install espeak-ng)").isZero();
    return Files.readAllBytes(wav);
  }

  /** The WAV's duration from its header (16-bit mono PCM, as espeak-ng writes it). */
  private static double minutes(byte[] wav) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int rate = b.getInt(24);
    int blockAlign = b.getShort(32);
    return (wav.length - 44) / (double) blockAlign / rate / 60.0;
  }

  /** The CPU time the stream jobs' process has used so far. */
  private static Duration streamCpu() throws Exception {
    long pid =
        Files.readAllLines(stack.config().dataDir().resolve("stack.pids")).stream()
            .filter(l -> l.startsWith("flink "))
            .map(l -> Long.parseLong(l.split(" ")[1]))
            .findFirst()
            .orElseThrow();
    return ProcessHandle.of(pid).orElseThrow().info().totalCpuDuration().orElseThrow();
  }

  @Test
  void aSpokenAnswerIsStoredMeasuredRepliedAndWrittenToTheLake() throws Exception {
    ApiClient.Response started =
        candidate.post(
            "/ai-interview/sessions",
            Map.of("type", "behavioral", "role", "Engineering Manager", "questionCount", 5));
    assertThat(started.status()).isEqualTo(201);
    String sessionId = started.body().path("id").asText();

    List<byte[]> answers =
        List.of(
            speak(ANSWER, 150, "a150"),
            speak(ANSWER, 120, "a120"),
            speak(ANSWER, 180, "a180"),
            speak(ANSWER, 150, "b150"));

    // the stream process's idle CPU, to take out of what the answers cost
    Duration idleBefore = streamCpu();
    long idleStart = System.nanoTime();
    Thread.sleep(5_000);
    double idleCpuPerSecond =
        streamCpu().minus(idleBefore).toNanos() / (double) (System.nanoTime() - idleStart);

    List<Long> latenciesMs = new ArrayList<>();
    List<JsonNode> replies = new ArrayList<>();
    double audioMinutes = 0;
    Duration cpuBefore = streamCpu();
    long wallStart = System.nanoTime();
    for (byte[] wav : answers) {
      long t0 = System.nanoTime();
      ApiClient.Response reply =
          candidate.send(
              "POST", "/ai-interview/sessions/" + sessionId + "/audio", "audio/wav", wav);
      latenciesMs.add((System.nanoTime() - t0) / 1_000_000);
      assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
      replies.add(reply.body());
      audioMinutes += minutes(wav);
    }
    long wallNanos = System.nanoTime() - wallStart;
    Duration cpu = streamCpu().minus(cpuBefore);

    // the reply: the next question, metrics with the audio's, no transcriber configured
    JsonNode first = replies.get(0);
    assertThat(first.path("next").path("index").asInt()).isEqualTo(1);
    JsonNode audio = first.path("metrics").path("audio");
    assertThat(audio.path("speechMs").asLong()).isPositive();
    assertThat(audio.path("estimatedWordsPerMinute").asDouble()).isBetween(90.0, 250.0);
    assertThat(audio.path("pitchMeanHz").asDouble()).isPositive();
    assertThat(first.has("transcript")).isTrue();
    assertThat(first.path("transcript").isNull()).isTrue();
    assertThat(first.path("metrics").path("wordCount").asInt()).isZero();
    assertThat(first.path("metrics").path("durationMs").asLong())
        .isCloseTo(
            Math.round(minutes(answers.get(0)) * 60_000), org.assertj.core.data.Offset.offset(5L));
    // the rendering at 180 words a minute is measured faster than the one at 120
    assertThat(
            replies.get(2).path("metrics").path("audio").path("estimatedWordsPerMinute").asDouble())
        .isGreaterThan(
            replies
                .get(1)
                .path("metrics")
                .path("audio")
                .path("estimatedWordsPerMinute")
                .asDouble());

    // the WAV, as sent, in the lake under the user's hashed folder and the session
    String folder = LakeDatasets.audioFolder(USER) + "/" + sessionId + "/";
    List<String> stored = LocalStack.lakeObjects(stack, folder);
    assertThat(stored).hasSize(answers.size()).allMatch(n -> n.endsWith(".wav"));
    assertThat(stored).noneMatch(n -> n.contains(USER));

    // the bronze row has the audio columns once the next checkpoint commits it
    Map<String, Object> row =
        LocalStack.eventually(
            () ->
                LocalStack.lakeRows(stack, "bronze/answers/").stream()
                    .filter(r -> sessionId.equals(r.get(BronzeAnswerFields.SESSION_ID)))
                    .filter(
                        r -> Integer.valueOf(0).equals(r.get(BronzeAnswerFields.QUESTION_INDEX)))
                    .findFirst()
                    .orElse(null));
    assertThat(((Number) row.get(BronzeAnswerFields.AUDIO_SPEECH_MS)).longValue())
        .isEqualTo(audio.path("speechMs").asLong());
    assertThat(((Number) row.get(BronzeAnswerFields.AUDIO_PITCH_STD_SEMITONES)).doubleValue())
        .isEqualTo(audio.path("pitchStdSemitones").asDouble());
    assertThat(row.get(BronzeAnswerFields.AUDIO_VOICED_RATIO)).isNotNull();
    // and the answer's dimension scores, computed once by the interview job
    assertThat(row.get(BronzeAnswerFields.SCORES_VERSION)).isEqualTo(AnswerDimensions.VERSION);
    assertThat(row.get(BronzeAnswerFields.SCORE_CONCISENESS)).isNotNull();
    assertThat(row.get(BronzeAnswerFields.SCORE_CLARITY)).isNotNull();

    double cpuSeconds = cpu.toNanos() / 1e9;
    double idleSeconds = idleCpuPerSecond * wallNanos / 1e9;
    System.out.printf(
        "[audio] %d spoken answers, %.2f min of audio: latency endpoint to reply %s ms"
            + " (mean %.0f ms); stream process CPU %.2f s (%.2f s idle baseline) ="
            + " %.2f s CPU per minute of audio%n",
        answers.size(),
        audioMinutes,
        latenciesMs,
        latenciesMs.stream().mapToLong(Long::longValue).average().orElse(0),
        cpuSeconds,
        idleSeconds,
        (cpuSeconds - idleSeconds) / audioMinutes);
    for (int i = 0; i < replies.size(); i++) {
      JsonNode a = replies.get(i).path("metrics").path("audio");
      System.out.printf(
          "[audio] answer %d: speechMs %d, pauses %d (long %d), %.1f syllables/s, %.0f words/min,"
              + " F0 %.0f Hz, F0 sd %.2f st, loudness sd %.1f dB, voiced %.2f%n",
          i,
          a.path("speechMs").asLong(),
          a.path("pauseCount").asInt(),
          a.path("longPauseCount").asInt(),
          a.path("syllablesPerSecond").asDouble(),
          a.path("estimatedWordsPerMinute").asDouble(),
          a.path("pitchMeanHz").asDouble(),
          a.path("pitchStdSemitones").asDouble(),
          a.path("loudnessStdDb").asDouble(),
          a.path("voicedRatio").asDouble());
    }
    assertThat(Optional.of(cpuSeconds)).hasValueSatisfying(c -> assertThat(c).isPositive());
  }
}
