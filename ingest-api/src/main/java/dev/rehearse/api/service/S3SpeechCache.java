package dev.rehearse.api.service;

import dev.rehearse.core.config.Connections;
import dev.rehearse.voice.AudioRejectedException;
import dev.rehearse.voice.WavDecoder;
import dev.rehearse.voice.tts.Speech;
import dev.rehearse.voice.tts.SpeechCache;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spoken questions kept in the lake bucket, {@code speech/<key>.wav} ({@link SpeechCache#key}: the
 * SHA-256 of the voice and the text), through the MinIO SDK like the spoken answers. The provider
 * that made each file is its {@code x-amz-meta-provider}. The cache never fails a request: a store
 * that cannot be read is a miss, one that cannot be written is skipped, and both are logged.
 */
public final class S3SpeechCache implements SpeechCache {

  /** The folder of the bucket the spoken questions are in. */
  public static final String FOLDER = "speech/";

  private static final Logger LOG = LoggerFactory.getLogger(S3SpeechCache.class);
  private static final String PROVIDER = "provider";

  private final MinioClient s3;
  private final String bucket;

  public S3SpeechCache(Connections connections) {
    this.s3 = LakeClients.of(connections, Duration.ofSeconds(10));
    this.bucket = connections.lakeBucket();
  }

  /** The object that holds the speech of {@code key}. */
  public static String objectName(String key) {
    return FOLDER + key + ".wav";
  }

  @Override
  public Optional<Speech> get(String key) {
    try (GetObjectResponse object =
        s3.getObject(GetObjectArgs.builder().bucket(bucket).object(objectName(key)).build())) {
      byte[] wav = object.readAllBytes();
      String provider = object.headers().get("x-amz-meta-" + PROVIDER);
      return Optional.of(
          new Speech(
              wav, WavDecoder.decode(wav).durationMs(), provider == null ? "unknown" : provider));
    } catch (ErrorResponseException e) {
      if (!"NoSuchKey".equals(e.errorResponse().code())) {
        LOG.warn("reading the spoken question {} failed: {}", key, e.toString());
      }
      return Optional.empty();
    } catch (AudioRejectedException e) {
      LOG.warn("the spoken question {} in the lake is not a usable WAV: {}", key, e.getMessage());
      return Optional.empty();
    } catch (Exception e) {
      LOG.warn("reading the spoken question {} failed: {}", key, e.toString());
      return Optional.empty();
    }
  }

  @Override
  public void put(String key, Speech speech) {
    try {
      s3.putObject(
          PutObjectArgs.builder().bucket(bucket).object(objectName(key)).stream(
                  new ByteArrayInputStream(speech.wav()), speech.wav().length, -1)
              .contentType("audio/wav")
              .userMetadata(Map.of(PROVIDER, speech.provider()))
              .build());
    } catch (Exception e) {
      LOG.warn("keeping the spoken question {} failed: {}", key, e.toString());
    }
  }
}
