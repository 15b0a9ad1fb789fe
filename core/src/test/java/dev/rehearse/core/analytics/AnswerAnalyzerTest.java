package dev.rehearse.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.core.analytics.AnswerMetrics.FillerCount;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.WordTiming;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerAnalyzerTest {

  private static final AnswerAnalyzer ANALYZER = new AnswerAnalyzer();

  private static AnswerMetrics text(String text) {
    return ANALYZER.analyze(Answer.ofText(text));
  }

  private static AnswerMetrics text(String text, String language) {
    return ANALYZER.analyze(new AnalysisRequest(Optional.empty(), Answer.ofText(text), language));
  }

  private static Answer timed(String text, long... startEnd) {
    List<WordTiming> words = new ArrayList<>();
    String[] w = text.split(" ");
    for (int i = 0; i < startEnd.length / 2; i++) {
      words.add(new WordTiming(w[Math.min(i, w.length - 1)], startEnd[2 * i], startEnd[2 * i + 1]));
    }
    return new Answer(text, Optional.empty(), words, null, null, null);
  }

  /** Words of 200 ms, each after a gap of {@code gapMs}. */
  private static Answer evenlySpoken(int count, long gapMs) {
    List<WordTiming> words = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    long t = 0;
    for (int i = 0; i < count; i++) {
      words.add(new WordTiming("w" + i, t, t + 200));
      text.append("w").append(i).append(' ');
      t += 200 + gapMs;
    }
    return new Answer(text.toString().strip(), Optional.empty(), words, null, null, null);
  }

  @Nested
  class Words {
    @Test
    void countsTheWordsOfTheTranscript() {
      assertThat(text("I led the migration to Kafka.").wordCount()).isEqualTo(6);
    }

    @Test
    void apostrophesAndHyphensInsideWordsDoNotSplitThem() {
      assertThat(text("I don't know, it's a trade-off").wordCount()).isEqualTo(6);
      assertThat(text("‘quoted’ words - and dashes").wordCount()).isEqualTo(4);
    }

    @Test
    void numbersWithDecimalsAreOneWord() {
      assertThat(text("latency fell 3.5 times to 1,200 ms.").wordCount()).isEqualTo(7);
    }

    @Test
    void anyScriptCountsAndEmojiAreNotWords() {
      assertThat(text("مرحبا بالعالم — こんにちは 🙂 мир").wordCount()).isEqualTo(4);
      assertThat(text("नमस्ते दुनिया").wordCount()).isEqualTo(2);
    }

    @Test
    void anAnswerWithoutWordsIsRejectedNamingTheField() {
      for (String noWords : List.of("", "   ", " ... !! ", "🙂🙂🙂")) {
        assertThatThrownBy(() -> text(noWords))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("text:");
      }
    }
  }

  @Nested
  class Pace {
    @Test
    void usesTheReportedDurationWithoutTimings() {
      AnswerMetrics m =
          ANALYZER.analyze(
              new Answer(
                  "one two three four five six", Optional.of(3_000L), null, null, null, null));

      assertThat(m.durationMs()).contains(3_000L);
      assertThat(m.wordsPerMinute()).contains(120.0);
      assertThat(m.articulationRate()).isEmpty();
    }

    @Test
    void usesTheSpeakingSpanWhenTimingsExist() {
      Answer answer =
          new Answer(
              "I shipped it",
              Optional.of(60_000L),
              List.of(
                  new WordTiming("I", 1_000, 1_200),
                  new WordTiming("shipped", 1_300, 1_800),
                  new WordTiming("it", 2_500, 3_000)),
              null,
              null,
              null);

      AnswerMetrics m = ANALYZER.analyze(answer);

      assertThat(m.durationMs()).contains(2_000L);
      assertThat(m.wordsPerMinute()).contains(90.0);
    }

    @Test
    void articulationRateLeavesPausesOut() {
      // 4 words of 200 ms with 800 ms pauses: span 3200 ms, of which 2400 ms silence
      AnswerMetrics m = ANALYZER.analyze(evenlySpoken(4, 800));

      assertThat(m.wordsPerMinute()).contains(75.0);
      assertThat(m.articulationRate()).contains(300.0);
    }

    @Test
    void withoutAnySpanThereIsNoPaceAndNoNaN() {
      AnswerMetrics m = text("just words");

      assertThat(m.durationMs()).isEmpty();
      assertThat(m.wordsPerMinute()).isEmpty();
      assertThat(m.fillersPerMinute()).isEmpty();
      assertThat(m.pace()).isEqualTo("unknown");
    }

    @Test
    void aZeroDurationGivesNoPaceRatherThanInfinity() {
      assertThat(
              ANALYZER
                  .analyze(new Answer("fast", Optional.of(0L), null, null, null, null))
                  .wordsPerMinute())
          .isEmpty();
    }

    @Test
    void aNegativeDurationIsRejected() {
      assertThatThrownBy(
              () -> ANALYZER.analyze(new Answer("fast", Optional.of(-1L), null, null, null, null)))
          .hasMessageStartingWith("durationMs:");
    }

    @ParameterizedTest
    @CsvSource({
      "90,slow",
      "110,somewhat-slow",
      "120,good",
      "140,good",
      "160,good",
      "170,somewhat-fast",
      "181,fast"
    })
    void paceBands(double wpm, String band) {
      assertThat(Bands.pace(Optional.of(wpm))).isEqualTo(band);
    }
  }

  @Nested
  class Fillers {
    private int fillers(String text) {
      return text(text).fillerCount();
    }

    @Test
    void hesitationsAlwaysCount() {
      assertThat(fillers("Um, I think, uh, we used Postgres. Erm, mostly.")).isEqualTo(3);
    }

    @Test
    void likeAsAVerbOrComparisonIsNotAFiller() {
      assertThat(fillers("I like Kafka.")).isZero();
      assertThat(fillers("It looks like a log.")).isZero();
      assertThat(fillers("We would like to ship it.")).isZero();
      assertThat(fillers("Like the previous team, we used queues.")).isZero();
      assertThat(fillers("Things like caching help.")).isZero();
    }

    @Test
    void detachedLikeIsAFiller() {
      assertThat(fillers("It was, like, really hard.")).isEqualTo(1);
      assertThat(fillers("It was like really hard.")).isEqualTo(1);
      assertThat(fillers("Like, we had no tests.")).isEqualTo(1);
    }

    @Test
    void soOpeningASentenceCountsButSoThatDoesNot() {
      assertThat(fillers("So, we started with the schema.")).isEqualTo(1);
      assertThat(fillers("Um, so, we started with the schema.")).isEqualTo(2);
      assertThat(fillers("We cached it so that reads were cheap.")).isZero();
      assertThat(fillers("So that was the plan.")).isZero();
      assertThat(fillers("It was so slow.")).isZero();
    }

    @Test
    void multiWordFillersCountOnce() {
      assertThat(fillers("It was hard, you know, to test.")).isEqualTo(1);
      assertThat(fillers("I mean, the queue was full.")).isEqualTo(1);
      assertThat(fillers("You know what I mean, it broke.")).isEqualTo(1);
      assertThat(text("You know what I mean, it broke.").topFillers())
          .containsExactly(new FillerCount("you know what i mean", 1));
    }

    @Test
    void youKnowAndIMeanUsedForTheirMeaningAreNotFillers() {
      assertThat(fillers("Do you know the answer?")).isZero();
      assertThat(fillers("That is what I mean by ownership.")).isZero();
      assertThat(fillers("You know the codebase better than me.")).isZero();
    }

    @Test
    void questionTagsAreFillersButRightIsNot() {
      assertThat(fillers("We should cache it, right?")).isEqualTo(1);
      assertThat(fillers("That's right.")).isZero();
      assertThat(fillers("Turn right at the door.")).isZero();
    }

    @Test
    void wellAndOkayOnlyOpeningWithAComma() {
      assertThat(fillers("Well, it depends.")).isEqualTo(1);
      assertThat(fillers("Well designed APIs matter.")).isZero();
      assertThat(fillers("It worked well.")).isZero();
      // "so" opening the answer after another filler is a filler too (docs/labelling.md)
      assertThat(fillers("Okay, so the first step.")).isEqualTo(2);
      assertThat(fillers("We talked. Okay, so the first step.")).isEqualTo(1);
    }

    @Test
    void topFillersAreSortedByCountThenName() {
      AnswerMetrics m = text("Um, uh, um. Basically, um, uh.");

      assertThat(m.topFillers())
          .containsExactly(
              new FillerCount("um", 3), new FillerCount("uh", 2), new FillerCount("basically", 1));
      assertThat(m.fillerCount()).isEqualTo(6);
    }

    @Test
    void fillersPerMinuteUseTheSpan() {
      AnswerMetrics m =
          ANALYZER.analyze(
              new Answer("um yes um sure um", Optional.of(30_000L), null, null, null, null));

      assertThat(m.fillerCount()).isEqualTo(3);
      assertThat(m.fillersPerMinute()).contains(6.0);
      assertThat(m.fluency()).isEqualTo("some-fillers");
    }

    @Test
    void spanishFillers() {
      assertThat(text("Eh, o sea, el sistema era lento.", "es").fillerCount()).isEqualTo(2);
      assertThat(text("Este proyecto fue difícil.", "es").fillerCount()).isZero();
      assertThat(text("Fue, este, complicado.", "es").fillerCount()).isEqualTo(1);
      assertThat(text("Pues tuvimos que migrar.", "es").fillerCount()).isEqualTo(1);
      // "pues" after "y" or set off mid-sentence, and an empty "es que" opening a sentence
      assertThat(text("Lo probamos y pues funcionó.", "es").fillerCount()).isEqualTo(1);
      assertThat(text("Es que no teníamos tiempo.", "es").fillerCount()).isEqualTo(1);
      // "es que" inside a sentence says what something is
      assertThat(text("El precio es que pierdes la respuesta.", "es").fillerCount()).isZero();
    }

    @Test
    void frenchFillers() {
      assertThat(text("Euh, en fait, on a migré la base.", "fr").fillerCount()).isEqualTo(2);
      assertThat(text("C'était compliqué, quoi.", "fr").fillerCount()).isEqualTo(1);
      assertThat(text("Quoi de neuf dans le projet?", "fr").fillerCount()).isZero();
      assertThat(text("Il y avait du genre humain.", "fr").fillerCount()).isZero();
    }

    @Test
    void germanFillers() {
      assertThat(text("Äh, ähm, wir haben das System migriert.", "de").fillerCount()).isEqualTo(2);
      assertThat(text("Also, wir haben angefangen.", "de").fillerCount()).isEqualTo(1);
      assertThat(text("Wir haben also angefangen.", "de").fillerCount()).isZero();
      assertThat(text("Das war schwierig, ne?", "de").fillerCount()).isEqualTo(1);
    }

    @Test
    void anUnknownLanguageIsAnalysedWithTheEnglishLexicon() {
      assertThat(text("um, we shipped it", "pt").fillerCount()).isEqualTo(1);
    }
  }

  @Nested
  class Pauses {
    @Test
    void gapsFromTheThresholdOnAreCounted() {
      // gaps 100, 250, 999, 1000, 3000 ms
      Answer a =
          timed("a b c d e f", 0, 100, 200, 300, 550, 600, 1599, 1700, 2700, 2800, 5800, 6000);

      AnswerMetrics m = ANALYZER.analyze(a);

      assertThat(m.pauseCount()).contains(4);
      assertThat(m.longPauseCount()).contains(2);
      assertThat(m.longestPauseMs()).contains(3_000L);
      assertThat(m.pauseRatio()).contains(round((250 + 999 + 1000 + 3000) / 6000.0));
    }

    @Test
    void thresholdsAreConfigurable() {
      AnswerAnalyzer strict = new AnswerAnalyzer(new AnalyzerSettings(500, 2000, 50));

      AnswerMetrics m = strict.analyze(timed("a b c", 0, 100, 500, 600, 1700, 1800));

      assertThat(m.pauseCount()).contains(1);
      assertThat(m.longPauseCount()).contains(0);
    }

    @Test
    void withoutTimingsPausesAreUnknown() {
      AnswerMetrics m = text("no timings here");

      assertThat(m.pauseCount()).isEmpty();
      assertThat(m.pauseRatio()).isEmpty();
      assertThat(m.longestPauseMs()).isEmpty();
    }

    @Test
    void overlappingAndUnorderedTimingsAreRejected() {
      assertThatThrownBy(() -> ANALYZER.analyze(timed("a b c", 1000, 1500, 0, 1200, 1400, 1600)))
          .hasMessageStartingWith("words[1].startMs:");
    }

    @Test
    void negativeOrInvertedTimingsAreRejectedNamingTheWord() {
      assertThatThrownBy(() -> ANALYZER.analyze(timed("a b", 0, 100, -5, 10)))
          .hasMessage("words[1].startMs: must not be negative");
      assertThatThrownBy(() -> ANALYZER.analyze(timed("a b", 0, 100, 300, 200)))
          .hasMessage("words[1].endMs: must not be before startMs");
    }

    @Test
    void wordsAllAtOneInstantGiveNoSpan() {
      AnswerMetrics m = ANALYZER.analyze(timed("a b", 500, 500, 500, 500));

      assertThat(m.durationMs()).isEmpty();
      assertThat(m.wordsPerMinute()).isEmpty();
      assertThat(m.pauseRatio()).isEmpty();
    }

    private double round(double v) {
      return Math.round(v * 1000) / 1000.0;
    }
  }

  @Nested
  class Latency {
    @Test
    void isAnswerStartMinusQuestionAsked() {
      Answer a =
          new Answer("ok", Optional.empty(), null, null, Optional.of(1_000L), Optional.of(4_500L));

      assertThat(ANALYZER.analyze(a).responseLatencyMs()).contains(3_500L);
    }

    @Test
    void isUnknownWithoutBothTimes() {
      Answer a =
          new Answer("ok", Optional.empty(), null, null, Optional.of(1_000L), Optional.empty());

      assertThat(ANALYZER.analyze(a).responseLatencyMs()).isEmpty();
    }

    @Test
    void anAnswerBeforeItsQuestionIsRejected() {
      Answer a =
          new Answer("ok", Optional.empty(), null, null, Optional.of(5_000L), Optional.of(4_000L));

      assertThatThrownBy(() -> ANALYZER.analyze(a)).hasMessageStartingWith("answerStartedAtMs:");
    }
  }

  @Nested
  class Vocabulary {
    @Test
    void allDistinctWordsHaveFullDiversity() {
      assertThat(text("every single word here differs").lexicalDiversity()).isEqualTo(1.0);
    }

    @Test
    void repeatedWordsLowerDiversity() {
      assertThat(text("data data data data").lexicalDiversity()).isEqualTo(0.25);
    }

    @Test
    void diversityIsRobustToLength() {
      String varied =
          "we designed the pipeline around idempotent writes so replays never duplicated rows and "
              + "every consumer could restart safely after failures while monitoring showed lag";
      double shortAnswer = text(varied).lexicalDiversity();
      double longAnswer =
          text((varied + " ").repeat(1) + varied.replace("we", "they")).lexicalDiversity();

      assertThat(shortAnswer).isBetween(0.9, 1.0);
      assertThat(longAnswer).isBetween(0.5, 1.0);
    }

    @Test
    void repetitionIsTheShareOfRepeatedTrigrams() {
      assertThat(text("one two three one two three").repetition()).isEqualTo(0.25);
      assertThat(text("nothing repeats in this answer at all").repetition()).isZero();
      assertThat(text("too short").repetition()).isZero();
      // the first word's trigram with itself ("a a a") counts like any other
      assertThat(text("a a a a a").repetition()).isEqualTo(0.667);
    }

    @Test
    void repetitionCountsEveryRepeatOfEveryTrigram() {
      java.util.Random random = new java.util.Random(7);
      for (int round = 0; round < 200; round++) {
        int[] words = new int[3 + random.nextInt(300)];
        int vocabulary = 1 + random.nextInt(20);
        for (int i = 0; i < words.length; i++) {
          words[i] = random.nextInt(vocabulary);
        }
        java.util.Set<java.util.List<Integer>> distinct = new java.util.HashSet<>();
        for (int i = 0; i + 2 < words.length; i++) {
          distinct.add(java.util.List.of(words[i], words[i + 1], words[i + 2]));
        }
        int trigrams = words.length - 2;
        assertThat(AnswerAnalyzer.repetition(words))
            .isEqualTo((double) (trigrams - distinct.size()) / trigrams);
      }
    }

    @Test
    void hedgesAreCounted() {
      assertThat(text("I guess maybe it was sort of slow, I'm not sure.").hedgeCount())
          .isEqualTo(4);
      assertThat(text("What kind of database did you use?").hedgeCount()).isZero();
      assertThat(text("Perhaps we should probably wait.").hedgeCount()).isEqualTo(2);
    }

    @Test
    void hedgesInOtherLanguages() {
      assertThat(text("Creo que tal vez funcionó.", "es").hedgeCount()).isEqualTo(2);
      assertThat(text("Je pense que c'était peut-être lent.", "fr").hedgeCount()).isEqualTo(2);
      assertThat(text("Ich glaube, vielleicht war es langsam.", "de").hedgeCount()).isEqualTo(2);
    }
  }

  @Nested
  class Sentiment {
    @Test
    void positiveAndNegativeWordsSetTheTone() {
      assertThat(text("It was a great success and I was proud.").sentiment()).isGreaterThan(0.5);
      assertThat(text("It was a terrible failure.").sentiment()).isLessThan(-0.5);
      // the trained model leans on what success and failure stories say, so a plain fact is not
      // exactly 0, but it stays between the two
      double fact = text("We moved the table to another server.").sentiment();
      assertThat(fact).isLessThan(text("It was a great success and I was proud.").sentiment());
      assertThat(fact).isGreaterThan(text("It was a terrible failure.").sentiment());
    }

    @Test
    void negationFlipsTheTone() {
      assertThat(text("The result was good.").sentiment()).isPositive();
      assertThat(text("The result was not good.").sentiment()).isNegative();
      assertThat(text("It was never a problem.").sentiment()).isPositive();
    }

    @Test
    void intensifiersStrengthenIt() {
      assertThat(text("It was really good.").sentiment())
          .isGreaterThan(text("It was good.").sentiment());
      assertThat(text("It was slightly bad.").sentiment())
          .isGreaterThan(text("It was bad.").sentiment());
    }

    @Test
    void staysWithinMinusOneAndOne() {
      assertThat(text("great ".repeat(500)).sentiment()).isBetween(0.99, 1.0);
      assertThat(text("terrible ".repeat(500)).sentiment()).isBetween(-1.0, -0.99);
    }

    @Test
    void otherLanguagesHaveTheirOwnLexicon() {
      assertThat(text("El proyecto fue un éxito.", "es").sentiment()).isPositive();
      assertThat(text("Ce n'était pas bon.", "fr").sentiment()).isNegative();
      assertThat(text("Das war nicht gut.", "de").sentiment()).isNegative();
    }
  }

  @Nested
  class Star {
    private static final String FULL =
        "In my last role our checkout service kept timing out during sales. "
            + "I was responsible for fixing it before the holiday season. "
            + "I added tracing and moved the slow query behind a cache. "
            + "As a result the timeouts stopped and latency dropped by sixty percent.";

    @Test
    void aCompleteAnswerHasAllFourParts() {
      AnswerMetrics.Star star = text(FULL).star();

      assertThat(star.situation()).isTrue();
      assertThat(star.task()).isTrue();
      assertThat(star.action()).isTrue();
      assertThat(star.result()).isTrue();
      assertThat(star.completeness()).isEqualTo(1.0);
    }

    @Test
    void sharesAreTheWordsOfEachPart() {
      AnswerMetrics m = text(FULL);
      AnswerMetrics.StarShares shares = m.star().shares();

      assertThat(shares.situation()).isEqualTo(Math.round(12 * 1000.0 / m.wordCount()) / 1000.0);
      assertThat(shares.situation() + shares.task() + shares.action() + shares.result())
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.002));
    }

    @Test
    void anAnswerWithoutAnOutcomeHasNoResult() {
      AnswerMetrics.Star star =
          text("At my last job we had a flaky deploy. I rewrote the pipeline and added checks.")
              .star();

      assertThat(star.situation()).isTrue();
      assertThat(star.action()).isTrue();
      assertThat(star.result()).isFalse();
      assertThat(star.completeness()).isEqualTo(0.5);
    }

    @Test
    void aHypotheticalAnswerIsNotPastExperience() {
      AnswerMetrics.Star star =
          text("I would first look at the logs. Then I would add a cache, and as a result latency would improve.")
              .star();

      assertThat(star.situation()).isFalse();
      assertThat(star.result()).isFalse();
      assertThat(star.completeness()).isZero();
    }

    @Test
    void aPastTenseVerbAfterIIsAnAction() {
      // in a story: a clause's part depends on its place in the answer, as the labels do
      assertThat(
              text("The cluster was out of disk. I migrated the cluster to bigger nodes over a"
                      + " weekend. We have had no alerts since.")
                  .star()
                  .action())
          .isTrue();
      assertThat(text("I need coffee.").star().action()).isFalse();
    }

    @Test
    void otherLanguagesHaveCues() {
      AnswerMetrics.Star star =
          text(
                  "En mi último trabajo el sistema era lento. Decidí añadir una caché. Como resultado, todo fue más rápido.",
                  "es")
              .star();

      assertThat(star.situation()).isTrue();
      assertThat(star.action()).isTrue();
      assertThat(star.result()).isTrue();
    }
  }

  @Nested
  class Bands_ {
    @Test
    void concisenessFollowsLength() {
      assertThat(text("short answer").conciseness()).isEqualTo("too-short");
      assertThat(text("word ".repeat(100)).conciseness()).isEqualTo("concise");
      assertThat(text("word ".repeat(300)).conciseness()).isEqualTo("long");
      assertThat(text("word ".repeat(500)).conciseness()).isEqualTo("rambling");
    }

    @Test
    void fluencyWithoutADurationUsesFillersPer100Words() {
      assertThat(Bands.fluency(3, 100, Optional.empty())).isEqualTo("fluent");
      assertThat(Bands.fluency(5, 100, Optional.empty())).isEqualTo("some-fillers");
      assertThat(Bands.fluency(9, 100, Optional.empty())).isEqualTo("disfluent");
      assertThat(Bands.fluency(0, 0, Optional.empty())).isEqualTo("fluent");
    }

    @Test
    void fluencyWithADurationUsesFillersPerMinute() {
      assertThat(Bands.fluency(0, 1, Optional.of(5.0))).isEqualTo("fluent");
      assertThat(Bands.fluency(0, 1, Optional.of(12.0))).isEqualTo("disfluent");
    }
  }

  @Nested
  class HostileInput {
    @Test
    void aMegabyteOfTextGivesSaneValues() {
      String megabyte = "We scaled the service and um it worked well. ".repeat(1_000_000 / 46);

      AnswerMetrics m = text(megabyte);

      assertThat(m.wordCount()).isGreaterThan(150_000);
      assertThat(m.lexicalDiversity()).isBetween(0.0, 1.0);
      assertThat(m.repetition()).isBetween(0.9, 1.0);
      assertThat(m.sentiment()).isBetween(-1.0, 1.0);
      assertThat(m.conciseness()).isEqualTo("rambling");
    }

    @Test
    void rightToLeftTextAndEmojiAreFine() {
      AnswerMetrics m = text("שלום עולם 🚀🚀 ‏مرحبا‎");

      assertThat(m.wordCount()).isEqualTo(3);
      assertThat(m.fillerCount()).isZero();
      assertThat(Double.isFinite(m.sentiment())).isTrue();
    }

    @Test
    void controlCharactersAndNullsDoNotBreakAnything() {
      assertThat(text("a\u0000b\tc\r\nd").wordCount()).isEqualTo(4);
    }

    @Test
    void manyTimingsAreHandled() {
      AnswerMetrics m = ANALYZER.analyze(evenlySpoken(10_000, 300));

      assertThat(m.pauseCount()).contains(9_999);
      assertThat(m.wordsPerMinute()).isPresent();
    }
  }
}
