package dev.rehearse.voice.provider;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@code multipart/form-data} body as a server would, to check what a client sent. */
public final class Multipart {

  /** One part: its headers (lower-case names) and its bytes. */
  public record Part(Map<String, String> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");

  private Multipart() {}

  /** The parts by their form name, each name listed once per occurrence in order. */
  public static List<Map.Entry<String, Part>> parse(String contentType, byte[] body) {
    Matcher m = BOUNDARY.matcher(contentType);
    if (!contentType.startsWith("multipart/form-data") || !m.find()) {
      throw new AssertionError("not multipart/form-data with a boundary: " + contentType);
    }
    byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.US_ASCII);
    List<Map.Entry<String, Part>> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    if (at != 0) {
      throw new AssertionError("the body does not start with the boundary");
    }
    while (true) {
      int after = at + delimiter.length;
      if (body[after] == '-' && body[after + 1] == '-') {
        return parts; // closing delimiter
      }
      int headersStart = after + 2; // CRLF
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), headersStart);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line :
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8)
              .split("\r\n")) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).strip().toLowerCase(), line.substring(colon + 1).strip());
      }
      int next = indexOf(body, delimiter, headersEnd + 4);
      if (next < 0) {
        throw new AssertionError("no closing boundary");
      }
      byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, next - 2); // CRLF
      Matcher name = NAME.matcher(headers.getOrDefault("content-disposition", ""));
      if (!name.find()) {
        throw new AssertionError("a part without a name: " + headers);
      }
      parts.add(Map.entry(name.group(1), new Part(headers, content)));
      at = next;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
