package dev.kexp.runtime.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.HdrHistogram.Histogram;

/** {@link AgentMessage}s as JSON lines, and histograms as text inside them. */
public final class AgentCodec {
  private AgentCodec() {}

  // A CPU share may be NaN where the platform cannot tell; JSON has no NaN, so it is a string.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  public static String write(AgentMessage m) {
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + m.getClass().getSimpleName(), e);
    }
  }

  /** The message on one line; an unreadable line is an {@link IllegalArgumentException}. */
  public static AgentMessage read(String line) {
    try {
      return JSON.readValue(line, AgentMessage.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an agent message: " + e.getOriginalMessage(), e);
    }
  }

  public static String histogram(Histogram h) {
    ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int length = h.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }

  public static Histogram histogram(String text) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(text)), 0);
    } catch (java.util.zip.DataFormatException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a histogram: " + e.getMessage(), e);
    }
  }
}
