package dev.rehearse.deploy.cli;

import dev.rehearse.core.cohort.CohortRecord;
import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.events.BatchStatus;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.core.topics.Topic;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.deploy.stack.StackConfig;
import dev.rehearse.kafka.KafkaClients;
import dev.rehearse.kafka.KafkaSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./rehearse batch assess|benchmark|reindex|analytics|cohort-report|erase …}: sends a batch
 * request to the running stack's batch runner, shows its progress (a bar and the step) while it
 * runs, and ends with a summary; exits 0 when the batch succeeded.
 */
public final class BatchCommand {

  private static final Duration LIMIT = Duration.ofMinutes(60);

  private final StackConfig config;
  private final PrintStream out;

  public BatchCommand(StackConfig config, PrintStream out) {
    this.config = config;
    this.out = out;
  }

  static final String USAGE =
      String.join(
          "\n",
          "usage: ./rehearse batch <job> [options]   (the stack must be running)",
          "  assess [--session ID]... | --new         full assessments and peer benchmarks, indexing the named sessions,",
          "                                           those with answers the last complete run did not read (--new), or all",
          "  benchmark                                the peer benchmarks again from the stored assessments",
          "  reindex                                  rebuild profiles and profile-chunks into new index versions, then swap the aliases",
          "  analytics                                rebuild the pseudonymised analytics indices for Kibana from the stored assessments",
          "                                           (run it after assessments; they do not run it)",
          "  cohort-report --cohort ID [--from YYYY-MM-DD] [--to YYYY-MM-DD]",
          "                                           the cohort's report files under reports/<cohort>/<batch>/",
          "  erase --user U                           erase a user's sessions, turns and lake rows");

  public int run(List<String> args) throws Exception {
    if (args.isEmpty()) {
      System.err.println(USAGE);
      return 2;
    }
    String job = args.get(0);
    List<String> options = args.subList(1, args.size());
    BatchRequest request =
        switch (job) {
          case "benchmark" ->
              request(BatchJob.BENCHMARK, List.of(), List.of(), Optional.empty(), options);
          case "reindex" ->
              request(BatchJob.REINDEX, List.of(), List.of(), Optional.empty(), options);
          case "analytics" ->
              request(BatchJob.ANALYTICS, List.of(), List.of(), Optional.empty(), options);
          case "assess" -> {
            if (options.contains("--new") && !values(options, "--session").isEmpty()) {
              throw new IllegalArgumentException("assess takes --session or --new, not both");
            }
            yield request(
                BatchJob.ASSESSMENT,
                values(options, "--session"),
                List.of(),
                Optional.empty(),
                options);
          }
          case "cohort-report" -> {
            String cohort =
                Launcher.option(options, "--cohort")
                    .orElseThrow(
                        () -> new IllegalArgumentException("cohort-report needs --cohort ID"));
            CohortSnapshot snapshot = cohort(cohort);
            if (snapshot.members().isEmpty()) {
              throw new IllegalArgumentException(
                  "cohort " + cohort + " has no members (or does not exist)");
            }
            yield request(
                BatchJob.COHORT_REPORT,
                List.of(),
                snapshot.members(),
                Optional.of(cohort),
                snapshot.rubric(),
                options);
          }
          case "erase" -> {
            String user =
                Launcher.option(options, "--user")
                    .orElseThrow(() -> new IllegalArgumentException("erase needs --user U"));
            yield request(BatchJob.ERASURE, List.of(), List.of(user), Optional.empty(), options);
          }
          default -> throw new IllegalArgumentException("unknown batch job " + job + "\n" + USAGE);
        };
    try (KafkaConsumer<String, BatchStatus> statuses = reader(Topics.BATCH_STATUS);
        KafkaProducer<String, BatchRequest> producer =
            KafkaClients.producer(
                KafkaSettings.producer(config.kafkaBootstrap()), Topics.BATCH_REQUESTS)) {
      TopicPartition partition = new TopicPartition(Topics.BATCH_STATUS.name(), 0);
      statuses.assign(List.of(partition));
      statuses.seekToEnd(List.of(partition));
      statuses.position(partition);
      producer
          .send(new ProducerRecord<>(Topics.BATCH_REQUESTS.name(), request.batchId(), request))
          .get(30, TimeUnit.SECONDS);
      return follow(statuses, request);
    }
  }

  private BatchRequest request(
      BatchJob job,
      List<String> sessions,
      List<String> users,
      Optional<String> cohort,
      List<String> options) {
    return request(job, sessions, users, cohort, Map.of(), options);
  }

  private BatchRequest request(
      BatchJob job,
      List<String> sessions,
      List<String> users,
      Optional<String> cohort,
      Map<String, Double> rubric,
      List<String> options) {
    Optional<LocalDate> from = Launcher.option(options, "--from").map(LocalDate::parse);
    Optional<LocalDate> to = Launcher.option(options, "--to").map(LocalDate::parse);
    return new BatchRequest(
        BatchRequest.SCHEMA_VERSION,
        UUID.randomUUID().toString(),
        job,
        "operator",
        sessions,
        users,
        cohort,
        from,
        to,
        job == BatchJob.ASSESSMENT && options.contains("--new"),
        rubric,
        Clock.systemUTC().instant());
  }

