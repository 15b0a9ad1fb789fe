package dev.rehearse.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.api.ApiConfig;
import dev.rehearse.api.service.AnalyticsBreakdownFields;
import dev.rehearse.api.service.AnalyticsService;
import dev.rehearse.api.service.AnalyticsTrendsFields;
import dev.rehearse.api.service.BatchFields;
import dev.rehearse.api.service.Caller;
import dev.rehearse.api.service.CohortService;
import dev.rehearse.api.service.LiveKitWebhooks;
import dev.rehearse.api.service.Problem;
import dev.rehearse.api.service.ProfileService;
import dev.rehearse.api.service.QuestionSpeech;
import dev.rehearse.api.service.Reply;
import dev.rehearse.api.service.SessionQueryFields;
import dev.rehearse.api.service.SessionService;
import dev.rehearse.core.json.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP routes: I/O only. Authenticates, parses and validates, calls {@link SessionService},
 * writes the reply; every error is an {@code application/problem+json} body. One routing function
 * serves {@code main()} and the tests.
 */
public final class Api {

  private static final Logger LOG = LoggerFactory.getLogger(Api.class);
  private static final String PREFIX = "/ai-interview";
  private static final String CALLER = "rehearse.caller";

  /** The path parameter of the session, batch or cohort a path names. */
  static final String ID = "id";

  /** The WebSocket of a session's events. */
  static final String STREAM_PATH = PREFIX + "/sessions/{id}/stream";

  private Api() {}

