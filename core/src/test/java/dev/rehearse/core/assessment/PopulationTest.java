package dev.rehearse.core.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.analytics.AnalysisRequest;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.interview.Claim;
import dev.rehearse.core.interview.Question;
import dev.rehearse.core.interview.QuestionBank;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Discriminant validity over a synthetic population: answers to bank questions built from
 * independent traits — on topic or not, key points covered, a misconception, numbers, named
 * systems, causal links, trade-offs, signposts, STAR parts, "I" or "we", diagnosis, alternatives,
 * verification, padding, repetition, fillers and pace — each drawn on its own. If the dimensions
 * each measure one thing, no two of them correlate strongly across the population.
 */
class PopulationTest {

  static final int SIZE = 1500;
  static final double MAX_CORRELATION = 0.85;

  private static final AnswerDimensions DIMENSIONS = AnswerDimensions.builtIn();
  private static final AnswerAnalyzer ANALYZER = new AnswerAnalyzer();

  private static final String[] SITUATION = {
    "At my last company the billing team ran an old invoicing system.",
    "Last year our support queue had grown to two weeks of backlog.",
    "In my previous role the mobile app was losing new users in the first week.",
    "When I was at a logistics startup the warehouse reports were always late."
  };
  private static final String[] TASK = {
    "%s was responsible for getting it back on track.",
    "%s had to fix it before the end of the quarter.",
    "The goal was to halve it, and %s owned that goal."
  };
  private static final String[] ACTION = {
    "%s rewrote the slowest part and paired with the people who used it.",
    "%s set up a weekly review with the users and cut the scope.",
    "%s moved the work into smaller pieces and shipped them one by one."
  };
  private static final String[] RESULT = {
    "As a result the backlog was cleared and complaints dropped.",
    "In the end the team delivered on time and the client stayed.",
    "The outcome was a calmer team and happier customers."
  };
  private static final String[] NUMBERS = {
    "It handled 4000 requests a second at peak.",
    "The job took 45 minutes and ran twice a day.",
    "About 30 percent of the 1200 users were affected."
  };
  private static final String[] NAMED = {
    "The data lived in Postgres with Redis in front of it.",
    "We ran it on Kubernetes and shipped logs to Elasticsearch.",
    "The pipeline used Kafka and Spark."
  };
  private static final String[] CAUSAL = {
    "That mattered because the reports fed the pricing decisions.",
    "It was done this way so that nobody had to wait for the nightly run.",
    "The old design held a lock, which meant every write queued behind it."
  };
  private static final String[] TRADEOFF = {
    "The trade-off was more memory for less latency.",
    "The downside is a more complex deployment.",
    "It is simpler, at the cost of some flexibility."
  };
  private static final String[] DIAGNOSIS = {
    "%s investigated the logs and found the root cause in a retry loop.",
    "%s measured each step and narrowed down the slow one.",
    "%s reproduced the failure on a test machine."
  };
  private static final String[] ALTERNATIVES = {
    "%s considered two options: a cache or a new index.",
    "Instead of a rewrite, %s chose a smaller change.",
    "%s compared a queue with a scheduled job, rather than picking the first idea."
  };
  private static final String[] VERIFICATION = {
    "Afterwards %s monitored the error rate for a week.",
    "%s tested the change against last month's data.",
    "%s validated the numbers with the finance team."
  };
  private static final String[] PADDING = {
    "The office was in the city centre, close to the station.",
    "Most of the people there had been with the company for years.",
    "It was a busy period with a lot going on.",
    "The meetings were usually on Tuesday mornings.",
    "The work was interesting and the people were friendly."
  };
  private static final String[] OFF_TOPIC = {
    "I enjoy learning new things and working with different people.",
    "Good communication is important in every team.",
    "I like to stay organised and keep a tidy list of tasks."
  };
  private static final String[][] SIGNPOSTS = {
    {"First,", "Then,", "Next,", "Finally,"}, {"To start,", "After that,", "Second,", "Lastly,"}
  };
  private static final String[] CONCLUSIONS = {
    "In short, it was about small steps.",
    "Overall, the approach worked.",
    "To sum up, that is how I would do it."
  };

