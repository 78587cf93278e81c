package dev.kexp.runtime.load;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one request a load run repeats.
 *
 * @param timeout limit on connecting, and on the time from sending a request to the end of its
 *     response; also how long a finished or stopped run waits for requests still in flight
 * @param think pause of a closed-model user between receiving a response and sending again; the
 *     open model ignores it
 */
public record LoadRequest(
    URI url,
    String method,
    Map<String, String> headers,
    byte[] body,
    Duration timeout,
    Duration think) {

  public LoadRequest {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(timeout, "timeout");
    if (!"http".equals(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("url must be an absolute http URL: " + url);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    // Checked once here: the load client skips Vert.x's per-request header validation (see
    // LoadVertx), so a CR or LF in a value would otherwise split the request.
    if (!TOKEN.matcher(method).matches()) {
      throw new IllegalArgumentException("not an HTTP method: " + method);
    }
    headers.forEach(
        (name, value) -> {
          if (!TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid header name: '" + name + "'");
          }
          if (value == null || !FIELD_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                "header " + name + " has a line break or control character in its value");
          }
        });
    body = body == null ? new byte[0] : body.clone();
    think = think == null ? Duration.ZERO : think;
    if (think.isNegative()) {
      throw new IllegalArgumentException("think must not be negative: " + think);
    }
  }

  /** RFC 9110's token: what a method or header name may be made of. */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** A header value: anything but control characters (tabs allowed), so no line breaks. */
  private static final Pattern FIELD_VALUE = Pattern.compile("[^\\x00-\\x08\\x0A-\\x1F\\x7F]*");

  /** A GET without headers or think time. */
  public static LoadRequest get(URI url, Duration timeout) {
    return new LoadRequest(url, "GET", Map.of(), null, timeout, Duration.ZERO);
  }

  /** A copy, so the record stays immutable. */
  @Override
  public byte[] body() {
    return body.clone();
  }
}
