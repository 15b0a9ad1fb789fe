package dev.rehearse.deploy.cli;

import dev.rehearse.dashboards.KibanaImport;
import dev.rehearse.dashboards.KibanaSettings;
import dev.rehearse.dashboards.SavedObject;
import dev.rehearse.dashboards.SavedObjects;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./rehearse dashboards export FILE | import [--kibana URL] [--space S]}: writes the Kibana
 * saved objects' NDJSON bundle, or imports it into a Kibana, reporting every object Kibana refused;
 * exits non-zero when any was. Needs no running stack.
 */
public final class DashboardsCommand {

  static final String USAGE =
      String.join(
          "\n",
          "usage: ./rehearse dashboards <command>",
          "  export FILE                          write the saved objects' NDJSON bundle to FILE (- for standard output)",
          "  import [--kibana URL] [--space S]    import it into Kibana (POST /api/saved_objects/_import?overwrite=true)",
          "settings: "
              + KibanaSettings.URL
              + ", "
              + KibanaSettings.API_KEY
              + " or "
              + KibanaSettings.USERNAME
              + "/"
              + KibanaSettings.PASSWORD
              + ", "
              + KibanaSettings.SPACE);

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Map<String, String> env;
  private final HttpClient http;
  private final PrintStream out;
  private final PrintStream err;

  public DashboardsCommand(
      Map<String, String> env, HttpClient http, PrintStream out, PrintStream err) {
    this.env = env;
    this.http = http;
    this.out = out;
    this.err = err;
  }

  public int run(List<String> args) throws IOException, InterruptedException {
    if (args.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    List<String> options = args.subList(1, args.size());
    return switch (args.get(0)) {
      case "export" -> {
        if (options.size() != 1) {
          err.println(USAGE);
          yield 2;
        }
        yield export(options.get(0));
      }
      case "import" -> {
        Optional<KibanaSettings> settings =
            KibanaSettings.from(
                env, Launcher.option(options, "--kibana"), Launcher.option(options, "--space"));
        if (settings.isEmpty()) {
          throw new IllegalArgumentException(
              "dashboards import needs --kibana URL or " + KibanaSettings.URL);
        }
        yield importInto(settings.get());
      }
      default -> {
        err.println(USAGE);
        yield 2;
      }
    };
  }

  private int export(String file) throws IOException {
    List<SavedObject> objects = SavedObjects.bundled();
    String ndjson = SavedObjects.ndjson(objects);
    if (file.equals("-")) {
      out.print(ndjson);
      out.flush();
      return 0;
    }
    Path path = Path.of(file);
    Files.writeString(path, ndjson, StandardCharsets.UTF_8);
    out.println("[rehearse] wrote " + summary(objects) + " to " + path);
    return 0;
  }

  /** Imports the bundle; 0 when Kibana took every object. */
  int importInto(KibanaSettings settings) throws IOException, InterruptedException {
    List<SavedObject> objects = SavedObjects.bundled();
    KibanaImport.Result result;
    try {
      result = new KibanaImport(http, settings, TIMEOUT).send(SavedObjects.ndjson(objects));
    } catch (KibanaImport.ImportFailed e) {
      err.println("[rehearse] dashboards import failed: " + e.getMessage());
      return 1;
    }
    out.println(
        "[rehearse] "
            + settings
            + " imported "
            + result.successCount()
            + " of "
            + summary(objects));
    for (KibanaImport.ObjectError error : result.errors()) {
      err.println("[rehearse]   not imported: " + error);
    }
    if (!result.complete()) {
      err.println(
          "[rehearse] dashboards import: "
              + result.errors().size()
              + " object(s) not imported"
              + (result.errors().isEmpty() ? " (Kibana reported no success)" : ""));
      return 1;
    }
    return 0;
  }

  private static String summary(List<SavedObject> objects) {
    return objects.size()
        + " saved objects ("
        + count(objects, "dashboard")
        + " dashboards, "
        + count(objects, "lens")
        + " Lens visualisations, "
        + count(objects, "index-pattern")
        + " data views)";
  }

  private static long count(List<SavedObject> objects, String type) {
    return objects.stream().filter(o -> o.type().equals(type)).count();
  }
}
