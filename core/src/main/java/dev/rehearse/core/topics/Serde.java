package dev.rehearse.core.topics;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.json.Json;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * How the keys or the values of a topic become bytes and back, without Kafka's types (core does not
 * depend on kafka-clients; {@code rehearse-kafka} adapts these to Kafka's serializers). A null
 * stays null both ways: a null value is a tombstone.
 */
public interface Serde<T> extends Serializable {

  byte[] toBytes(T value);

  /**
   * @throws java.io.UncheckedIOException when the bytes are not a {@code T}
   */
  T fromBytes(byte[] bytes);

  /** Keys: every key of a Rehearse topic is a UTF-8 string. */
  static Serde<String> utf8() {
    return Utf8.INSTANCE;
  }

  /** Values: JSON documents of {@code type}, read and written with {@link Json}'s settings. */
  static <T> Serde<T> json(Class<T> type) {
    return new JsonSerde<>(type);
  }

  /** UTF-8 strings. */
  enum Utf8 implements Serde<String> {
    INSTANCE;

    @Override
    public byte[] toBytes(String value) {
      return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String fromBytes(byte[] bytes) {
      return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** JSON documents of one type. */
  record JsonSerde<T>(Class<T> type) implements Serde<T> {

    // one mapper for every topic: configured once, never changed, thread-safe
    private static final ObjectMapper MAPPER = Json.newMapper();

    @Override
    public byte[] toBytes(T value) {
      return value == null ? null : Json.toBytes(MAPPER, value);
    }

    @Override
    public T fromBytes(byte[] bytes) {
      return bytes == null ? null : Json.fromBytes(MAPPER, bytes, type);
    }
  }
}
