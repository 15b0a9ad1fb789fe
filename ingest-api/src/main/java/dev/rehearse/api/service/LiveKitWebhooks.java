package dev.rehearse.api.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.InvalidProtocolBufferException;
import com.nimbusds.jwt.SignedJWT;
import io.livekit.server.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import livekit.LivekitWebhook.WebhookEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LiveKit's webhooks: each is verified ({@link WebhookReceiver}: a JWT in the {@code Authorization}
 * header, HS256 with the API secret, issued by the API key, within its validity, whose {@code
 * sha256} claim is the base64 SHA-256 of the body), taken once (an event id seen within {@link
 * #REPLAY_WINDOW} is a replay; a token must expire within that window, so an older one cannot be
 * replayed either), then handled: {@code egress_ended} goes to {@link LiveKitEgress}; other events
 * are acknowledged and ignored.
 */
public final class LiveKitWebhooks {

  private static final Logger LOG = LoggerFactory.getLogger(LiveKitWebhooks.class);

  /** How long event ids are remembered, and the longest a webhook's token may be valid for. */
  public static final Duration REPLAY_WINDOW = Duration.ofMinutes(10);

  /** The largest webhook body taken. */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  private final WebhookReceiver receiver;
  private final LiveKitEgress egress;
  private final Clock clock;
  private final Cache<String, Boolean> seen =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(REPLAY_WINDOW).build();

  public LiveKitWebhooks(String apiKey, String apiSecret, LiveKitEgress egress, Clock clock) {
    this.receiver = new WebhookReceiver(apiKey, apiSecret);
    this.egress = egress;
    this.clock = clock;
  }

  /** Handles a webhook: its event, or 401 when it is forged, out of its validity or replayed. */
  public WebhookEvent receive(Optional<String> authorization, byte[] body) {
    String token = authorization.map(a -> a.replaceFirst("(?i)^Bearer ", "").strip()).orElse("");
    WebhookEvent event = verified(token, new String(body, StandardCharsets.UTF_8));
    if (event.getId().isEmpty()) {
      throw unauthorized("the webhook has no event id, so it could be replayed");
    }
    if (seen.asMap().putIfAbsent(event.getId(), true) != null) {
      throw unauthorized("the webhook was received already");
    }
    if ("egress_ended".equals(event.getEvent())) {
      try {
        egress.ended(event.getEgressInfo());
      } catch (RuntimeException e) {
        seen.invalidate(event.getId()); // LiveKit may send it again
        throw e;
      }
    }
    LOG.info("LiveKit webhook {} {} taken", event.getEvent(), event.getId());
    return event;
  }

  private WebhookEvent verified(String token, String body) {
    if (token.isEmpty()) {
      throw unauthorized("a signed webhook token is required");
    }
    Optional<Date> expires;
    try {
      expires = Optional.ofNullable(SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime());
    } catch (ParseException e) {
      throw refused(e);
    }
    if (expires.isEmpty()
        || expires.get().toInstant().isAfter(clock.instant().plus(REPLAY_WINDOW))) {
      throw unauthorized(
          "the webhook token must expire within " + REPLAY_WINDOW.toMinutes() + " minutes");
    }
    try {
      return receiver.receive(body, token);
    } catch (Exception e) {
      // the SDK's checks fail with java-jwt's exceptions or IllegalArgumentException; a body that
      // is not an event with protobuf's parse error, which it does not declare
      if (e instanceof InvalidProtocolBufferException) {
        throw new Problem(400, "Invalid request", "the webhook is not an event", Optional.empty());
      }
      throw refused(e);
    }
  }

  private static Problem refused(Exception e) {
    LOG.warn("refused a LiveKit webhook: {}", e.toString());
    return unauthorized("the webhook's signature, validity or body hash is wrong");
  }

  private static Problem unauthorized(String detail) {
    return new Problem(401, "Unauthorized", detail, Optional.empty());
  }
}
