package dev.rehearse.deploy.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small configuration files the launcher writes for its services. */
final class Configs {

  private Configs() {}

  /** How the services write their log files ({@code REHEARSE_LOG_FORMAT}). */
  enum LogFormat {
    /** One JSON object a line: the default. */
    JSON,
    /** Readable lines. */
    TEXT;

    /** {@code REHEARSE_LOG_FORMAT} of {@code env}: {@code text}, else JSON. */
    static LogFormat of(Map<String, String> env) {
      return TEXT.name().equalsIgnoreCase(env.getOrDefault("REHEARSE_LOG_FORMAT", "").strip())
          ? TEXT
          : JSON;
    }
  }

  /**
   * The log line of the services that log through Log4j (Spark, the Kafka broker), in the fields of
   * the logback services' lines: Log4j's JSON template layout.
   */
  static final String LOG4J_JSON_TEMPLATE =
      "{\"timestamp\":{\"$resolver\":\"timestamp\",\"pattern\":{\"format\":"
          + "\"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'\",\"timeZone\":\"UTC\"}},"
          + "\"level\":{\"$resolver\":\"level\",\"field\":\"name\"},"
          + "\"logger\":{\"$resolver\":\"logger\",\"field\":\"name\"},"
          + "\"thread\":{\"$resolver\":\"thread\",\"field\":\"name\"},"
          + "\"message\":{\"$resolver\":\"message\",\"stringified\":true},"
          + "\"request_id\":{\"$resolver\":\"mdc\",\"key\":\"request_id\"},"
          + "\"session_id\":{\"$resolver\":\"mdc\",\"key\":\"session_id\"},"
          + "\"trace_id\":{\"$resolver\":\"mdc\",\"key\":\"trace_id\"},"
          + "\"span_id\":{\"$resolver\":\"mdc\",\"key\":\"span_id\"},"
          + "\"exception\":{\"$resolver\":\"exception\",\"field\":\"stackTrace\","
          + "\"stackTrace\":{\"stringified\":true}}}";

  /**
   * Log4j 2: warnings and up, Rehearse's own and the services' start-up lines at info, as JSON
   * lines or readable ones.
   */
  static String log4j(LogFormat format) {
    List<String> layout =
        format == LogFormat.JSON
            ? List.of(
                "appender.out.layout.type = JsonTemplateLayout",
                "appender.out.layout.eventTemplate = " + LOG4J_JSON_TEMPLATE)
            : List.of(
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d{ISO8601} %-5p %c{1} - %m%n");
    List<String> lines = new ArrayList<>();
    lines.add("status = warn");
    lines.add("appender.out.type = Console");
    lines.add("appender.out.name = OUT");
    lines.addAll(layout);
    lines.addAll(
        List.of(
            "rootLogger.level = warn",
            "rootLogger.appenderRef.out.ref = OUT",
            "logger.rehearse.name = dev.rehearse",
            "logger.rehearse.level = info",
            "logger.kafkaserver.name = kafka.server.KafkaRaftServer",
            "logger.kafkaserver.level = info",
            ""));
    return String.join("\n", lines);
  }

  /**
   * java.util.logging of a process that logs through SLF4J: every record handed to SLF4J (so it
   * becomes a line of the service's format), info and up.
   */
  static final String JUL_TO_SLF4J =
      String.join("\n", "handlers = org.slf4j.bridge.SLF4JBridgeHandler", ".level = INFO", "");

  static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  static Path dir(Path dir) throws IOException {
    return Files.createDirectories(dir);
  }
}
