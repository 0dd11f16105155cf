// Latency histograms (log buckets, ~1 % relative precision, HDR-like) and CPU readings.
import { readFileSync } from "node:fs";

const STEP = Math.log(1.01);

/** A histogram of latencies in milliseconds; mergeable across processes as plain objects. */
export class Histogram {
  constructor(plain) {
    this.buckets = new Map(plain ? Object.entries(plain.buckets).map(([k, v]) => [Number(k), v]) : []);
    this.count = plain ? plain.count : 0;
    this.max = plain ? plain.max : 0;
  }

  record(ms) {
    const us = Math.max(0, ms * 1000);
    const b = Math.floor(Math.log1p(us) / STEP);
    this.buckets.set(b, (this.buckets.get(b) ?? 0) + 1);
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  merge(other) {
    for (const [b, n] of other.buckets) this.buckets.set(b, (this.buckets.get(b) ?? 0) + n);
    this.count += other.count;
    this.max = Math.max(this.max, other.max);
    return this;
  }

  /** The value at quantile q (0..1), as the bucket's midpoint in ms (the max for the top). */
  quantile(q) {
    if (this.count === 0) return NaN;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (const b of [...this.buckets.keys()].sort((x, y) => x - y)) {
      seen += this.buckets.get(b);
      if (seen >= rank) {
        const lo = Math.expm1(b * STEP);
        const hi = Math.expm1((b + 1) * STEP);
        return Math.min(this.max, (lo + hi) / 2 / 1000);
      }
    }
    return this.max;
  }

  toPlain() {
    return { buckets: Object.fromEntries(this.buckets), count: this.count, max: this.max };
  }
}

/** Median and p99 of a small array of samples (ms). */
export function sampleQuantiles(values) {
  const s = [...values].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { p50: at(0.5), p99: at(0.99), max: s[s.length - 1], n: s.length };
}

const TICKS = 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux

/** CPU seconds (user + system) a process has used so far, or NaN if it is gone. */
export function processCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name may contain spaces: the fields after it start at the last ')'
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return NaN;
  }
}

/** Resident set size of a process in bytes (VmRSS), or NaN. */
export function processRss(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

export const now = () => performance.timeOrigin + performance.now();
