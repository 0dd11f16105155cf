// The result file: one markdown table, y-jakarta and Hocuspocus side by side.
const YJ = "y-jakarta";
const HP = "Hocuspocus";

const fmt = (v, digits = 1) => (v === undefined || v === null || Number.isNaN(v) ? "–" : typeof v === "number" ? v.toFixed(digits) : String(v));

/** A row: how to read the value from one server's results, and the target as a ratio test. */
function rows(cfg) {
  const lat = (key, which, q) => (r) => r[key]?.[which]?.quantile(q);
  const cpu = (key, pick = (r) => r) => (r) => {
    const m = pick(r[key]);
    if (!m) return undefined;
    const d = m.driverCpu.map((p) => p.toFixed(0)).join("/");
    const s = m.cpu.servers.map((p) => p.toFixed(0)).join(" · ");
    return `${d} · ${s} · ${m.cpu.redis.toFixed(0)}${m.driverSaturated ? " ⚠ driver saturated" : ""}`;
  };
  // a driver whose event loop lags adds that lag to the latencies of both servers
  const lag = (key) => (r) => r[key] && `${r[key].lateSends} / ${r[key].maxLagMs.toFixed(0)}${r[key].maxLagMs >= 50 ? " ⚠ driver-bound" : ""}`;
  const losses = (key) => (r) => (r[key] ? `${r[key].losses} / ${r[key].expected}` : undefined);
  const p99Target = { text: "≤ 0.5×", ok: (ratio) => ratio <= 0.5 };
  const out = [];
  const load = (key, title, extraSame) => {
    out.push({ s: title, m: "p50 edit → other instance (ms)", get: lat(key, "cross", 0.5) });
    out.push({ s: title, m: "p99 edit → other instance (ms)", get: lat(key, "cross", 0.99), target: p99Target });
    out.push({ s: title, m: "max edit → other instance (ms)", get: (r) => r[key]?.cross.max });
    if (extraSame) {
      out.push({ s: title, m: "p50 / p99 same instance (ms)", get: (r) => r[key] && `${fmt(r[key].same.quantile(0.5))} / ${fmt(r[key].same.quantile(0.99))}` });
    }
    out.push({ s: title, m: "losses / expected arrivals", get: losses(key), target: { text: "0", okValues: (y) => y && y.startsWith("0 /") } });
    out.push({ s: title, m: "CPU % (driver workers · server a · server b · redis)", get: cpu(key) });
    out.push({ s: title, m: "driver event-loop lag: sends > 20 ms late / max lag (ms)", get: lag(key) });
  };
  out.push({ s: "h. idle", m: `RSS after boot + ${cfg.idleS} s idle, instance a / b (MB)`, get: (r) => r.h && r.h.rss.map((x) => (x / 1048576).toFixed(0)).join(" / "), ratioOf: (r) => r.h?.rss[0], target: { text: "y-jakarta ≤ 350 MB", okValues: (y, _h, yr) => yr.h.rss[0] / 1048576 <= 350 } });
  // the target is on live memory: a JVM's RSS hardly moves for 1,000 small documents (its heap's
  // resident pages already hold them), so its RSS delta is noise of ± 15 kB per document
  out.push({ s: `g. ${cfg.memDocs} small docs`, m: "live memory per loaded document (kB, after GC: JVM heap; V8 heap + external)", get: (r) => r.g && r.g.heapPerDoc / 1024, target: { text: "≤ 0.3×", ok: (x) => x <= 0.3 } });
  out.push({ s: `g. ${cfg.memDocs} small docs`, m: "RSS growth per loaded document (kB; JVM: below resolution, see README)", get: (r) => r.g && r.g.rssPerDoc / 1024 });
  load("a", "a. 1 doc × 2 clients × 10/s");
  load("b", `b. ${cfg.docsB} docs × 4 clients × 2/s`, true);
  load("c", `c. 1 doc × ${cfg.clientsC} clients × 2/s`);
  out.push({ s: "d. 1 doc × 2 clients × 10/s", m: "p99 edit → other instance, 1 kB doc (ms)", get: lat("d1k", "cross", 0.99), target: p99Target });
  out.push({ s: "d. 1 doc × 2 clients × 10/s", m: "p99 edit → other instance, 1 MB doc (ms)", get: lat("d1m", "cross", 0.99), target: p99Target });
  out.push({
    s: "d. 1 doc × 2 clients × 10/s", m: "1 MB p99 ÷ 1 kB p99",
    get: (r) => r.d1m && r.d1m.cross.quantile(0.99) / r.d1k.cross.quantile(0.99), noRatio: true,
    target: { text: "y-jakarta ≤ 1.5", okValues: (y) => y <= 1.5 },
  });
  out.push({ s: "d. 1 doc × 2 clients × 10/s", m: "losses / expected arrivals (1 kB, 1 MB)", get: (r) => r.d1m && `${r.d1k.losses}/${r.d1k.expected}, ${r.d1m.losses}/${r.d1m.expected}`, target: { text: "0", okValues: (y) => y && /^0\/\d+, 0\//.test(y) } });
  out.push({ s: "d. 1 doc × 2 clients × 10/s", m: "CPU % 1 MB (driver workers · server a · server b · redis)", get: cpu("d1m") });
  out.push({ s: "e. connect+sync 1 MB", m: `median, document in memory (ms, ${cfg.syncReps} runs)`, get: (r) => r.e?.hot.p50, target: { text: "≤ 1×", ok: (x) => x <= 1 } });
  out.push({ s: "e. connect+sync 1 MB", m: "p99 (= max), document in memory (ms)", get: (r) => r.e?.hot.p99 });
  out.push({ s: "e. connect+sync 1 MB", m: "median / max, cold load from the database (ms)", get: (r) => r.e && `${fmt(r.e.cold.p50, 0)} / ${fmt(r.e.cold.max, 0)}`, ratioOf: (r) => r.e?.cold.p50 });
  out.push({ s: "f. one instance, 100 docs × 4 clients, stepped", m: "highest edits/s with p99 < 100 ms, no losses", get: (r) => r.f && (r.f.best ? r.f.best.editsPerSec : 0), target: { text: "≥ 3×", ok: (x) => x >= 3 }, digits: 0 });
  out.push({ s: "f. one instance, 100 docs × 4 clients, stepped", m: "stopped by (next step)", get: (r) => r.f && `${r.f.stoppedBy}${driverFlag(r.f)}` });
  out.push({ s: "f. one instance, 100 docs × 4 clients, stepped", m: "CPU % at the last passing step (driver workers · server a · server b · redis)", get: (r) => r.f?.best && `${r.f.best.driverCpu.map((p) => p.toFixed(0)).join("/")} · ${r.f.best.cpu.servers.map((p) => p.toFixed(0)).join(" · ")} · ${r.f.best.cpu.redis.toFixed(0)}` });
  return out;
}

function driverFlag(f) {
  return f.stoppedBy === "driver saturated" ? " ⚠ the driver, not the server, is the limit (the figure is a lower bound)" : "";
}

export function table({ results, cfg, machine, stamp, wallS, failure }) {
  const yj = results[YJ] ?? {};
  const hp = results[HP] ?? {};
  const lines = [];
  lines.push(`# y-jakarta vs Hocuspocus 4.7 — ${stamp}`, "");
  lines.push(`Command: \`bench/compare/run.sh\`${process.env.QUICK === "1" ? " (QUICK=1)" : ""}; wall time ${(wallS / 60).toFixed(1)} min.`);
  lines.push(`Machine: ${machine.cpus}, ${machine.memory}; ${machine.java}; Node ${machine.node}.`);
  lines.push(`Load at the start: \`${machine.uptimeStart}\`; at the end: \`${machine.uptime}\`.`);
  lines.push(`Settings: ${JSON.stringify(cfg)}.`);
  if (yj.flags) lines.push(`y-jakarta JVM flags (pom.xml run profile): \`${yj.flags.join(" ")}\`.`);
  if (failure) lines.push("", `**The run failed:** ${String(failure.message ?? failure).split("\n")[0]}`);
  lines.push("", "| scenario | metric | y-jakarta | Hocuspocus | ratio | target | met? |", "| --- | --- | --- | --- | --- | --- | --- |");
  for (const row of rows(cfg)) {
    let y;
    let h;
    try {
      y = row.get(yj);
      h = row.get(hp);
    } catch {
      // a missing scenario leaves its cells empty
    }
    const num = (r, v) => (row.ratioOf ? row.ratioOf(r) : typeof v === "number" ? v : undefined);
    let ratio;
    try {
      const a = num(yj, y);
      const b = num(hp, h);
      if (!row.noRatio && a !== undefined && b !== undefined && b > 0) ratio = a / b;
    } catch {
      ratio = undefined;
    }
    let met = "";
    if (row.target) {
      try {
        if (row.target.ok) met = ratio === undefined || Number.isNaN(ratio) ? "?" : row.target.ok(ratio) ? "yes" : "**no**";
        else met = y === undefined ? "?" : row.target.okValues(y, h, yj) ? "yes" : "**no**";
      } catch {
        met = "?";
      }
    }
    lines.push(`| ${row.s} | ${row.m} | ${fmt(y, row.digits ?? 1)} | ${fmt(h, row.digits ?? 1)} | ${ratio === undefined ? "" : `${ratio.toFixed(2)}×`} | ${row.target?.text ?? ""} | ${met} |`);
  }
  lines.push("", "CPU is % of one core over the measured window (driver: each worker process; servers: /proc/<pid>/stat).",
    "Ratio = y-jakarta ÷ Hocuspocus. Latency: local edit → arrival in another client's Y.Doc, warm-up excluded.",
    "Driver lag: how late the driver's edit timer fired (its event loop was busy). ⚠ driver-bound (≥ 50 ms): the driver, on the same",
    "two cores, adds delays of that size to the measured latencies of either server; those p99s measure the machine more than the server.");
  const floor = results["floor relay"];
  if (floor?.a || floor?.d1k) {
    const q = (key, x) => fmt(floor[key]?.cross.quantile(x));
    lines.push("", `Floor (floor-relay.mjs: two Node processes that only forward Update frames through Redis pub/sub; no document, hooks or store; same driver and Redis):`
      + ` a p50 ${q("a", 0.5)} ms, p99 ${q("a", 0.99)} ms, max ${fmt(floor.a?.cross.max)} ms; d 1 kB p99 ${q("d1k", 0.99)} ms.`
      + ` It is what the driver, loopback, Redis and two process wake-ups cost here: a server that keeps a document cannot be expected below it, so where it is above 0.5 × Hocuspocus's p99 (a: ${fmt(hp.a && hp.a.cross.quantile(0.99) / 2)} ms, d 1 kB: ${fmt(hp.d1k && hp.d1k.cross.quantile(0.99) / 2)} ms), the p99 ≤ 0.5× target is out of reach on this machine. A p99 of one window moves between runs (this relay's too).`);
    for (const [key, message] of Object.entries(floor.errors ?? {})) lines.push("", `**floor relay: scenario ${key} failed:** ${message}`);
  }
  for (const [name, r] of [[YJ, yj], [HP, hp]]) {
    for (const [key, message] of Object.entries(r.errors ?? {})) lines.push("", `**${name}: scenario ${key} failed:** ${message}`);
    if (!r.f) continue;
    lines.push("", `${name} steps (f): ` + r.f.steps.map((s) => `${s.rate}/s per client → ${s.editsPerSec.toFixed(0)} edits/s, p99 ${fmt(s.p99)} ms, losses ${s.losses}, driver ${s.driverCpu.map((p) => p.toFixed(0)).join("/")} %, server ${s.cpu.servers[0].toFixed(0)} %${s.failed ? ` (${s.failed})` : ""}`).join("; "));
  }
  return lines.join("\n") + "\n";
}
