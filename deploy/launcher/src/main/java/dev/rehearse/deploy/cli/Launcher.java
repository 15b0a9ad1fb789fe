package dev.rehearse.deploy.cli;

import dev.rehearse.core.analytics.AnalyzeCommand;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.dashboards.KibanaSettings;
import dev.rehearse.deploy.stack.Ports;
import dev.rehearse.deploy.stack.Stack;
import dev.rehearse.deploy.stack.StackConfig;
import dev.rehearse.deploy.stack.StackState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./rehearse}: starts and stops the local stack, runs the demo, prints tokens.
 *
 * <pre>
 *   up                      start the stack in the foreground until Ctrl-C
 *   down                    stop a stack started elsewhere
 *   demo                    start the stack if needed, then run one scripted interview
 *   token --user U [--role R]   print an API token signed with the local secret
 *   batch JOB [options]     run a batch job on the running stack, with progress and a summary
 *   dashboards export FILE | import [--kibana URL] [--space S]
 *                           write the Kibana saved objects' bundle, or import it into a Kibana
 * </pre>
 */
public final class Launcher {

  private static final String READY_LINE = "rehearse stack is up";

  private Launcher() {}

  public static void main(String[] args) {
    List<String> argv = Arrays.asList(args);
    String command = argv.isEmpty() ? "help" : argv.get(0);
    if (command.equals("analyze")) {
      // no stack, no configuration: a pure function over standard input
      System.exit(
          new AnalyzeCommand(new AnswerAnalyzer())
              .run(argv.subList(1, argv.size()), System.in, System.out, System.err));
      return;
    }
    if (command.equals("dashboards")) {
      // no stack: the bundle ships in the launcher, and Kibana is reached by its URL
      System.exit(dashboards(argv.subList(1, argv.size())));
      return;
    }
    StackConfig config;
    try {
      config = StackConfig.fromEnv(System.getenv(), Path.of("").toAbsolutePath());
    } catch (IllegalArgumentException e) {
      System.err.println("rehearse: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      int status =
          switch (command) {
            case "up" -> up(config);
            case "down" -> down(config);
            case "demo" -> demo(config);
            case "token" -> token(config, argv.subList(1, argv.size()));
            case "bench" -> bench(config, argv.subList(1, argv.size()));
            case "batch" -> new BatchCommand(config, System.out).run(argv.subList(1, argv.size()));
            case "help", "--help", "-h" -> help(0);
            default -> help(2);
          };
      System.exit(status);
    } catch (IllegalStateException | IllegalArgumentException e) {
      System.err.println("rehearse: " + e.getMessage());
      System.exit(1);
    } catch (Exception e) {
      System.err.println("rehearse: " + e);
      System.exit(1);
    }
  }

  private static int help(int status) {
    (status == 0 ? System.out : System.err)
        .println(
            String.join(
                "\n",
                "usage: ./rehearse <command>",
                "  up                         start the local stack in the foreground (Ctrl-C stops it)",
                "  down                       stop a stack started elsewhere",
                "  demo                       start the stack if needed and run one scripted interview",
                "  token --user U [--role R]  print an API token signed with the local secret",
                "  analyze [--pretty] [FILE]  metrics of one answer (JSON on standard input or FILE)",
                "  bench [--answers N]        answer round-trip latency on the running stack",
                "  batch assess|cohort-report|erase …  run a batch job on the running stack",
                "  dashboards export FILE | import [--kibana URL] [--space S]",
                "                             write the Kibana saved objects' NDJSON bundle, or import it",
                "settings: REHEARSE_* environment variables (see README.md)"));
    return status;
  }

  /** Runs the stack until Ctrl-C or SIGTERM; if a service dies, stops the rest and fails. */
  static int up(StackConfig config) throws Exception {
    Stack stack = new Stack(config, line -> System.out.println("[rehearse] " + line));
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stack.close();
              stopped.countDown();
            });
    Runtime.getRuntime().addShutdownHook(hook);
    stack.start();
    System.out.println(READY_LINE + ":\n" + stack.summary());
    importDashboards();
    System.out.println("[rehearse] press Ctrl-C to stop");
    while (stopped.getCount() > 0) {
      List<String> dead = stack.dead();
      if (!dead.isEmpty()) {
        System.err.println("[rehearse] " + String.join(", ", dead) + " exited; stopping the stack");
        return 1; // the shutdown hook stops the rest
      }
      Thread.sleep(1000);
    }
    return 0;
  }

  /** {@code ./rehearse dashboards …}; errors in the arguments or settings exit 2. */
  private static int dashboards(List<String> args) {
    try {
      return new DashboardsCommand(
              System.getenv(), HttpClient.newHttpClient(), System.out, System.err)
          .run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("rehearse: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      System.err.println("rehearse: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /**
   * With {@code REHEARSE_KIBANA_URL} set, imports the dashboards once the stack is up; a failure is
   * reported and leaves the stack running.
   */
  private static void importDashboards() {
    Optional<KibanaSettings> kibana;
    try {
      kibana = KibanaSettings.from(System.getenv(), Optional.empty(), Optional.empty());
    } catch (IllegalArgumentException e) {
      System.err.println("[rehearse] dashboards not imported: " + e.getMessage());
      return;
    }
    if (kibana.isEmpty()) {
      return;
    }
    try {
      new DashboardsCommand(System.getenv(), HttpClient.newHttpClient(), System.out, System.err)
          .importInto(kibana.get());
    } catch (IOException e) {
      System.err.println("[rehearse] dashboards not imported: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static int down(StackConfig config) throws IOException {
    if (!StackState.down(config, line -> System.out.println("[rehearse] " + line))) {
      System.out.println("[rehearse] no stack runs on " + config.dataDir());
    }
    return 0;
  }

  static int token(StackConfig config, List<String> args) throws IOException {
    String user =
        option(args, "--user")
            .orElseThrow(() -> new IllegalArgumentException("token needs --user U"));
    String role = option(args, "--role").orElse("candidate");
    if (!List.of("candidate", "cohort_admin", "analyst", "admin").contains(role)) {
      throw new IllegalArgumentException(
          "--role must be candidate, cohort_admin, analyst or admin");
    }
    System.out.println(Tokens.sign(secret(config), user, List.of(role), Duration.ofHours(12)));
    return 0;
  }

  /** Measures the answer round trip on the running stack. */
  static int bench(StackConfig config, List<String> args) throws Exception {
    if (!apiReady(config)) {
      throw new IllegalStateException(
          "no stack answers at " + config.apiUrl() + ": run ./rehearse up first");
    }
    int answers = Integer.parseInt(option(args, "--answers").orElse("200"));
    String secret = secret(config);
    List<ApiClient> candidates = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String token =
          Tokens.sign(secret, "bench-candidate-" + i, List.of("candidate"), Duration.ofHours(1));
      candidates.add(new ApiClient(config.apiUrl(), token));
    }
    new RoundTripBench(candidates, System.out).run(answers, 20);
    return 0;
  }

  /** Runs the demo, first starting the stack in the background when none answers. */
  static int demo(StackConfig config) throws Exception {
    if (!apiReady(config)) {
      startInBackground(config);
    }
    String token =
        Tokens.sign(secret(config), "demo-candidate", List.of("candidate"), Duration.ofHours(1));
    System.out.println("[rehearse] running a 3-question interview through " + config.apiUrl());
    Demo.Result result =
        new Demo(new ApiClient(config.apiUrl(), token), System.out).run(3, Duration.ofMinutes(3));
    System.out.println(
        String.join(
            "\n",
            "",
            "where to look next:",
            "  the session:   curl -H \"Authorization: Bearer $(./rehearse token --user demo-candidate)\" "
                + config.apiUrl()
                + "/ai-interview/sessions/"
                + result.sessionId(),
            "  the turns:     curl '"
                + config.elasticsearchUrl()
                + "/turns/_search?q=sessionId:"
                + result.sessionId()
                + "&pretty'",
            "  the lake:      "
                + config
                    .dataDir()
                    .resolve(
                        "s3/objects/"
                            + config.lakeBucket()
                            + "/"
                            + LakeDatasets.BRONZE_ANSWERS.resolve()),
            "  the logs:      " + config.logDir(),
            "  stop it all:   ./rehearse down"));
    return 0;
  }

  private static boolean apiReady(StackConfig config) {
    if (!Ports.listening(config.ports().api())) {
      return false;
    }
    try {
      HttpResponse<Void> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(config.apiUrl() + "/ready"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts {@code up} detached (it outlives the demo) and waits until it says the stack is up. */
  private static void startInBackground(StackConfig config) throws Exception {
    Files.createDirectories(config.logDir());
    Path log = config.logDir().resolve("launcher.log");
    Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "setsid",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "up"));
    System.out.println("[rehearse] starting the stack in the background (log: " + log + ") ...");
    Files.writeString(log, "", StandardCharsets.UTF_8);
    Process up =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
    int printed = 0;
    while (System.nanoTime() < deadline) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (; printed < lines.size(); printed++) {
        System.out.println(lines.get(printed));
      }
      if (lines.stream().anyMatch(l -> l.startsWith(READY_LINE))) {
        return;
      }
      if (!up.isAlive()) {
        throw new IllegalStateException("the stack did not start; see " + log);
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the stack did not start within 6 minutes; see " + log);
  }

  private static String secret(StackConfig config) throws IOException {
    Path file = config.dataDir().resolve("jwt-secret");
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          "no stack has run on " + config.dataDir() + " yet: run ./rehearse up first");
    }
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  static java.util.Optional<String> option(List<String> args, String name) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size()
        ? java.util.Optional.of(args.get(i + 1))
        : java.util.Optional.empty();
  }
}
