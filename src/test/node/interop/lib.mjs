// Shared plumbing for the interop cases: real providers, raw sockets, tokens, waiting, asserting.
import crypto from "node:crypto";
import WebSocket from "ws";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";

export { Y, WebSocket, encoding, decoding };

export const DEFAULT_TIMEOUT_MS = 20_000;

/** Message types of the Hocuspocus wire protocol (protocol study §1.3). */
export const MessageType = Object.freeze({
  Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3, SyncReply: 4, Stateless: 5,
  BroadcastStateless: 6, Close: 7, SyncStatus: 8, Ping: 9, Pong: 10,
});

export class AssertionError extends Error {}

export function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}

export function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) {
    throw new AssertionError(`${what}: expected ${truncate(e)} but was ${truncate(a)}`);
  }
}

function truncate(s, n = 300) {
  if (s === undefined) return "undefined";
  return s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls {@code condition} until it is truthy; fails naming what was awaited. */
export async function waitFor(condition, what, timeoutMs = DEFAULT_TIMEOUT_MS) {
  const start = Date.now();
  let lastError;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() - start > timeoutMs) {
      const detail = lastError ? ` (last error: ${lastError.message})` : "";
      throw new AssertionError(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(15);
  }
}

/** A small seeded PRNG (mulberry32) so a failing fuzz run can be replayed with --seed. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  next.bytes = (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(next() * 256);
    return out;
  };
  return next;
}

export function uniqueName(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(4).toString("hex")}`;
}

// ---------------------------------------------------------------- tokens

function b64url(data) {
  return Buffer.from(data).toString("base64url");
}

/** An HS256 JWT as the server's contract expects (claims: sub, exp, docs, scope). */
export function mintToken(secret, claims = {}) {
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(JSON.stringify(claims));
  const signature = crypto.createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  return `${header}.${payload}.${b64url(signature)}`;
}

// ---------------------------------------------------------------- frames

/** Encodes one frame: vs(address) · vu(type) · whatever {@code body} writes. */
export function frame(address, type, body = () => {}) {
  const enc = encoding.createEncoder();
  encoding.writeVarString(enc, address);
  encoding.writeVarUint(enc, type);
  body(enc);
  return encoding.toUint8Array(enc);
}

export const frames = {
  auth: (address, token, version = "4.8.0") =>
    frame(address, MessageType.Auth, (e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarString(e, token);
      if (version !== null) encoding.writeVarString(e, version);
    }),
  step1: (address, stateVector = new Uint8Array([0])) =>
    frame(address, MessageType.Sync, (e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, stateVector);
    }),
  step2: (address, update) =>
    frame(address, MessageType.Sync, (e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, update);
    }),
  update: (address, update) =>
    frame(address, MessageType.Sync, (e) => {
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, update);
    }),
  awareness: (address, awarenessUpdate) =>
    frame(address, MessageType.Awareness, (e) => encoding.writeVarUint8Array(e, awarenessUpdate)),
  queryAwareness: (address) => frame(address, MessageType.QueryAwareness),
  stateless: (address, payload) =>
    frame(address, MessageType.Stateless, (e) => encoding.writeVarString(e, payload)),
  broadcastStateless: (address, payload) =>
    frame(address, MessageType.BroadcastStateless, (e) => encoding.writeVarString(e, payload)),
  close: (address) => frame(address, MessageType.Close),
};

/**
 * Decodes a server frame into {address, type, ...fields}; {raw} only for undecodable ones.
 * Auth: {authType, token|reason|scope}; Sync: {syncType, data}; SyncStatus: {applied};
 * Stateless: {payload}; Close: {reason}; Awareness: {data}.
 */
export function decodeFrame(bytes) {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (data.length === 1 && data[0] === MessageType.Ping) return { ping: true };
  try {
    const d = decoding.createDecoder(data);
    const address = decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    const out = { address, type };
    switch (type) {
      case MessageType.Auth: {
        out.authType = decoding.readVarUint(d);
        if (out.authType === 1) out.reason = decoding.readVarString(d);
        if (out.authType === 2) out.scope = decoding.readVarString(d);
        break;
      }
      case MessageType.Sync:
        out.syncType = decoding.readVarUint(d);
        out.data = decoding.readVarUint8Array(d);
        break;
      case MessageType.SyncStatus:
        out.applied = decoding.readVarInt(d) === 1;
        break;
      case MessageType.Stateless:
        out.payload = decoding.readVarString(d);
        break;
      case MessageType.Close:
        out.reason = decoding.hasContent(d) ? decoding.readVarString(d) : null;
        break;
      case MessageType.Awareness:
        out.data = decoding.readVarUint8Array(d);
        break;
      default:
        break;
    }
    return out;
  } catch (e) {
    return { raw: data, error: e.message };
  }
}

// ---------------------------------------------------------------- raw sockets

