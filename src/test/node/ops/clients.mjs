// Real @hocuspocus/provider clients, for NginxLoadBalancerIT (through nginx) and OpsEndpointsIT.
// usage: node clients.mjs <ws-url> <document> <clients> [converge]
// Opens <clients> providers one after the other (each has its own WebSocket, so round-robin puts
// them on different instances), waits until each is synced, lets each push one token to the
// Y.Array "tokens" and waits until the server acknowledged it (unsyncedChanges back to 0). With
// "converge", also waits until every client sees every token. Prints one JSON line:
// {"upstreams":[...],"tokens":[[...],...],"converged":bool}; exits 1 with {"error":...} on failure.
// The providers sign in with $YJAKARTA_TOKEN (a JWT when the server checks them).
import * as Y from "yjs";
import WebSocket from "ws";
import { HocuspocusProvider } from "@hocuspocus/provider";

const [url, name, count, mode] = process.argv.slice(2);
const n = Number(count);
const upstreams = [];

function withTimeout(promise, ms, what) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)),
  ]);
}

/** A ws socket that remembers which instance nginx chose (the X-Upstream header of the 101). */
function recordingSocket(index) {
  return class extends WebSocket {
    constructor(...args) {
      super(...args);
      this.on("upgrade", (res) => {
        upstreams[index] = res.headers["x-upstream"] ?? null;
      });
    }
  };
}

const clients = [];
try {
  for (let i = 0; i < n; i++) {
    const ydoc = new Y.Doc();
    const provider = new HocuspocusProvider({
      url,
      name,
      document: ydoc,
      token: process.env.YJAKARTA_TOKEN ?? "t",
      WebSocketPolyfill: recordingSocket(i),
    });
    clients.push({ ydoc, provider });
    await withTimeout(new Promise((resolve) => provider.on("synced", resolve)), 20000, `client ${i} not synced`);
  }
  for (const [i, c] of clients.entries()) {
    const acked = new Promise((resolve) =>
      c.provider.on("unsyncedChanges", ({ number }) => number === 0 && resolve()));
    c.ydoc.getArray("tokens").push([`client-${i}`]);
    await withTimeout(acked, 10000, `the edit of client ${i} not acknowledged`);
  }
  let converged = false;
  if (mode === "converge") {
    const all = (c) => c.ydoc.getArray("tokens").length === n;
    await withTimeout(new Promise((resolve) => {
      const check = () => clients.every(all) && resolve();
      clients.forEach((c) => c.ydoc.on("update", check));
      check();
    }), 15000, "clients not converged");
    converged = true;
  }
  const tokens = clients.map((c) => c.ydoc.getArray("tokens").toArray().sort());
  console.log(JSON.stringify({ upstreams, tokens, converged }));
  clients.forEach((c) => c.provider.destroy());
  process.exit(0);
} catch (e) {
  console.log(JSON.stringify({ error: String(e.message ?? e), upstreams }));
  clients.forEach((c) => c.provider.destroy());
  process.exit(1);
}
