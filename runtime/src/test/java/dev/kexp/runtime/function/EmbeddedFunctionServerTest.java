package dev.kexp.runtime.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedFunctionServerTest {

  private static Vertx vertx;
  private static EmbeddedFunctionServer server;
  private static final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = EmbeddedFunctionServer.start(vertx, "factorial", 500);
  }

  @AfterAll
  static void stop() {
    server.close();
    vertx.close().await();
  }

  private static HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
    return client.send(
        builder.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void urlPointsAtLoopbackAndTheBoundPort() {
    assertTrue(server.port() > 0);
    assertEquals("http://127.0.0.1:" + server.port() + "/function/factorial", server.url());
  }

  @Test
  void getWithoutBodyComputesTheDefaultArgument() throws Exception {
    long before = server.served();
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(server.url())).GET());
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
    assertEquals(1135, response.body().length());
    assertTrue(
        response.body().startsWith("122013682599111006870123878542304692625357434"),
        response.body().substring(0, 50));
    // 500! has 124 factors of five, hence that many trailing zeros.
    assertTrue(response.body().endsWith("0".repeat(124)));
    assertTrue(server.served() >= before + 1);
  }

  @Test
  void postBodyOverridesTheArgument() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(server.url()))
                .POST(HttpRequest.BodyPublishers.ofString("5")));
    assertEquals(200, response.statusCode());
    assertEquals("120", response.body());

    HttpResponse<String> zero =
        send(
            HttpRequest.newBuilder(URI.create(server.url()))
                .POST(HttpRequest.BodyPublishers.ofString("0\n")));
    assertEquals("1", zero.body());
  }

  @Test
  void badBodyIsRejected() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(server.url()))
                .POST(HttpRequest.BodyPublishers.ofString("five")));
    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("integer"), response.body());

    HttpResponse<String> negative =
        send(
            HttpRequest.newBuilder(URI.create(server.url()))
                .POST(HttpRequest.BodyPublishers.ofString("-3")));
    assertEquals(400, negative.statusCode());
  }

  @Test
  void otherPathsAreNotFound() throws Exception {
    URI other = URI.create("http://127.0.0.1:" + server.port() + "/function/other");
    assertEquals(404, send(HttpRequest.newBuilder(other).GET()).statusCode());
    URI root = URI.create("http://127.0.0.1:" + server.port() + "/");
    assertEquals(404, send(HttpRequest.newBuilder(root).GET()).statusCode());
  }

  @Test
  void closeStopsListening() throws Exception {
    EmbeddedFunctionServer extra = EmbeddedFunctionServer.start(vertx, "extra", 3);
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(extra.url())).GET());
    assertEquals("6", response.body());
    assertEquals(1, extra.served());
    extra.close();
    try {
      send(HttpRequest.newBuilder(URI.create(extra.url())).GET());
      throw new AssertionError("a closed server still answered");
    } catch (java.io.IOException expected) {
      // connection refused: nothing listens on the port any more
    }
  }
}
