package org.ncer.prompt;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Lookup of the enums whose constants have a key, such as {@code per-label}. */
final class EnumKeys {
  private EnumKeys() {}

  static <E> Optional<E> find(E[] values, Function<E, String> key, String wanted) {
    return Arrays.stream(values).filter(v -> key.apply(v).equals(wanted)).findFirst();
  }

  /** The keys for an error message: {@code a, b or c}. */
  static <E> String choices(E[] values, Function<E, String> key) {
    List<String> keys = Arrays.stream(values).map(key).toList();
    int last = keys.size() - 1;
    return last == 0
        ? keys.get(0)
        : String.join(", ", keys.subList(0, last)) + " or " + keys.get(last);
  }
}
