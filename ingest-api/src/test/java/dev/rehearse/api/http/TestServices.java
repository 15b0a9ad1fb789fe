package dev.rehearse.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.api.service.AnalyticsService;
import dev.rehearse.api.service.BatchView;
import dev.rehearse.api.service.CohortService;
import dev.rehearse.api.service.CohortView;
import dev.rehearse.api.service.CommandBus;
import dev.rehearse.api.service.InMemoryCommandBus;
import dev.rehearse.api.service.InMemoryProfileReader;
import dev.rehearse.api.service.InMemoryReplyWaiter;
import dev.rehearse.api.service.InMemorySessionReader;
import dev.rehearse.api.service.ProfileService;
import dev.rehearse.api.service.QuestionSpeech;
import dev.rehearse.api.service.SessionOwnerView;
import dev.rehearse.api.service.SessionService;
import dev.rehearse.api.service.StubDimensionStatistics;
import dev.rehearse.api.service.StubSessionStatistics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The API's services over in-memory fakes: routes reach real use cases, nothing leaves the JVM. */
final class TestServices {

  private TestServices() {}

  static Api.Services create(ObjectMapper mapper) {
    return create(mapper, new InMemoryCommandBus());
  }

  /** The same, publishing through {@code bus}. */
  static Api.Services create(ObjectMapper mapper, CommandBus bus) {
    InMemoryReplyWaiter replies = new InMemoryReplyWaiter();
    InMemorySessionReader sessions = new InMemorySessionReader();
    BatchView batches = new BatchView(mapper);
    CohortView cohorts = new CohortView(mapper);
    Duration timeout = Duration.ofMillis(100);
    Clock clock = Clock.systemUTC();
    return new Api.Services(
        new SessionService(
            bus,
            replies,
            sessions,
            new SessionOwnerView(1000, Duration.ofMinutes(15), Duration.ZERO, clock),
            batches,
            timeout,
            clock,
            Optional.empty()),
        new ProfileService(bus, new InMemoryProfileReader(), timeout, clock),
        new CohortService(
            bus,
            cohorts,
            (write, wait) -> true,
            sessions,
            batches,
            prefix -> List.of(),
            timeout,
            clock),
        new AnalyticsService(
            new StubSessionStatistics(), new StubDimensionStatistics(), cohorts, 5),
        new SessionStream(replies, sessions, mapper),
        new QuestionSpeech(
            sessions,
            new SessionOwnerView(1000, Duration.ofMinutes(15), Duration.ZERO, clock),
            Optional.empty(),
            Duration.ZERO));
  }
}
