// connect+sync of a 1 MB document against two running servers, alternating (used for the README timeline):
//   node e-probe.mjs ws://127.0.0.1:<port>/collab ws://127.0.0.1:<port>/<any> [repetitions]
import { HocuspocusProvider } from "@hocuspocus/provider";
import * as Y from "yjs";
import WebSocket from "ws";
import { documentOfSize } from "./lib/content.mjs";
const MB = 1024 * 1024;
const urls = process.argv.slice(2, 4); const reps = +(process.argv[4] ?? 20);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const waitFor = (check) => new Promise((res) => { const p = () => (check() ? res() : setImmediate(p)); p(); });
const expected = Buffer.from(documentOfSize(MB).stateVector);
for (const url of urls) {
  const ydoc = new Y.Doc();
  const p = new HocuspocusProvider({ url, name: "eprobe", document: ydoc, token: "bench", WebSocketPolyfill: WebSocket });
  await waitFor(() => p.isSynced);
  Y.applyUpdate(ydoc, documentOfSize(MB).state);
  await waitFor(() => !p.hasUnsyncedChanges);
}
await sleep(3000);
const res = Object.fromEntries(urls.map((u) => [u, []]));
const phases = Object.fromEntries(urls.map((u) => [u, []]));
for (let i = 0; i < reps; i++) for (const url of (i % 2 ? urls : [...urls].reverse())) {
  const ydoc = new Y.Doc();
  const t0 = performance.now(); let tOpen = 0, tMsg = 0;
  const p = new HocuspocusProvider({ url, name: "eprobe", document: ydoc, token: "bench", WebSocketPolyfill: WebSocket,
    onOpen: () => { tOpen = performance.now() - t0; }, onAuthenticated: () => { tMsg = performance.now() - t0; } });
  let tUpd = 0; ydoc.on("update", () => { if (!tUpd) tUpd = performance.now() - t0; });
  await waitFor(() => p.isSynced && Buffer.from(Y.encodeStateVector(ydoc)).equals(expected));
  const t = performance.now() - t0;
  res[url].push(t); phases[url].push([tOpen, tMsg, tUpd, t]);
  p.destroy(); ydoc.destroy();
  await sleep(200);
}
for (const url of urls) {
  const s = [...res[url]].sort((a, b) => a - b);
  const med = (k) => { const v = phases[url].map((x) => x[k]).sort((a, b) => a - b); return v[v.length >> 1].toFixed(1); };
  console.log(url, "median", s[s.length >> 1].toFixed(1), "p90", s[Math.floor(s.length * 0.9)].toFixed(1), "min", s[0].toFixed(1),
    "| medians open", med(0), "auth", med(1), "first update applied", med(2), "synced", med(3));
}
process.exit(0);
