// The side-by-side benchmark: the same scenarios, driven by the same worker processes, against a
// y-jakarta cluster and then (never at the same time) a Hocuspocus 4.7 cluster. Prints one
// markdown table and writes it to results/<UTC date-time>.md. Started by run.sh.
import { fork, execSync } from "node:child_process";
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { cpus, totalmem } from "node:os";
import { Histogram, processCpuSeconds, processRss, sampleQuantiles, now } from "./lib/stats.mjs";
import { startYjakarta, startHocuspocus, startFloorRelay } from "./lib/clusters.mjs";
import { table } from "./lib/report.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");
const env = (name, quick, full) => Number(process.env[name] ?? (process.env.QUICK === "1" ? quick : full));
const cfg = {
  workers: env("WORKERS", 2, 2),
  warmupS: env("WARMUP_S", 3, 20), // the JIT warm-up before the first measured scenario (both servers)
  scenarioWarmS: env("SCENARIO_WARM_S", 2, 5), // excluded start of every measured window
  measureS: env("MEASURE_S", 5, 30),
  // a and d send 20 edits/s: 90 s gives 1,800 timed arrivals, so their p99 is the 18th-worst
  // sample, not the 6th (with 30 s the same code's p99 moved by 2× between runs)
  lowRateMeasureS: env("LOW_RATE_MEASURE_S", 5, 90),
  idleS: env("IDLE_S", 5, 30),
  syncReps: env("SYNC_REPS", 3, 30),
  docsB: env("DOCS_B", 20, 100),
  clientsC: env("CLIENTS_C", 20, 50),
  memDocs: env("MEM_DOCS", 200, 1000),
  stepS: env("STEP_S", 4, 10),
  steps: (process.env.STEPS ?? (process.env.QUICK === "1" ? "5,20" : "0.5,1,2,3,4,6,8,12,16,24,32")).split(",").map(Number),
  scenarios: process.env.SCENARIOS ? process.env.SCENARIOS.split(",") : null, // e.g. SCENARIOS=warmup,f
  only: process.env.ONLY ? process.env.ONLY.split(",") : null, // e.g. ONLY=hocuspocus or ONLY=y-jakarta
};
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const MB = 1024 * 1024;

