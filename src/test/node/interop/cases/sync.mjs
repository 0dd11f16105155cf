// Document sync between real providers: first sync, convergence, multiplexing, late joiners, size.
import {
  Y, assert, assertEqual, docJson, encodedJson, sameState, sleep, uniqueName, waitFor, rng,
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
      for (let round = 0; round < rounds; round++) {
        for (let ci = 0; ci < 3; ci++) {
          if (random() < 0.5) clients[ci].document.transact(() => edit(ci, round));
          else edit(ci, round);
        }
        if (random() < 0.7) await sleep(random.int(8));
      }
      await waitFor(
        () => sameState(clients[0].document, clients[1].document) && sameState(clients[0].document, clients[2].document),
        "three clients to converge",
        30_000,
      ).catch((e) => {
        clients.forEach((c, i) => s.log(`client ${i}: sv=${Buffer.from(Y.encodeStateVector(c.document)).toString("hex")} unsynced=${c.unsyncedChanges} json=${JSON.stringify(docJson(c.document)).slice(0, 300)}`));
        throw e;
      });
      await s.allAcknowledged(clients);
      const reference = JSON.stringify(encodedJson(clients[0].document));
      for (let i = 1; i < 3; i++) {
        assertEqual(JSON.stringify(encodedJson(clients[i].document)), reference, `client ${i} encodeStateAsUpdate JSON`);
      }
      const final = encodedJson(clients[0].document);
      const missingText = markers.text.filter((m) => !final.text.includes(m));
      const missingMap = markers.map.filter((m) => final.map[m] === undefined);
      const missingArray = markers.array.filter((m) => !final.array.includes(m));
      assertEqual({ missingText, missingMap, missingArray }, { missingText: [], missingMap: [], missingArray: [] }, "markers missing after convergence");
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
};