  /** One generated answer and the question it replies to. */
  record Generated(Question question, String text, long durationMs) {}

  static Generated generate(Random r, List<Question> questions) {
    Question q = questions.get(r.nextInt(questions.size()));
    String subject = r.nextDouble() < 0.5 ? "I" : "we";
    List<String> body = new ArrayList<>();
    if (r.nextDouble() < 0.7) {
      String topic = q.text().replaceAll("\\{[a-z]+}", "engineer").replaceAll("[?.]", "");
      body.add(
          "On " + topic.substring(0, 1).toLowerCase() + topic.substring(1) + ", here is my view.");
    } else {
      body.add(pick(r, OFF_TOPIC));
    }
    if (r.nextDouble() < 0.5) {
      body.add(pick(r, SITUATION));
    }
    if (r.nextDouble() < 0.5) {
      body.add(withSubject(pick(r, TASK), subject));
    }
    if (r.nextDouble() < 0.5) {
      body.add(withSubject(pick(r, ACTION), subject));
    }
    int covered = q.keyPoints().isEmpty() ? 0 : r.nextInt(q.keyPoints().size() + 1);
    List<Claim> points = new ArrayList<>(q.keyPoints());
    java.util.Collections.shuffle(points, r);
    for (Claim c : points.subList(0, covered)) {
      body.add("It matters to get this right: " + c.terms().get(0) + ".");
    }
    if (!q.misconceptions().isEmpty() && r.nextDouble() < 0.2) {
      body.add("Remember that " + q.misconceptions().get(0).terms().get(0) + ".");
    }
    for (String[] pool : List.of(NUMBERS, NAMED, CAUSAL, TRADEOFF)) {
      if (r.nextDouble() < 0.4) {
        body.add(pick(r, pool));
      }
    }
    for (String[] pool : List.of(DIAGNOSIS, ALTERNATIVES, VERIFICATION)) {
      if (r.nextDouble() < 0.4) {
        body.add(withSubject(pick(r, pool), subject));
      }
    }
    if (r.nextDouble() < 0.5) {
      body.add(pick(r, RESULT));
    }
    int padding = r.nextInt(6);
    for (int i = 0; i < padding; i++) {
      body.add(pick(r, PADDING));
    }
    if (r.nextDouble() < 0.2 && body.size() > 1) {
      String again = body.get(r.nextInt(body.size()));
      body.add(again);
      body.add(again);
    }
    // signposting: markers on the first sentences after the opening, an enumeration, a conclusion
    int markers = r.nextInt(4);
    String[] signposts = SIGNPOSTS[r.nextInt(SIGNPOSTS.length)];
    for (int i = 0; i < markers && i + 1 < body.size(); i++) {
      String s = body.get(i + 1);
      String marker = i == markers - 1 && markers > 1 ? signposts[3] : signposts[i];
      body.set(i + 1, marker + " " + s.substring(0, 1).toLowerCase() + s.substring(1));
    }
    if (r.nextDouble() < 0.25) {
      body.add(1, "There are three parts to this.");
    }
    if (r.nextDouble() < 0.3) {
      body.add(pick(r, CONCLUSIONS));
    }
    String text = String.join(" ", body);
    // fillers: up to one in eight words
    double fillerRate = r.nextDouble() * 0.12;
    StringBuilder spoken = new StringBuilder();
    for (String w : text.split(" ")) {
      if (r.nextDouble() < fillerRate) {
        spoken.append("um, ");
      }
      spoken.append(w).append(' ');
    }
    String answer = spoken.toString().trim();
    int words = answer.split("\\s+").length;
    double wpm = 90 + r.nextDouble() * 120;
    return new Generated(q, answer, Math.round(words / wpm * 60_000));
  }

  /** The template with its subject, "I" or "we", capitalised when it opens the sentence. */
  private static String withSubject(String template, String subject) {
    String s = String.format(template, subject);
    return s.substring(0, 1).toUpperCase() + s.substring(1);
  }

  private static String pick(Random r, String[] pool) {
    return pool[r.nextInt(pool.length)];
  }

