package dev.rehearse.api.http;

import dev.rehearse.api.service.LiveKitWebhooks;
import dev.rehearse.api.service.Problem;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /livekit/webhook}: LiveKit's signed webhooks. Public (no bearer token): the webhook's
 * own signature is checked ({@link LiveKitWebhooks}); the raw body, which the signature covers, is
 * read here and bounded ({@link LiveKitWebhooks#MAX_BODY_BYTES}).
 */
final class LiveKitWebhook {

  static final String PATH = "/livekit/webhook";

  /** LiveKit sends {@code application/webhook+json}; plain JSON is taken too. */
  static final List<String> MEDIA_TYPES = List.of("application/webhook+json", "application/json");

  private LiveKitWebhook() {}

  /**
   * 200 once the event is taken; 401 forged or replayed, 413 too large, 415 not JSON, 503 without
   * LiveKit.
   */
  static void handle(Context ctx, Optional<LiveKitWebhooks> webhooks) {
    LiveKitWebhooks hooks =
        webhooks.orElseThrow(
            () ->
                Problem.unavailable(
                    "LiveKit is not configured on this deployment", Duration.ofSeconds(60)));
    String type =
        Optional.ofNullable(ctx.contentType())
            .map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
            .orElse("");
    if (!MEDIA_TYPES.contains(type)) {
      throw new Problem(
          415,
          "Unsupported media type",
          "send the webhook as " + String.join(" or ", MEDIA_TYPES),
          Optional.empty());
    }
    if (ctx.req().getContentLengthLong() > LiveKitWebhooks.MAX_BODY_BYTES) {
      throw tooLarge();
    }
    byte[] body;
    try (InputStream in = ctx.req().getInputStream()) {
      body = in.readNBytes(LiveKitWebhooks.MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw new Problem(400, "Invalid request", "unreadable body", Optional.empty());
    }
    if (body.length > LiveKitWebhooks.MAX_BODY_BYTES) {
      throw tooLarge();
    }
    hooks.receive(Optional.ofNullable(ctx.header("Authorization")), body);
    ctx.json(new Api.Status("received"));
  }

  private static Problem tooLarge() {
    return new Problem(
        413,
        "Payload too large",
        "a webhook is at most " + (LiveKitWebhooks.MAX_BODY_BYTES >> 10) + " KiB",
        Optional.empty());
  }
}
