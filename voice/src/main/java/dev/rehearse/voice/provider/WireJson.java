package dev.rehearse.voice.provider;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.rehearse.voice.provider.ProviderException.Reason;
import java.io.IOException;

/**
 * Providers' JSON, read into records that name the wire fields: strictly, so a number where text
 * belongs (or text where a number belongs) is a malformed reply rather than quietly converted;
 * fields the record does not name are ignored.
 */
public final class WireJson {

  private static final ObjectMapper MAPPER = strict();

  private WireJson() {}

  private static ObjectMapper strict() {
    ObjectMapper mapper =
        JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /**
   * {@code body} as a {@code type}.
   *
   * @throws ProviderException {@link Reason#MALFORMED_REPLY} when it is not JSON of that shape
   */
  public static <T> T read(String provider, byte[] body, Class<T> type) {
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw new ProviderException(provider, Reason.MALFORMED_REPLY, "the reply is JSON null");
      }
      return value;
    } catch (JacksonException e) {
      throw new ProviderException(
          provider, Reason.MALFORMED_REPLY, "the reply is not JSON of the documented shape");
    } catch (IOException e) {
      throw new ProviderException(provider, Reason.MALFORMED_REPLY, "the reply cannot be read");
    }
  }

  /** {@code request} as JSON bytes. */
  public static byte[] write(Object request) {
    try {
      return MAPPER.writeValueAsBytes(request);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a " + request.getClass().getSimpleName(), e);
    }
  }
}
