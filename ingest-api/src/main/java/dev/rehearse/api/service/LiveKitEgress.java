package dev.rehearse.api.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rehearse.voice.AudioDecoder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import livekit.LivekitEgress.EgressInfo;
import livekit.LivekitEgress.EgressStatus;
import livekit.LivekitEgress.FileInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recordings that LiveKit egress wrote to the lake bucket, taken as spoken answers: the file of an
 * ended egress of a session's room is read from the lake and submitted, for the session's owner, as
 * {@code POST /ai-interview/sessions/{id}/audio} would ({@link SessionService#spokenAnswer}). Only
 * the files that endpoint takes are taken: Ogg Opus ({@code .ogg}, {@code .opus}), which is what
 * egress writes for audio-only recordings, and WAV ({@code .wav}); anything else (MP3, MP4) is
 * logged and skipped. Each egress is submitted once (remembered by this instance for a day).
 */
public final class LiveKitEgress {

  private static final Logger LOG = LoggerFactory.getLogger(LiveKitEgress.class);
  private static final String ROOM_PREFIX = LiveKitTokens.room("");

  /** The file name endings of the recordings taken: Ogg Opus and WAV. */
  static final List<String> EXTENSIONS = List.of(".ogg", ".opus", ".wav");

  private final SessionService sessions;
  private final AudioStore lake;
  private final String bucket;
  private final Cache<String, Boolean> submitted =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofDays(1)).build();

  /**
   * @param lake the lake bucket's objects
   * @param bucket the lake bucket's name, which an egress file's location must name
   */
  public LiveKitEgress(SessionService sessions, AudioStore lake, String bucket) {
    this.sessions = sessions;
    this.lake = lake;
    this.bucket = bucket;
  }

  /**
   * Submits the recording of an ended egress; a failure of the store or the interviewer (5xx, or an
   * unexpected error) is thrown, so the egress can be tried again; a refusal is logged.
   */
  public void ended(EgressInfo egress) {
    String id = egress.getEgressId();
    if (egress.getStatus() != EgressStatus.EGRESS_COMPLETE) {
      LOG.info("egress {} ended {}: {}; no answer", id, egress.getStatus(), egress.getError());
      return;
    }
    if (submitted.asMap().putIfAbsent(id, true) != null) {
      LOG.info("egress {} was submitted already", id);
      return;
    }
    try {
      submit(egress).ifPresent(reason -> LOG.warn("egress {} not taken: {}", id, reason));
    } catch (Problem p) {
      if (p.status() >= 500) {
        submitted.invalidate(id);
        throw p;
      }
      LOG.warn("egress {} not taken: {} {}", id, p.status(), p.getMessage());
    } catch (RuntimeException e) {
      submitted.invalidate(id);
      throw e;
    }
  }

  /** Submits the egress file's audio; why it was not taken, when it was not. */
  private Optional<String> submit(EgressInfo egress) {
    if (!egress.getRoomName().startsWith(ROOM_PREFIX)) {
      return Optional.of("room " + egress.getRoomName() + " is not a session's room");
    }
    String sessionId = egress.getRoomName().substring(ROOM_PREFIX.length());
    Optional<FileInfo> file = egress.getFileResultsList().stream().findFirst();
    if (file.isEmpty()) {
      return Optional.of("it wrote no file");
    }
    Optional<String> key = lakeKey(file.get());
    if (key.isEmpty()) {
      return Optional.of("its file " + file.get().getLocation() + " is not in the lake bucket");
    }
    String name = key.get().toLowerCase(Locale.ROOT);
    if (EXTENSIONS.stream().noneMatch(name::endsWith)) {
      return Optional.of(
          "its file " + key.get() + " is neither Ogg Opus nor WAV; answers are taken as those");
    }
    Optional<String> ownerId = sessions.ownerOf(sessionId);
    if (ownerId.isEmpty()) {
      return Optional.of("session " + sessionId + " is not known");
    }
    Optional<byte[]> audio = lake.read(key.get(), AudioDecoder.MAX_BYTES);
    if (audio.isEmpty()) {
      return Optional.of("its file " + key.get() + " is not in the lake");
    }
    if (audio.get().length > AudioDecoder.MAX_BYTES) {
      return Optional.of("its file is larger than " + (AudioDecoder.MAX_BYTES >> 20) + " MB");
    }
    Caller owner = new Caller(ownerId.get(), Set.of("candidate"));
    Reply<?> reply = sessions.spokenAnswer(owner, sessionId, audio.get());
    LOG.info(
        "egress {} submitted as an answer of session {} ({})",
        egress.getEgressId(),
        sessionId,
        reply.status());
    return Optional.empty();
  }

  /**
   * The key of the file in the lake bucket, when its location names the bucket: {@code
   * s3://bucket/key}, a virtual-host URL {@code https://bucket.host/key} or a path-style URL {@code
   * https://host/bucket/key}. The key is the egress file name.
   */
  Optional<String> lakeKey(FileInfo file) {
    URI location;
    try {
      location = URI.create(file.getLocation());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String host = Optional.ofNullable(location.getHost()).orElse("");
    String path = Optional.ofNullable(location.getPath()).orElse("");
    boolean inBucket =
        ("s3".equals(location.getScheme()) && host.equals(bucket))
            || host.startsWith(bucket + ".")
            || path.startsWith("/" + bucket + "/");
    String key = file.getFilename().replaceFirst("^/+", "");
    if (!inBucket || key.isEmpty() || key.contains("..") || !path.endsWith("/" + key)) {
      return Optional.empty();
    }
    return Optional.of(key);
  }
}
