package dev.kexp.runtime.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OpenFaaS gateway's REST API, as faas-cli uses it: deploy, status and removal of functions
 * under {@code /system/} with basic auth, and invocation under {@code /function/} without it (the
 * Community Edition does not authenticate invocations).
 */
public final class Gateway {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String authorization;
  private final HttpClient http;
  private final Duration pollEvery;

  /**
   * @param base the gateway, e.g. {@code http://node0:31112}
   */
  public Gateway(URI base, String user, String password, Duration pollEvery) {
    this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.pollEvery = pollEvery;
  }

  /** What kexp deploys: the function's name and image, its namespace and replica bounds. */
  public record Function(String name, String image, String namespace, int maxReplicas) {}

  /** Where load goes: {@code <gateway>/function/<name>}. */
  public URI invokeUrl(String name) {
    return base.resolve("function/" + name);
  }

  /**
   * Deploys a function, or updates it if it exists: an update (PUT) first and a create (POST) when
   * the gateway answers 404, as faas-cli does, so re-running a deploy converges.
   */
  public void deploy(Function f) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", f.name());
    body.put("image", f.image());
    body.put("namespace", f.namespace());
    // The Community Edition's autoscaler reads its bounds from these labels; its hard cap is 5.
    body.put(
        "labels",
        Map.of(
            "com.openfaas.scale.min",
            "1",
            "com.openfaas.scale.max",
            Integer.toString(f.maxReplicas())));
    String json = write(body);
    HttpResponse<String> r = send("PUT", "system/functions", json);
    if (r.statusCode() == 404) r = send("POST", "system/functions", json);
    if (r.statusCode() / 100 != 2) throw failed("deploying function " + f.name(), r);
  }

  /** Removes a function; one that does not exist is already removed. */
  public void remove(String name, String namespace) {
    HttpResponse<String> r =
        send(
            "DELETE",
            "system/functions",
            write(Map.of("functionName", name, "namespace", namespace)));
    if (r.statusCode() != 404 && r.statusCode() / 100 != 2)
      throw failed("removing function " + name, r);
  }

  /** The function's available replicas as the gateway reports them, or -1 if it has none yet. */
  public int availableReplicas(String name, String namespace) {
    HttpResponse<String> r =
        send("GET", "system/function/" + name + "?namespace=" + namespace, null);
    if (r.statusCode() == 404) return -1;
    if (r.statusCode() / 100 != 2) throw failed("reading function " + name, r);
    try {
      JsonNode n = JSON.readTree(r.body());
      return n.path("availableReplicas").asInt(0);
    } catch (IOException e) {
      throw new KubeException("the gateway's answer for " + name + " is not JSON: " + r.body(), e);
    }
  }

  /**
   * Waits until the function has a ready replica and answers an invocation with a 2xx status; the
   * gateway answers 502 or 404 while the function's pod starts.
   *
   * @param body what to send (the load's body), or null for a GET
   */
  public void awaitAnswer(String name, String namespace, String body, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (true) {
      try {
        int available = availableReplicas(name, namespace);
        if (available > 0) {
          HttpRequest.Builder b =
              HttpRequest.newBuilder(invokeUrl(name)).timeout(Duration.ofSeconds(30));
          b = body == null ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(body));
          HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() / 100 == 2) return;
          last = "invocation answered " + r.statusCode() + " " + abbreviate(r.body());
        } else {
          last = available < 0 ? "the gateway does not know it" : "no replica available";
        }
      } catch (IOException e) {
        last = "cannot reach the gateway at " + base + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KubeException("interrupted while waiting for function " + name);
      }
      if (System.nanoTime() >= deadline) {
        throw new KubeException(
            "function " + name + " did not answer within " + Kube.seconds(timeout) + ": " + last);
      }
      try {
        Thread.sleep(pollEvery.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KubeException("interrupted while waiting for function " + name);
      }
    }
  }

  private HttpResponse<String> send(String method, String path, String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization);
    if (json != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new KubeException(
          "cannot reach the OpenFaaS gateway at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubeException("interrupted while calling the OpenFaaS gateway");
    }
  }

  private static KubeException failed(String what, HttpResponse<String> r) {
    String hint = r.statusCode() == 401 ? " (wrong basic-auth password?)" : "";
    return new KubeException(
        what
            + " failed: the gateway answered "
            + r.statusCode()
            + hint
            + " "
            + abbreviate(r.body()));
  }

  private static String abbreviate(String s) {
    s = s == null ? "" : s.strip();
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  private static String write(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
