// Shared by write.mjs and read.mjs: a real @hocuspocus/provider on Node 20 (no global WebSocket).
import { HocuspocusProvider } from "@hocuspocus/provider";
import WebSocket from "ws";

/** Connects to <url> for document <name>; resolves once synced, rejects on failure or timeout. */
export function connect(url, name, timeoutMs = 120000) {
  return new Promise((resolve, reject) => {
    // no websocketProvider of our own: the provider then creates and manages (attaches) its socket
    const provider = new HocuspocusProvider({
      url,
      WebSocketPolyfill: WebSocket,
      maxAttempts: 1,
      name,
      // the JWT the test signed when the server checks them (the servers that don't ignore it)
      token: process.env.YJAKARTA_TOKEN,
      onSynced: () => {
        clearTimeout(timer);
        resolve(provider);
      },
      onAuthenticationFailed: ({ reason }) => fail(`authentication failed: ${reason}`),
      onClose: ({ event }) => fail(`closed ${event?.code ?? ""} ${event?.reason ?? ""}`.trim()),
    });
    const timer = setTimeout(() => fail(`not synced within ${timeoutMs} ms`), timeoutMs);
    function fail(why) {
      if (provider.isSynced) return;
      clearTimeout(timer);
      provider.destroy();
      reject(new Error(why));
    }
  });
}

/** Resolves when the server acknowledged every local change (SyncStatus). */
export function awaitSaved(provider, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (provider.unsyncedChanges === 0) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error("changes not acknowledged in time"));
      setTimeout(poll, 20);
    };
    poll();
  });
}

export function close(provider) {
  provider.destroy(); // also closes the socket the provider manages
}
