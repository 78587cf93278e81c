package dev.kexp.dsl.sandbox;

import java.util.Collection;

/**
 * The run-time half of the sandbox for subscripts. On any object {@code x[name]} and {@code
 * x.getAt(name)} read a property, so a computed key ({@code def k = 'cla' + 'ss'; x[k]}) would
 * reach {@code x.class} even though {@link SafeSubset} rejects {@code x.class} and {@code
 * x['class']}. The sandbox therefore wraps every non-constant subscript key in {@link #key}, which
 * refuses the same names {@link SafeSubset} refuses statically. Generated code calls it; a .kexp
 * file cannot (class references are not allowed).
 */
public final class SafeIndex {
  private SafeIndex() {}

  /** Returns {@code key} unchanged unless it names a property a .kexp file may not read. */
  public static Object key(Object key) {
    if (key instanceof CharSequence s) {
      String name = s.toString();
      if (Policy.FORBIDDEN_PROPERTIES.contains(name)
          || name.startsWith("$")
          || name.startsWith("__")) {
        throw new SecurityException("property '" + name + "' is not allowed in a .kexp file");
      }
    } else if (key instanceof Collection<?> keys) {
      for (Object k : keys) {
        key(k);
      }
    } else if (key instanceof Object[] keys) {
      for (Object k : keys) {
        key(k);
      }
    }
    return key;
  }
}
