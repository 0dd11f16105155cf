package dev.yjakarta.yjs.update;

import java.util.Comparator;
import java.util.List;

/**
 * {@code Array.prototype.sort} as V8 (Node) runs it: TimSort with binary insertion for short runs,
 * descending-run reversal and galloping merges. With a consistent comparator any stable sort gives
 * the same order; yjs's merge uses a comparator that is not consistent (two structs of different
 * kinds at the same clock each sort before the other), and then only the same sequence of
 * comparisons reproduces yjs's order. Written from the algorithm's description (CPython's
 * listsort.txt, which V8 follows step by step).
 */
final class JsArraySort<T> {
  private static final int MIN_GALLOP = 7;

  private final Object[] a;
  private final Comparator<? super T> cmp;
  private Object[] tmp = new Object[32];
  private final int[] runBase = new int[85];
  private final int[] runLen = new int[85];
  private int runs;
  private int minGallop = MIN_GALLOP;

  private JsArraySort(Object[] a, Comparator<? super T> cmp) {
    this.a = a;
    this.cmp = cmp;
  }

  /** Sorts {@code list} in place exactly as {@code list.sort(cmp)} in Node would. */
  static <T> void sort(List<T> list, Comparator<? super T> cmp) {
    int n = list.size();
    if (n < 2) {
      return;
    }
    Object[] a = list.toArray();
    new JsArraySort<T>(a, cmp).timSort(n);
    for (int i = 0; i < n; i++) {
      @SuppressWarnings("unchecked")
      T t = (T) a[i];
      list.set(i, t);
    }
  }

  @SuppressWarnings("unchecked")
  private int compare(Object x, Object y) {
    return cmp.compare((T) x, (T) y);
  }

  private void timSort(int n) {
    int low = 0;
    int remaining = n;
    int minRun = minRunLength(n);
    while (remaining != 0) {
      int run = countAndMakeRun(low, low + remaining);
      if (run < minRun) {
        int forced = Math.min(minRun, remaining);
        binaryInsertionSort(low, low + run, low + forced);
        run = forced;
      }
      runBase[runs] = low;
      runLen[runs] = run;
      runs++;
      mergeCollapse();
      low += run;
      remaining -= run;
    }
    mergeForceCollapse();
  }

  private static int minRunLength(int n) {
    int r = 0;
    while (n >= 64) {
      r |= n & 1;
      n >>= 1;
    }
    return n + r;
  }

  private void binaryInsertionSort(int low, int start, int high) {
    if (start == low) {
      start++;
    }
    for (; start < high; start++) {
      Object pivot = a[start];
      int left = low;
      int right = start;
      while (left < right) {
        int mid = left + ((right - left) >> 1);
        if (compare(pivot, a[mid]) < 0) {
          right = mid;
        } else {
          left = mid + 1;
        }
      }
      System.arraycopy(a, left, a, left + 1, start - left);
      a[left] = pivot;
    }
  }

  /** Length of the run at {@code low}; a strictly descending run is reversed in place. */
  private int countAndMakeRun(int lowArg, int high) {
    int low = lowArg + 1;
    if (low == high) {
      return 1;
    }
    int runLength = 2;
    Object previous = a[low];
    boolean descending = compare(previous, a[low - 1]) < 0;
    for (int i = low + 1; i < high; i++) {
      Object current = a[i];
      int order = compare(current, previous);
      if (descending ? order >= 0 : order < 0) {
        break;
      }
      previous = current;
      runLength++;
    }
    if (descending) {
      for (int lo = lowArg, hi = lowArg + runLength - 1; lo < hi; lo++, hi--) {
        Object t = a[lo];
        a[lo] = a[hi];
        a[hi] = t;
      }
    }
    return runLength;
  }

  private boolean invariantHolds(int n) {
    if (n < 2) {
      return true;
    }
    return runLen[n - 2] > runLen[n - 1] + runLen[n];
  }

  private void mergeCollapse() {
    while (runs > 1) {
      int n = runs - 2;
      if (!invariantHolds(n + 1) || !invariantHolds(n)) {
        if (runLen[n - 1] < runLen[n + 1]) {
          n--;
        }
        mergeAt(n);
      } else if (runLen[n] <= runLen[n + 1]) {
        mergeAt(n);
      } else {
        break;
      }
    }
  }

  private void mergeForceCollapse() {
    while (runs > 1) {
      int n = runs - 2;
      if (n > 0 && runLen[n - 1] < runLen[n + 1]) {
        n--;
      }
      mergeAt(n);
    }
  }

