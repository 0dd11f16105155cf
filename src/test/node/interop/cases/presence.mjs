// Awareness and stateless messages between real providers.
import { assert, assertEqual, decoding, sleep, uniqueName, waitFor, MessageType } from "../lib.mjs";

/** The client ids carried by an awareness update. */
function awarenessClients(update) {
  const d = decoding.createDecoder(update);
  const ids = [];
  const n = decoding.readVarUint(d);
  for (let i = 0; i < n; i++) {
    ids.push(decoding.readVarUint(d));
    decoding.readVarUint(d);
    decoding.readVarString(d);
  }
  return ids;
}

const stateOf = (provider, clientId) => provider.awareness.getStates().get(clientId);

export const presenceCases = {
  "awareness-propagation-and-removal": {
    async run(s) {
      const name = uniqueName("awareness");
      const a = s.provider({ name });
      const b = s.provider({ name });
      await s.synced(a);
      await s.synced(b);
      const aId = a.document.clientID;
      const bId = b.document.clientID;
      a.setAwarenessField("user", { name: "alice" });
      b.setAwarenessField("user", { name: "bob" });
      await waitFor(() => stateOf(b, aId)?.user?.name === "alice", "b to see a's awareness state");
      await waitFor(() => stateOf(a, bId)?.user?.name === "bob", "a to see b's awareness state");
      // The server echoes awareness to its sender too: that echo is what keeps a lone idle
      // provider's watchdog (messageReconnectTimeout) from reconnecting (protocol §1.10).
      const aSocket = a.configuration.websocketProvider;
      const seenBefore = aSocket.incoming.length;
      a.setAwarenessField("cursor", 42);
      await waitFor(() => stateOf(b, aId)?.cursor === 42, "b to see a's updated awareness field");
      await waitFor(
        () => aSocket.incoming.slice(seenBefore).some((f) => f.type === MessageType.Awareness && awarenessClients(f.data).includes(aId)),
        "the server to echo a's awareness update back to a",
      );
      // States are JSON the server passes through untouched (unicode, nesting, numbers).
      const fancy = { name: "ünï 文 🎉 \"q\" \\", color: "#ff0", n: [1, 2.5, -3e-7, null, true], deep: { a: { b: {} } } };
      b.setAwarenessField("fancy", fancy);
      await waitFor(() => JSON.stringify(stateOf(a, bId)?.fancy) === JSON.stringify(fancy), "a to see b's unicode/nested awareness field exactly");
      // A late joiner gets the current awareness of the document on join.
      const c = s.provider({ name });
      await s.synced(c);
      await waitFor(() => stateOf(c, aId)?.user?.name === "alice" && stateOf(c, bId)?.user?.name === "bob",
        "a late joiner to receive the existing awareness states");
      // Another document's provider sees none of it.
      const other = s.provider({ name: uniqueName("awareness-other") });
      await s.synced(other);
      other.setAwarenessField("user", { name: "eve" });
      await sleep(300);
      assert(!stateOf(a, other.document.clientID), "awareness leaked across documents");
      // Destroying a provider removes its state from the others.
      a.destroy();
      await waitFor(() => !b.awareness.getStates().has(aId), "a's awareness state to disappear from b after a.destroy()");
      await waitFor(() => !c.awareness.getStates().has(aId), "a's awareness state to disappear from c after a.destroy()");
      assertEqual(stateOf(c, bId)?.user, { name: "bob" }, "b's state at c after a left");
      await s.allAcknowledged([b, c, other]);
      return { states: [...c.awareness.getStates().keys()].length };
    },
  },

  "stateless-round-trips": {
    async run(s) {
      const name = uniqueName("stateless");
      const a = s.provider({ name });
      const b = s.provider({ name });
      const elsewhere = s.provider({ name: uniqueName("stateless-other") });
      await Promise.all([a, b, elsewhere].map((p) => s.synced(p)));

      // A plain message goes to the hook only; the fixture hook ignores it, so nobody gets it.
      a.sendStateless("plain:nobody-should-see-this");
      // Echo: to the sender only.
      a.sendStateless("echo:ping-1");
      await waitFor(() => a.rec.stateless.includes("echo:ping-1"), "the echo of echo:ping-1 at the sender");
      // Broadcast: every provider of the document, the sender included.
      b.sendStateless("broadcast:hello-all");
      await waitFor(() => a.rec.stateless.includes("broadcast:hello-all"), "broadcast at a");
      await waitFor(() => b.rec.stateless.includes("broadcast:hello-all"), "broadcast at b (its sender)");
      // Frames of one connection are handled in order, so after a later echo has come back the
      // earlier plain message was surely handled.
      b.sendStateless("echo:ping-2");
      await waitFor(() => b.rec.stateless.includes("echo:ping-2"), "the echo of echo:ping-2 at b");
      await sleep(200);
      assertEqual(a.rec.stateless, ["echo:ping-1", "broadcast:hello-all"], "stateless messages received by a");
      assertEqual(b.rec.stateless, ["broadcast:hello-all", "echo:ping-2"], "stateless messages received by b");
      assertEqual(elsewhere.rec.stateless, [], "stateless messages received by another document's provider");
      // Large payloads survive too.
      const big = `echo:${"x".repeat(200_000)}`;
      a.sendStateless(big);
      await waitFor(() => a.rec.stateless.includes(big), "the echo of a 200 KB stateless payload");
      a.rec.stateless = a.rec.stateless.filter((p) => p !== big);
      // Unicode payloads survive.
      a.sendStateless("echo:ünï 文 🎉 \"json\" {}");
      await waitFor(() => a.rec.stateless.includes("echo:ünï 文 🎉 \"json\" {}"), "a unicode echo");
      await s.allAcknowledged([a, b, elsewhere]);
      return { a: a.rec.stateless.length, b: b.rec.stateless.length };
    },
  },

  "failing-stateless-hook-is-isolated": {
    async run(s) {
      // The fixture's onStateless throws for "throw:". The reference server dies of this
      // (unhandled rejection); ours must keep serving: the document and its peers go on.
      const name = uniqueName("hook-throws");
      const a = s.provider({ name });
      const b = s.provider({ name });
      await s.synced(a);
      await s.synced(b);
      a.sendStateless("throw:boom");
      b.sendStateless("echo:still-there");
      await waitFor(() => b.rec.stateless.includes("echo:still-there"), "b's echo after a's failing hook");
      b.document.getText("text").insert(0, "after the failure");
      const c = s.provider({ name });
      await s.synced(c, "a new client after the failing hook");
      await waitFor(() => c.document.getText("text").toString() === "after the failure", "the new client to get b's edit");
      // a's own connection either survived or was closed for the document only; never the socket.
      a.sendStateless("echo:a-after");
      await sleep(500);
      const aClosed = a.rec.closes.length > 0;
      assert(aClosed || a.rec.stateless.includes("echo:a-after"), "a got neither its echo nor a document CLOSE");
      await s.allAcknowledged([b, c]);
      return { aDocumentClosed: aClosed };
    },
  },
};