/** A bare `ws` socket that records every frame and the close event. */
export class RawClient {
  constructor(url) {
    this.url = url;
    this.frames = [];
    this.closed = null;
    this.errors = [];
    this.ws = new WebSocket(url);
    this.ws.binaryType = "nodebuffer";
    this.opened = new Promise((resolve, reject) => {
      this.ws.once("open", resolve);
      this.ws.once("error", reject);
    });
    this.ws.on("error", (e) => this.errors.push(e.message));
    this.ws.on("message", (data, isBinary) => {
      this.frames.push(isBinary ? decodeFrame(new Uint8Array(data)) : { text: data.toString() });
    });
    this.ws.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  get isOpen() {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(bytes) {
    if (this.isOpen) this.ws.send(bytes, { binary: true });
  }

  sendText(text) {
    if (this.isOpen) this.ws.send(text, { binary: false });
  }

  framesFor(address) {
    return this.frames.filter((f) => f.address === address);
  }

  async waitFrame(predicate, what, timeoutMs = DEFAULT_TIMEOUT_MS) {
    return waitFor(() => this.frames.find(predicate), what, timeoutMs);
  }

  async waitClose(what, timeoutMs = DEFAULT_TIMEOUT_MS) {
    return waitFor(() => this.closed, what, timeoutMs);
  }

  /** Auth + Step1 for {@code address}; resolves with the Authenticated frame. */
  async authenticate(address, token, timeoutMs = DEFAULT_TIMEOUT_MS) {
    const seen = this.frames.length;
    this.send(frames.auth(address, token));
    this.send(frames.step1(address));
    return waitFor(
      () => this.frames.slice(seen).find((f) => f.address === address && f.type === MessageType.Auth && f.authType === 2),
      `Authenticated for "${address}" on a raw socket`,
      timeoutMs,
    );
  }

  close() {
    try {
      this.ws.terminate();
    } catch {
      // already gone
    }
  }
}

// ---------------------------------------------------------------- session

/**
 * What one case owns: sockets, providers and raw clients, all torn down at the end. Providers get
 * a recorder ({@code p.rec}) of the events cases assert on.
 */
export class Session {
  constructor({ url, secret, seed, log }) {
    this.url = url;
    this.secret = secret;
    this.seed = seed;
    this.log = log;
    this.sockets = [];
    this.providers = [];
    this.raws = [];
  }

  /** A valid read-write token; {@code claims} may override sub, exp, docs, scope. */
  token(claims = {}) {
    return mintToken(this.secret, { sub: "interop", exp: Math.floor(Date.now() / 1000) + 3600, ...claims });
  }

  socket(options = {}) {
    const socket = new HocuspocusProviderWebsocket({
      url: this.url,
      WebSocketPolyfill: WebSocket,
      ...options,
    });
    socket.incoming = [];
    socket.on("message", ({ data }) => socket.incoming.push(decodeFrame(new Uint8Array(data))));
    this.sockets.push(socket);
    return socket;
  }

  /**
   * A provider attached to {@code socket} (a fresh socket when omitted). Token defaults to a
   * valid read-write JWT; pass {@code token: null} for none.
   */
  provider({ name, socket, token, ...rest }) {
    const ws = socket ?? this.socket();
    const provider = new HocuspocusProvider({
      name,
      websocketProvider: ws,
      token: token === undefined ? this.token() : token,
      ...rest,
    });
    const rec = { authenticated: [], failed: [], stateless: [], closes: [], synced: 0 };
    provider.rec = rec;
    provider.on("authenticated", ({ scope }) => rec.authenticated.push(scope));
    provider.on("authenticationFailed", ({ reason }) => rec.failed.push(reason));
    provider.on("stateless", ({ payload }) => rec.stateless.push(payload));
    provider.on("close", ({ event }) => rec.closes.push(event));
    provider.on("synced", () => (rec.synced += 1));
    provider.attach();
    this.providers.push(provider);
    return provider;
  }

  raw() {
    const client = new RawClient(this.url);
    this.raws.push(client);
    return client;
  }

  async synced(provider, what = `provider "${provider.configuration.name}" to sync`) {
    await waitFor(() => provider.isSynced, what);
    return provider;
  }

  /** Every listed provider has had each change acknowledged (hasUnsyncedChanges false). */
  async allAcknowledged(providers, what = "") {
    for (const p of providers) {
      await waitFor(
        () => !p.hasUnsyncedChanges,
        `hasUnsyncedChanges=false on "${p.configuration.name}" ${what}(unsynced count ${p.unsyncedChanges})`,
      );
    }
  }

  async dispose() {
    for (const p of this.providers) {
      try {
        p.destroy();
      } catch {
        // best effort
      }
    }
    for (const s of this.sockets) {
      try {
        s.destroy();
      } catch {
        // best effort
      }
    }
    for (const r of this.raws) r.close();
  }
}

/** A JSON view of a document's shared types, as the cases use them (map keys sorted). */
export function docJson(doc) {
  const map = doc.getMap("map").toJSON();
  return {
    text: doc.getText("text").toString(),
    map: Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k]])),
    array: doc.getArray("array").toJSON(),
  };
}

/** The JSON of a document rebuilt from its own Y.encodeStateAsUpdate (what the server stores). */
export function encodedJson(doc) {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return docJson(copy);
}

export function sameState(a, b) {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)))
    && JSON.stringify(docJson(a)) === JSON.stringify(docJson(b));
}