  private void mergeAt(int i) {
    int baseA = runBase[i];
    int lenA = runLen[i];
    int baseB = runBase[i + 1];
    int lenB = runLen[i + 1];
    runLen[i] = lenA + lenB;
    if (i == runs - 3) {
      runBase[i + 1] = runBase[i + 2];
      runLen[i + 1] = runLen[i + 2];
    }
    runs--;
    int k = gallopRight(a, a[baseB], baseA, lenA, 0);
    baseA += k;
    lenA -= k;
    if (lenA == 0) {
      return;
    }
    lenB = gallopLeft(a, a[baseA + lenA - 1], baseB, lenB, lenB - 1);
    if (lenB == 0) {
      return;
    }
    if (lenA <= lenB) {
      mergeLow(baseA, lenA, baseB, lenB);
    } else {
      mergeHigh(baseA, lenA, baseB, lenB);
    }
  }

  /** Offset in [0, len] where key goes, left of equal elements (arr[base+ofs-1] < key <= arr[base+ofs]). */
  private int gallopLeft(Object[] arr, Object key, int base, int len, int hint) {
    int lastOfs = 0;
    int ofs = 1;
    if (compare(arr[base + hint], key) < 0) {
      int maxOfs = len - hint;
      while (ofs < maxOfs) {
        if (compare(arr[base + hint + ofs], key) >= 0) {
          break;
        }
        lastOfs = ofs;
        ofs = (ofs << 1) + 1;
        if (ofs <= 0) {
          ofs = maxOfs;
        }
      }
      if (ofs > maxOfs) {
        ofs = maxOfs;
      }
      lastOfs += hint;
      ofs += hint;
    } else {
      int maxOfs = hint + 1;
      while (ofs < maxOfs) {
        if (compare(arr[base + hint - ofs], key) < 0) {
          break;
        }
        lastOfs = ofs;
        ofs = (ofs << 1) + 1;
        if (ofs <= 0) {
          ofs = maxOfs;
        }
      }
      if (ofs > maxOfs) {
        ofs = maxOfs;
      }
      int t = lastOfs;
      lastOfs = hint - ofs;
      ofs = hint - t;
    }
    lastOfs++;
    while (lastOfs < ofs) {
      int m = lastOfs + ((ofs - lastOfs) >> 1);
      if (compare(arr[base + m], key) < 0) {
        lastOfs = m + 1;
      } else {
        ofs = m;
      }
    }
    return ofs;
  }

  /** Like {@link #gallopLeft} but right of equal elements (arr[base+ofs-1] <= key < arr[base+ofs]). */
  private int gallopRight(Object[] arr, Object key, int base, int len, int hint) {
    int lastOfs = 0;
    int ofs = 1;
    if (compare(key, arr[base + hint]) < 0) {
      int maxOfs = hint + 1;
      while (ofs < maxOfs) {
        if (compare(key, arr[base + hint - ofs]) >= 0) {
          break;
        }
        lastOfs = ofs;
        ofs = (ofs << 1) + 1;
        if (ofs <= 0) {
          ofs = maxOfs;
        }
      }
      if (ofs > maxOfs) {
        ofs = maxOfs;
      }
      int t = lastOfs;
      lastOfs = hint - ofs;
      ofs = hint - t;
    } else {
      int maxOfs = len - hint;
      while (ofs < maxOfs) {
        if (compare(key, arr[base + hint + ofs]) < 0) {
          break;
        }
        lastOfs = ofs;
        ofs = (ofs << 1) + 1;
        if (ofs <= 0) {
          ofs = maxOfs;
        }
      }
      if (ofs > maxOfs) {
        ofs = maxOfs;
      }
      lastOfs += hint;
      ofs += hint;
    }
    lastOfs++;
    while (lastOfs < ofs) {
      int m = lastOfs + ((ofs - lastOfs) >> 1);
      if (compare(key, arr[base + m]) < 0) {
        ofs = m;
      } else {
        lastOfs = m + 1;
      }
    }
    return ofs;
  }

  private Object[] temp(int size) {
    if (tmp.length < size) {
      tmp = new Object[Math.max(32, size)];
    }
    return tmp;
  }