  public static Javalin create(
      Services services,
      TokenVerifier tokens,
      ObjectMapper mapper,
      ApiConfig config,
      BooleanSupplier ready,
      HttpMetrics metrics,
      ApiDocs docs,
      RateLimits limits,
      Tracer tracer) {
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.http.maxRequestSize = config.maxBodyBytes();
              // a method no route of the path takes is 405, not 404: the path exists
              cfg.http.prefer405over404 = true;
              if (!config.corsOrigins().isEmpty()) {
                cfg.bundledPlugins.enableCors(
                    cors ->
                        cors.addRule(
                            rule -> {
                              config.corsOrigins().forEach(rule::allowHost);
                              rule.exposeHeader("X-Request-Id");
                              rule.exposeHeader("RateLimit-Limit");
                              rule.exposeHeader("RateLimit-Remaining");
                              rule.exposeHeader("RateLimit-Reset");
                              rule.exposeHeader("Retry-After");
                            }));
              }
              cfg.jsonMapper(new JavalinJackson(mapper, false));
              cfg.staticFiles.add(
                  files -> {
                    files.hostedPath = "/docs/assets";
                    files.directory =
                        "/META-INF/resources/webjars/swagger-ui/" + docs.swaggerUiVersion();
                    files.location = Location.CLASSPATH;
                  });
              cfg.staticFiles.add(
                  files -> {
                    files.hostedPath = DASHBOARD + "assets";
                    files.directory =
                        "/META-INF/resources/webjars/echarts/" + docs.dashboard().echartsVersion();
                    files.location = Location.CLASSPATH;
                  });
            });
    app.before(metrics::started);
    app.after(metrics::finished);

    app.before(
        ctx -> {
          ctx.header("X-Request-Id", requestId(ctx));
          ctx.header("X-Content-Type-Options", "nosniff");
          ctx.header("X-Frame-Options", "DENY");
          ctx.header("Cache-Control", "no-store");
          ctx.header("Referrer-Policy", "no-referrer");
        });
    RequestContext.install(
        app, CALLER, tracer, PREFIX + "/sessions/{id}", PREFIX + "/sessions/{id}/*");
    app.before(PREFIX + "/*", ctx -> ctx.attribute(CALLER, authenticate(ctx, tokens)));
    app.before(PREFIX + "/*", ctx -> limit(ctx, limits));

    for (Route route : routes(services, mapper, ready, metrics, docs)) {
      app.addHttpHandler(route.method(), route.path(), guarded(route));
    }
    services.stream().register(app, STREAM_PATH, tokens);
    registerDashboard(app, docs.dashboard());
    registerPractice(app, docs.practice());

    app.exception(Problem.class, (e, ctx) -> problem(ctx, mapper, e));
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          // Javalin's own refusals (unknown route, body too large…): the status says it all
          String status = HttpStatus.forStatus(e.getStatus()).getMessage();
          problem(
              ctx,
              mapper,
              new Problem(
                  e.getStatus(),
                  status,
                  status.toLowerCase(java.util.Locale.ROOT),
                  Optional.empty()));
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          ctx.attribute(RequestContext.ERROR, e);
          LOG.error(
              "{} {} failed (request {})",
              ctx.method(),
              ctx.endpointHandlerPath(),
              ctx.res().getHeader("X-Request-Id"),
              e);
          problem(
              ctx,
              mapper,
              new Problem(
                  500, "Internal error", "the request failed; it was logged", Optional.empty()));
        });
    app.error(
        404,
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            problem(
                ctx, mapper, new Problem(404, "Not found", "no such resource", Optional.empty()));
          }
        });
    app.error(
        405,
        ctx ->
            problem(
                ctx,
                mapper,
                new Problem(405, "Method not allowed", "method not allowed", Optional.empty())));
    return app;
  }

  /** Where the dashboard page is served. */
  static final String DASHBOARD = "/dashboard/";

  /**
   * The dashboard's Content-Security-Policy: its own scripts only (no inline script, no eval, no
   * CDN), calls to this API only. Styles may be inline: ECharts writes style attributes on the SVG
   * it draws and on its tooltip.
   */
  static final String DASHBOARD_CSP =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";

  /**
   * The dashboard page and its own script and style sheet (ECharts comes from its WebJar): public
   * files, beside the endpoint table, which the OpenAPI document describes; the page calls the
   * endpoints with the caller's token. Routes ignore a trailing slash: {@code /dashboard} is the
   * page too.
   */
  private static void registerDashboard(Javalin app, ApiDocs.Dashboard dashboard) {
    app.before(DASHBOARD + "*", ctx -> ctx.header("Content-Security-Policy", DASHBOARD_CSP));
    app.get(
        DASHBOARD,
        ctx -> ctx.header("Content-Security-Policy", DASHBOARD_CSP).html(dashboard.page()));
    app.get(
        DASHBOARD + "dashboard.js",
        ctx -> ctx.contentType("text/javascript; charset=utf-8").result(dashboard.script()));
    app.get(
        DASHBOARD + "dashboard.css",
        ctx -> ctx.contentType("text/css; charset=utf-8").result(dashboard.style()));
  }

  /** Where the practice page is served. */
  static final String PRACTICE = "/practice/";

  /**
   * The practice page's Content-Security-Policy: the dashboard's, but with no inline style at all,
   * and audio from this API or from the blob URLs the page makes of the questions it fetched.
   */
  static final String PRACTICE_CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " media-src 'self' blob:; connect-src 'self'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";

  /**
   * The practice page, its script, style sheet and recording worklet: public files, like the
   * dashboard's; the page calls the interview endpoints with the candidate's token.
   */
  private static void registerPractice(Javalin app, ApiDocs.Practice practice) {
    app.before(PRACTICE + "*", ctx -> ctx.header("Content-Security-Policy", PRACTICE_CSP));
    app.get(
        PRACTICE, ctx -> ctx.header("Content-Security-Policy", PRACTICE_CSP).html(practice.page()));
    app.get(
        PRACTICE + "practice.js",
        ctx -> ctx.contentType("text/javascript; charset=utf-8").result(practice.script()));
    app.get(
        PRACTICE + "recorder.js",
        ctx -> ctx.contentType("text/javascript; charset=utf-8").result(practice.recorder()));
    app.get(
        PRACTICE + "practice.css",
        ctx -> ctx.contentType("text/css; charset=utf-8").result(practice.style()));
  }

  /** The body of {@code /health} and {@code /ready}. */
  public record Status(String status) {}

  /** The use cases the routes call, the session event stream, and LiveKit's webhooks if set. */
  public record Services(
      SessionService sessions,
      ProfileService profiles,
      CohortService cohorts,
      AnalyticsService analytics,
      SessionStream stream,
      QuestionSpeech questions,
      Optional<LiveKitWebhooks> liveKitWebhooks) {

    /** Services without LiveKit webhooks (the webhook answers 503). */
    public Services(
        SessionService sessions,
        ProfileService profiles,
        CohortService cohorts,
        AnalyticsService analytics,
        SessionStream stream,
        QuestionSpeech questions) {
      this(sessions, profiles, cohorts, analytics, stream, questions, Optional.empty());
    }
  }

  /** Who may call a route: nobody needs a token for a public one; an admin may call every one. */
  static final Set<String> PUBLIC = Set.of();

  static final Set<String> CANDIDATE = Set.of("candidate");
  static final Set<String> COHORT_ADMIN = Set.of("cohort_admin");
  static final Set<String> ANALYST = Set.of("analyst");
  static final Set<String> SIGNED_IN = Set.copyOf(TokenVerifier.KNOWN_ROLES);

  /** One endpoint: method, path (Javalin syntax), the roles that may call it, and the handler. */
  public record Route(HandlerType method, String path, Set<String> roles, Handler handler) {}

  /**
   * Every endpoint of the API, in one table: {@link #create} registers them, and the OpenAPI
   * document and the authorization tests are checked against them.
   */
  public static List<Route> routes(
      Services services,
      ObjectMapper mapper,
      BooleanSupplier ready,
      HttpMetrics metrics,
      ApiDocs docs) {
    SessionService sessions = services.sessions();
    ProfileService profiles = services.profiles();
    CohortService cohorts = services.cohorts();
    AnalyticsService analytics = services.analytics();
    return List.of(
        new Route(HandlerType.GET, "/health", PUBLIC, ctx -> ctx.json(new Status("up"))),
        new Route(
            HandlerType.GET,
            "/metrics",
            PUBLIC,
            ctx ->
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape())),
        new Route(
            HandlerType.GET,
            "/openapi.json",
            PUBLIC,
            ctx -> ctx.contentType("application/json").result(docs.openApi())),
        new Route(HandlerType.GET, "/docs", PUBLIC, ctx -> ctx.html(docs.page())),
        new Route(
            HandlerType.GET,
            "/docs/init.js",
            PUBLIC,
            ctx -> ctx.contentType("text/javascript").result(docs.initScript())),
        new Route(
            HandlerType.GET,
            "/ready",
            PUBLIC,
            ctx -> {
              boolean ok = ready.getAsBoolean();
              ctx.status(ok ? 200 : 503).json(new Status(ok ? "ready" : "not-ready"));
            }),
        new Route(
            HandlerType.POST,
            LiveKitWebhook.PATH,
            PUBLIC, // signed by LiveKit instead of a bearer token
            ctx -> LiveKitWebhook.handle(ctx, services.liveKitWebhooks())),
        // the candidate's profile
        new Route(
            HandlerType.POST,
            PREFIX + "/profile",
            CANDIDATE,
            ctx ->
                reply(
                    ctx,
                    profiles.create(
                        caller(ctx), body(ctx, mapper, Requests.ProfileBody.class).toProfile()))),
        new Route(
            HandlerType.GET,
            PREFIX + "/profile",
            CANDIDATE,
            ctx -> reply(ctx, profiles.get(caller(ctx)))),
        new Route(
            HandlerType.PUT,
            PREFIX + "/profile",
            CANDIDATE,
            ctx ->
                reply(
                    ctx,
                    profiles.update(
                        caller(ctx), body(ctx, mapper, Requests.ProfileBody.class).toProfile()))),
        new Route(
            HandlerType.DELETE,
            PREFIX + "/profile",
            CANDIDATE,
            ctx -> reply(ctx, profiles.erase(caller(ctx)))),
        new Route(
            HandlerType.POST,
            PREFIX + "/profile/resume",
            CANDIDATE,
            ctx -> {
              ResumeUpload upload = ResumeUpload.read(ctx, profiles.resumeLimits().maxFileBytes());
              reply(ctx, profiles.uploadResume(caller(ctx), upload.format(), upload.file()));
            }),
        new Route(
            HandlerType.POST,
            PREFIX + "/profile/index",
            CANDIDATE,
            ctx -> reply(ctx, profiles.reindex(caller(ctx)))),
        // interviews
        new Route(
            HandlerType.POST,
            PREFIX + "/sessions",
            CANDIDATE,
            ctx -> {
              Requests.StartSession body = body(ctx, mapper, Requests.StartSession.class);
              reply(ctx, sessions.start(caller(ctx), body.toSpec()));
            }),
        new Route(
            HandlerType.GET,
            PREFIX + "/sessions",
            CANDIDATE,
            ctx ->
                reply(
                    ctx,
                    sessions.list(
                        caller(ctx),
                        Requests.sessionQuery(
                            ctx.queryParam(SessionQueryFields.STATUS),
                            ctx.queryParam(SessionQueryFields.TYPE),
                            ctx.queryParam(SessionQueryFields.OFFSET),
                            ctx.queryParam(SessionQueryFields.LIMIT))))),
        new Route(
            HandlerType.GET,
            PREFIX + "/sessions/{id}",
            CANDIDATE,
            ctx -> reply(ctx, sessions.get(caller(ctx), sessionId(ctx)))),
        new Route(
            HandlerType.POST,
            PREFIX + "/sessions/{id}/message",
            CANDIDATE,
            ctx -> {
              String id = sessionId(ctx);
              Requests.AnswerBody body = body(ctx, mapper, Requests.AnswerBody.class);
              reply(ctx, sessions.answer(caller(ctx), id, body.toAnswer()));
            }),
        new Route(
            HandlerType.POST,
            PREFIX + "/sessions/{id}/audio",
            CANDIDATE,
            ctx -> {
              String id = sessionId(ctx);
              byte[] wav = SpokenAnswerUpload.read(ctx);
              reply(ctx, sessions.spokenAnswer(caller(ctx), id, wav));
            }),
        new Route(
            HandlerType.GET,
            PREFIX + "/sessions/{id}/questions/{index}/audio",
            CANDIDATE,
            ctx -> {
              QuestionSpeech.Spoken spoken =
                  services.questions().question(caller(ctx), sessionId(ctx), questionIndex(ctx));
              ctx.header("X-Speech-Provider", spoken.provider())
                  .contentType(spoken.contentType())
                  .result(spoken.wav());
            }),
        new Route(
            HandlerType.POST,
            PREFIX + "/sessions/{id}/complete",
            CANDIDATE,
            ctx -> reply(ctx, sessions.complete(caller(ctx), sessionId(ctx)))),
        new Route(
            HandlerType.POST,
            PREFIX + "/sessions/{id}/assess",
            CANDIDATE,
            ctx -> reply(ctx, sessions.assess(caller(ctx), sessionId(ctx)))),
        new Route(
            HandlerType.GET,
            PREFIX + "/sessions/{id}/assessment",
            CANDIDATE,
            ctx -> reply(ctx, sessions.assessment(caller(ctx), sessionId(ctx)))),
        new Route(
            HandlerType.POST,
            PREFIX + "/livekit/token",
            CANDIDATE,
            ctx -> {
              Requests.LiveKitToken body = body(ctx, mapper, Requests.LiveKitToken.class);
              reply(ctx, sessions.liveKitToken(caller(ctx), body.validSessionId()));
            }),
        new Route(
            HandlerType.GET,
            PREFIX + "/batches/{id}",
            SIGNED_IN,
            ctx -> reply(ctx, sessions.batch(caller(ctx), uuid(ctx, ID)))),
        // cohorts
        new Route(
            HandlerType.POST,
            PREFIX + "/cohorts",
            COHORT_ADMIN,
            ctx -> {
              Requests.CohortBody body = body(ctx, mapper, Requests.CohortBody.class);
              reply(ctx, cohorts.create(caller(ctx), body.validName(), body.validRubric()));
            }),
        new Route(
            HandlerType.GET,
            PREFIX + "/cohorts",
            COHORT_ADMIN,
            ctx -> reply(ctx, cohorts.list(caller(ctx)))),
        new Route(
            HandlerType.GET,
            PREFIX + "/cohorts/{id}",
            COHORT_ADMIN,
            ctx -> reply(ctx, cohorts.get(caller(ctx), uuid(ctx, ID)))),
        new Route(
            HandlerType.PUT,
            PREFIX + "/cohorts/{id}/rubric",
            COHORT_ADMIN,
            ctx ->
                reply(
                    ctx,
                    cohorts.setRubric(
                        caller(ctx),
                        uuid(ctx, ID),
                        body(ctx, mapper, Requests.RubricBody.class).validRubric()))),
        new Route(
            HandlerType.GET,
            PREFIX + "/cohorts/{id}/members",
            COHORT_ADMIN,
            ctx -> reply(ctx, cohorts.members(caller(ctx), uuid(ctx, ID)))),
        new Route(
            HandlerType.POST,
            PREFIX + "/cohorts/{id}/members",
            COHORT_ADMIN,
            ctx -> {
              String id = uuid(ctx, ID);
              String user = body(ctx, mapper, Requests.MemberBody.class).validUserId();
              reply(ctx, cohorts.enrol(caller(ctx), id, user));
            }),
        new Route(
            HandlerType.DELETE,
            PREFIX + "/cohorts/{id}/members/{userId}",
            COHORT_ADMIN,
            ctx ->
                reply(
                    ctx,
                    cohorts.remove(
                        caller(ctx),
                        uuid(ctx, ID),
                        Requests.userId(
                            MemberBodyFields.USER_ID, ctx.pathParam(MemberBodyFields.USER_ID))))),
        new Route(
            HandlerType.POST,
            PREFIX + "/cohorts/{id}/invites",
            COHORT_ADMIN,
            ctx -> {
              String id = uuid(ctx, ID);
              int days =
                  optionalBody(
                          ctx, mapper, Requests.InviteBody.class, new Requests.InviteBody(null))
                      .validDays();
              reply(ctx, cohorts.invite(caller(ctx), id, days));
            }),
        new Route(
            HandlerType.POST,
            PREFIX + "/cohorts/join",
            CANDIDATE,
            ctx ->
                reply(
                    ctx,
                    cohorts.join(
                        caller(ctx), body(ctx, mapper, Requests.JoinBody.class).validCode()))),
        new Route(
            HandlerType.POST,
            PREFIX + "/cohorts/{id}/batches",
            COHORT_ADMIN,
            ctx -> {
              String id = uuid(ctx, ID);
              Requests.CohortBatchBody body =
                  optionalBody(
                      ctx,
                      mapper,
                      Requests.CohortBatchBody.class,
                      new Requests.CohortBatchBody(null, null));
              reply(ctx, cohorts.requestBatch(caller(ctx), id, body.validFrom(), body.validTo()));
            }),
        new Route(
            HandlerType.GET,
            PREFIX + "/cohorts/{id}/batches/{batchId}",
            COHORT_ADMIN,
            ctx ->
                reply(
                    ctx,
                    cohorts.batch(caller(ctx), uuid(ctx, ID), uuid(ctx, BatchFields.BATCH_ID)))),
        new Route(
            HandlerType.GET,
            PREFIX + "/cohorts/{id}/dimensions",
            COHORT_ADMIN,
            ctx -> reply(ctx, analytics.cohortDimensions(caller(ctx), uuid(ctx, ID)))),
        // aggregates for analysts
        new Route(
            HandlerType.GET,
            PREFIX + "/analytics/summary",
            ANALYST,
            ctx -> reply(ctx, analytics.summary(Requests.analyticsQuery(ctx::queryParam)))),
        new Route(
            HandlerType.GET,
            PREFIX + "/analytics/distribution",
            ANALYST,
            ctx -> reply(ctx, analytics.distribution(Requests.analyticsQuery(ctx::queryParam)))),
        new Route(
            HandlerType.GET,
            PREFIX + "/analytics/trends",
            ANALYST,
            ctx ->
                reply(
                    ctx,
                    analytics.trends(
                        Requests.analyticsQuery(ctx::queryParam),
                        Requests.analyticsInterval(
                            ctx.queryParam(AnalyticsTrendsFields.INTERVAL))))),
        new Route(
            HandlerType.GET,
            PREFIX + "/analytics/breakdown",
            ANALYST,
            ctx ->
                reply(
                    ctx,
                    analytics.breakdown(
                        Requests.analyticsQuery(ctx::queryParam),
                        Requests.analyticsGroup(ctx.queryParam(AnalyticsBreakdownFields.BY))))));
  }

  /** Runs the route's handler once the caller holds one of its roles; 403 otherwise. */
  private static Handler guarded(Route route) {
    if (route.roles().isEmpty()) {
      return route.handler();
    }
    return ctx -> {
      if (!caller(ctx).mayAct(route.roles())) {
        throw new Problem(
            403,
            "Forbidden",
            "this endpoint needs the role "
                + String.join(" or ", new java.util.TreeSet<>(route.roles())),
            Optional.empty());
      }
      route.handler().handle(ctx);
    };
  }

  private static final java.util.regex.Pattern REQUEST_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9._-]{8,64}");

  /** The caller's request id when it is a sane one (a proxy's), else a new one. */
  private static String requestId(Context ctx) {
    String given = ctx.header("X-Request-Id");
    return given != null && REQUEST_ID.matcher(given).matches()
        ? given
        : UUID.randomUUID().toString();
  }

  /** Takes a token from the caller's bucket; 429 with {@code Retry-After} when it is empty. */
  private static void limit(Context ctx, RateLimits limits) {
    RateLimits.Decision d =
        limits.take(caller(ctx).userId(), RateLimits.kindOf(ctx.method().name(), ctx.path()));
    ctx.header("RateLimit-Limit", String.valueOf(d.limit()));
    ctx.header("RateLimit-Remaining", String.valueOf(d.remaining()));
    ctx.header("RateLimit-Reset", String.valueOf(d.resetSeconds()));
    if (!d.allowed()) {
      ctx.header("Retry-After", String.valueOf(d.resetSeconds()));
      throw new Problem(
          429,
          "Too many requests",
          "the rate limit of this kind of request is reached; retry after "
              + d.resetSeconds()
              + " s",
          Optional.empty());
    }
  }

  static Caller authenticate(Context ctx, TokenVerifier tokens) {
    String header = ctx.header("Authorization");
    String query = ctx.queryParam("access_token");
    if (header == null && query != null && ctx.path().endsWith("/stream")) {
      // browsers cannot set headers on a WebSocket; only the stream takes the token from the URL
      header = "Bearer " + query;
    }
    // the scheme name is case-insensitive (RFC 7235)
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new Problem(401, "Unauthorized", "a bearer token is required", Optional.empty());
    }
    return tokens
        .verify(header.substring("Bearer ".length()).strip())
        .orElseThrow(
            () -> {
              ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
              return new Problem(
                  401, "Unauthorized", "the token is invalid or expired", Optional.empty());
            });
  }

  private static Caller caller(Context ctx) {
    return ctx.attribute(CALLER);
  }

  private static String sessionId(Context ctx) {
    return uuid(ctx, ID);
  }

  /** Ids are UUIDs; anything else cannot name a resource. */
  static String uuid(Context ctx, String param) {
    String value = ctx.pathParam(param);
    try {
      return UUID.fromString(value).toString();
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("resource");
    }
  }

  /** The path parameter of a question's index. */
  static final String INDEX = "index";

  /** A question's index: a number from 0; anything else cannot name a question. */
  private static int questionIndex(Context ctx) {
    String value = ctx.pathParam(INDEX);
    if (!value.matches("\\d{1,4}")) {
      throw Problem.notFound("question");
    }
    return Integer.parseInt(value);
  }

  private static <T> T body(Context ctx, ObjectMapper mapper, Class<T> type) {
    String contentType = ctx.contentType();
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      throw new Problem(415, "Unsupported media type", "send application/json", Optional.empty());
    }
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      throw new Problem(400, "Invalid request", "a JSON body is required", Optional.empty());
    }
    try {
      T value = mapper.readValue(bytes, type);
      if (value == null) {
        throw new Problem(400, "Invalid request", "a JSON object is required", Optional.empty());
      }
      return value;
    } catch (JsonMappingException e) {
      String field = Json.fieldPath(e);
      String detail = field.isEmpty() ? "malformed JSON" : "unknown field or wrong type";
      throw new Problem(
          400,
          "Invalid request",
          field.isEmpty() ? detail : field + ": " + detail,
          field.isEmpty() ? Optional.empty() : Optional.of(field));
    } catch (JsonProcessingException e) {
      throw new Problem(400, "Invalid request", "malformed JSON", Optional.empty());
    } catch (IOException e) {
      throw new Problem(400, "Invalid request", "unreadable body", Optional.empty());
    }
  }

  private static void reply(Context ctx, Reply<?> reply) {
    if (reply.status() == 204) {
      ctx.status(204);
    } else {
      ctx.status(reply.status()).json(reply.body());
    }
  }

  /** A JSON body that may be left out entirely, {@code fallback} standing in for it. */
  private static <T> T optionalBody(Context ctx, ObjectMapper mapper, Class<T> type, T fallback) {
    if (ctx.bodyAsBytes().length == 0) {
      return fallback;
    }
    return body(ctx, mapper, type);
  }

  private static void problem(Context ctx, ObjectMapper mapper, Problem problem) {
    problem.retryAfter().ifPresent(d -> ctx.header("Retry-After", String.valueOf(d.toSeconds())));
    ctx.status(problem.status())
        .contentType("application/problem+json")
        .result(Json.toBytes(mapper, problem.body(ctx.path())));
  }
}
