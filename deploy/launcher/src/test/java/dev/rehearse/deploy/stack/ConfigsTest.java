package dev.rehearse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigsTest {

  @Test
  void servicesLogJsonLinesUnlessTextIsAsked() {
    assertThat(Configs.LogFormat.of(Map.of())).isEqualTo(Configs.LogFormat.JSON);
    assertThat(Configs.LogFormat.of(Map.of("REHEARSE_LOG_FORMAT", "json")))
        .isEqualTo(Configs.LogFormat.JSON);
    assertThat(Configs.LogFormat.of(Map.of("REHEARSE_LOG_FORMAT", " TEXT ")))
        .isEqualTo(Configs.LogFormat.TEXT);
  }

  @Test
  void theLog4jJsonLineHasTheFieldsOfTheOtherServices() throws Exception {
    String json = Configs.log4j(Configs.LogFormat.JSON);
    String template =
        json.lines()
            .filter(l -> l.startsWith("appender.out.layout.eventTemplate = "))
            .findFirst()
            .orElseThrow()
            .substring("appender.out.layout.eventTemplate = ".length());

    JsonNode fields = new ObjectMapper().readTree(template);

    assertThat(fields.fieldNames())
        .toIterable()
        .containsExactly(
            "timestamp",
            "level",
            "logger",
            "thread",
            "message",
            "request_id",
            "session_id",
            "trace_id",
            "span_id",
            "exception");
    assertThat(json).contains("appender.out.layout.type = JsonTemplateLayout");
    assertThat(Configs.log4j(Configs.LogFormat.TEXT))
        .contains("appender.out.layout.type = PatternLayout")
        .doesNotContain("JsonTemplateLayout");
  }
}
