package dev.rehearse.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryEvent;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.User;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventScrubberTest {

  private static final String ANSWER =
      "I led the migration of our billing system to event sourcing over six months";

  @Test
  void requestKeepsOnlyMethodAndPath() {
    SentryEvent event = new SentryEvent();
    Request request = new Request();
    request.setMethod("POST");
    request.setUrl("http://127.0.0.1/ai-interview/sessions/s1/answers?text=hello");
    request.setData("{\"text\":\"" + ANSWER + "\"}");
    request.setHeaders(Map.of("Authorization", "Bearer abc"));
    request.setCookies("sid=1");
    event.setRequest(request);

    Request kept = EventScrubber.scrub(event).getRequest();

    assertThat(kept.getMethod()).isEqualTo("POST");
    assertThat(kept.getUrl()).isEqualTo("http://127.0.0.1/ai-interview/sessions/s1/answers");
    assertThat(kept.getData()).isNull();
    assertThat(kept.getHeaders()).isNullOrEmpty();
    assertThat(kept.getCookies()).isNull();
    assertThat(kept.getQueryString()).isNull();
  }

  @Test
  void userIsNamedOnlyByHash() {
    SentryEvent event = new SentryEvent();
    User user = new User();
    user.setId("candidate-7");
    user.setEmail("ada@example.com");
    user.setIpAddress("10.0.0.1");
    user.setUsername("ada");
    event.setUser(user);
    event.setTag(Tags.USER_ID, "candidate-7");
    event.setExtra(Tags.USER_ID, "candidate-7");

    SentryEvent scrubbed = EventScrubber.scrub(event);

    String hash = UserIds.hash("candidate-7");
    assertThat(hash).hasSize(64).isNotEqualTo("candidate-7");
    assertThat(scrubbed.getUser().getId()).isEqualTo(hash);
    assertThat(scrubbed.getUser().getEmail()).isNull();
    assertThat(scrubbed.getUser().getIpAddress()).isNull();
    assertThat(scrubbed.getUser().getUsername()).isNull();
    assertThat(scrubbed.getTag(Tags.USER_ID)).isEqualTo(hash);
    assertThat(scrubbed.getExtra(Tags.USER_ID)).isEqualTo(hash);
  }

  @Test
  void aHashIsNotHashedAgain() {
    String hash = UserIds.hash("candidate-7");
    SentryEvent event = new SentryEvent();
    event.setTag(Tags.USER_ID, hash);

    assertThat(EventScrubber.scrub(event).getTag(Tags.USER_ID)).isEqualTo(hash);
  }

  @Test
  void onlyAllowListedTagsAndExtrasSurvive() {
    SentryEvent event = new SentryEvent();
    event.setTag(Tags.REQUEST_ID, "req-1");
    event.setTag(Tags.ROUTE, "/ai-interview/sessions/{id}/answers");
    event.setTag("answer", ANSWER);
    event.setExtra(Tags.BATCH_ID, "b-1");
    event.setExtra("profile", "Ten years of Java at a bank");

    SentryEvent scrubbed = EventScrubber.scrub(event);

    assertThat(scrubbed.getTags())
        .containsOnly(
            Map.entry(Tags.REQUEST_ID, "req-1"),
            Map.entry(Tags.ROUTE, "/ai-interview/sessions/{id}/answers"));
    assertThat(scrubbed.getExtras()).containsOnly(Map.entry(Tags.BATCH_ID, "b-1"));
  }

  @Test
  void proseAndQuotedTextLeaveMessagesAndExceptions() {
    SentryEvent event = new SentryEvent(new IllegalStateException("cannot send answer " + ANSWER));
    Message message = new Message();
    message.setMessage("answer %s");
    message.setFormatted("Unrecognized token '" + ANSWER + "': was expecting JSON");
    message.setParams(java.util.List.of(ANSWER));
    event.setMessage(message);
    event.setExceptions(
        new io.sentry.SentryExceptionFactory(
                new io.sentry.SentryStackTraceFactory(new io.sentry.SentryOptions()))
            .getSentryExceptions(event.getThrowable()));

    SentryEvent scrubbed = EventScrubber.scrub(event);

    assertThat(scrubbed.getMessage().getFormatted())
        .doesNotContain("migration")
        .contains("Unrecognized token [text]");
    assertThat(scrubbed.getMessage().getParams()).isNull();
    assertThat(scrubbed.getExceptions().get(0).getValue()).doesNotContain("migration");
    assertThat(scrubbed.getExceptions().get(0).getType()).isEqualTo("IllegalStateException");
  }

  @Test
  void technicalMessagesSurvive() {
    assertThat(EventScrubber.text("Connection refused: 127.0.0.1:9092"))
        .isEqualTo("Connection refused: 127.0.0.1:9092");
    assertThat(EventScrubber.text("failed: InternalServerException (status 503)"))
        .isEqualTo("failed: InternalServerException (status 503)");
    assertThat(EventScrubber.text("the request failed; it was logged"))
        .isEqualTo("the request failed; it was logged");
  }

  @Test
  void longTextIsCut() {
    assertThat(EventScrubber.text("x".repeat(1000))).hasSize(201);
  }

  @Test
  void breadcrumbsGo() {
    SentryEvent event = new SentryEvent();
    event.addBreadcrumb(ANSWER);

    assertThat(EventScrubber.scrub(event).getBreadcrumbs()).isEmpty();
  }

  @Test
  void theEventsUsersAreHashedInsideTexts() {
    SentryEvent event =
        new SentryEvent(new IllegalStateException("cannot publish candidate-7: refused"));
    event.setExceptions(
        new io.sentry.SentryExceptionFactory(
                new io.sentry.SentryStackTraceFactory(new io.sentry.SentryOptions()))
            .getSentryExceptions(event.getThrowable()));
    event.setTag(Tags.USER_ID, "candidate-7");
    event.setExtra(Tags.USER_IDS, "u-1, u-2");

    SentryEvent scrubbed = EventScrubber.scrub(event);

    assertThat(scrubbed.getExceptions().get(0).getValue())
        .isEqualTo("cannot publish " + UserIds.hash("candidate-7") + ": refused");
    assertThat(scrubbed.getExtra(Tags.USER_IDS))
        .isEqualTo(UserIds.hash("u-1") + "," + UserIds.hash("u-2"));
  }

  @Test
  void valuesOfNamedFieldsGoUnlessNumbers() {
    assertThat(
            EventScrubber.text(
                "Profile[targetRole=backend engineer, years=7, company=Optional[Globex], ok=true]"))
        .isEqualTo("Profile[targetRole=[text], years=7, company=[text]], ok=true]");
  }
}
