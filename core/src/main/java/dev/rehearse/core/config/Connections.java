package dev.rehearse.core.config;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the shared stores are: Kafka, Elasticsearch and the S3 lake. Every service reads these from
 * the same {@code REHEARSE_*} environment variables, once, at its entry point; the defaults match
 * the local stack.
 *
 * @param kafkaBootstrap {@code REHEARSE_KAFKA_BOOTSTRAP}, default {@code 127.0.0.1:9092}
 * @param elasticsearchUrl {@code REHEARSE_ES_URL}, default {@code http://127.0.0.1:9200}; with
 *     {@code REHEARSE_ES_USERNAME} and {@code REHEARSE_ES_PASSWORD} set (a cluster with security
 *     on, such as ECK's), it carries them as its user information, and the clients sign in with
 *     them (HTTP basic authentication); {@link #toString} and logs never show them
 * @param s3Endpoint {@code REHEARSE_S3_ENDPOINT}, default {@code http://127.0.0.1:9000}; any
 *     S3-compatible store (MinIO) by configuration alone
 * @param s3AccessKey {@code REHEARSE_S3_ACCESS_KEY}, default {@code rehearse}
 * @param s3SecretKey {@code REHEARSE_S3_SECRET_KEY}, default {@code rehearse-secret}
 * @param lakeBucket {@code REHEARSE_LAKE_BUCKET}, default {@code rehearse-lake}
 */
public record Connections(
    String kafkaBootstrap,
    URI elasticsearchUrl,
    URI s3Endpoint,
    String s3AccessKey,
    String s3SecretKey,
    String lakeBucket)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final String KAFKA_BOOTSTRAP = "REHEARSE_KAFKA_BOOTSTRAP";
  public static final String ES_URL = "REHEARSE_ES_URL";
  public static final String ES_USERNAME = "REHEARSE_ES_USERNAME";
  public static final String ES_PASSWORD = "REHEARSE_ES_PASSWORD";
  public static final String S3_ENDPOINT = "REHEARSE_S3_ENDPOINT";
  public static final String S3_ACCESS_KEY = "REHEARSE_S3_ACCESS_KEY";
  public static final String S3_SECRET_KEY = "REHEARSE_S3_SECRET_KEY";
  public static final String LAKE_BUCKET = "REHEARSE_LAKE_BUCKET";

  public static Connections fromEnv(Map<String, String> env) {
    return new Connections(
        env.getOrDefault(KAFKA_BOOTSTRAP, "127.0.0.1:9092"),
        elasticsearch(
            URI.create(env.getOrDefault(ES_URL, "http://127.0.0.1:9200")),
            env.get(ES_USERNAME),
            env.get(ES_PASSWORD)),
        URI.create(env.getOrDefault(S3_ENDPOINT, "http://127.0.0.1:9000")),
        env.getOrDefault(S3_ACCESS_KEY, "rehearse"),
        env.getOrDefault(S3_SECRET_KEY, "rehearse-secret"),
        env.getOrDefault(LAKE_BUCKET, "rehearse-lake"));
  }

  /** The environment variables that {@link #fromEnv} reads back as these connections. */
  public Map<String, String> toEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(KAFKA_BOOTSTRAP, kafkaBootstrap);
    env.put(ES_URL, withoutUser(elasticsearchUrl).toString());
    String user = elasticsearchUrl.getUserInfo();
    if (user != null) {
      int colon = user.indexOf(':');
      env.put(ES_USERNAME, user.substring(0, colon));
      env.put(ES_PASSWORD, user.substring(colon + 1));
    }
    env.put(S3_ENDPOINT, s3Endpoint.toString());
    env.put(S3_ACCESS_KEY, s3AccessKey);
    env.put(S3_SECRET_KEY, s3SecretKey);
    env.put(LAKE_BUCKET, lakeBucket);
    return env;
  }

  /** For logs: names the stores, never the secret key. */
  @Override
  public String toString() {
    return "Connections[kafka="
        + kafkaBootstrap
        + ", elasticsearch="
        + withoutUser(elasticsearchUrl)
        + ", s3="
        + s3Endpoint
        + ", bucket="
        + lakeBucket
        + "]";
  }

  /**
   * The cluster's URL with the user and password to sign in with, when both are given; neither
   * given is a cluster without security; one without the other is refused, naming the setting.
   */
  static URI elasticsearch(URI url, String username, String password) {
    boolean user = username != null && !username.isBlank();
    boolean secret = password != null && !password.isEmpty();
    if (user != secret) {
      throw new IllegalArgumentException(
          (user ? ES_USERNAME : ES_PASSWORD)
              + " is set without "
              + (user ? ES_PASSWORD : ES_USERNAME)
              + ": Elasticsearch's sign-in needs both");
    }
    if (!user) {
      return url;
    }
    if (username.contains(":")) {
      throw new IllegalArgumentException(ES_USERNAME + " may not contain ':'");
    }
    try {
      return withUserInfo(url, username + ":" + password);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(ES_URL + " is not a valid URL");
    }
  }

  /** {@code url} without its user information: what may be shown or logged. */
  public static URI withoutUser(URI url) {
    if (url.getRawUserInfo() == null) {
      return url;
    }
    try {
      return withUserInfo(url, null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code url} with {@code userInfo} (decoded; null for none) in place of its own. */
  private static URI withUserInfo(URI url, String userInfo) throws URISyntaxException {
    return new URI(
        url.getScheme(),
        userInfo,
        url.getHost(),
        url.getPort(),
        url.getPath(),
        url.getQuery(),
        url.getFragment());
  }
}
