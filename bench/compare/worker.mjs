// One load-driver process (forked by bench.mjs, commands over IPC). Each client is a real
// HocuspocusProvider with its own Y.Doc. An edit pushes [writer, seq, sendTime, instance, tag]
// to the Y.Array "e"; every other client of the document records the delay until the item shows
// up in its own Y.Doc (sendTime from performance.timeOrigin + performance.now(), comparable
// across processes on one machine) and counts what it received per writer, for the loss count.
import * as Y from "yjs";
import WebSocket from "ws";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { Histogram, now } from "./lib/stats.mjs";
import { documentOfSize } from "./lib/content.mjs";

const clients = new Map(); // cid -> { cid, doc, inst, ydoc, provider, seq }
const sockets = new Map(); // group|url -> HocuspocusProviderWebsocket
let run = null; // the current measured run
let disconnects = 0;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function newRunState(tag) {
  return {
    tag,
    sent: new Map(), // writer cid -> edits sent
    received: new Map(), // writer cid -> arrivals counted by this process's other clients
    receivedTotal: 0,
    cross: new Histogram(),
    same: new Histogram(),
    lateSends: 0,
    maxLagMs: 0,
    cpu: null,
  };
}

function observe(c) {
  c.ydoc.getArray("e").observe((event) => {
    if (event.transaction.local || run === null) return;
    const arrived = now();
    for (const d of event.changes.delta) {
      if (!d.insert) continue;
      for (const item of d.insert) {
        const [writer, , sentAt, inst, tag] = item;
        if (tag !== run.tag || writer === c.cid) continue;
        run.received.set(writer, (run.received.get(writer) ?? 0) + 1);
        run.receivedTotal++;
        if (sentAt >= run.warmEnd && sentAt < run.end) {
          (inst === c.inst ? run.same : run.cross).record(arrived - sentAt);
        }
      }
    }
  });
}

function socketFor(group, url) {
  const key = `${group}|${url}`;
  let s = sockets.get(key);
  if (!s) {
    s = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
    sockets.set(key, s);
  }
  return s;
}

function waitFor(check, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const poll = () => {
      if (check()) return resolve();
      if (Date.now() - start > timeoutMs) return reject(new Error(`timeout: ${what}`));
      setTimeout(poll, 5);
    };
    poll();
  });
}

async function openClient(spec) {
  const ydoc = new Y.Doc();
  const c = { ...spec, ydoc, seq: 0 };
  const options = { name: spec.doc, document: ydoc, token: "bench" };
  if (spec.group) {
    options.websocketProvider = socketFor(spec.group, spec.url);
  } else {
    options.url = spec.url;
    options.WebSocketPolyfill = WebSocket;
  }
  c.provider = new HocuspocusProvider(options);
  if (spec.group) c.provider.attach();
  c.provider.on("disconnect", () => disconnects++);
  observe(c);
  clients.set(spec.cid, c);
  await waitFor(() => c.provider.isSynced, 120000, `client ${spec.cid} (${spec.doc}) synced`);
  if (spec.preload) {
    // applied after the first sync, so the provider sends it as an Update the server acknowledges
    Y.applyUpdate(ydoc, documentOfSize(spec.preload).state);
    await waitFor(() => !c.provider.hasUnsyncedChanges, 120000, `preload of ${spec.doc} acknowledged`);
  }
}

async function open({ clients: specs, concurrency = 20 }) {
  const start = now();
  let next = 0;
  const lane = async () => {
    while (next < specs.length) await openClient(specs[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, specs.length) }, lane));
  return { ms: now() - start };
}

function startRun({ tag, rate, t0, warmEnd, end, writers }) {
  const r = newRunState(tag);
  Object.assign(r, { warmEnd, end });
  run = r;
  const interval = 1000 / rate;
  const active = [...clients.values()].filter((c) => !writers || writers.includes(c.cid));
  const next = new Map(active.map((c) => [c.cid, t0 + Math.random() * interval]));
  setTimeout(() => (r.cpu = { usage: process.cpuUsage(), at: now() }), Math.max(0, warmEnd - now()));
  const timer = setInterval(() => {
    const t = now();
    if (t >= end) {
      clearInterval(timer);
      const used = process.cpuUsage(r.cpu?.usage);
      r.cpuPct = r.cpu ? ((used.user + used.system) / 1000 / (t - r.cpu.at)) * 100 : NaN;
      return;
    }
    for (const c of active) {
      let due = next.get(c.cid);
      while (due <= t && due < end) {
        const lag = t - due;
        if (lag > 20) r.lateSends++;
        if (lag > r.maxLagMs) r.maxLagMs = lag;
        const sentAt = now();
        c.ydoc.getArray("e").push([[c.cid, c.seq++, sentAt, c.inst, tag]]);
        r.sent.set(c.cid, (r.sent.get(c.cid) ?? 0) + 1);
        due += interval;
      }
      next.set(c.cid, due);
    }
  }, 2);
  return {};
}

function report() {
  const r = run;
  return {
    sent: Object.fromEntries(r.sent),
    received: Object.fromEntries(r.received),
    cross: r.cross.toPlain(),
    same: r.same.toPlain(),
    cpuPct: r.cpuPct,
    lateSends: r.lateSends,
    maxLagMs: r.maxLagMs,
    disconnects,
  };
}

function close({ cids } = {}) {
  for (const cid of cids ?? [...clients.keys()]) {
    const c = clients.get(cid);
    if (!c) continue;
    c.provider.destroy();
    c.ydoc.destroy();
    clients.delete(cid);
  }
  if (!cids) {
    for (const s of sockets.values()) s.destroy();
    sockets.clear();
    disconnects = 0;
  }
  return {};
}

/** A fresh provider connects and syncs a preloaded document: time until its Y.Doc has it all. */
async function syncTime({ url, doc, size }) {
  const expected = Buffer.from(documentOfSize(size).stateVector);
  const ydoc = new Y.Doc();
  const start = now();
  const provider = new HocuspocusProvider({ url, name: doc, document: ydoc, token: "bench", WebSocketPolyfill: WebSocket });
  try {
    await waitFor(() => provider.isSynced && Buffer.from(Y.encodeStateVector(ydoc)).equals(expected), 120000, `${doc} synced with its content`);
    return { ms: now() - start, paragraphs: ydoc.getXmlFragment("default").length };
  } finally {
    provider.destroy();
    ydoc.destroy();
  }
}

const handlers = {
  open,
  run: startRun,
  counts: () => ({ receivedTotal: run ? run.receivedTotal : 0, sent: run ? [...run.sent.values()].reduce((a, b) => a + b, 0) : 0 }),
  report,
  close,
  syncTime,
  exit: () => {
    setTimeout(() => process.exit(0), 10);
    return {};
  },
};

process.on("message", async ({ id, cmd, args }) => {
  try {
    const result = await handlers[cmd](args ?? {});
    process.send({ id, ok: true, result });
  } catch (e) {
    process.send({ id, ok: false, error: String(e?.stack ?? e) });
  }
});
// the provider's own reconnect handles dropped sockets; keep the process alive on stray errors
process.on("unhandledRejection", (e) => console.error("worker:", e));
