package dev.yjakarta.yjs.update;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.yjakarta.yjs.YjsOracle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsArraySortTest {
  private record Row(int index, long client, long clock, int kind) {}

  /** yjs's merge comparator: rows of different kinds at the same clock each sort first. */
  private static final Comparator<Row> YJS =
      (a, b) -> {
        if (a.client() == b.client()) {
          if (a.clock() == b.clock()) {
            return a.kind() == b.kind() ? 0 : -1;
          }
          return Long.compare(a.clock(), b.clock());
        }
        return Long.compare(b.client(), a.client());
      };

  @Test
  void sortsLikeNodeEvenWithAnInconsistentComparator() {
    Random r = new Random(11);
    try (YjsOracle node = YjsOracle.start()) {
      for (int round = 0; round < 300; round++) {
        int n = round < 100 ? r.nextInt(20) : r.nextInt(400);
        List<Row> rows = new ArrayList<>();
        StringBuilder json = new StringBuilder("{\"op\":\"sort\",\"rows\":[");
        for (int i = 0; i < n; i++) {
          Row row = new Row(i, r.nextInt(3), r.nextInt(round % 2 == 0 ? 4 : 40), r.nextInt(2));
          rows.add(row);
          json.append(i == 0 ? "" : ",").append('[').append(i).append(',').append(row.client())
              .append(',').append(row.clock()).append(',').append(row.kind()).append(']');
        }
        json.append("]}");
        List<?> expected = (List<?>) node.ask(json.toString()).get("result");
        JsArraySort.sort(rows, YJS);
        List<Double> actual = rows.stream().map(x -> (double) x.index()).toList();
        assertEquals(expected, actual, "round " + round + " with " + n + " rows");
      }
    }
  }

  @Test
  void sortsStablyWithAConsistentComparator() {
    List<Row> rows = new ArrayList<>();
    Random r = new Random(3);
    for (int i = 0; i < 1000; i++) {
      rows.add(new Row(i, r.nextInt(5), r.nextInt(5), 0));
    }
    List<Row> expected = new ArrayList<>(rows);
    expected.sort(YJS);
    JsArraySort.sort(rows, YJS);
    assertEquals(expected, rows);
  }
}
