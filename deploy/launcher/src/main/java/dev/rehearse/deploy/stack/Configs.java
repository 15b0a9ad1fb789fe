package dev.rehearse.deploy.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small configuration files the launcher writes for its services. */
final class Configs {

  private Configs() {}

  /** Log4j 2: warnings and up, Rehearse's own and the services' start-up lines at info. */
  static final String LOG4J_WARN =
      String.join(
          "\n",
          "status = warn",
          "appender.out.type = Console",
          "appender.out.name = OUT",
          "appender.out.layout.type = PatternLayout",
          "appender.out.layout.pattern = %d{ISO8601} %-5p %c{1} - %m%n",
          "rootLogger.level = warn",
          "rootLogger.appenderRef.out.ref = OUT",
          "logger.rehearse.name = dev.rehearse",
          "logger.rehearse.level = info",
          "logger.kafkaserver.name = kafka.server.KafkaRaftServer",
          "logger.kafkaserver.level = info",
          "");

  static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  static Path dir(Path dir) throws IOException {
    return Files.createDirectories(dir);
  }
}
