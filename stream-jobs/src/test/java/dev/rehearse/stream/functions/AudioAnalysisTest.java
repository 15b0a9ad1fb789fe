package dev.rehearse.stream.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.analytics.AudioMetrics;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionCommand.StartSession;
import dev.rehearse.core.events.SessionCommand.SubmitAnswer;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.events.WordTiming;
import dev.rehearse.core.interview.InterviewState;
import dev.rehearse.core.interview.InterviewStateMachine;
import dev.rehearse.core.interview.OfflineInterviewer;
import dev.rehearse.core.interview.ProfileContext;
import dev.rehearse.core.interview.QuestionBank;
import dev.rehearse.core.interview.Transition;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.stream.functions.SpokenAnswerTranscriber.Transcript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audio step as Flink runs it (the async operator in a test harness) over a lake folder holding
 * real speech rendered by {@code espeak-ng} (Debian package; missing, the test fails): what a
 * spoken answer carries on to the state machine, and that every answer goes on, measured or not.
 */
class AudioAnalysisTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final String SESSION = "00000000-0000-0000-0000-0000000000b1";
  private static final String ANSWER =
      "In my last role I led a small team that rebuilt our billing system. We moved one component"
          + " every week, tested it with real customer data, and after three months the new system"
          + " was twice as fast.";
  private static final long TIMEOUT_MS = 8000;
  private static final long BUDGET_MS = 3000;

  @TempDir static Path lake;
  private static byte[] speech;

  @BeforeAll
  static void render() throws Exception {
    Path text = lake.resolve("answer.txt");
    Path wav = lake.resolve("answer.wav");
    Files.writeString(text, ANSWER, StandardCharsets.UTF_8);
    Process espeak =
        new ProcessBuilder(
                "espeak-ng",
                "-v",
                "en-us",
                "-s",
                "150",
                "-w",
                wav.toString(),
                "-f",
                text.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(espeak.waitFor(60, TimeUnit.SECONDS)).as("espeak-ng finished").isTrue();
    assertThat(espeak.exitValue()).as("espeak-ng (apt-get install espeak-ng)").isZero();
    speech = Files.readAllBytes(wav);
  }

  /** A spoken answer as the API publishes it, its WAV stored in the lake under its key. */
  private static SubmitAnswer spoken(String commandId, byte[] wav) throws IOException {
    String key = LakeDatasets.audioKey("u1", SESSION, commandId);
    Path file = lake.resolve(key);
    Files.createDirectories(file.getParent());
    Files.write(file, wav);
    return answer(commandId, "", Optional.of(key));
  }

  private static SubmitAnswer answer(String commandId, String text, Optional<String> audioRef) {
    return new SubmitAnswer(
        SessionCommand.SCHEMA_VERSION,
        commandId,
        SESSION,
        "u1",
        new Answer(
            text, Optional.of(9_000L), List.of(), audioRef, Optional.empty(), Optional.empty()),
        T0);
  }

  /** Runs {@code inputs} through the step; {@code beforeEnd} may move processing time. */
  private static List<Enriched> run(
      SpokenAnswerTranscriber transcriber, List<SubmitAnswer> inputs, long advanceMs)
      throws Exception {
    AudioAnalysis step =
        new AudioAnalysis(
            lake.toUri().toString(), transcriber, 2, java.time.Duration.ofMillis(BUDGET_MS));
    try (OneInputStreamOperatorTestHarness<Enriched, Enriched> harness =
        new OneInputStreamOperatorTestHarness<>(
            new AsyncWaitOperatorFactory<>(
                step, TIMEOUT_MS, 4, AsyncDataStream.OutputMode.UNORDERED),
            TypeInformation.of(Enriched.class).createSerializer(new SerializerConfigImpl()))) {
      harness.open();
      harness.setProcessingTime(0);
      for (SubmitAnswer input : inputs) {
        harness.processElement(new StreamRecord<>(Enriched.bare(input)));
      }
      if (advanceMs > 0) {
        harness.setProcessingTime(advanceMs);
      }
      harness.endInput();
      return harness.extractOutputValues();
    }
  }

  @Test
  void aSpokenAnswerGoesOnWithWhatItsRecordingMeasured() throws Exception {
    SubmitAnswer input = spoken("c-spoken", speech);

    List<Enriched> out = run(SpokenAnswerTranscriber.NONE, List.of(input), 0);

    assertThat(out).singleElement().satisfies(e -> assertThat(e.command()).isEqualTo(input));
    AudioMetrics audio = out.get(0).audio().orElseThrow();
    // about 35 words at espeak-ng's 150 words a minute: a dozen seconds of speech
    assertThat(audio.speechMs()).isBetween(6_000L, 20_000L);
    assertThat(audio.estimatedWordsPerMinute())
        .hasValueSatisfying(wpm -> assertThat(wpm).isBetween(100.0, 220.0));
    assertThat(audio.pitchMeanHz()).hasValueSatisfying(f0 -> assertThat(f0).isBetween(70.0, 300.0));
    assertThat(audio.voicedRatio()).hasValueSatisfying(r -> assertThat(r).isBetween(0.3, 1.0));
  }

  @Test
  void anOggOpusRecordingIsMeasuredLikeItsWav() throws Exception {
    Path wav = lake.resolve("egress.wav");
    Path ogg = lake.resolve("egress.ogg");
    Files.write(wav, speech);
    Process opusenc =
        new ProcessBuilder("opusenc", "--quiet", wav.toString(), ogg.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(opusenc.waitFor(60, TimeUnit.SECONDS)).as("opusenc finished").isTrue();
    assertThat(opusenc.exitValue()).as("opusenc (apt-get install opus-tools)").isZero();

    List<Enriched> out =
        run(
            SpokenAnswerTranscriber.NONE,
            List.of(spoken("c-wav", speech), spoken("c-ogg", Files.readAllBytes(ogg))),
            0);

    AudioMetrics fromWav = measured(out, "c-wav");
    AudioMetrics fromOgg = measured(out, "c-ogg");
    assertThat(fromOgg.speechMs()).isCloseTo(fromWav.speechMs(), within(fromWav.speechMs() / 10));
  }

  private static AudioMetrics measured(List<Enriched> out, String commandId) {
    return out.stream()
        .filter(e -> ((SubmitAnswer) e.command()).commandId().equals(commandId))
        .findFirst()
        .orElseThrow()
        .audio()
        .orElseThrow();
  }

  @Test
  void theStateMachineAnswersAnUntranscribedSpokenAnswerWithItsAudioMetrics() throws Exception {
    Enriched measured =
        run(SpokenAnswerTranscriber.NONE, List.of(spoken("c-sm", speech)), 0).get(0);
    InterviewStateMachine machine =
        new InterviewStateMachine(
            new OfflineInterviewer(QuestionBank.builtIn()), new AnswerAnalyzer());
    InterviewSpec spec =
        new InterviewSpec(
            InterviewType.BEHAVIORAL, "Engineer", "mid", Optional.empty(), "en", 3, null);
    Optional<InterviewState> started =
        machine
            .apply(
                Optional.empty(),
                new StartSession(SessionCommand.SCHEMA_VERSION, "c0", SESSION, "u1", spec, T0))
            .state();

    Transition t =
        machine.apply(
            started, measured.command(), ProfileContext.EMPTY, Optional.empty(), measured.audio());

    AnswerAnalyzed analysed = (AnswerAnalyzed) t.events().get(0);
    assertThat(analysed.metrics().audio()).isEqualTo(measured.audio()).isPresent();
    assertThat(analysed.metrics().wordCount()).isZero();
    assertThat(analysed.metrics().durationMs()).contains(9_000L);
    assertThat(analysed.metrics().pace()).isEqualTo("unknown");
    assertThat(t.events()).hasSize(2); // and the next question
  }

  @Test
  void whatTheTranscriberHeardBecomesTheAnswersTextAndTimings() throws Exception {
    List<WordTiming> words = List.of(new WordTiming("um", 0, 300), new WordTiming("I", 900, 1000));
    SpokenAnswerTranscriber heard = wav -> Optional.of(new Transcript("um I", words));

    Enriched out = run(heard, List.of(spoken("c-heard", speech)), 0).get(0);

    SubmitAnswer command = (SubmitAnswer) out.command();
    assertThat(command.answer().text()).isEqualTo("um I");
    assertThat(command.answer().words()).isEqualTo(words);
    assertThat(command.answer().audioRef())
        .contains(LakeDatasets.audioKey("u1", SESSION, "c-heard"));
    assertThat(command.commandId()).isEqualTo("c-heard");
    assertThat(out.audio()).isPresent();
  }

  @Test
  void aFailingTranscriberCostsTheAnswerItsTranscriptNotItsAudioMetrics() throws Exception {
    SpokenAnswerTranscriber failing =
        wav -> {
          throw new IllegalStateException("the recogniser is down");
        };
    SubmitAnswer input = spoken("c-deaf", speech);

    Enriched out = run(failing, List.of(input), 0).get(0);

    assertThat(out.command()).isEqualTo(input);
    assertThat(out.audio()).hasValueSatisfying(a -> assertThat(a.speechMs()).isPositive());
  }

  @Test
  void aTranscriberPastTheBudgetCostsTheAnswerItsTranscriptNotItsAudioMetrics() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    SpokenAnswerTranscriber stuck =
        wav -> {
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Optional.of(new Transcript("too late", List.of()));
        };
    SubmitAnswer input = spoken("c-slow-asr", speech);

    long t0 = System.nanoTime();
    Enriched out = run(stuck, List.of(input), 0).get(0);

    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(TIMEOUT_MS);
    assertThat(out.command()).isEqualTo(input);
    assertThat(out.audio()).isPresent();
    never.countDown();
  }

  @Test
  void anAnalysisPastTheTimeoutLetsTheAnswerGoOnAsText() throws Exception {
    SubmitAnswer input = spoken("c-slow", speech);

    // the step's timeout fires (processing time moved past it) before the analysis ends
    List<Enriched> out = run(SpokenAnswerTranscriber.NONE, List.of(input), TIMEOUT_MS + 1);

    assertThat(out).singleElement().isEqualTo(Enriched.bare(input));
  }

  @Test
  void typedAnswersAndOtherCommandsPassUnchanged() throws Exception {
    SubmitAnswer typed = answer("c-typed", "I listened first.", Optional.empty());

    assertThat(run(SpokenAnswerTranscriber.NONE, List.of(typed), 0))
        .containsExactly(Enriched.bare(typed));
  }

  @Test
  void anAnswerNamingAudioOtherThanItsOwnKeyIsNotRead() throws Exception {
    // another user's recording, named by a client in a typed answer's audioRef
    SubmitAnswer someoneElses = spoken("c-other", speech);
    String theirs = someoneElses.answer().audioRef().orElseThrow();
    SubmitAnswer claiming = answer("c-claim", "", Optional.of(theirs));

    List<Enriched> out = run(SpokenAnswerTranscriber.NONE, List.of(claiming), 0);

    assertThat(out).containsExactly(Enriched.bare(claiming));
  }

  @Test
  void audioThatCannotBeReadOrAnalysedLetsTheAnswerGoOnAsText() throws Exception {
    SubmitAnswer missing =
        answer("c-missing", "", Optional.of(LakeDatasets.audioKey("u1", SESSION, "c-missing")));
    SubmitAnswer garbage = spoken("c-garbage", "not a wav".getBytes(StandardCharsets.UTF_8));

    List<Enriched> out = run(SpokenAnswerTranscriber.NONE, List.of(missing, garbage), 0);

    assertThat(out).containsExactlyInAnyOrder(Enriched.bare(missing), Enriched.bare(garbage));
  }
}
