package dev.rehearse.api.service;

import dev.rehearse.core.config.Connections;
import dev.rehearse.voice.AudioDecoder;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Spoken answers in the lake bucket, through the MinIO SDK (any S3-compatible store). */
public final class S3AudioStore implements AudioStore {

  private static final Logger LOG = LoggerFactory.getLogger(S3AudioStore.class);

  private final MinioClient s3;
  private final String bucket;

  public S3AudioStore(Connections connections) {
    this.s3 = LakeClients.of(connections, Duration.ofSeconds(30));
    this.bucket = connections.lakeBucket();
  }

  @Override
  public void put(String key, byte[] wav) {
    try {
      s3.putObject(
          PutObjectArgs.builder().bucket(bucket).object(key).stream(
                  new ByteArrayInputStream(wav), wav.length, -1)
              .contentType(AudioDecoder.mediaType(wav))
              .build());
    } catch (Exception e) {
      LOG.error("storing the spoken answer {} failed: {}", key, e.toString());
      throw Problem.unavailable(
          "the answer's audio could not be stored; nothing was accepted, try again",
          Duration.ofSeconds(2));
    }
  }

  @Override
  public Optional<byte[]> read(String key, int maxBytes) {
    try (InputStream in =
        s3.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
      return Optional.of(in.readNBytes(maxBytes + 1));
    } catch (ErrorResponseException e) {
      if ("NoSuchKey".equals(e.errorResponse().code())) {
        return Optional.empty();
      }
      throw unreadable(key, e);
    } catch (Exception e) {
      throw unreadable(key, e);
    }
  }

  private static Problem unreadable(String key, Exception e) {
    LOG.error("reading {} from the lake failed: {}", key, e.toString());
    return Problem.unavailable("the lake cannot be read now", Duration.ofSeconds(2));
  }
}
