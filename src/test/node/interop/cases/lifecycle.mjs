// Per-document lifecycle on a shared socket: CLOSE, odd and empty names, a refused opcode.
import { assert, assertEqual, encoding, frame, frames, sameState, sleep, uniqueName, waitFor, MessageType } from "../lib.mjs";

export const lifecycleCases = {
  "close-gets-provider-initiated-and-socket-stays": {
    async run(s) {
      const socket = s.socket();
      const nameA = uniqueName("close-a");
      const nameB = uniqueName("close-b");
      const a = s.provider({ name: nameA, socket });
      const b = s.provider({ name: nameB, socket });
      // Keeps document A loaded (a server without persistence unloads it when A leaves).
      const keeper = s.provider({ name: nameA });
      await s.synced(a);
      await s.synced(b);
      await s.synced(keeper);
      a.document.getText("text").insert(0, "a was here");
      await s.allAcknowledged([a, b]);
      const ws = socket.webSocket;
      a.destroy();
      const reply = await waitFor(
        () => socket.incoming.find((f) => f.address === nameA && f.type === MessageType.Close),
        `the CLOSE reply for "${nameA}"`,
      );
      assertEqual(reply.reason, "provider_initiated", "CLOSE reply reason");
      // The socket is still the same open socket, and the other document keeps working.
      await sleep(200);
      assert(socket.webSocket === ws && ws.readyState === 1, "the socket must stay open after a document CLOSE");
      const watcher = s.provider({ name: nameB });
      await s.synced(watcher);
      b.document.getText("text").insert(0, "b after close");
      await waitFor(() => watcher.document.getText("text").toString() === "b after close", "b's edit after a's CLOSE to reach another client");
      // New documents (and the closed one again) open on the same socket.
      const c = s.provider({ name: uniqueName("close-c"), socket });
      await s.synced(c, "a new document on the same socket after a CLOSE");
      const again = s.provider({ name: nameA, socket });
      await s.synced(again, "the closed document re-opened on the same socket");
      await waitFor(() => again.document.getText("text").toString() === "a was here", "the re-opened document's content");
      // detach() sends CLOSE too.
      c.detach();
      const detachReply = await waitFor(
        () => socket.incoming.find((f) => f.address === c.configuration.name && f.type === MessageType.Close),
        "the CLOSE reply after detach()",
      );
      assertEqual(detachReply.reason, "provider_initiated", "CLOSE reply reason after detach()");
      assert(socket.webSocket === ws, "no reconnect happened");
      await s.allAcknowledged([b, watcher, again, keeper]);
      return {};
    },
  },

  "odd-document-names-round-trip": {
    async run(s) {
      const suffix = uniqueName("");
      const names = [
        `Dokument ünïcödé 文档 🎉${suffix}`,
        `with spaces and\ttab ${suffix}`,
        `a/b/c/${suffix}`,
        `/leading/slash/${suffix}/`,
        `query?x=1&y=%20#frag${suffix}`,
        `quotes "'\`<>\\ ${suffix}`,
        `${"long-".repeat(60)}${suffix}`,
      ];
      const socketA = s.socket();
      const socketB = s.socket();
      const pairs = names.map((name) => [s.provider({ name, socket: socketA }), s.provider({ name, socket: socketB })]);
      await Promise.all(pairs.flat().map((p) => s.synced(p, `provider for ${JSON.stringify(p.configuration.name)} to sync`)));
      pairs.forEach(([a], i) => a.document.getText("text").insert(0, `content ${i}`));
      for (let i = 0; i < pairs.length; i++) {
        const [, b] = pairs[i];
        await waitFor(() => b.document.getText("text").toString() === `content ${i}`,
          `the edit on ${JSON.stringify(names[i])} to arrive, and only it`);
      }
      await s.allAcknowledged(pairs.flat());
      const seen = new Set(socketB.incoming.map((f) => f.address));
      for (const n of names) assert(seen.has(n), `no frame came back addressed exactly ${JSON.stringify(n)}`);
      for (const a of seen) assert(names.includes(a), `a frame came back addressed ${JSON.stringify(a)}`);
      return { names: names.length };
    },
  },

  "empty-document-name-rejected": {
    async run(s) {
      const socket = s.socket();
      const good = s.provider({ name: uniqueName("beside-empty"), socket });
      await s.synced(good);
      const empty = s.provider({ name: "", socket });
      await waitFor(() => empty.rec.failed.length > 0, "authenticationFailed for the empty document name");
      const blank = s.provider({ name: "   ", socket });
      await waitFor(() => blank.rec.failed.length > 0, "authenticationFailed for a whitespace-only document name");
      await sleep(300);
      assert(!empty.isSynced && !blank.isSynced, "empty or blank names must not sync");
      // The socket and its other document are unaffected.
      good.document.getText("text").insert(0, "still fine");
      await s.allAcknowledged([good], "on the other document of the socket ");
      const late = s.provider({ name: uniqueName("after-empty"), socket });
      await s.synced(late, "a new document on the socket after the rejected names");
      return { reasons: [...empty.rec.failed, ...blank.rec.failed] };
    },
  },

  "broadcast-stateless-from-client-is-refused": {
    async run(s) {
      const name = uniqueName("opcode6");
      const listener = s.provider({ name });
      await s.synced(listener);
      const raw = s.raw();
      await raw.opened;
      await raw.authenticate(name, s.token());
      raw.send(frames.broadcastStateless(name, "bypass"));
      // The reference closes that document connection (CLOSE) and keeps the socket.
      const close = await raw.waitFrame((f) => f.address === name && f.type === MessageType.Close,
        "a document CLOSE after a client-sent BroadcastStateless (6)");
      await sleep(300);
      assertEqual(listener.rec.stateless, [], "stateless messages that reached a provider");
      assert(raw.closed === null, `the socket must stay open, but closed with ${JSON.stringify(raw.closed)}`);
      // The socket is still usable for documents.
      const other = uniqueName("opcode6-after");
      await raw.authenticate(other, s.token());
      await s.allAcknowledged([listener]);
      return { closeReason: close.reason };
    },
  },

  "pre-auth-limits-close-the-socket": {
    async run(s) {
      // Defaults of protocol §2.9: ≤ 1000 queued frames and ≤ 100 pending documents per socket
      // before auth; a breach closes the socket with 4205. Authenticated documents are exempt.
      const frameFlood = s.raw();
      await frameFlood.opened;
      const address = uniqueName("preauth-frames");
      for (let i = 0; i < 1100 && frameFlood.isOpen; i++) frameFlood.send(frames.stateless(address, `x${i}`));
      const c1 = await frameFlood.waitClose("the socket to close after 1100 frames queued before auth");
      assertEqual(c1.code, 4205, "close code after too many pre-auth frames");

      const docFlood = s.raw();
      await docFlood.opened;
      const base = uniqueName("preauth-docs");
      for (let i = 0; i < 110 && docFlood.isOpen; i++) docFlood.send(frames.stateless(`${base}-${i}`, "x"));
      const c2 = await docFlood.waitClose("the socket to close after 110 documents pending auth");
      assertEqual(c2.code, 4205, "close code after too many pending documents");

      const authed = s.raw();
      await authed.opened;
      const doc = uniqueName("preauth-exempt");
      await authed.authenticate(doc, s.token());
      for (let i = 0; i < 1100; i++) authed.send(frames.stateless(doc, `y${i}`));
      authed.send(frames.stateless(doc, "echo:done"));
      await authed.waitFrame((f) => f.type === MessageType.Stateless && f.payload === "echo:done",
        "the echo after 1100 frames on an authenticated document");
      assert(authed.closed === null, `an authenticated socket was closed: ${JSON.stringify(authed.closed)}`);
      return {};
    },
  },

  "concurrent-joins-share-one-document": {
    async run(s) {
      // 30 sockets open a brand-new document at once: one load, one document (protocol §2.3).
      const name = uniqueName("joins");
      const n = 30;
      const providers = Array.from({ length: n }, () => s.provider({ name }));
      await Promise.all(providers.map((p) => s.synced(p)));
      providers.forEach((p, i) => p.document.getMap("map").set(`p${i}`, i));
      await waitFor(() => providers.every((p) => p.document.getMap("map").size === n), `all ${n} providers to see all ${n} entries`);
      await waitFor(() => providers.every((p) => sameState(p.document, providers[0].document)), "all providers to converge");
      await s.allAcknowledged(providers);
      return { providers: n };
    },
  },

  "rapid-leave-and-rejoin": {
    timeoutMs: 120_000,
    async run(s) {
      // The last client leaves (the document unloads) while the next one already joins: the
      // join must never hang or land on a torn-down document (Hocuspocus #971).
      const name = uniqueName("rejoin");
      const socket = s.socket();
      const rounds = 25;
      for (let i = 0; i < rounds; i++) {
        const p = s.provider({ name, socket: i % 2 === 0 ? socket : undefined });
        await s.synced(p, `round ${i}: the provider to sync`);
        p.document.getText("text").insert(0, `r${i};`);
        await s.allAcknowledged([p], `in round ${i} `);
        p.destroy();
      }
      // A long-lived observer, then a last rejoin race with two at once.
      const x = s.provider({ name });
      const y = s.provider({ name });
      await s.synced(x);
      await s.synced(y);
      x.document.getText("text").insert(0, "x;");
      await waitFor(() => y.document.getText("text").toString().startsWith("x;"), "y to see x's edit after the rejoin rounds");
      await s.allAcknowledged([x, y]);
      return { rounds };
    },
  },

  "protocol-edge-frames-on-a-raw-socket": {
    async run(s) {
      const raw = s.raw();
      await raw.opened;
      // A v3 provider's Auth carries no version: still accepted.
      const v3 = uniqueName("v3-auth");
      raw.send(frames.auth(v3, s.token(), null));
      await raw.waitFrame((f) => f.address === v3 && f.type === MessageType.Auth && f.authType === 2, "Authenticated for a v3 Auth frame (no version)");
      // An unknown message type on an established document is ignored (protocol §1.14).
      const doc = uniqueName("edge");
      await raw.authenticate(doc, s.token());
      raw.send(frame(doc, 42, (e) => encoding.writeVarString(e, "future message")));
      raw.send(frames.queryAwareness(doc));
      raw.send(frames.stateless(doc, "echo:after-unknown"));
      await raw.waitFrame((f) => f.address === doc && f.type === MessageType.Stateless && f.payload === "echo:after-unknown",
        "the echo after an unknown message type");
      assert(!raw.framesFor(doc).some((f) => f.type === MessageType.Close), "an unknown message type closed the document");
      // An unknown sync sub-type closes that document only; the socket and the other one live on.
      raw.send(frame(doc, MessageType.Sync, (e) => {
        encoding.writeVarUint(e, 7);
        encoding.writeVarUint8Array(e, new Uint8Array([1, 2, 3]));
      }));
      await raw.waitFrame((f) => f.address === doc && f.type === MessageType.Close, "a document CLOSE after an unknown sync type");
      raw.send(frames.stateless(v3, "echo:other-doc"));
      await raw.waitFrame((f) => f.address === v3 && f.type === MessageType.Stateless && f.payload === "echo:other-doc",
        "the other document on the socket to keep working");
      assert(raw.closed === null, `the socket closed: ${JSON.stringify(raw.closed)}`);
      // And the closed document can be authenticated again on the same socket.
      await raw.authenticate(doc, s.token());
      return {};
    },
  },
};
