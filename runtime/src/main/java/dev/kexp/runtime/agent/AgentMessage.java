package dev.kexp.runtime.agent;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.kexp.runtime.results.GeneratorFile;
import dev.kexp.runtime.results.LoadSeriesFile;
import java.util.List;
import java.util.Map;

/**
 * What kexp and its agent say to each other, one JSON object a line (see {@link AgentCodec}). The
 * protocol knows nothing of SSH: any pair of byte streams carries it (an SSH session today, a pod's
 * attached streams later).
 *
 * <p>Controller to agent: {@link Ping}, {@link Job}, {@link Beat} (every second; an agent that
 * hears nothing for {@link Agent#SILENCE_MS} stops its load), {@link Stop}. Agent to controller:
 * {@link Hello}, {@link Pong}, a {@link Second} per second of load, then {@link Done} or {@link
 * Failed}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = AgentMessage.Hello.class, name = "hello"),
  @JsonSubTypes.Type(value = AgentMessage.Ping.class, name = "ping"),
  @JsonSubTypes.Type(value = AgentMessage.Pong.class, name = "pong"),
  @JsonSubTypes.Type(value = AgentMessage.Job.class, name = "job"),
  @JsonSubTypes.Type(value = AgentMessage.Beat.class, name = "beat"),
  @JsonSubTypes.Type(value = AgentMessage.Stop.class, name = "stop"),
  @JsonSubTypes.Type(value = AgentMessage.Second.class, name = "second"),
  @JsonSubTypes.Type(value = AgentMessage.Done.class, name = "done"),
  @JsonSubTypes.Type(value = AgentMessage.Failed.class, name = "failed")
})
public sealed interface AgentMessage {
  /** The agent is up: its kexp version, Java version and cores. */
  record Hello(String version, String java, int cores) implements AgentMessage {}

  /** A clock probe: the controller's wall clock when sent. */
  record Ping(long controllerMs) implements AgentMessage {}

  /** The answer, with the agent's wall clock when it answered. */
  record Pong(long controllerMs, long agentMs) implements AgentMessage {}

  /**
   * The load to send, starting at {@code startAtMs} on the agent's own clock, so that several
   * loaders start together. Header values may be secrets: the agent never writes or prints them.
   */
  record Job(
      String id,
      long startAtMs,
      String url,
      String method,
      Map<String, String> headers,
      String body,
      long timeoutMs,
      long thinkMs,
      List<Segment> segments)
      implements AgentMessage {}

  /** One stretch of the profile: {@code model} is "closed" or "open". */
  record Segment(
      String model, double from, double to, long durationMs, String label, boolean measured) {}

  /** The controller is still there. */
  record Beat() implements AgentMessage {}

  /** Stop the load now (a breakpoint aborted the phase, Ctrl-C). */
  record Stop() implements AgentMessage {}

  /**
   * One second of load, on the agent's clock: the row, its latency histogram (HdrHistogram's
   * compressed form, base64, microseconds) and how the generator fared.
   */
  record Second(
      LoadSeriesFile.Row row,
      String histogram,
      long histogramStartMs,
      long histogramEndMs,
      GeneratorFile.Row generator)
      implements AgentMessage {}

  /** The load is over. */
  record Done(long sent, long completed, long errors, long dropped, boolean stoppedEarly)
      implements AgentMessage {}

  /** The load could not run. */
  record Failed(String message) implements AgentMessage {}
}
