package dev.kexp.dsl.sandbox;

import java.util.Collection;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * The run-time half of the memory budget for calls that allocate their whole result at once: {@code
 * 'x' * n}, {@code list * n}, {@code s.padLeft(n)}. The sandbox routes them through here ({@link
 * SizeGuard}), and a result larger than what is left of the budget is refused before it is
 * allocated. Generated code calls it; a .kexp file cannot (class references are not allowed).
 */
public final class SafeSize {
  private SafeSize() {}

  /** {@code left * right}, or {@code left.multiply(right)}. */
  public static Object multiply(Object left, Object right) {
    if (right instanceof Number n) {
      long count = Math.max(0, n.longValue());
      if (left instanceof CharSequence s) ensure(bytes(s.length(), count, 2));
      else if (left instanceof Collection<?> c) ensure(bytes(c.size(), count, 8));
    }
    return InvokerHelper.invokeMethod(left, "multiply", right);
  }

  /** {@code s.padLeft(n)}, {@code s.padRight(n)}, {@code s.center(n)}, with their pad strings. */
  public static Object pad(Object target, String method, Object[] args) {
    if (target instanceof CharSequence && args.length > 0 && args[0] instanceof Number n) {
      ensure(bytes(n.longValue(), 1, 2));
    }
    return InvokerHelper.invokeMethod(target, method, args);
  }

  /** Methods whose first argument is the size of what they allocate. */
  static boolean isPad(String method) {
    return "padLeft".equals(method) || "padRight".equals(method) || "center".equals(method);
  }

  private static long bytes(long items, long count, long each) {
    try {
      return Math.multiplyExact(Math.multiplyExact(items, count), each);
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }

  private static void ensure(long bytes) {
    if (bytes > MemoryBudget.remaining()) throw new MemoryBudget.Exceeded(MemoryBudget.budget());
  }
}
