package dev.kexp.runtime.load;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The one request a load run repeats.
 *
 * @param timeout connect and response-inactivity limit per request; also how long a finished or
 *     stopped run waits for requests still in flight
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
    body = body == null ? new byte[0] : body.clone();
    think = think == null ? Duration.ZERO : think;
    if (think.isNegative()) {
      throw new IllegalArgumentException("think must not be negative: " + think);
    }
  }

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
