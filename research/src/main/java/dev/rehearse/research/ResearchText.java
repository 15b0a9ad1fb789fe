package dev.rehearse.research;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sanitiser of research text, which is hostile input: whatever a web page says arrives here.
 * Markup (HTML tags, script and style blocks, entities, Markdown), control and invisible format
 * characters are removed, whitespace is flattened and lengths are capped; only http(s) URLs are
 * kept. What comes out is plain text, and it is only ever handed on as data.
 */
public final class ResearchText {

  /** Longest title kept, in characters. */
  public static final int MAX_TITLE = 200;

  /** Longest text kept, in characters. */
  public static final int MAX_TEXT = 600;

  /** Longest URL kept, in characters. */
  public static final int MAX_URL = 2_000;

  private ResearchText() {}

  private static final Pattern SCRIPT_OR_STYLE =
      Pattern.compile("(?is)<(script|style)\\b[^>]*>.*?(</\\1\\s*>|$)");
  private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?(-->|$)");
  private static final Pattern TAG = Pattern.compile("</?[A-Za-z!/?][^>]*(>|$)");
  private static final Pattern MARKDOWN_LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern ENTITY =
      Pattern.compile("&(#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|\\w{2,8});");
  private static final Pattern MARKDOWN = Pattern.compile("[`*|~]+|#{1,6}(?=\\s)|_{2,}");
  private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}]");
  private static final Pattern SPACE = Pattern.compile("[\\s\\p{Z}]+");

  /**
   * A provider's hit as a snippet, or empty when it has no text or no http(s) URL left once
   * sanitised.
   */
  static Optional<ResearchSnippet> snippet(SearchHit hit, String provider, Instant retrievedAt) {
    Optional<String> url = url(hit.url());
    String text = clean(hit.text(), MAX_TEXT);
    if (url.isEmpty() || text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ResearchSnippet(clean(hit.title(), MAX_TITLE), text, url.get(), provider, retrievedAt));
  }

  /**
   * {@code raw} as plain text of at most {@code max} characters: no markup, no control or invisible
   * characters, whitespace flattened to single spaces.
   */
  public static String clean(String raw, int max) {
    if (raw == null) {
      return "";
    }
    String text = SCRIPT_OR_STYLE.matcher(raw).replaceAll(" ");
    text = COMMENT.matcher(text).replaceAll(" ");
    text = TAG.matcher(text).replaceAll(" ");
    text = MARKDOWN_LINK.matcher(text).replaceAll("$1");
    text = decodeEntities(text);
    // entities may have spelled markup; what is left of it goes as characters
    text = text.replace('<', ' ').replace('>', ' ');
    text = MARKDOWN.matcher(text).replaceAll(" ");
    text = INVISIBLE.matcher(text).replaceAll(" ");
    text = SPACE.matcher(text).replaceAll(" ").strip();
    return cap(text, max);
  }

  /** {@code raw} when it is an absolute http(s) URL with a host and no credentials. */
  public static Optional<String> url(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String candidate = raw.strip();
    if (candidate.isEmpty()
        || candidate.length() > MAX_URL
        || INVISIBLE.matcher(candidate).find()
        || SPACE.matcher(candidate).find()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(candidate);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getRawUserInfo() != null) {
        return Optional.empty();
      }
      return Optional.of(uri.toString());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /**
   * The key two URLs of one page share: scheme and host in lower case, no fragment, no trailing
   * slash.
   */
  static String urlKey(String url) {
    URI uri = URI.create(url);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return uri.getScheme().toLowerCase(Locale.ROOT)
        + "://"
        + uri.getHost().toLowerCase(Locale.ROOT)
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + path
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  private static String decodeEntities(String text) {
    return ENTITY
        .matcher(text)
        .replaceAll(
            m -> {
              String name = m.group(1);
              String decoded =
                  switch (name) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    case "nbsp" -> " ";
                    default -> numeric(name);
                  };
              return java.util.regex.Matcher.quoteReplacement(decoded);
            });
  }

  private static String numeric(String name) {
    if (!name.startsWith("#")) {
      return " ";
    }
    try {
      int code =
          name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
              ? Integer.parseInt(name.substring(2), 16)
              : Integer.parseInt(name.substring(1));
      return Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : " ";
    } catch (NumberFormatException e) {
      return " ";
    }
  }

  /** At most {@code max} characters, cut at a word where one is near, never inside a pair. */
  private static String cap(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    int space = text.lastIndexOf(' ', end);
    if (space > max * 3 / 4) {
      end = space;
    }
    return text.substring(0, end).strip() + "…";
  }
}
