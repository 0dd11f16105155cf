// The application Ping (protocol §1.10): only to providers that reported version >= 4 in Auth.
import { assert, assertEqual, frames, sleep, uniqueName, waitFor, MessageType } from "../lib.mjs";

// Longer than the provider's 30 s watchdog (messageReconnectTimeout) plus its 3 s check period.
const IDLE_MS = 36_000;

export const keepaliveCases = {
  "idle-v4-provider-without-awareness-stays-connected": {
    timeoutMs: 90_000,
    async run(s) {
      // With awareness: null nothing renews the provider's watchdog but the server's Ping.
      const socket = s.socket();
      let connects = 0;
      let disconnects = 0;
      socket.on("connect", () => (connects += 1));
      socket.on("disconnect", () => (disconnects += 1));
      const name = uniqueName("idle-v4");
      const p = s.provider({ name, socket, awareness: null });
      await s.synced(p);
      const ws = socket.webSocket;
      connects = 0; // the first connect is not a reconnect
      disconnects = 0;

      // Raw clients on the side: one without a version (a v3 or older client), one with "4.8.0"
      // that answers each Ping with a Pong, as the provider does.
      const versionless = s.raw();
      const v4 = s.raw();
      await versionless.opened;
      await v4.opened;
      const oldDoc = uniqueName("idle-versionless");
      versionless.send(frames.auth(oldDoc, s.token(), null));
      await versionless.waitFrame((f) => f.address === oldDoc && f.type === MessageType.Auth && f.authType === 2,
        "Authenticated for the version-less raw client");
      await v4.authenticate(uniqueName("idle-raw-v4"), s.token());
      let pongs = 0;
      v4.ws.on("message", (data) => {
        if (data.length === 1 && data[0] === MessageType.Ping) {
          v4.send(new Uint8Array([MessageType.Pong]));
          pongs += 1;
        }
      });

      await sleep(IDLE_MS);

      const pings = socket.incoming.filter((f) => f.ping).length;
      assertEqual([connects, disconnects], [0, 0], "[connect, disconnect] events on the provider's socket while idle");
      assertEqual(p.rec.closes.length, 0, "close events on the idle provider");
      assert(socket.webSocket === ws && ws.readyState === 1, "the provider's socket was replaced or closed");
      assert(pings >= 2, `the provider's socket got ${pings} Ping(s) in ${IDLE_MS} ms of silence`);
      assertEqual(versionless.frames.filter((f) => f.ping).length, 0, "Pings sent to the version-less client");
      assert(versionless.closed === null, `the version-less client closed: ${JSON.stringify(versionless.closed)}`);
      assert(pongs >= 2, `the v4 raw client answered ${pongs} Ping(s)`);
      assert(v4.closed === null, `Pongs closed the raw v4 socket: ${JSON.stringify(v4.closed)}`);

      // The idle session still edits.
      p.document.getText("text").insert(0, "after idle");
      await s.allAcknowledged([p], "after the idle period ");
      const watcher = s.provider({ name });
      await waitFor(() => watcher.document.getText("text").toString() === "after idle", "the edit after the idle period to reach another client");
      return { pings, pongs };
    },
  },
};