  /** Shows the batch's state and elapsed time on one line until it ends; then the summary. */
  private int follow(KafkaConsumer<String, BatchStatus> statuses, BatchRequest request)
      throws Exception {
    long start = System.nanoTime();
    String state = "queued";
    String spinner = "|/-\\";
    int tick = 0;
    BatchStatus last = null;
    while (System.nanoTime() - start < LIMIT.toNanos()) {
      for (ConsumerRecord<String, BatchStatus> r : statuses.poll(Duration.ofMillis(250))) {
        if (request.batchId().equals(r.key()) && r.value() != null) {
          last = r.value();
          state = last.state().wireName();
        }
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      out.print("\r" + line(spinner.charAt(tick++ % 4), request, state, last, seconds));
      out.flush();
      if (last != null && last.state().finished()) {
        out.println();
        out.println("batch      " + request.batchId());
        out.println("job        " + request.job().wireName());
        out.println("state      " + state);
        last.processed().ifPresent(p -> out.println("processed  " + p));
        last.detail().ifPresent(d -> out.println("detail     " + d));
        out.println("took       " + seconds + " s");
        out.println("output     " + outputs(request));
        return last.state() == BatchStatus.State.SUCCEEDED ? 0 : 1;
      }
    }
    out.println();
    throw new IllegalStateException(
        "no end of batch "
            + request.batchId()
            + " within "
            + LIMIT.toMinutes()
            + " min: is the stack up?");
  }

  /** The progress line: spinner, job, state, a bar of the share done, the step, elapsed time. */
  static String line(
      char spin, BatchRequest request, String state, BatchStatus last, long seconds) {
    double done = last == null ? 0 : last.progress().orElse(0.0);
    int filled = (int) Math.round(done * 20);
    String step =
        last != null && last.state() == BatchStatus.State.RUNNING
            ? last.detail().map(d -> d.length() > 40 ? d.substring(0, 40) : d).orElse("")
            : "";
    return String.format(
        java.util.Locale.ROOT,
        "%s batch %s %s: %-9s [%s%s] %3.0f%% %-40s %3d s",
        spin,
        request.job().wireName(),
        request.batchId().substring(0, 8),
        state,
        "#".repeat(filled),
        "-".repeat(20 - filled),
        done * 100,
        step,
        seconds);
  }

  private String outputs(BatchRequest request) {
    String lake = "s3://" + config.lakeBucket() + "/";
    return switch (request.job()) {
      case ASSESSMENT ->
          lake
              + LakeDatasets.GOLD_ASSESSMENTS.resolve()
              + ", "
              + lake
              + LakeDatasets.GOLD_BENCHMARKS.resolve()
              + "; indices assessments, benchmarks, analytics-*";
      case COHORT_REPORT ->
          lake
              + LakeDatasets.COHORT_REPORTS.resolve(
                  request.cohortId().orElse("?"), request.batchId())
              + "/";
      case ERASURE ->
          lake + LakeDatasets.GOLD_ERASURES.resolve() + "/" + request.batchId() + ".json";
      case SESSION_AGGREGATES -> lake + LakeDatasets.GOLD_SESSION_AGGREGATES.resolve();
      case BENCHMARK -> lake + LakeDatasets.GOLD_BENCHMARKS.resolve() + "; index benchmarks";
      case REINDEX -> "indices profiles and profile-chunks (new versions behind their aliases)";
      case ANALYTICS ->
          "indices analytics-sessions, analytics-questions, analytics-cohort-progress"
              + " (new versions behind their aliases)";
    };
  }

  /** The members of a cohort, folded from the compacted cohorts topic. */
  /** A cohort as the compacted cohorts topic holds it now: its members and its rubric. */
  private record CohortSnapshot(List<String> members, Map<String, Double> rubric) {}

  private CohortSnapshot cohort(String cohortId) {
    Set<String> members = new HashSet<>();
    Map<String, Double> rubric = Map.of();
    try (KafkaConsumer<String, CohortRecord> consumer = reader(Topics.COHORTS)) {
      TopicPartition partition = new TopicPartition(Topics.COHORTS.name(), 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      String prefix = "member:" + cohortId + ":";
      String cohortKey = CohortRecord.Cohort.keyOf(cohortId);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<String, CohortRecord> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.key() != null && r.key().startsWith(prefix)) {
            String user = r.key().substring(prefix.length());
            if (r.value() == null) {
              members.remove(user);
            } else {
              members.add(user);
            }
          } else if (cohortKey.equals(r.key())) {
            rubric = r.value() == null ? Map.of() : ((CohortRecord.Cohort) r.value()).rubric();
          }
        }
      }
    }
    List<String> sorted = new ArrayList<>(members);
    sorted.sort(null);
    return new CohortSnapshot(sorted, rubric);
  }

  private static List<String> values(List<String> args, String name) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).equals(name)) {
        values.add(args.get(i + 1));
      }
    }
    return values;
  }

  /** A group-less reader of {@code topic}; it commits nothing. */
  private <V> KafkaConsumer<String, V> reader(Topic<V> topic) {
    return KafkaClients.consumer(KafkaSettings.reader(config.kafkaBootstrap()), topic);
  }
}
