package dev.rehearse.deploy.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads Flink's {@code /jobs/overview}. */
final class FlinkOverview {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FlinkOverview() {}

  /** Whether at least one job runs and every job that runs has all its tasks running. */
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
}
