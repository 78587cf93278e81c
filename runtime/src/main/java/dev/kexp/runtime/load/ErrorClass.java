package dev.kexp.runtime.load;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/** Why a request failed, coarse enough to compare runs and to spot the failing layer. */
public enum ErrorClass {
  HTTP_4XX("http_4xx"),
  HTTP_5XX("http_5xx"),
  CONNECT_REFUSED("connect_refused"),
  RESET("reset"),
  TIMEOUT("timeout"),
  OTHER("other");

  private final String label;

  ErrorClass(String label) {
    this.label = label;
  }

  /** The name used in the series files. */
  public String label() {
    return label;
  }

  /** The class of an HTTP status, or null when the status is not an error. */
  public static ErrorClass ofStatus(int status) {
    if (status >= 500) {
      return HTTP_5XX;
    }
    if (status >= 400) {
      return HTTP_4XX;
    }
    return null;
  }

  /** Classifies a transport failure by walking its causes. */
  public static ErrorClass of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      // Timeouts come first: Netty's ConnectTimeoutException is also a ConnectException.
      if (t instanceof TimeoutException
          || t instanceof SocketTimeoutException
          || t.getClass().getSimpleName().contains("Timeout")) {
        return TIMEOUT;
      }
      if (t instanceof ConnectException) {
        return CONNECT_REFUSED;
      }
      if (t instanceof HttpClosedException
          || t instanceof StreamResetException
          || t instanceof ClosedChannelException
          || (t instanceof IOException && mentionsReset(t.getMessage()))) {
        return RESET;
      }
    }
    return OTHER;
  }

  private static boolean mentionsReset(String message) {
    if (message == null) {
      return false;
    }
    String lower = message.toLowerCase(Locale.ROOT);
    return lower.contains("reset") || lower.contains("broken pipe") || lower.contains("closed");
  }
}