// ---- the driver's worker processes -------------------------------------------------------------
let nextCallId = 0;
const workers = [];
/** Fresh driver processes for each cluster, so neither server meets a driver the other has warmed up. */
function startWorkers() {
  workers.length = 0;
  for (let i = 0; i < cfg.workers; i++) {
    const child = fork(join(here, "worker.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const pending = new Map();
    child.on("message", (m) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      m.ok ? p.resolve(m.result) : p.reject(new Error(`worker ${i}: ${m.error}`));
    });
    workers.push({
      index: i,
      pid: child.pid,
      call: (cmd, args) => new Promise((resolve, reject) => {
        const id = nextCallId++;
        pending.set(id, { resolve, reject });
        child.send({ id, cmd, args });
      }),
    });
  }
}
const all = (cmd, args) => Promise.all(workers.map((w) => w.call(cmd, args)));

// ---- clients and measured runs -----------------------------------------------------------------
let nextCid = 0;
let nextTag = 0;

/** Opens clients (spread round-robin over the workers); spec: { doc, inst, group?, preload? }. */
async function openClients(cluster, specs, concurrency) {
  const clients = specs.map((s, i) => ({ ...s, cid: nextCid++, worker: i % workers.length, url: cluster.instances[s.inst].url }));
  await Promise.all(workers.map((w) => w.call("open", {
    clients: clients.filter((c) => c.worker === w.index).map(({ worker, ...c }) => c),
    concurrency,
  })));
  return clients;
}

async function closeClients(clients) {
  await Promise.all(workers.map((w) => w.call("close", { cids: clients.filter((c) => c.worker === w.index).map((c) => c.cid) })));
}

function cpuSnapshot(cluster) {
  return { at: now(), servers: cluster.instances.map((s) => processCpuSeconds(s.pid)), redis: processCpuSeconds(cluster.redis.child.pid) };
}

function cpuPct(a, b) {
  const secs = (b.at - a.at) / 1000;
  return { servers: b.servers.map((x, i) => ((x - a.servers[i]) / secs) * 100), redis: ((b.redis - a.redis) / secs) * 100 };
}

/**
 * Every client of `clients` writes `rate` edits/s; latencies count from warm-up end to the end.
 * After the writers stop, waits until every edit arrived at every other client of its document
 * (or nothing changed for 3 s, at most 20 s): what is still missing then is a loss.
 */
async function measure(cluster, clients, { rate, warmS = cfg.scenarioWarmS, measureS = cfg.measureS }) {
  const tag = nextTag++;
  const t0 = now() + 300;
  const warmEnd = t0 + warmS * 1000;
  const end = warmEnd + measureS * 1000;
  const members = new Map();
  for (const c of clients) members.set(c.doc, (members.get(c.doc) ?? 0) + 1);
  const docOf = new Map(clients.map((c) => [c.cid, c.doc]));
  await Promise.all(workers.map((w) => w.call("run", { tag, rate, t0, warmEnd, end, writers: clients.filter((c) => c.worker === w.index).map((c) => c.cid) })));
  await sleep(warmEnd - now());
  const before = cpuSnapshot(cluster);
  await sleep(end - now());
  const after = cpuSnapshot(cluster);
  await sleep(50);
  let reports;
  let expected = 0;
  let received = 0;
  let last = -1;
  let stableSince = Date.now();
  const drainStart = Date.now();
  for (;;) {
    reports = await all("report");
    expected = 0;
    received = 0;
    for (const r of reports) {
      for (const [cid, n] of Object.entries(r.sent)) expected += n * (members.get(docOf.get(Number(cid))) - 1);
      for (const n of Object.values(r.received)) received += n;
    }
    if (received >= expected) break;
    if (received !== last) {
      last = received;
      stableSince = Date.now();
    }
    if (Date.now() - stableSince > 3000 || Date.now() - drainStart > 20000) break;
    await sleep(200);
  }
  const cross = new Histogram();
  const same = new Histogram();
  let sent = 0;
  for (const r of reports) {
    cross.merge(new Histogram(r.cross));
    same.merge(new Histogram(r.same));
    for (const n of Object.values(r.sent)) sent += n;
  }
  const driver = reports.map((r) => r.cpuPct);
  return {
    cross,
    same,
    overall: new Histogram().merge(cross).merge(same),
    sent,
    editsPerSec: sent / ((end - t0) / 1000),
    expected,
    received,
    losses: Math.max(0, expected - received),
    driverCpu: driver,
    driverSaturated: driver.some((p) => p >= 90),
    lateSends: reports.reduce((a, r) => a + r.lateSends, 0),
    maxLagMs: Math.max(...reports.map((r) => r.maxLagMs)),
    disconnects: reports.reduce((a, r) => a + r.disconnects, 0),
    cpu: cpuPct(before, after),
  };
}

// ---- the scenarios -----------------------------------------------------------------------------
const range = (n) => Array.from({ length: n }, (_, i) => i);

async function idleRss(cluster) {
  await sleep(cfg.idleS * 1000);
  return { rss: cluster.instances.map((s) => processRss(s.pid)) };
}

async function memoryPerDoc(cluster, prefix) {
  const groups = 10; // sockets per worker per instance: many providers share each socket
  const specs = (name, n) => range(n).map((i) => ({ doc: `${prefix}-${name}-${i}`, inst: 0, group: `g${i % groups}`, preload: 1024 }));
  // first connections load code and fill caches on both servers: not a per-document cost
  const warm = await openClients(cluster, specs("warm", 50), 10);
  await closeClients(warm);
  await sleep(3000);
  const before = await cluster.memory(0);
  const tOpen = now();
  const docs = await openClients(cluster, specs("doc", cfg.memDocs), 10);
  console.error(`opened ${cfg.memDocs} documents in ${((now() - tOpen) / 1000).toFixed(1)} s`);
  await sleep(5000); // stores (2 s debounce) settle on both servers
  const after = await cluster.memory(0);
  await closeClients(docs);
  return {
    before,
    after,
    rssPerDoc: (after.rss - before.rss) / cfg.memDocs,
    heapPerDoc: (after.heap - before.heap) / cfg.memDocs,
  };
}

async function warmup(cluster, prefix) {
  const clients = await openClients(cluster, range(20).flatMap((d) => [0, 0, 1, 1].map((inst) => ({ doc: `${prefix}-warm-${d}`, inst }))), 20);
  await measure(cluster, clients, { rate: 5, warmS: 0, measureS: cfg.warmupS });
  await closeClients(clients);
}

async function loadScenario(cluster, specs, rate, measureS = cfg.measureS) {
  const clients = await openClients(cluster, specs, 20);
  try {
    return await measure(cluster, clients, { rate, measureS });
  } finally {
    await closeClients(clients);
  }
}

async function largeDocLatency(cluster, prefix, size) {
  const doc = `${prefix}-large-${size}`;
  const [loader] = await openClients(cluster, [{ doc, inst: 0, preload: size }], 1);
  const clients = await openClients(cluster, [{ doc, inst: 0 }, { doc, inst: 1 }], 2);
  await closeClients([loader]);
  try {
    return await measure(cluster, clients, { rate: 10, measureS: cfg.lowRateMeasureS });
  } finally {
    await closeClients(clients);
  }
}

async function connectSync(cluster, prefix) {
  const doc = `${prefix}-sync-1mb`;
  const [keeper] = await openClients(cluster, [{ doc, inst: 0, preload: MB }], 1);
  await sleep(3000); // stored once, so the cold loads below read the same bytes
  const hot = [];
  for (let i = 0; i < cfg.syncReps; i++) hot.push((await workers[i % workers.length].call("syncTime", { url: cluster.instances[0].url, doc, size: MB })).ms);
  await closeClients([keeper]);
  const cold = [];
  for (let i = 0; i < Math.max(3, Math.min(5, Math.ceil(cfg.syncReps / 2))); i++) {
    await sleep(4000); // the last connection left: the document is stored and unloaded
    cold.push((await workers[i % workers.length].call("syncTime", { url: cluster.instances[0].url, doc, size: MB })).ms);
  }
  return { hot: sampleQuantiles(hot), cold: sampleQuantiles(cold) };
}

async function stepped(cluster, prefix) {
  const clients = await openClients(cluster, range(100).flatMap((d) => range(4).map(() => ({ doc: `${prefix}-step-${d}`, inst: 0 }))), 20);
  const steps = [];
  try {
    for (const rate of cfg.steps) {
      const r = await measure(cluster, clients, { rate, measureS: cfg.stepS });
      const p99 = r.overall.quantile(0.99);
      const failed = p99 >= 100 ? "p99 ≥ 100 ms" : r.losses > 0 ? `${r.losses} losses` : r.driverSaturated ? "driver saturated" : null;
      steps.push({ rate, editsPerSec: r.editsPerSec, p99, losses: r.losses, driverCpu: r.driverCpu, cpu: r.cpu, failed });
      log(`  step ${rate}/s per client: ${r.editsPerSec.toFixed(0)} edits/s, p99 ${p99.toFixed(1)} ms, losses ${r.losses}, driver ${r.driverCpu.map((p) => p.toFixed(0)).join("/")} %, server ${r.cpu.servers[0].toFixed(0)} %${failed ? ` -> stop: ${failed}` : ""}`);
      if (failed) break;
    }
  } finally {
    await closeClients(clients);
  }
  const passed = steps.filter((s) => !s.failed);
  return { steps, best: passed[passed.length - 1] ?? null, stoppedBy: steps.find((s) => s.failed)?.failed ?? "all steps passed" };
}

async function runAll(cluster, short, keys) {
  const p = `${short}-${Date.now().toString(36)}`;
  const out = {};
  const step = async (key, fn) => {
    if ((cfg.scenarios && !cfg.scenarios.includes(key)) || (keys && !keys.includes(key))) return;
    const t = Date.now();
    log(`${cluster.name}: ${key} ...`);
    try {
      out[key] = await fn();
      log(`${cluster.name}: ${key} done in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    } catch (e) {
      // one failed scenario is reported in the table; the others still run
      log(`${cluster.name}: ${key} FAILED: ${e.message}`);
      (out.errors ??= {})[key] = e.message.split("\n")[0];
      await all("close");
      await sleep(5000);
    }
  };
  await step("h", () => idleRss(cluster));
  await step("g", () => memoryPerDoc(cluster, p));
  await step("warmup", () => warmup(cluster, p));
  await step("a", () => loadScenario(cluster, [{ doc: `${p}-a`, inst: 0 }, { doc: `${p}-a`, inst: 1 }], 10, cfg.lowRateMeasureS));
  await step("b", () => loadScenario(cluster, range(cfg.docsB).flatMap((d) => [0, 0, 1, 1].map((inst) => ({ doc: `${p}-b-${d}`, inst }))), 2));
  await step("c", () => loadScenario(cluster, range(cfg.clientsC).map((i) => ({ doc: `${p}-c`, inst: i % 2 })), 2));
  await step("d1k", () => largeDocLatency(cluster, p, 1024));
  await step("d1m", () => largeDocLatency(cluster, p, MB));
  await step("e", () => connectSync(cluster, p));
  await step("f", () => stepped(cluster, p));
  return out;
}

// ---- main ----------------------------------------------------------------------------------------
const started = Date.now();
const uptimeStart = execSync("uptime").toString().trim();
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "Z");
const work = join(here, "target", stamp);
mkdirSync(work, { recursive: true });
const results = {};
const clusters = [
  ["y-jakarta", "yj", () => startYjakarta(repo, join(work, "y-jakarta"), log)],
  ["Hocuspocus", "hp", () => startHocuspocus(here, join(work, "hocuspocus"), log)],
  // the measurement floor of the low-rate latency scenarios (floor-relay.mjs)
  ["floor relay", "fl", () => startFloorRelay(here, join(work, "floor"), log), ["warmup", "a", "d1k"]],
];
let failure = null;
for (const [name, short, start, keys] of clusters) {
  if (cfg.only && !cfg.only.some((o) => name.toLowerCase().startsWith(o.toLowerCase()))) continue;
  startWorkers();
  const cluster = await start();
  try {
    results[name] = { ...(await runAll(cluster, short, keys)), flags: cluster.flags };
  } catch (e) {
    failure = e;
    log(`${name} failed: ${e.stack ?? e}`);
  } finally {
    await cluster.stop();
    await all("exit");
  }
  if (failure) break;
}

const machine = {
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? "?"}`,
  memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  node: process.version,
  java: execSync("java -version 2>&1").toString().split("\n")[0],
  uptimeStart,
  uptime: execSync("uptime").toString().trim(),
};
const markdown = table({ results, cfg, machine, stamp, wallS: (Date.now() - started) / 1000, failure });
mkdirSync(join(here, "results"), { recursive: true });
const file = join(here, "results", `${stamp}.md`);
writeFileSync(file, markdown);
console.log(markdown);
log(`written ${file}`);
writeFileSync(join(work, "results.json"), JSON.stringify(results, (k, v) => (v instanceof Histogram ? { p50: v.quantile(0.5), p99: v.quantile(0.99), max: v.max, n: v.count } : v), 2));
process.exit(failure ? 1 : 0);
