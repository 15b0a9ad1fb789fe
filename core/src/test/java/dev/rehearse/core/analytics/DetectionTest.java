package dev.rehearse.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.core.analytics.AnswerMetrics.Clause;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.WordTiming;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The behaviours issue 13 asks of detection, sentiment, plausibility, language and script. */
class DetectionTest {

  private static final AnswerAnalyzer ANALYZER = new AnswerAnalyzer();

  private static AnswerMetrics analyze(String text, String language) {
    return ANALYZER.analyze(new AnalysisRequest(Optional.empty(), Answer.ofText(text), language));
  }

  private static String partOf(AnswerMetrics m, String text, String clause) {
    int start = text.indexOf(clause);
    int end = start + clause.length();
    return m.star().clauses().stream()
        .filter(c -> c.start() < end && c.end() > start)
        .max(
            java.util.Comparator.comparingInt(
                c -> Math.min(end, c.end()) - Math.max(start, c.start())))
        .map(Clause::part)
        .orElse("none");
  }

  @Nested
  class Star {
    @Test
    void aSentenceCanHoldAnActionAndItsResult() {
      String text =
          "Our batch jobs ran on on-demand instances and the bill kept growing. "
              + "I moved the jobs to spot instances, which cut the cost by half.";
      AnswerMetrics m = analyze(text, "en");

      assertThat(partOf(m, text, "I moved the jobs to spot instances")).isEqualTo("action");
      assertThat(partOf(m, text, "which cut the cost by half")).isEqualTo("result");
      assertThat(m.star().action()).isTrue();
      assertThat(m.star().result()).isTrue();
    }

    @Test
    void resultsStatedAsAChangedFigureOrTimeAreFound() {
      for (String text :
          List.of(
              "Releases needed a full manual regression pass. I split the suite by service and"
                  + " added a canary stage. After that, deploys took forty minutes and nobody got"
                  + " paged.",
              "The product page was slow on mobile. I moved the images to a CDN and lazy-loaded"
                  + " the reviews. The page now loads in 600 ms and conversion went up 8%.")) {
        assertThat(analyze(text, "en").star().result()).as(text).isTrue();
      }
    }

    @Test
    void clausesCoverTheTextInOrder() {
      String text = "We had an outage. I rolled back the release, and then I wrote a postmortem.";
      List<Clause> clauses = analyze(text, "en").star().clauses();

      assertThat(clauses).hasSizeGreaterThanOrEqualTo(2);
      for (int i = 1; i < clauses.size(); i++) {
        assertThat(clauses.get(i).start()).isGreaterThanOrEqualTo(clauses.get(i - 1).end());
      }
      assertThat(text.substring(clauses.get(0).start(), clauses.get(0).end()))
          .isEqualTo("We had an outage.");
    }

    @Test
    void tasksAndActionsInSpanishAndGermanAreFound() {
      AnswerMetrics es =
          analyze(
              "La página de pedidos tardaba ocho segundos en cargar. Mi objetivo era bajarla a"
                  + " menos de dos segundos. Reescribí la consulta y añadí un índice. La página"
                  + " pasó a cargar en un segundo.",
              "es");
      AnswerMetrics de =
          analyze(
              "Unser Checkout war sehr langsam. Ich sollte die Ladezeit halbieren. Ich habe ein"
                  + " Caching eingeführt und die Abfragen gebündelt. Danach lud die Seite in 800"
                  + " Millisekunden.",
              "de");

      assertThat(es.star().task()).isTrue();
      assertThat(es.star().action()).isTrue();
      assertThat(de.star().task()).isTrue();
      assertThat(de.star().action()).isTrue();
    }
  }

  @Nested
  class Sentiment {
    @Test
    void repeatingASentenceDoesNotChangeTheScore() {
      String once = "We had a good week.";
      double one = analyze(once, "en").sentiment();
      double many = analyze((once + " ").repeat(16).strip(), "en").sentiment();

      assertThat(one).isPositive();
      assertThat(many).isEqualTo(one);
    }

    @Test
    void aStoryOfFixingTimeoutsIsPositive() {
      String story =
          "Our payment service had constant timeouts and customers were angry. I found a"
              + " connection pool that was far too small and a slow query without an index. I"
              + " fixed both, and the timeouts disappeared; checkout errors dropped to zero.";

      assertThat(analyze(story, "en").sentiment()).isPositive();
    }

    @Test
    void sarcasmIsNegative() {
      assertThat(
              analyze("Oh great, another outage at three in the morning. Fantastic planning.", "en")
                  .sentiment())
          .isNegative();
    }

    @Test
    void theClauseAfterButWeighsMore() {
      double hardButShipped =
          analyze("It was hard and stressful, but we shipped it on time.", "en").sentiment();
      double shippedButHard =
          analyze("We shipped it on time, but it was hard and stressful.", "en").sentiment();

      assertThat(hardButShipped).isGreaterThan(shippedButHard);
    }

    @Test
    void scoresStayWithinMinusOneAndOne() {
      for (String text :
          List.of(
              "great ".repeat(500), "terrible awful horrible ".repeat(300), "not not not good")) {
        assertThat(analyze(text, "en").sentiment()).isBetween(-1.0, 1.0);
      }
    }
  }

