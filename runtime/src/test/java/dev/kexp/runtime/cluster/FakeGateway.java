package dev.kexp.runtime.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An HTTP server on loopback that answers like the OpenFaaS gateway (faas-netes provider) and
 * checks each request as it does: basic auth on {@code /system/}, the JSON fields of a deployment,
 * PUT of an unknown function is 404. Functions become Deployments in the Kubernetes API it is given
 * (the mock server), so their readiness is what the simulated kubelet reports, as with faas-netes.
 */
final class FakeGateway implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final KubernetesClient client;
  private final String password;
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  final List<JsonNode> deployed = Collections.synchronizedList(new ArrayList<>());

  FakeGateway(KubernetesClient client, String password) throws IOException {
    this.client = client;
    this.password = password;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange x) throws IOException {
    String method = x.getRequestMethod();
    String path = x.getRequestURI().getPath();
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(method + " " + x.getRequestURI());
    try {
      if (path.startsWith("/system/")) {
        String expected =
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(x.getRequestHeaders().getFirst("Authorization"))) {
          reply(x, 401, "Unauthorized");
          return;
        }
      }
      if (path.equals("/system/functions") && (method.equals("POST") || method.equals("PUT"))) {
        if (!"application/json".equals(x.getRequestHeaders().getFirst("Content-Type"))) {
          reply(x, 400, "expected JSON");
          return;
        }
        JsonNode f = JSON.readTree(body);
        for (String field : List.of("service", "image", "namespace")) {
          if (!f.hasNonNull(field)) {
            reply(x, 400, "missing " + field);
            return;
          }
        }
        String name = f.get("service").asText();
        String ns = f.get("namespace").asText();
        boolean exists = client.apps().deployments().inNamespace(ns).withName(name).get() != null;
        if (method.equals("PUT") && !exists) {
          reply(x, 404, "deployment not found: " + name);
          return;
        }
        deployed.add(f);
        // faas-netes creates the function as a Deployment of the same name.
        client
            .resource(Manifests.deployment(name, ns, f.get("image").asText(), 1, 8080, Map.of()))
            .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
        reply(x, 202, "");
      } else if (path.equals("/system/functions") && method.equals("DELETE")) {
        JsonNode f = JSON.readTree(body);
        String name = f.path("functionName").asText();
        var d =
            client.apps().deployments().inNamespace(f.path("namespace").asText()).withName(name);
        if (d.get() == null) {
          reply(x, 404, "not found");
          return;
        }
        d.delete();
        reply(x, 202, "");
      } else if (path.startsWith("/system/function/") && method.equals("GET")) {
        String name = path.substring("/system/function/".length());
        String ns = x.getRequestURI().getQuery().replace("namespace=", "");
        Deployment d = client.apps().deployments().inNamespace(ns).withName(name).get();
        if (d == null) {
          reply(x, 404, "not found");
          return;
        }
        int available =
            d.getStatus() == null || d.getStatus().getAvailableReplicas() == null
                ? 0
                : d.getStatus().getAvailableReplicas();
        reply(
            x, 200, JSON.writeValueAsString(Map.of("name", name, "availableReplicas", available)));
      } else if (path.startsWith("/function/")) {
        String name = path.substring("/function/".length());
        Deployment d = client.apps().deployments().inNamespace("openfaas-fn").withName(name).get();
        boolean ready = d != null && Kube.rolledOut(d);
        // The gateway answers 502 while the function's pod cannot take the request yet.
        if (!ready) reply(x, 502, "upstream not ready");
        else reply(x, 200, "answer to " + body);
      } else {
        reply(x, 404, "no route");
      }
    } catch (RuntimeException e) {
      reply(x, 500, e.toString());
    }
  }

  private static void reply(HttpExchange x, int code, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
    if (b.length > 0) x.getResponseBody().write(b);
    x.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
