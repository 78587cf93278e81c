package dev.kexp.runtime.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ErrorClassTest {

  @Test
  void statusesMapToHttpClasses() {
    assertNull(ErrorClass.ofStatus(200));
    assertNull(ErrorClass.ofStatus(304));
    assertEquals(ErrorClass.HTTP_4XX, ErrorClass.ofStatus(404));
    assertEquals(ErrorClass.HTTP_5XX, ErrorClass.ofStatus(503));
  }

  @Test
  void transportFailuresAreClassifiedThroughTheirCauses() {
    assertEquals(
        ErrorClass.CONNECT_REFUSED, ErrorClass.of(new ConnectException("Connection refused")));
    assertEquals(
        ErrorClass.TIMEOUT, ErrorClass.of(new ConnectTimeoutException("connection timed out")));
    assertEquals(
        ErrorClass.TIMEOUT, ErrorClass.of(new VertxException(new TimeoutException("idle"))));
    assertEquals(ErrorClass.RESET, ErrorClass.of(new IOException("Connection reset by peer")));
    assertEquals(ErrorClass.RESET, ErrorClass.of(new ClosedChannelException()));
    assertEquals(ErrorClass.OTHER, ErrorClass.of(new IllegalStateException("bad")));
    assertEquals("connect_refused", ErrorClass.CONNECT_REFUSED.label());
  }
}
