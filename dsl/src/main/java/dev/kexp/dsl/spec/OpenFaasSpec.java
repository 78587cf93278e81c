package dev.kexp.dsl.spec;

import dev.kexp.dsl.internal.Evaluation;
import dev.kexp.dsl.model.FaasFunction;
import dev.kexp.dsl.vocabulary.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The block of {@code openfaas(...) { function 'factorial', image: '...' }}. */
public final class OpenFaasSpec extends Spec {
  private final List<FaasFunction> functions = new ArrayList<>();

  public OpenFaasSpec(Evaluation ev) {
    super(ev, Block.OPENFAAS);
  }

  public void function(Map<String, Object> args, String name) {
    onlyKeys("function", args, keys("image", "body"));
    String image = string("function", "image", args.get("image"));
    if (image == null)
      ev.error(
          ev.here("function"),
          "function '"
              + name
              + "' needs an image: function '"
              + name
              + "', image: 'repo/name:tag'");
    functions.add(
        new FaasFunction(
            name, image, string("function", "body", args.get("body")), ev.here("function")));
  }

  public void function(String name) {
    function(Map.of(), name);
  }

  List<FaasFunction> build() {
    return functions;
  }
}