  /** The population's scores, one map per answer. */
  static List<Map<Dimension, Double>> population() {
    List<Question> questions =
        QuestionBank.builtIn().questions().stream()
            .filter(q -> q.needs().isEmpty() || q.needs().get().startsWith("weak:"))
            .toList();
    Random r = new Random(20261202L);
    List<Map<Dimension, Double>> scores = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      Generated g = generate(r, questions);
      Answer answer = new Answer(g.text(), Optional.of(g.durationMs()), null, null, null, null);
      scores.add(
          DIMENSIONS.score(
              AnswerDimensions.Asked.of(g.question(), KnownGroupsTest.asked(g.question())),
              g.text(),
              ANALYZER.analyze(new AnalysisRequest(Optional.empty(), answer, "en"))));
    }
    return scores;
  }

  /** Pearson's r over the answers where both are assessed; NaN with fewer than 30 such answers. */
  static double pearson(List<Map<Dimension, Double>> scores, Dimension a, Dimension b) {
    List<double[]> xy = new ArrayList<>();
    for (Map<Dimension, Double> s : scores) {
      if (s.containsKey(a) && s.containsKey(b)) {
        xy.add(new double[] {s.get(a), s.get(b)});
      }
    }
    if (xy.size() < 30) {
      return Double.NaN;
    }
    double mx = xy.stream().mapToDouble(p -> p[0]).average().orElseThrow();
    double my = xy.stream().mapToDouble(p -> p[1]).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (double[] p : xy) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
      syy += (p[1] - my) * (p[1] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  @Test
  void noTwoDimensionsCorrelateAbove085() {
    List<Map<Dimension, Double>> scores = population();
    List<Dimension> scored = Dimension.offline();
    double max = 0;
    String maxPair = "";
    StringBuilder table = new StringBuilder("r");
    scored.forEach(d -> table.append('\t').append(d.wireName()));
    for (Dimension a : scored) {
      table.append('\n').append(a.wireName());
      for (Dimension b : scored) {
        double r = pearson(scores, a, b);
        table.append('\t').append(String.format("%.2f", r));
        if (a.ordinal() < b.ordinal() && !Double.isNaN(r) && Math.abs(r) > max) {
          max = Math.abs(r);
          maxPair = a.wireName() + "/" + b.wireName();
        }
      }
    }
    System.out.println(table);
    System.out.printf("largest |r|: %.2f (%s)%n", max, maxPair);
    printDistributions(scores, scored);
    assertThat(max).as(maxPair).isLessThanOrEqualTo(MAX_CORRELATION);
  }

  @Test
  void everyTextDimensionVariesAcrossThePopulation() {
    List<Map<Dimension, Double>> scores = population();
    for (Dimension d : Dimension.offline()) {
      double[] v =
          scores.stream().filter(s -> s.containsKey(d)).mapToDouble(s -> s.get(d)).toArray();
      assertThat(v.length).as(d.wireName()).isGreaterThan(SIZE / 10);
      assertThat(Arrays.stream(v).max().orElseThrow() - Arrays.stream(v).min().orElseThrow())
          .as(d.wireName() + " range")
          .isGreaterThan(40);
    }
    assertThat(scores).noneMatch(s -> s.keySet().stream().anyMatch(Dimension::needsAudio));
  }

  private static void printDistributions(List<Map<Dimension, Double>> scores, List<Dimension> ds) {
    System.out.println("dimension\tassessed\tmean\tsd\tp10\tp50\tp90");
    for (Dimension d : ds) {
      double[] v =
          scores.stream()
              .filter(s -> s.containsKey(d))
              .mapToDouble(s -> s.get(d))
              .sorted()
              .toArray();
      double mean = Arrays.stream(v).average().orElse(Double.NaN);
      double sd = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElse(0));
      System.out.printf(
          "%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f%n",
          d.wireName(), v.length, mean, sd, q(v, 0.1), q(v, 0.5), q(v, 0.9));
    }
  }

  private static double q(double[] sorted, double p) {
    return sorted.length == 0
        ? Double.NaN
        : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
  }
}
