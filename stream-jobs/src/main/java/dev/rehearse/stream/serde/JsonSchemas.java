package dev.rehearse.stream.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.json.Json;
import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Flink (de)serialisation of Rehearse's JSON records, one mapper per task. */
public final class JsonSchemas {

  private JsonSchemas() {}

  /** Reads JSON values of a type; a malformed record is logged and skipped, never fatal. */
  public static final class Reader<T> implements DeserializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Reader.class);

    private final Class<T> type;
    private transient ObjectMapper mapper;

    public Reader(Class<T> type) {
      this.type = type;
    }

    @Override
    public void open(InitializationContext context) {
      mapper = Json.newMapper();
    }

    @Override
    public T deserialize(byte[] message) {
      try {
        return mapper.readValue(message, type);
      } catch (IOException e) {
        LOG.warn("skipping a malformed {}: {}", type.getSimpleName(), e.getMessage());
        return null;
      }
    }

    @Override
    public boolean isEndOfStream(T nextElement) {
      return false;
    }

    @Override
    public TypeInformation<T> getProducedType() {
      return TypeInformation.of(type);
    }
  }

  /** Writes values as JSON. */
  public static final class Writer<T> implements SerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private transient ObjectMapper mapper;

    @Override
    public void open(InitializationContext context) {
      mapper = Json.newMapper();
    }

    @Override
    public byte[] serialize(T element) {
      return Json.toBytes(mapper, element);
    }
  }
}
