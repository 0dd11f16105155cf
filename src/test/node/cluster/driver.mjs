// Drives real @hocuspocus/provider clients for the cluster tests. Commands arrive as JSON lines on
// stdin; every command gets exactly one JSON line on stdout: {"re":<seq>,"ok":true,...} or
// {"re":<seq>,"ok":false,"error":"..."}. Each client has its own Y.Doc and its own WebSocket.
// Edits are unique tokens pushed to the Y.Array "tokens"; a token counts as acknowledged once the
// provider's unsyncedChanges dropped to 0 after the push (the server sent SyncStatus for it).
import * as Y from "yjs";
import WebSocket from "ws";
import readline from "node:readline";
import { HocuspocusProvider } from "@hocuspocus/provider";

const clients = new Map(); // name -> { name, doc, url, ydoc, provider, socket, pending:[], acked:Set }

function out(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function connect(c, url, token = c.token) {
  c.url = url;
  // the provider manages its own socket (one socket per client), reconnecting quickly
  c.provider = new HocuspocusProvider({
    url,
    name: c.doc,
    document: c.ydoc,
    token,
    WebSocketPolyfill: WebSocket,
    delay: 100,
    minDelay: 100,
    maxDelay: 500,
    factor: 1.5,
  });
  c.provider.on("unsyncedChanges", ({ number }) => {
    if (number === 0 && c.pending.length > 0) {
      for (const t of c.pending) c.acked.add(t);
      c.pending = [];
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`client ${c.name} not synced within 20 s`)), 20000);
    const onSynced = () => {
      clearTimeout(timer);
      c.provider.off("synced", onSynced);
      resolve();
    };
    c.provider.on("synced", onSynced);
  });
}

function disconnect(c) {
  if (c.provider) {
    c.provider.destroy();
    c.provider = null;
  }
}

function tokens(c) {
  return c.ydoc.getArray("tokens").toArray();
}

function push(c, token) {
  c.pending.push(token);
  c.ydoc.getArray("tokens").push([token]);
}

async function awaitUntil(check, timeoutMs) {
  const start = Date.now();
  for (;;) {
    const r = check();
    if (r === true) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(typeof r === "string" ? r : "timeout");
    await sleep(20);
  }
}

const handlers = {
  async open({ client, url, doc, token = "t" }) {
    const c = { name: client, doc, token, ydoc: new Y.Doc(), pending: [], acked: new Set() };
    clients.set(client, c);
    await connect(c, url);
    return { clientId: c.ydoc.clientID };
  },
  // a load balancer moving the client: same Y.Doc (unsent edits included), another server
  async reopen({ client, url }) {
    const c = clients.get(client);
    disconnect(c);
    await connect(c, url);
    return {};
  },
  async close({ client }) {
    disconnect(clients.get(client));
    return {};
  },
  async edit({ client, token }) {
    push(clients.get(client), token);
    return {};
  },
  // every listed client pushes a token every intervalMs for durationMs (concurrently)
  async editLoop({ clients: names, durationMs, intervalMs, prefix = "" }) {
    const list = names ? names.map((n) => clients.get(n)) : [...clients.values()].filter((c) => c.provider);
    const end = Date.now() + durationMs;
    let n = 0;
    await Promise.all(list.map(async (c) => {
      let i = 0;
      while (Date.now() < end) {
        if (c.provider) {
          push(c, `${prefix}${c.name}-${i++}`);
          n++;
        }
        await sleep(intervalMs * (0.5 + Math.random()));
      }
    }));
    return { pushed: n };
  },
  // waits until every open client of each document holds the same tokens, and those include
  // every acknowledged token of every client (open or not) of that document
  async awaitConverged({ timeoutMs = 20000, requireNoPending = true }) {
    const byDoc = new Map();
    for (const c of clients.values()) {
      if (!byDoc.has(c.doc)) byDoc.set(c.doc, []);
      byDoc.get(c.doc).push(c);
    }
    const ms = await awaitUntil(() => {
      for (const [doc, list] of byDoc) {
        const open = list.filter((c) => c.provider);
        if (open.length === 0) continue;
        const ref = JSON.stringify([...tokens(open[0])].sort());
        for (const c of open) {
          if (requireNoPending && c.provider.hasUnsyncedChanges) return `${c.name} has unsynced changes`;
          if (JSON.stringify([...tokens(c)].sort()) !== ref) return `${doc}: ${c.name} differs from ${open[0].name}`;
        }
        const have = new Set(tokens(open[0]));
        for (const c of list) {
          for (const t of c.acked) if (!have.has(t)) return `${doc}: acknowledged ${t} missing`;
        }
      }
      return true;
    }, timeoutMs);
    const counts = {};
    for (const [doc, list] of byDoc) {
      const open = list.filter((c) => c.provider);
      counts[doc] = open.length ? tokens(open[0]).length : -1;
    }
    const acked = [...clients.values()].reduce((s, c) => s + c.acked.size, 0);
    return { ms, counts, acked };
  },
  async tokens({ client }) {
    const c = clients.get(client);
    return { tokens: tokens(c), acked: [...c.acked], clientId: c.ydoc.clientID };
  },
  // the whole state of a client's document, for comparing with the database
  async encodeState({ client }) {
    return { state: Buffer.from(Y.encodeStateAsUpdate(clients.get(client).ydoc)).toString("base64") };
  },
  async decodeTokens({ state }) {
    const d = new Y.Doc();
    Y.applyUpdate(d, new Uint8Array(Buffer.from(state, "base64")));
    return { tokens: d.getArray("tokens").toArray() };
  },
  // an update that pushes `token` onto a document whose state is `state` (for a Java document)
  async makeUpdate({ state, token }) {
    const d = new Y.Doc();
    Y.applyUpdate(d, new Uint8Array(Buffer.from(state, "base64")));
    const before = Y.encodeStateVector(d);
    d.getArray("tokens").push([token]);
    return { update: Buffer.from(Y.encodeStateAsUpdate(d, before)).toString("base64") };
  },
  async awareness({ client, state }) {
    clients.get(client).provider.setAwarenessField("user", state);
    return {};
  },
  // waits until `client` sees (present=true) or no longer sees (present=false) awareness clientId
  async awaitAwareness({ client, clientId, present, timeoutMs = 10000 }) {
    const c = clients.get(client);
    const ms = await awaitUntil(() => {
      const s = c.provider.awareness.getStates().get(clientId);
      const seen = s !== undefined && s !== null && s.user !== undefined;
      return seen === present ? true : `awareness of ${clientId} present=${seen}`;
    }, timeoutMs);
    const s = c.provider.awareness.getStates().get(clientId);
    return { ms, at: Date.now(), state: s ?? null };
  },
  async now() {
    return { at: Date.now() };
  },
  async exit() {
    for (const c of clients.values()) disconnect(c);
    setTimeout(() => process.exit(0), 50);
    return {};
  },
};

const rl = readline.createInterface({ input: process.stdin });
rl.on("line", async (line) => {
  if (!line.trim()) return;
  let msg;
  try {
    msg = JSON.parse(line);
  } catch (e) {
    out({ re: -1, ok: false, error: `bad json: ${e.message}` });
    return;
  }
  try {
    const handler = handlers[msg.cmd];
    if (!handler) throw new Error(`unknown command ${msg.cmd}`);
    const result = await handler(msg);
    out({ re: msg.seq, ok: true, ...result });
  } catch (e) {
    out({ re: msg.seq, ok: false, error: String(e && e.message ? e.message : e) });
  }
});
rl.on("close", () => {
  for (const c of clients.values()) disconnect(c);
  process.exit(0);
});
out({ event: "ready" });
