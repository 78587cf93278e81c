package dev.kexp.runtime.function;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.math.BigInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A stand-in for a FaaS function (OpenFaaS-style {@code /function/<name>}) that runs in-process on
 * loopback, so the load engine can be exercised against a real HTTP server without a cluster.
 *
 * <p>{@code GET} or {@code POST /function/<name>} replies with the decimal digits of n!, where n is
 * the request body parsed as an int, or the configured default argument when the body is empty.
 */
public final class EmbeddedFunctionServer implements AutoCloseable {

  /** Factorial grows without bound; a cap keeps one request from occupying the event loop. */
  static final int MAX_ARG = 20_000;

  private final HttpServer server;
  private final String name;
  private final LongAdder served;

  private EmbeddedFunctionServer(HttpServer server, String name, LongAdder served) {
    this.server = server;
    this.name = name;
    this.served = served;
  }

  /** Starts serving on 127.0.0.1 on a free port, returning once the socket is listening. */
  public static EmbeddedFunctionServer start(Vertx vertx, String name, int arg) {
    if (name == null || name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("function name must be a non-empty path segment: " + name);
    }
    checkArg(arg);
    String path = "/function/" + name;
    LongAdder served = new LongAdder();
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(request -> handle(request, path, arg, served))
            .listen(0, "127.0.0.1")
            .await();
    return new EmbeddedFunctionServer(server, name, served);
  }

  private static void handle(HttpServerRequest request, String path, int arg, LongAdder served) {
    boolean knownMethod = request.method() == HttpMethod.GET || request.method() == HttpMethod.POST;
    if (!knownMethod || !path.equals(request.path())) {
      request.response().setStatusCode(404).end("not found\n");
      return;
    }
    request
        .body()
        .onSuccess(body -> respond(request, body, arg, served))
        .onFailure(
            failure -> request.response().setStatusCode(400).end("unreadable body: " + failure));
  }

  private static void respond(HttpServerRequest request, Buffer body, int arg, LongAdder served) {
    int n;
    try {
      n = argument(body.toString().strip(), arg);
    } catch (IllegalArgumentException e) {
      request
          .response()
          .setStatusCode(400)
          .putHeader("content-type", "text/plain; charset=utf-8")
          .end(e.getMessage() + "\n");
      return;
    }
    served.increment();
    request
        .response()
        .putHeader("content-type", "text/plain; charset=utf-8")
        .end(factorial(n).toString());
  }

  private static int argument(String body, int arg) {
    if (body.isEmpty()) {
      return arg;
    }
    int n;
    try {
      n = Integer.parseInt(body);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("body must be an integer, got: " + abbreviate(body));
    }
    checkArg(n);
    return n;
  }

  private static void checkArg(int n) {
    if (n < 0 || n > MAX_ARG) {
      throw new IllegalArgumentException("argument must be between 0 and " + MAX_ARG + ": " + n);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  static BigInteger factorial(int n) {
    BigInteger result = BigInteger.ONE;
    for (int i = 2; i <= n; i++) {
      result = result.multiply(BigInteger.valueOf(i));
    }
    return result;
  }

  public String url() {
    return "http://127.0.0.1:" + port() + "/function/" + name;
  }

  public int port() {
    return server.actualPort();
  }

  /** Requests answered with a factorial; rejected and unknown requests are not counted. */
  public long served() {
    return served.sum();
  }

  /** Stops listening and closes open connections, returning once done. */
  @Override
  public void close() {
    server.close().await();
  }
}
