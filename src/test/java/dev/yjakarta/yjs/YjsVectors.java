package dev.yjakarta.yjs;

import dev.yjakarta.yjs.lib0.Any;
import dev.yjakarta.yjs.update.JsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads the golden vectors made by real yjs (src/test/resources/yjs-vectors). */
public final class YjsVectors {
  private YjsVectors() {}

  public static Path file() {
    String p = System.getProperty("yjs.vectors");
    if (p != null) {
      return Path.of(p);
    }
    return Path.of("src/test/resources/yjs-vectors/vectors.jsonl");
  }

  /** Every line as a parsed JSON object. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> all() {
    try {
      List<Map<String, Object>> out = new ArrayList<>();
      for (String line : Files.readAllLines(file(), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add((Map<String, Object>) JsJson.parse(line, 1000));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Map<String, Object>> ofKind(String kind) {
    return all().stream().filter(m -> kind.equals(m.get("kind"))).toList();
  }

  /** Turns the generator's JSON-safe rendering ({@code $undefined}, {@code $bytes}, ...) into Any values. */
  public static Object toAny(Object plain) {
    if (plain instanceof Map<?, ?> m) {
      if (m.size() == 1) {
        if (m.containsKey("$undefined")) {
          return Any.UNDEFINED;
        }
        if (m.containsKey("$bytes")) {
          return Hex.decode((String) m.get("$bytes"));
        }
        if (m.containsKey("$bigint")) {
          return new Any.BigInt64(Long.parseLong((String) m.get("$bigint")));
        }
        if (m.containsKey("$number")) {
          return switch ((String) m.get("$number")) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            case "-0" -> -0.0d;
            default -> throw new IllegalArgumentException(m.toString());
          };
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, toAny(v)));
      return Any.jsOrder(out);
    }
    if (plain instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(toAny(o));
      }
      return out;
    }
    return plain;
  }
}
