package dev.kexp.runtime.workload;

import dev.kexp.dsl.model.Deployment;
import dev.kexp.dsl.model.EmbeddedFunction;
import dev.kexp.dsl.model.Mysql;
import dev.kexp.dsl.model.OpenFaas;
import dev.kexp.dsl.model.Workload;
import java.util.Map;
import java.util.function.Function;

/** The driver of each kind of workload: one entry per record of the sealed {@link Workload}. */
public final class Workloads {
  private Workloads() {}

  @SuppressWarnings("unchecked")
  private static <W extends Workload> Map.Entry<Class<?>, Function<Workload, WorkloadDriver>> entry(
      Class<W> type, Function<W, WorkloadDriver> driver) {
    return Map.entry(type, w -> driver.apply((W) w));
  }

  static final Map<Class<?>, Function<Workload, WorkloadDriver>> DRIVERS =
      Map.ofEntries(
          entry(EmbeddedFunction.class, FunctionDriver::new),
          entry(Deployment.class, DeploymentDriver::new),
          entry(OpenFaas.class, OpenFaasDriver::new),
          entry(Mysql.class, MysqlDriver::new));

  /** Whether a workload record has a driver here (a test walks the sealed hierarchy). */
  public static boolean hasDriver(Class<?> type) {
    return DRIVERS.containsKey(type);
  }

  /** The driver of {@code w}; {@link NoWorkload} for null. */
  public static WorkloadDriver of(Workload w) {
    if (w == null) return NoWorkload.INSTANCE;
    Function<Workload, WorkloadDriver> driver = DRIVERS.get(w.getClass());
    if (driver == null) throw new IllegalStateException("no driver for workload " + w.word());
    return driver.apply(w);
  }
}
