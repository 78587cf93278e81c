package dev.kexp.dsl.spec;

import dev.kexp.dsl.internal.Evaluation;
import dev.kexp.dsl.model.Header;
import dev.kexp.dsl.model.Load;
import dev.kexp.dsl.model.Secret;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.dsl.model.Target;
import dev.kexp.dsl.vocabulary.Block;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code load { target ...; method 'POST'; timeout 30.s }}. */
public final class LoadSpec extends Spec {
  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
  private final SourceRef at;
  private Target target = new Target.OfWorkload();
  private String method;
  private final List<Header> headers = new ArrayList<>();
  private String body;
  private Duration timeout = Load.DEFAULT_TIMEOUT;
  private Duration think = Duration.ZERO;

  public LoadSpec(Evaluation ev, SourceRef at) {
    super(ev, Block.LOAD);
    this.at = at;
  }

  @Override
  public Object propertyMissing(String name) {
    if (name.equals("workload")) return new Target.OfWorkload();
    return super.propertyMissing(name);
  }

  public void target(Object where) {
    if (where instanceof Target t) {
      target = t;
      return;
    }
    String url = string("target", "url", where);
    if (url == null) return;
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      target = new Target.Url(url);
    } catch (IllegalArgumentException e) {
      ev.error(
          ev.here("target"),
          "target '"
              + url
              + "' is not an http(s) URL, e.g. target 'http://node0:31112/function/f'");
    }
  }

  public void method(String m) {
    String upper = m.toUpperCase(Locale.ROOT);
    if (!METHODS.contains(upper)) {
      ev.error(
          ev.here("method"),
          "unknown HTTP method '"
              + m
              + "' (methods are "
              + String.join(", ", METHODS.stream().sorted().toList())
              + ")");
      return;
    }
    method = upper;
  }

  public void header(String name, Object value) {
    if (value instanceof Secret s) headers.add(new Header(name, null, s));
    else headers.add(new Header(name, string("header", name, value), null));
  }

  public void body(Object text) {
    body = string("body", "", text);
  }

  public void timeout(Object d) {
    Duration t = duration("timeout", "", d);
    if (t != null) timeout = t;
    if (t != null && (t.isNegative() || t.isZero())) {
      ev.error(ev.here("timeout"), "timeout must be positive, got " + describe(t));
    }
  }

  public void think(Object d) {
    Duration t = duration("think", "", d);
    if (t != null && t.isNegative()) {
      ev.error(ev.here("think"), "think time cannot be negative, got " + describe(t));
    } else if (t != null) {
      think = t;
    }
  }

  Load build() {
    return new Load(target, method, headers, body, timeout, think, at);
  }
}
