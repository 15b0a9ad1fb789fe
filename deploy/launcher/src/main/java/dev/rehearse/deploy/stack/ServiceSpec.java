package dev.rehearse.deploy.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start one service: its command, extra {@code setpriv} options, environment, working
 * directory and log file.
 */
record ServiceSpec(
    String name,
    List<String> privileges,
    List<String> command,
    Map<String, String> env,
    Path workDir,
    Path log) {

  ServiceSpec {
    privileges = List.copyOf(privileges);
    command = List.copyOf(command);
    env = Map.copyOf(env);
  }
}
