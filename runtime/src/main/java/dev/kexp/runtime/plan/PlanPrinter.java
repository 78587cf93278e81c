package dev.kexp.runtime.plan;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.kexp.dsl.model.Secret;
import dev.kexp.dsl.model.Workload;
import dev.kexp.stdlib.Cmd;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Writes a plan for people (text) and for tools (JSON). Both come from the same {@link Plan}. */
public final class PlanPrinter {
  private PlanPrinter() {}

  public static String text(Plan plan) {
    StringBuilder s = new StringBuilder();
    s.append("experiment ")
        .append(plan.experiment())
        .append("  (")
        .append(plan.file())
        .append(", sha256 ")
        .append(plan.sha256(), 0, 12)
        .append(")\n");
    if (!plan.description().isEmpty()) s.append("  ").append(plan.description()).append('\n');
    s.append(plan.runs().size())
        .append(plan.runs().size() == 1 ? " run" : " runs")
        .append(", timed part ")
        .append(Plans.format(plan.timed()))
        .append(" (installs and deployments not counted)\n");
    for (Threshold t : plan.thresholds()) s.append("threshold ").append(t).append('\n');
    s.append("report ").append(String.join(", ", plan.reports())).append('\n');
    for (String w : plan.warnings()) s.append(w).append('\n');
    for (RunPlan run : plan.runs()) {
      s.append('\n').append("run ").append(run.id());
      if (!run.settings().isEmpty()) s.append("  ").append(run.settings());
      s.append('\n').append("  cluster: ").append(run.cluster()).append('\n');
      int i = 1;
      List<Step> steps = run.steps();
      for (int k = 0; k < steps.size(); k++) {
        Step step = steps.get(k);
        boolean parallel =
            step instanceof Step.OnNode n
                && ((k > 0 && n.parallelWith(steps.get(k - 1)))
                    || (k + 1 < steps.size() && n.parallelWith(steps.get(k + 1))));
        s.append(
            String.format(
                Locale.ROOT,
                "  %2d. %-12s %s%s%n",
                i++,
                step.phase(),
                step.describe(),
                parallel ? "  (in parallel)" : ""));
        for (Cmd cmd : step.commands()) s.append("        ").append(cmd).append('\n');
      }
    }
    return s.toString();
  }

  public static String json(Plan plan) {
    try {
      return mapper().writeValueAsString(plan) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("plan could not be written as JSON", e);
    }
  }

  private static ObjectMapper mapper() {
    SimpleModule values = new SimpleModule();
    asString(values, Duration.class, Plans::format);
    // A secret (an SSH passphrase, a header's token) is written as where it comes from, never as
    // its value: "<redacted>" or "env:NAME".
    asString(values, Secret.class, Secret::toString);
    ObjectMapper m = new ObjectMapper().registerModule(values);
    // A workload in a step says which kind it is, as the steps do.
    m.addMixIn(Workload.class, KindOfWorkload.class);
    m.enable(SerializationFeature.INDENT_OUTPUT);
    return m;
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "kind")
  private interface KindOfWorkload {}

  /** Writes values of {@code type} as the string {@code text} makes of them. */
  private static <T> void asString(
      SimpleModule module, Class<T> type, java.util.function.Function<T, String> text) {
    module.addSerializer(
        type,
        new StdSerializer<T>(type) {
          @Override
          public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
              throws java.io.IOException {
            gen.writeString(text.apply(value));
          }
        });
  }
}
