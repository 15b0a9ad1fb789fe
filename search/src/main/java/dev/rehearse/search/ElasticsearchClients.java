package dev.rehearse.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.json.Json;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** A client of Elasticsearch with its transport, closed together. */
public final class ElasticsearchClients implements Closeable {

  private final RestClientTransport transport;
  private final ElasticsearchClient client;

  private ElasticsearchClients(RestClientTransport transport) {
    this.transport = transport;
    this.client = new ElasticsearchClient(transport);
  }

  /**
   * Connects to {@code url} (for example {@code http://127.0.0.1:9200}); a URL with user
   * information ({@code user:password}, as core's {@code Connections} builds it from {@code
   * REHEARSE_ES_USERNAME} and {@code REHEARSE_ES_PASSWORD}) signs every request in with them.
   */
  public static ElasticsearchClients connect(URI url) {
    RestClientBuilder builder =
        RestClient.builder(new HttpHost(url.getHost(), url.getPort(), url.getScheme()));
    basicAuthorization(url)
        .ifPresent(
            value ->
                builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", value)}));
    RestClient rest = builder.build();
    return new ElasticsearchClients(
        new RestClientTransport(rest, new JacksonJsonpMapper(documentMapper())));
  }

  /** The {@code Authorization} header value for the URL's user information, if it has one. */
  static Optional<String> basicAuthorization(URI url) {
    return Optional.ofNullable(url.getUserInfo())
        .map(
            user ->
                "Basic "
                    + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Documents read back may carry fields a reader does not know; they are ignored. The client reads
   * each document from inside a response, so tokens after it are expected.
   */
  static ObjectMapper documentMapper() {
    ObjectMapper mapper = Json.newMapper();
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // an index leaves unknown metrics out, where the API writes them as null
    mapper.addMixIn(AnswerMetrics.class, LeaveOutAbsent.class);
    return mapper;
  }

  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  private abstract static class LeaveOutAbsent {}

  public ElasticsearchClient client() {
    return client;
  }

  /** Whether the cluster answers with at least yellow health. */
  public boolean healthy() {
    try {
      return client.cluster().health().status() != HealthStatus.Red;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    transport.close();
  }
}
