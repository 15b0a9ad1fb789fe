package dev.rehearse.stream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.lake.LakeDataset;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.stream.StreamJobsConfig;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The lake writer's Parquet schema is the registry's bronze answers: names, types, nulls. */
class LakeRecordsRegistryTest {

  @Test
  void theBronzeAnswersSchemaIsTheRegistrys() {
    List<LakeDataset.Column> written =
        LakeRecords.ANSWER.getFields().stream()
            .map(f -> new LakeDataset.Column(f.name(), type(f.schema()), nullable(f.schema())))
            .toList();

    assertThat(written).isEqualTo(LakeDatasets.BRONZE_ANSWERS.columns());
  }

  @Test
  void theLakeWriterWritesUnderTheRegisteredPath() {
    StreamJobsConfig config = StreamJobsConfig.fromEnv(java.util.Map.of());

    assertThat(config.bronzeAnswersPath())
        .endsWith("/" + LakeDatasets.BRONZE_ANSWERS.resolve())
        .startsWith("s3://");
  }

  private static boolean nullable(Schema schema) {
    return schema.isNullable();
  }

  /** The documented type of an Avro field: its non-null branch, timestamps by logical type. */
  private static String type(Schema schema) {
    Schema value =
        schema.isUnion()
            ? schema.getTypes().stream()
                .filter(s -> s.getType() != Schema.Type.NULL)
                .findFirst()
                .orElseThrow()
            : schema;
    if (value.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
      return "timestamp";
    }
    return switch (value.getType()) {
      case STRING -> "string";
      case INT -> "int";
      case LONG -> "long";
      case DOUBLE -> "double";
      case BOOLEAN -> "boolean";
      default -> throw new IllegalArgumentException("no documented type for " + value);
    };
  }
}
