package dev.kexp.runtime.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.runtime.results.LoadSeriesFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesWriterTest {

  private static Histogram histogram(long startMillis, long... micros) {
    Histogram h = new Histogram(3);
    for (long value : micros) {
      h.recordValue(value);
    }
    h.setStartTimeStamp(startMillis);
    h.setEndTimeStamp(startMillis + 1000);
    return h;
  }

  @Test
  void writesOneFlushedLinePerRowAndAReadableHistogramLog(@TempDir Path dir) throws Exception {
    long start = System.currentTimeMillis();
    Map<String, Long> errors =
        Map.of("http_4xx", 0L, "http_5xx", 2L, "connect_refused", 0L, "reset", 0L);
    LoadSeriesFile.Row first =
        new LoadSeriesFile.Row(
            start, 0, "warm,up", 4, 4, 10, 9, 2, 0, 9, 1.23456, 2, 3.5, 4, 5.0004, errors);
    LoadSeriesFile.Row second =
        new LoadSeriesFile.Row(
            start + 1000, 1, "hold", 4, 4, 12, 12, 0, 0, 12, 1, 1, 1, 1, 1, errors);
    try (SeriesWriter writer = new SeriesWriter(dir)) {
      writer.acceptHistogram(histogram(start, 1000, 2000, 3000));
      writer.accept(first);
      // Flushed per row: readable while the writer is still open.
      assertEquals(2, Files.readAllLines(dir.resolve(SeriesWriter.CSV)).size());
      writer.acceptHistogram(histogram(start + 1000, 500, 500));
      writer.accept(second);
    }

    List<String> csv = Files.readAllLines(dir.resolve(SeriesWriter.CSV));
    assertEquals(
        List.of(
            "epoch_ms,second,phase,target,active,sent,completed,errors,dropped,rps,"
                + "p50_ms,p90_ms,p99_ms,p999_ms,max_ms,err_http_4xx,err_http_5xx,"
                + "err_connect_refused,err_reset,err_timeout,err_other",
            start + ",0,\"warm,up\",4,4,10,9,2,0,9,1.235,2,3.5,4,5,0,2,0,0,0,0",
            (start + 1000) + ",1,hold,4,4,12,12,0,0,12,1,1,1,1,1,0,2,0,0,0,0"),
        csv);

    List<String> jsonl = Files.readAllLines(dir.resolve(SeriesWriter.JSONL));
    assertEquals(2, jsonl.size());
    JsonNode row = new ObjectMapper().readTree(jsonl.get(0));
    assertEquals(start, row.get("epoch_ms").asLong());
    assertEquals("warm,up", row.get("phase").asText());
    assertEquals(1.235, row.get("p50_ms").asDouble(), 1e-9);
    assertEquals(2, row.get("errors_by_class").get("http_5xx").asLong());

    try (HistogramLogReader reader = new HistogramLogReader(dir.resolve("latency.hlog").toFile())) {
      Histogram one = (Histogram) reader.nextIntervalHistogram();
      assertEquals(3, one.getTotalCount());
      assertEquals(2000, one.getValueAtPercentile(50), 2000 * 0.001);
      assertEquals(start, one.getStartTimeStamp(), 1);
      Histogram two = (Histogram) reader.nextIntervalHistogram();
      assertEquals(2, two.getTotalCount());
      assertNull(reader.nextIntervalHistogram());
    }
    assertFalse(Files.readString(dir.resolve("latency.hlog")).isEmpty());
  }
}
