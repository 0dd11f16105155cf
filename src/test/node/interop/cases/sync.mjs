// Document sync between real providers: first sync, convergence, multiplexing, late joiners, size.
import {
  Y, assert, assertEqual, docJson, encodedJson, frames, sameState, sleep, uniqueName, waitFor, rng,
  MessageType,
} from "../lib.mjs";

export const syncCases = {
  "first-sync": {
    async run(s) {
      const name = uniqueName("first-sync");
      const p = s.provider({ name });
      await s.synced(p);
      assertEqual(p.rec.authenticated, ["read-write"], "authenticated scopes");
      assertEqual(Array.from(Y.encodeStateAsUpdate(p.document)), [0, 0], "state of a new document");
      assertEqual(docJson(p.document), { text: "", map: {}, array: [] }, "content of a new document");
      await s.allAcknowledged([p]);
      return { document: name };
    },
  },

  "two-clients-converge": {
    async run(s) {
      const name = uniqueName("converge");
      const a = s.provider({ name });
      const b = s.provider({ name });
      await s.synced(a);
      await s.synced(b);
      a.document.getText("text").insert(0, "hello ");
      await waitFor(() => b.document.getText("text").toString() === "hello ", "b to see a's edit");
      b.document.getText("text").insert(6, "world");
      await waitFor(() => a.document.getText("text").toString() === "hello world", "a to see b's edit");
      // Concurrent edits on both sides, then a map and an array edit each way.
      a.document.getText("text").insert(0, "[A]");
      b.document.getText("text").insert(11, "[B]");
      a.document.getMap("map").set("from-a", 1);
      b.document.getArray("array").push(["from-b"]);
      await waitFor(() => sameState(a.document, b.document), "a and b to converge after concurrent edits");
      const text = a.document.getText("text").toString();
      assert(text.includes("[A]") && text.includes("[B]") && text.includes("hello world"), `converged text lost an edit: ${text}`);
      assertEqual(docJson(a.document).map, { "from-a": 1 }, "map after convergence");
      assertEqual(docJson(a.document).array, ["from-b"], "array after convergence");
      await s.allAcknowledged([a, b]);
      return { text };
    },
  },

  "multiplex-20-documents-one-socket": {
    async run(s) {
      const base = uniqueName("mux");
      const count = 20;
      const writerSocket = s.socket();
      const readerSocket = s.socket();
      const writers = [];
      const readers = [];
      for (let i = 0; i < count; i++) {
        writers.push(s.provider({ name: `${base}-${i}`, socket: writerSocket }));
        readers.push(s.provider({ name: `${base}-${i}`, socket: readerSocket }));
      }
      await Promise.all([...writers, ...readers].map((p) => s.synced(p)));
      writers.forEach((w, i) => {
        w.document.transact(() => {
          w.document.getText("text").insert(0, `content of document ${i}`);
          w.document.getMap("map").set("owner", i);
        });
      });
      for (let i = 0; i < count; i++) {
        const expected = { text: `content of document ${i}`, map: { owner: i }, array: [] };
        await waitFor(
          () => JSON.stringify(docJson(readers[i].document)) === JSON.stringify(expected),
          `reader of document ${i} to receive exactly its own content`,
        );
      }
      await s.allAcknowledged([...writers, ...readers]);
      // No cross-talk: every document still holds only its own content on both sockets.
      for (let i = 0; i < count; i++) {
        const expected = { text: `content of document ${i}`, map: { owner: i }, array: [] };
        assertEqual(docJson(writers[i].document), expected, `writer document ${i}`);
        assertEqual(docJson(readers[i].document), expected, `reader document ${i}`);
      }
      const addresses = new Set(readerSocket.incoming.map((f) => f.address));
      const expectedAddresses = new Set(readers.map((r) => r.configuration.name));
      for (const a of addresses) assert(expectedAddresses.has(a), `frame for unknown address ${JSON.stringify(a)}`);
      return { documents: count, framesOnReaderSocket: readerSocket.incoming.length };
    },
  },

  "session-aware-routing": {
    async run(s) {
      const name = uniqueName("session");
      const socket = s.socket();
      const a = s.provider({ name, socket, sessionAwareness: true });
      const b = s.provider({ name, socket, sessionAwareness: true });
      assert(a.effectiveName !== b.effectiveName, "two session keys");
      await s.synced(a, "session-aware provider a to sync");
      await s.synced(b, "session-aware provider b to sync");
      assertEqual(a.rec.authenticated, ["read-write"], "a authenticated once");
      assertEqual(b.rec.authenticated, ["read-write"], "b authenticated once");
      a.document.getText("text").insert(0, "from a;");
      await waitFor(() => b.document.getText("text").toString().includes("from a;"), "b (same socket) to see a's edit");
      b.document.getText("text").insert(0, "from b;");
      await waitFor(() => sameState(a.document, b.document), "a and b to converge");
      await s.allAcknowledged([a, b]);
      // Every reply carries the raw key of the provider it answers, never the bare name.
      const keys = new Set([a.effectiveName, b.effectiveName]);
      const stray = socket.incoming.filter((f) => !keys.has(f.address));
      assertEqual(stray.map((f) => f.address), [], "frames not addressed to a session key");
      for (const key of keys) {
        const own = socket.incoming.filter((f) => f.address === key);
        assert(own.some((f) => f.type === MessageType.Auth && f.authType === 2), `Authenticated addressed to ${JSON.stringify(key)}`);
        assert(own.some((f) => f.type === MessageType.Sync && f.syncType === 1), `SyncStep2 addressed to ${JSON.stringify(key)}`);
        assert(own.some((f) => f.type === MessageType.SyncStatus), `SyncStatus addressed to ${JSON.stringify(key)}`);
      }
      // A third, plain provider for the same document on another socket sees both.
      const c = s.provider({ name });
      await s.synced(c);
      await waitFor(() => sameState(a.document, c.document), "a plain provider to see the session-aware edits");
      return { keys: [...keys].map((k) => k.replace("\0", "\\0")) };
    },
  },

  "late-joiner-gets-full-state": {
    async run(s) {
      const name = uniqueName("late");
      const a = s.provider({ name });
      await s.synced(a);
      for (let i = 0; i < 50; i++) {
        a.document.transact(() => {
          a.document.getText("text").insert(a.document.getText("text").length, `line ${i}\n`);
          a.document.getMap("map").set(`k${i}`, { i, nested: [i, `v${i}`] });
          a.document.getArray("array").push([i]);
        });
        if (i % 10 === 9) a.document.getText("text").delete(0, 3);
      }
      await s.allAcknowledged([a], "before the late joiner connects ");
      const b = s.provider({ name });
      await s.synced(b);
      assertEqual(docJson(b.document), docJson(a.document), "late joiner's content");
      assert(sameState(a.document, b.document), "late joiner's state vector equals the writer's");
      await s.allAcknowledged([a, b]);
      return { textLength: b.document.getText("text").length };
    },
  },

  "three-clients-concurrent-random-edits": {
    timeoutMs: 90_000,
    async run(s) {
      const name = uniqueName("concurrent");
      const random = rng(s.seed);
      const clients = [0, 1, 2].map(() => s.provider({ name }));
      await Promise.all(clients.map((c) => s.synced(c)));
      const markers = { text: [], map: [], array: [] };
      const rounds = 120;
      const opsPerRound = 5;
      // Inserts go only between markers/filler, never inside a marker the client can see (it
      // cannot see, hence cannot split, the others).
      const boundary = (text) => {
        const str = text.toString();
        const allowed = [0];
        for (let i = 1; i <= str.length; i++) if (str[i - 1] === ">" || str[i - 1] === ".") allowed.push(i);
        return random.pick(allowed);
      };
      // Markers are unique; filler ('.' in text, 0 in the array) is the only thing deleted, so
      // every marker must survive whatever the interleaving.
      const edit = (ci, round) => {
        const doc = clients[ci].document;
        const text = doc.getText("text");
        const map = doc.getMap("map");
        const array = doc.getArray("array");
        for (let k = 0; k < opsPerRound; k++) {
          const op = random.int(6);
          const id = `c${ci}r${round}o${k}`;
          if (op === 0) {
            const m = `<${id}>`;
            markers.text.push(m);
            text.insert(boundary(text), m);
          } else if (op === 1) {
            text.insert(boundary(text), ".".repeat(1 + random.int(4)));
          } else if (op === 2) {
            const str = text.toString();
            const fillers = [];
            for (let i = 0; i < str.length; i++) if (str[i] === ".") fillers.push(i);
            if (fillers.length) text.delete(random.pick(fillers), 1);
          } else if (op === 3) {
            markers.map.push(id);
            map.set(id, round);
            map.set("shared", id);
          } else if (op === 4) {
            markers.array.push(id);
            array.insert(random.int(array.length + 1), [id, 0]);
          } else {
            const arr = array.toArray();
            const zeros = [];
            for (let i = 0; i < arr.length; i++) if (arr[i] === 0) zeros.push(i);
            if (zeros.length) array.delete(random.pick(zeros), 1);
          }
        }
      };
      let joiner = null;
      const stormStart = Date.now();
      for (let round = 0; round < rounds; round++) {
        // A fourth client joins in the middle of the storm: its Step2 races the broadcasts.
        if (round === rounds / 2) joiner = s.provider({ name });
        for (let ci = 0; ci < 3; ci++) {
          if (random() < 0.5) clients[ci].document.transact(() => edit(ci, round));
          else edit(ci, round);
        }
        if (random() < 0.7) await sleep(random.int(8));
      }
      const stormEnd = Date.now();
      await waitFor(
        () => sameState(clients[0].document, clients[1].document) && sameState(clients[0].document, clients[2].document),
        "three clients to converge",
        30_000,
      ).catch((e) => {
        clients.forEach((c, i) => s.log(`client ${i}: sv=${Buffer.from(Y.encodeStateVector(c.document)).toString("hex")} unsynced=${c.unsyncedChanges} json=${JSON.stringify(docJson(c.document)).slice(0, 300)}`));
        throw e;
      });
      s.log(`converged ${Date.now() - stormEnd} ms after the last edit; storm took ${stormEnd - stormStart} ms`);
      clients.forEach((c, i) => {
        const inc = c.configuration.websocketProvider.incoming;
        const syncs = inc.filter((f) => f.type === MessageType.Sync);
        s.log(`client ${i}: ${inc.length} frames in, ${syncs.length} sync frames, ${syncs.reduce((n, f) => n + f.data.length, 0)} update bytes, max ${Math.max(...syncs.map((f) => f.data.length))}`);
      });
      await s.allAcknowledged(clients);
      s.log(`acknowledged ${Date.now() - stormEnd} ms after the last edit`);
      const reference = JSON.stringify(encodedJson(clients[0].document));
      for (let i = 1; i < 3; i++) {
        assertEqual(JSON.stringify(encodedJson(clients[i].document)), reference, `client ${i} encodeStateAsUpdate JSON`);
      }
      const final = encodedJson(clients[0].document);
      const missingText = markers.text.filter((m) => !final.text.includes(m));
      const missingMap = markers.map.filter((m) => final.map[m] === undefined);
      const missingArray = markers.array.filter((m) => !final.array.includes(m));
      assertEqual({ missingText, missingMap, missingArray }, { missingText: [], missingMap: [], missingArray: [] }, "markers missing after convergence");
      await s.synced(joiner, "the mid-storm joiner to sync");
      await waitFor(() => sameState(joiner.document, clients[0].document), "the mid-storm joiner to converge");
      await s.allAcknowledged([joiner]);
      // The server has everything too: a fresh client gets the identical state.
      const fresh = s.provider({ name });
      await s.synced(fresh);
      await waitFor(() => sameState(fresh.document, clients[0].document), "a fresh client to get the converged state");
      await s.allAcknowledged([fresh]);
      return { markers: markers.text.length + markers.map.length + markers.array.length, textLength: final.text.length };
    },
  },

  "one-megabyte-document": {
    timeoutMs: 90_000,
    async run(s) {
      const name = uniqueName("large");
      const writer = s.provider({ name });
      await s.synced(writer);
      const random = rng(s.seed);
      const alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 äöü€ 文字 \n";
      const chunk = 64 * 1024;
      const chunks = 16;
      const text = writer.document.getText("text");
      for (let c = 0; c < chunks; c++) {
        let piece = "";
        while (piece.length < chunk) piece += alphabet[random.int(alphabet.length)];
        // A surrogate pair at a chunk boundary exercises UTF-16 offsets.
        text.insert(text.length, `${piece}🎉`);
      }
      const expected = text.toString();
      await s.allAcknowledged([writer], "after writing ~1 MB ");
      const reader = s.provider({ name });
      await s.synced(reader, "a new client to sync the ~1 MB document");
      await waitFor(() => reader.document.getText("text").length === expected.length, "the reader's text to reach full length");
      assert(reader.document.getText("text").toString() === expected, "the reader's text differs from the writer's");
      assert(sameState(writer.document, reader.document), "state vectors differ");
      await s.allAcknowledged([writer, reader]);
      return { utf16Length: expected.length, updateBytes: Y.encodeStateAsUpdate(reader.document).length };
    },
  },

  "offline-edits-sync-after-reconnect": {
    async run(s) {
      const name = uniqueName("reconnect");
      const a = s.provider({ name });
      const b = s.provider({ name });
      await s.synced(a);
      await s.synced(b);
      a.setAwarenessField("user", "a");
      await waitFor(() => b.awareness.getStates().get(a.document.clientID)?.user === "a", "b to see a's awareness");
      a.document.getText("text").insert(0, "online;");
      await waitFor(() => b.document.getText("text").toString() === "online;", "b to see a's online edit");

      // The socket dies without any CLOSE: the server must drop a's awareness for the others.
      const socketA = a.configuration.websocketProvider;
      socketA.webSocket.terminate();
      await waitFor(() => !b.awareness.getStates().has(a.document.clientID), "a's awareness to vanish at b after a's socket died");
      // The provider reconnects on its own (new socket, same client id, full handshake again).
      await waitFor(() => a.isSynced && socketA.status === "connected", "a to reconnect and sync again");
      // Its re-sent state carries the clock it had (not newer than what the removal used), so it
      // shows again with its next change. Within 5 s: the provider's 15 s renewal must not be what
      // brings it back (a server that bumps a removed client's clock drops that first change).
      a.setAwarenessField("user", "a again");
      await waitFor(() => b.awareness.getStates().get(a.document.clientID)?.user === "a again",
        "a's first awareness change after reconnecting to reach b", 5_000);

      // Edits made while disconnected reach the server in the next handshake.
      socketA.disconnect();
      await waitFor(() => socketA.status === "disconnected", "a to disconnect");
      a.document.getText("text").insert(0, "offline-a;");
      a.document.getMap("map").set("offline", true);
      b.document.getText("text").insert(b.document.getText("text").length, "meanwhile-b;");
      await s.allAcknowledged([b], "for b's edit while a is offline ");
      socketA.connect();
      await waitFor(() => sameState(a.document, b.document), "a and b to converge after a's reconnect");
      const text = a.document.getText("text").toString();
      assertEqual(text, "offline-a;online;meanwhile-b;", "text after the offline edits merged");
      assertEqual(docJson(b.document).map, { offline: true }, "b's map after a's offline edit");
      await s.allAcknowledged([a, b]);
      const fresh = s.provider({ name });
      await s.synced(fresh);
      await waitFor(() => sameState(fresh.document, a.document), "a fresh client to get the merged state");
      await s.allAcknowledged([fresh]);
      return { text };
    },
  },

  "client-batching-with-flush-delay": {
    async run(s) {
      const name = uniqueName("batching");
      const a = s.provider({ name, flushDelay: 50 });
      const b = s.provider({ name, flushDelay: 50 });
      await s.synced(a);
      await s.synced(b);
      for (let i = 0; i < 200; i++) {
        const p = i % 2 === 0 ? a : b;
        const t = p.document.getText("text");
        t.insert(t.length, `${i % 2 === 0 ? "a" : "b"}${i};`);
        if (i % 20 === 0) await sleep(10);
      }
      await waitFor(() => sameState(a.document, b.document), "batched clients to converge");
      await s.allAcknowledged([a, b], "with batched updates ");
      const text = a.document.getText("text").toString();
      for (let i = 0; i < 200; i++) assert(text.includes(`${i % 2 === 0 ? "a" : "b"}${i};`), `edit ${i} missing`);
      return { length: text.length };
    },
  },

  "rich-content-types-round-trip": {
    async run(s) {
      // Every content kind an editor produces (Tiptap: XML fragments, formatted text, embeds;
      // apps: binary, nested types, subdocuments), then deletes and overwrites: the server's
      // Step2 (a diff it computes) must give a late joiner the identical document.
      const name = uniqueName("rich");
      const a = s.provider({ name });
      await s.synced(a);
      const doc = a.document;
      const fragment = doc.getXmlFragment("prosemirror");
      doc.transact(() => {
        const p1 = new Y.XmlElement("paragraph");
        p1.setAttribute("textAlign", "left");
        const t1 = new Y.XmlText();
        p1.insert(0, [t1]);
        fragment.insert(0, [p1]);
        t1.insert(0, "Hello bold world 🎉", {});
        t1.format(6, 4, { bold: true });
        t1.insertEmbed(5, { image: "x.png" });
        const heading = new Y.XmlElement("heading");
        heading.setAttribute("level", "2");
        heading.insert(0, [new Y.XmlText("Überschrift")]);
        fragment.insert(1, [heading, new Y.XmlElement("horizontalRule")]);
      });
      const rich = doc.getText("rich");
      rich.insert(0, "plain italic linked", { });
      rich.format(6, 6, { italic: true });
      rich.format(13, 6, { link: { href: "https://example.org/ü" } });
      rich.insertEmbed(0, { mention: "@a" });
      const map = doc.getMap("map");
      map.set("binary", new Uint8Array([0, 1, 2, 250, 255]));
      map.set("any", { n: 1.5, big: 2 ** 40, neg: -7, t: true, f: false, nil: null, s: "ß", arr: [1, "2", [3]] });
      const nested = new Y.Map();
      map.set("nested", nested);
      nested.set("inner", new Y.Array());
      nested.get("inner").push(["x", 1, { y: 2 }]);
      map.set("sub", new Y.Doc({ guid: `${name}-sub` }));
      const array = doc.getArray("array");
      array.push([1, 2, 3, "four", { five: 5 }]);
      array.delete(1, 2);
      map.set("any", "overwritten");
      map.delete("binary");
      rich.delete(0, 1);
      await s.allAcknowledged([a]);

      const b = s.provider({ name });
      await s.synced(b);
      const snapshot = (d) => ({
        xml: d.getXmlFragment("prosemirror").toString(),
        delta: d.getXmlFragment("prosemirror").get(0).get(0).toDelta(),
        rich: d.getText("rich").toDelta(),
        map: Object.fromEntries([...d.getMap("map").entries()].map(([k, v]) => [k, v instanceof Y.Doc ? `doc:${v.guid}` : v instanceof Y.AbstractType ? v.toJSON() : v]).sort()),
        array: d.getArray("array").toJSON(),
      });
      assertEqual(snapshot(b.document), snapshot(doc), "late joiner's rich document");
      assert(sameState(a.document, b.document), "state vectors differ");
      assertEqual(Buffer.from(Y.encodeStateAsUpdate(b.document)).length > 0, true, "non-empty state");
      // Changes to the existing structures still flow both ways.
      b.document.getXmlFragment("prosemirror").get(0).get(0).format(0, 5, { underline: true });
      await waitFor(() => JSON.stringify(snapshot(a.document)) === JSON.stringify(snapshot(b.document)), "a formatting change to reach a");
      await s.allAcknowledged([a, b]);
      return { xml: snapshot(b.document).xml.length };
    },
  },

  "one-megabyte-single-paste": {
    timeoutMs: 90_000,
    async run(s) {
      const name = uniqueName("paste");
      const a = s.provider({ name });
      const b = s.provider({ name });
      await s.synced(a);
      await s.synced(b);
      const random = rng(s.seed);
      let paste = "";
      while (paste.length < 1 << 20) paste += `${random.int(1e9).toString(36)} ünï 🎉\n`;
      // One insert: one Update frame of about 1 MB on the wire.
      a.document.getText("text").insert(0, paste);
      await waitFor(() => b.document.getText("text").length === paste.length, "b to receive the 1 MB paste");
      assert(b.document.getText("text").toString() === paste, "b's text differs from the paste");
      await s.allAcknowledged([a, b]);
      const c = s.provider({ name });
      await s.synced(c);
      assert(c.document.getText("text").toString() === paste, "a late joiner's text differs from the paste");
      await s.allAcknowledged([c]);
      return { utf16Length: paste.length };
    },
  },

  "force-sync-interval-stays-acknowledged": {
    async run(s) {
      // forceSyncInterval re-sends Step1 and counts one pending change; only the server's
      // Step1 in answer (to which the provider replies with Step2, which the server acks)
      // brings the count back to zero.
      const name = uniqueName("forcesync");
      const a = s.provider({ name, forceSyncInterval: 150 });
      const b = s.provider({ name });
      await s.synced(a);
      await s.synced(b);
      const socket = a.configuration.websocketProvider;
      const stepOnes = () => socket.incoming.filter((f) => f.type === MessageType.Sync && f.syncType === 0).length;
      const before = stepOnes();
      for (let i = 0; i < 10; i++) {
        a.document.getText("text").insert(0, `${i};`);
        await sleep(60);
      }
      await waitFor(() => stepOnes() >= before + 3, "the server to answer forced Step1s with its own Step1");
      clearInterval(a.intervals.forceSync);
      await s.allAcknowledged([a, b], "with forceSyncInterval ");
      await waitFor(() => sameState(a.document, b.document), "a and b to converge");
      assertEqual(b.document.getText("text").toString(), "9;8;7;6;5;4;3;2;1;0;", "b's text");
      return { serverStepOnes: stepOnes() - before };
    },
  },

  "out-of-order-updates-wait-for-their-dependencies": {
    async run(s) {
      // Updates that arrive before what they build on (structs with a clock gap, deletes of
      // unknown items) must be kept pending, not dropped and not fatal (Yjs semantics).
      const name = uniqueName("pending");
      const watcher = s.provider({ name });
      await s.synced(watcher);
      const source = new Y.Doc();
      const updates = [];
      source.on("update", (u) => updates.push(u));
      source.getText("text").insert(0, "a");
      source.getText("text").insert(1, "b");
      source.getText("text").delete(0, 1);
      source.getMap("map").set("k", "v");
      assertEqual(updates.length, 4, "source updates");
      const raw = s.raw();
      await raw.opened;
      await raw.authenticate(name, s.token());
      for (const i of [3, 2, 1, 0]) raw.send(frames.update(name, updates[i]));
      await waitFor(() => raw.framesFor(name).filter((f) => f.type === MessageType.SyncStatus).length >= 4, "4 SyncStatus answers");
      assert(raw.framesFor(name).filter((f) => f.type === MessageType.SyncStatus).every((f) => f.applied), "every update acknowledged as applied");
      await waitFor(() => watcher.document.getText("text").toString() === "b" && watcher.document.getMap("map").get("k") === "v",
        "the watcher to end with the source's content");
      const late = s.provider({ name });
      await s.synced(late);
      await waitFor(() => sameState(late.document, source), "a late joiner to get exactly the source's state");
      assert(sameState(watcher.document, source), "the watcher's state differs from the source");
      await s.allAcknowledged([watcher, late]);
      return {};
    },
  },
};