  private void mergeLow(int baseA, int lenA, int baseB, int lenB) {
    Object[] t = temp(lenA);
    System.arraycopy(a, baseA, t, 0, lenA);
    int dest = baseA;
    int ct = 0;
    int cb = baseB;
    a[dest++] = a[cb++];
    if (--lenB == 0) {
      System.arraycopy(t, ct, a, dest, lenA);
      return;
    }
    if (lenA == 1) {
      System.arraycopy(a, cb, a, dest, lenB);
      a[dest + lenB] = t[ct];
      return;
    }
    outer:
    while (true) {
      int winsA = 0;
      int winsB = 0;
      while (true) {
        if (compare(a[cb], t[ct]) < 0) {
          a[dest++] = a[cb++];
          winsB++;
          winsA = 0;
          if (--lenB == 0) {
            break outer;
          }
          if (winsB >= minGallop) {
            break;
          }
        } else {
          a[dest++] = t[ct++];
          winsA++;
          winsB = 0;
          if (--lenA == 1) {
            System.arraycopy(a, cb, a, dest, lenB);
            a[dest + lenB] = t[ct];
            return;
          }
          if (winsA >= minGallop) {
            break;
          }
        }
      }
      minGallop++;
      boolean first = true;
      while (winsA >= MIN_GALLOP || winsB >= MIN_GALLOP || first) {
        first = false;
        minGallop = Math.max(1, minGallop - 1);
        winsA = gallopRight(t, a[cb], ct, lenA, 0);
        if (winsA > 0) {
          System.arraycopy(t, ct, a, dest, winsA);
          dest += winsA;
          ct += winsA;
          lenA -= winsA;
          if (lenA == 1) {
            System.arraycopy(a, cb, a, dest, lenB);
            a[dest + lenB] = t[ct];
            return;
          }
          if (lenA == 0) {
            break outer;
          }
        }
        a[dest++] = a[cb++];
        if (--lenB == 0) {
          break outer;
        }
        winsB = gallopLeft(a, t[ct], cb, lenB, 0);
        if (winsB > 0) {
          System.arraycopy(a, cb, a, dest, winsB);
          dest += winsB;
          cb += winsB;
          lenB -= winsB;
          if (lenB == 0) {
            break outer;
          }
        }
        a[dest++] = t[ct++];
        if (--lenA == 1) {
          System.arraycopy(a, cb, a, dest, lenB);
          a[dest + lenB] = t[ct];
          return;
        }
      }
      minGallop++;
    }
    if (lenA > 0) {
      System.arraycopy(t, ct, a, dest, lenA);
    }
  }

  private void mergeHigh(int baseA, int lenA, int baseB, int lenB) {
    Object[] t = temp(lenB);
    System.arraycopy(a, baseB, t, 0, lenB);
    int dest = baseB + lenB - 1;
    int ct = lenB - 1;
    int ca = baseA + lenA - 1;
    a[dest--] = a[ca--];
    if (--lenA == 0) {
      System.arraycopy(t, 0, a, dest - (lenB - 1), lenB);
      return;
    }
    if (lenB == 1) {
      dest -= lenA;
      ca -= lenA;
      System.arraycopy(a, ca + 1, a, dest + 1, lenA);
      a[dest] = t[ct];
      return;
    }
    outer:
    while (true) {
      int winsA = 0;
      int winsB = 0;
      while (true) {
        if (compare(t[ct], a[ca]) < 0) {
          a[dest--] = a[ca--];
          winsA++;
          winsB = 0;
          if (--lenA == 0) {
            break outer;
          }
          if (winsA >= minGallop) {
            break;
          }
        } else {
          a[dest--] = t[ct--];
          winsB++;
          winsA = 0;
          if (--lenB == 1) {
            dest -= lenA;
            ca -= lenA;
            System.arraycopy(a, ca + 1, a, dest + 1, lenA);
            a[dest] = t[ct];
            return;
          }
          if (winsB >= minGallop) {
            break;
          }
        }
      }
      minGallop++;
      boolean first = true;
      while (winsA >= MIN_GALLOP || winsB >= MIN_GALLOP || first) {
        first = false;
        minGallop = Math.max(1, minGallop - 1);
        int k = gallopRight(a, t[ct], baseA, lenA, lenA - 1);
        winsA = lenA - k;
        if (winsA > 0) {
          dest -= winsA;
          ca -= winsA;
          System.arraycopy(a, ca + 1, a, dest + 1, winsA);
          lenA -= winsA;
          if (lenA == 0) {
            break outer;
          }
        }
        a[dest--] = t[ct--];
        if (--lenB == 1) {
          dest -= lenA;
          ca -= lenA;
          System.arraycopy(a, ca + 1, a, dest + 1, lenA);
          a[dest] = t[ct];
          return;
        }
        k = gallopLeft(t, a[ca], 0, lenB, lenB - 1);
        winsB = lenB - k;
        if (winsB > 0) {
          dest -= winsB;
          ct -= winsB;
          System.arraycopy(t, ct + 1, a, dest + 1, winsB);
          lenB -= winsB;
          if (lenB == 1) {
            dest -= lenA;
            ca -= lenA;
            System.arraycopy(a, ca + 1, a, dest + 1, lenA);
            a[dest] = t[ct];
            return;
          }
          if (lenB == 0) {
            break outer;
          }
        }
        a[dest--] = a[ca--];
        if (--lenA == 0) {
          break outer;
        }
      }
      minGallop++;
    }
    if (lenB > 0) {
      System.arraycopy(t, 0, a, dest - (lenB - 1), lenB);
    }
  }
}
