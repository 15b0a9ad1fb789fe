package dev.rehearse.voice.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Base URLs of providers, as settings give them. */
public final class ProviderUrls {

  private ProviderUrls() {}

  /**
   * {@code value} as an http(s) URL without query or fragment.
   *
   * @throws IllegalArgumentException naming {@code variable}, when it is not one
   */
  public static URI baseUrl(String variable, String value) {
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          variable + " must be an http(s) URL, got '" + value + "'", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getQuery() != null
        || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          variable + " must be an http(s) URL without query or fragment, got '" + value + "'");
    }
    return uri;
  }

  /**
   * {@code base} followed by {@code path} (which starts with {@code /}), with one slash between.
   */
  public static URI resolve(URI base, String path) {
    String b = base.toString();
    return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
  }

  /**
   * The key, when it is printable ASCII without spaces (it goes into a header).
   *
   * @throws IllegalArgumentException naming {@code variable}, never echoing the value
   */
  public static String apiKey(String variable, String value) {
    if (value.isBlank() || !value.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new IllegalArgumentException(variable + " must be printable ASCII without spaces");
    }
    return value;
  }
}
