package dev.rehearse.deploy.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/** Reads what the engines' REST endpoints say of their jobs and processes. */
final class ClusterViews {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ClusterViews() {}

  /** Flink's {@code /jobs/overview}: at least one job runs, and every such job runs all tasks. */
  static boolean allRunning(String overviewJson) throws IOException {
    JsonNode jobs = MAPPER.readTree(overviewJson).path("jobs");
    if (!jobs.isArray() || jobs.isEmpty()) {
      return false;
    }
    for (JsonNode job : jobs) {
      JsonNode tasks = job.path("tasks");
      if (!"RUNNING".equals(job.path("state").asText())
          || tasks.path("running").asInt(-1) != tasks.path("total").asInt(-2)) {
        return false;
      }
    }
    return true;
  }

  /** Flink's {@code /taskmanagers}: the resource ids of the registered TaskManagers. */
  static Set<String> taskManagers(String taskManagersJson) throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    if (taskManagersJson.isEmpty()) {
      return ids;
    }
    for (JsonNode tm : MAPPER.readTree(taskManagersJson).path("taskmanagers")) {
      ids.add(tm.path("id").asText());
    }
    return ids;
  }

  /** The Spark master's {@code /json/}: how many of its workers are ALIVE. */
  static int aliveWorkers(String masterJson) throws IOException {
    if (masterJson.isEmpty()) {
      return 0;
    }
    int alive = 0;
    for (JsonNode worker : MAPPER.readTree(masterJson).path("workers")) {
      if ("ALIVE".equals(worker.path("state").asText())) {
        alive++;
      }
    }
    return alive;
  }
}
