package dev.rehearse.api.service;

import dev.rehearse.core.config.Connections;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Spoken answers in the lake bucket, through the MinIO SDK (any S3-compatible store). */
public final class S3AudioStore implements AudioStore {

  private static final Logger LOG = LoggerFactory.getLogger(S3AudioStore.class);

  private final MinioClient s3;
  private final String bucket;

  public S3AudioStore(Connections connections) {
    this.s3 =
        MinioClient.builder()
            .endpoint(connections.s3Endpoint().toString())
            .credentials(connections.s3AccessKey(), connections.s3SecretKey())
            .region("us-east-1")
            .httpClient(
                new okhttp3.OkHttpClient.Builder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .writeTimeout(Duration.ofSeconds(30))
                    .readTimeout(Duration.ofSeconds(30))
                    .build())
            .build();
    this.bucket = connections.lakeBucket();
  }

  @Override
  public void put(String key, byte[] wav) {
    try {
      s3.putObject(
          PutObjectArgs.builder().bucket(bucket).object(key).stream(
                  new ByteArrayInputStream(wav), wav.length, -1)
              .contentType("audio/wav")
              .build());
    } catch (Exception e) {
      LOG.error("storing the spoken answer {} failed: {}", key, e.toString());
      throw Problem.unavailable(
          "the answer's audio could not be stored; nothing was accepted, try again",
          Duration.ofSeconds(2));
    }
  }
}
