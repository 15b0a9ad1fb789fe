package dev.rehearse.api.service;

import dev.rehearse.core.config.Connections;
import io.minio.MinioClient;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** The API's MinIO SDK clients of the lake bucket (any S3-compatible store). */
final class LakeClients {

  private LakeClients() {}

  /**
   * A client that gives up connecting after 2 s and waits at most {@code io} for each read or
   * write.
   */
  static MinioClient of(Connections connections, Duration io) {
    return MinioClient.builder()
        .endpoint(connections.s3Endpoint().toString())
        .credentials(connections.s3AccessKey(), connections.s3SecretKey())
        .region("us-east-1")
        .httpClient(
            new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(2))
                .writeTimeout(io)
                .readTimeout(io)
                .build())
        .build();
  }
}
