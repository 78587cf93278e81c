package dev.kexp.runtime.report;

import dev.kexp.runtime.load.ErrorClass;
import dev.kexp.runtime.results.LoadSeriesFile;

/**
 * Successful and failed requests of a second. kexp's requests/s counts every response, 503s
 * included; a function's invocation rate (the first paper's figure 12) counts those answered with
 * 2xx or 3xx. Failed are the error responses and the requests that got no response.
 */
final class Rates {
  private Rates() {}

  /** Responses per second with a 2xx or 3xx status (1xx is never final for HTTP/1.1 clients). */
  static double successful(LoadSeriesFile.Row r) {
    long errorResponses =
        r.errorsByClass().getOrDefault(ErrorClass.HTTP_4XX.label(), 0L)
            + r.errorsByClass().getOrDefault(ErrorClass.HTTP_5XX.label(), 0L);
    double ok = r.completed() - errorResponses;
    double seconds = r.rps() > 0 && r.completed() > 0 ? r.completed() / r.rps() : 1.0;
    return Math.max(0, ok) / seconds;
  }

  /** Failed requests per second: error responses, resets, refusals and timeouts. */
  static double failed(LoadSeriesFile.Row r) {
    double seconds = r.rps() > 0 && r.completed() > 0 ? r.completed() / r.rps() : 1.0;
    return r.errors() / seconds;
  }
}