  @Nested
  class Plausibility {
    private Answer timed(int words, long durationMs, long... startEnd) {
      List<WordTiming> timings = new ArrayList<>();
      for (int i = 0; i < startEnd.length; i += 2) {
        timings.add(new WordTiming("w", startEnd[i], startEnd[i + 1]));
      }
      return new Answer(
          "word ".repeat(words).strip(),
          durationMs < 0 ? Optional.empty() : Optional.of(durationMs),
          timings,
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }

    @Test
    void fourteenWordsInOneHundredMillisecondsAreRejected() {
      assertThatThrownBy(() -> ANALYZER.analyze(timed(14, 100)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("durationMs:")
          .hasMessageContaining("words a minute");
    }

    @Test
    void threeTimingsForTwentyWordsAreRejected() {
      assertThatThrownBy(() -> ANALYZER.analyze(timed(20, -1, 0, 300, 400, 700, 800, 1100)))
          .hasMessageStartingWith("words:")
          .hasMessageContaining("3 timings for 20 words");
    }

    @Test
    void aTimeOfNineTrillionMillisecondsIsRejected() {
      assertThatThrownBy(() -> ANALYZER.analyze(timed(3, 9_000_000_000_000L)))
          .hasMessageStartingWith("durationMs:");
      assertThatThrownBy(() -> ANALYZER.analyze(timed(2, -1, 0, 300, 400, 9_000_000_000_000L)))
          .hasMessageStartingWith("words[1].endMs:");
    }

    @Test
    void overlappingOrUnorderedTimingsAreRejected() {
      assertThatThrownBy(() -> ANALYZER.analyze(timed(3, -1, 0, 500, 400, 900, 1000, 1200)))
          .hasMessageStartingWith("words[1].startMs:");
      assertThatThrownBy(() -> ANALYZER.analyze(timed(3, -1, 1000, 1500, 0, 200, 1600, 1800)))
          .hasMessageStartingWith("words[1].startMs:");
    }

    @Test
    void timingsMustEndInsideTheDuration() {
      assertThatThrownBy(() -> ANALYZER.analyze(timed(2, 1000, 0, 400, 500, 1400)))
          .hasMessageStartingWith("words[1].endMs:")
          .hasMessageContaining("durationMs");
    }

    @Test
    void partialTimingsGivePausesButThePaceComesFromTheDuration() {
      // 12 words, timings for 8 of them over 2.4 s, the whole answer 6 s
      long[] t = new long[16];
      for (int i = 0; i < 8; i++) {
        t[2 * i] = i * 300L;
        t[2 * i + 1] = i * 300L + 200;
      }
      t[15] = 2_400;
      t[14] = 2_100;
      AnswerMetrics m = ANALYZER.analyze(timed(12, 6_000, t));

      assertThat(m.wordsPerMinute()).contains(120.0);
      assertThat(m.pauseCount()).contains(0);
    }

    @Test
    void plausibleInputIsAccepted() {
      long[] t = new long[10];
      for (int i = 0; i < 5; i++) {
        t[2 * i] = i * 400L;
        t[2 * i + 1] = i * 400L + 300;
      }
      // 5 words from 0 to 1.9 s
      assertThat(ANALYZER.analyze(timed(5, 2_000, t)).wordsPerMinute()).contains(157.89);
    }
  }

  @Nested
  class LanguageAndScript {
    @Test
    void theLanguageIsDetectedWhenAbsentAndReported() {
      AnswerMetrics es =
          analyze("Eh, bueno, o sea, trabajé en un proyecto y pues este, salió bien.", null);
      AnswerMetrics fr =
          analyze("Euh, du coup, j'ai travaillé sur le projet et c'était bien.", null);
      AnswerMetrics de = analyze("Äh, also ich habe das Projekt geleitet und es war gut.", null);
      AnswerMetrics en = analyze("Um, so I led the project and it went well.", null);

      assertThat(es.language()).isEqualTo("es");
      assertThat(es.fillerCount()).isGreaterThanOrEqualTo(3);
      assertThat(fr.language()).isEqualTo("fr");
      assertThat(de.language()).isEqualTo("de");
      assertThat(en.language()).isEqualTo("en");
      assertThat(analyze("Um, so I led the project.", "en").language()).isEqualTo("en");
    }

    @Test
    void japaneseAndChineseAnswersCountTheirWords() {
      AnswerMetrics ja = analyze("私は去年チームのデプロイ時間を半分に短縮しました。", null);
      AnswerMetrics zh = analyze("我们把部署时间从两个小时缩短到二十分钟。", null);

      assertThat(ja.language()).isEqualTo("ja");
      assertThat(ja.wordCount()).isBetween(8, 14);
      assertThat(zh.language()).isEqualTo("zh");
      assertThat(zh.wordCount()).isBetween(7, 14);
    }

    @Test
    void thaiCountsItsWords() {
      AnswerMetrics th = analyze("ผมแก้ปัญหาการหมดเวลาของระบบชำระเงิน", null);

      assertThat(th.language()).isEqualTo("th");
      assertThat(th.wordCount()).isGreaterThanOrEqualTo(5);
    }
  }
}
