package dev.rehearse.observability;

import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.User;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What leaves for Sentry: the {@code beforeSend} of every event. Answers, profiles and résumés are
 * free text written by candidates; none of it may leave, and users are named only by hash.
 *
 * <p>The rule, applied to every event:
 *
 * <ul>
 *   <li><b>Tags and extras</b>: only the keys of {@link #ALLOWED} survive; the others are dropped.
 *       A {@code user_id} is replaced by its SHA-256.
 *   <li><b>User</b>: only the id survives, as its SHA-256; e-mail, name, IP address and data go.
 *   <li><b>Request</b>: only the method and the path survive; body, query string, headers, cookies
 *       and environment go.
 *   <li><b>Text</b> (the message, exception messages, surviving tag and extra values): quoted parts
 *       ({@code '…'}, {@code "…"}, {@code “…”}) become {@code [text]}, as does any run of four or
 *       more plain words in a row (prose: what an answer or a profile looks like), and the result
 *       is cut to 200 characters. Technical messages ("Connection refused", "status 503", class
 *       names, hosts, ids) survive. Message parameters go.
 *   <li><b>Breadcrumbs</b> go (they could carry log messages); contexts other than the runtime, the
 *       OS and the trace go.
 * </ul>
 *
 * Exception types and stack frames are kept: they are code, not content.
 */
public final class EventScrubber implements SentryOptions.BeforeSendCallback {

  /** The tag and extra keys that may leave. */
  public static final Set<String> ALLOWED =
      Set.of(
          Tags.REQUEST_ID,
          Tags.ROUTE,
          Tags.METHOD,
          Tags.STATUS,
          Tags.JOB,
          Tags.RELEASE,
          Tags.BATCH_ID,
          Tags.BATCH_JOB,
          Tags.SESSION_ID,
          Tags.PROVIDERS,
          Tags.USER_ID,
          Tags.USER_IDS);

  private static final Set<String> CONTEXTS = Set.of("runtime", "os", "trace");
  private static final int MAX_TEXT = 200;
  private static final String REDACTED = "[text]";
  private static final Pattern QUOTED =
      Pattern.compile("'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’|«[^»]*»");
  // four or more words of letters in a row, separated by single spaces or light punctuation
  private static final Pattern PAIR =
      Pattern.compile("([\\p{L}_][\\w.-]*)=([^,\\]\\)}&\\s][^,\\]\\)}&]*)");
  private static final Pattern PLAIN_VALUE =
      Pattern.compile("-?\\d+(?:\\.\\d+)?(?:ms|s|%)?|true|false|null");
  private static final Pattern PROSE =
      Pattern.compile("\\p{L}[\\p{L}'’-]*(?:[ ,]+\\p{L}[\\p{L}'’-]*){3,}[.!?]?");

  @Override
  public SentryEvent execute(SentryEvent event, Hint hint) {
    return scrub(event);
  }

  /** The event with everything outside the rule removed; changes and returns {@code event}. */
  public static SentryEvent scrub(SentryEvent event) {
    Set<String> users = users(event);
    event.setTags(allowed(event.getTags(), users));
    Map<String, Object> extras = new LinkedHashMap<>();
    if (event.getExtras() != null) {
      event
          .getExtras()
          .forEach(
              (key, value) -> {
                if (ALLOWED.contains(key) && value != null) {
                  extras.put(key, scrubValue(key, String.valueOf(value), users));
                }
              });
    }
    event.setExtras(extras);
    User user = event.getUser();
    if (user != null) {
      User kept = new User();
      if (user.getId() != null) {
        kept.setId(UserIds.hashOnce(user.getId()));
      }
      event.setUser(kept);
    }
    Request request = event.getRequest();
    if (request != null) {
      Request kept = new Request();
      kept.setMethod(request.getMethod());
      if (request.getUrl() != null) {
        kept.setUrl(request.getUrl().replaceFirst("[?#].*$", ""));
      }
      event.setRequest(kept);
    }
    Message message = event.getMessage();
    if (message != null) {
      Message kept = new Message();
      String text = message.getFormatted() != null ? message.getFormatted() : message.getMessage();
      if (text != null) {
        kept.setFormatted(text(text, users));
      }
      event.setMessage(kept);
    }
    List<SentryException> exceptions = event.getExceptions();
    if (exceptions != null) {
      for (SentryException e : exceptions) {
        if (e.getValue() != null) {
          e.setValue(text(e.getValue(), users));
        }
      }
    }
    event.setBreadcrumbs(new java.util.ArrayList<>());
    for (String key : Collections.list(event.getContexts().keys())) {
      if (!CONTEXTS.contains(key)) {
        event.getContexts().remove(key);
      }
    }
    return event;
  }

  /** Free text as it may leave: see the rule above. */
  public static String text(String value) {
    return text(value, Set.of());
  }

  /** Free text as it may leave, the {@code users} in it replaced by their hashes. */
  static String text(String value, Set<String> users) {
    String out = value;
    for (String user : users) {
      out = out.replace(user, UserIds.hash(user));
    }
    out =
        PAIR.matcher(out)
            .replaceAll(
                m ->
                    PLAIN_VALUE.matcher(m.group(2).strip()).matches()
                        ? java.util.regex.Matcher.quoteReplacement(m.group())
                        : java.util.regex.Matcher.quoteReplacement(m.group(1) + "=" + REDACTED));
    out = QUOTED.matcher(out).replaceAll(REDACTED);
    out = PROSE.matcher(out).replaceAll(REDACTED);
    return out.length() > MAX_TEXT ? out.substring(0, MAX_TEXT) + "…" : out;
  }

  /** The raw user ids the event names, longest first (so that no id hides inside another). */
  private static Set<String> users(SentryEvent event) {
    java.util.TreeSet<String> users =
        new java.util.TreeSet<>(
            java.util.Comparator.comparingInt(String::length)
                .reversed()
                .thenComparing(java.util.Comparator.naturalOrder()));
    if (event.getUser() != null && event.getUser().getId() != null) {
      users.add(event.getUser().getId());
    }
    List<Map<String, ?>> maps = new java.util.ArrayList<>();
    if (event.getTags() != null) {
      maps.add(event.getTags());
    }
    if (event.getExtras() != null) {
      maps.add(event.getExtras());
    }
    for (Map<String, ?> map : maps) {
      for (String key : List.of(Tags.USER_ID, Tags.USER_IDS)) {
        Object value = map.get(key);
        if (value != null) {
          for (String id : String.valueOf(value).split(",")) {
            users.add(id.strip());
          }
        }
      }
    }
    users.removeIf(id -> id.isEmpty() || UserIds.isHash(id));
    return users;
  }

  private static Map<String, String> allowed(Map<String, String> tags, Set<String> users) {
    Map<String, String> kept = new LinkedHashMap<>();
    if (tags != null) {
      tags.forEach(
          (key, value) -> {
            if (ALLOWED.contains(key) && value != null) {
              kept.put(key, scrubValue(key, value, users));
            }
          });
    }
    return kept;
  }

  private static String scrubValue(String key, String value, Set<String> users) {
    if (Tags.USER_ID.equals(key)) {
      return UserIds.hashOnce(value.strip());
    }
    if (Tags.USER_IDS.equals(key)) {
      List<String> hashed = new java.util.ArrayList<>();
      for (String id : value.split(",")) {
        if (!id.isBlank()) {
          hashed.add(UserIds.hashOnce(id.strip()));
        }
      }
      return String.join(",", hashed);
    }
    return text(value, users);
  }
}
