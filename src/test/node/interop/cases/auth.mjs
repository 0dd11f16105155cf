// Authentication and read-only access with real providers (server fixture: JWT + a custom hook).
import {
  Y, assert, assertEqual, mintToken, sameState, sleep, uniqueName, waitFor, MessageType,
} from "../lib.mjs";

/** Waits for exactly one PermissionDenied and checks the provider never got in. */
async function expectDenied(s, provider, reason) {
  await waitFor(() => provider.rec.failed.length > 0, `authenticationFailed for "${provider.configuration.name}"`);
  assertEqual(provider.rec.failed, [reason], "authenticationFailed reasons");
  await sleep(300);
  assert(!provider.isSynced, "a denied provider must not sync");
  assertEqual(provider.rec.authenticated, [], "Authenticated scopes of a denied provider");
}

export const authCases = {
  "auth-valid-token-accepted": {
    async run(s) {
      const name = uniqueName("auth-ok");
      const p = s.provider({
        name,
        token: s.token({ sub: "alice", docs: [name], scope: "read-write", exp: Math.floor(Date.now() / 1000) + 600 }),
      });
      await s.synced(p);
      assertEqual(p.rec.authenticated, ["read-write"], "authenticated scopes");
      assertEqual(p.rec.failed, [], "authenticationFailed reasons");
      // A prefix entry in docs allows every name that starts with it.
      const prefix = uniqueName("auth-prefix");
      const q = s.provider({ name: `${prefix}/child`, token: s.token({ docs: ["unrelated", `${prefix}/*`] }) });
      await s.synced(q, "a provider allowed by a docs prefix entry to sync");
      p.document.getText("text").insert(0, "authorized edit");
      await s.allAcknowledged([p, q]);
      return {};
    },
  },

  "auth-bad-signature-rejected": {
    async run(s) {
      const name = uniqueName("auth-badsig");
      const p = s.provider({ name, token: mintToken(`${s.secret}-wrong`, { sub: "mallory" }) });
      await expectDenied(s, p, "invalid-token");
      const garbage = s.provider({ name: uniqueName("auth-garbage"), token: "not-a-jwt" });
      await expectDenied(s, garbage, "invalid-token");
      const expired = s.provider({ name: uniqueName("auth-expired"), token: s.token({ exp: Math.floor(Date.now() / 1000) - 60 }) });
      await expectDenied(s, expired, "token-expired");
      // The classic JWT forgeries: alg "none" without a signature, and a tampered payload.
      const b64 = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
      const none = `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: "mallory" })}.`;
      const unsigned = s.provider({ name: uniqueName("auth-alg-none"), token: none });
      await expectDenied(s, unsigned, "invalid-token");
      const [h, , sig] = s.token({ scope: "readonly" }).split(".");
      const tampered = s.provider({ name: uniqueName("auth-tampered"), token: `${h}.${b64({ sub: "mallory" })}.${sig}` });
      await expectDenied(s, tampered, "invalid-token");
      const empty = s.provider({ name: uniqueName("auth-no-token"), token: null });
      await expectDenied(s, empty, "invalid-token");
      return {};
    },
  },

  "auth-document-not-allowed": {
    async run(s) {
      const name = uniqueName("auth-notallowed");
      const p = s.provider({ name, token: s.token({ docs: ["some-other-document", "prefix-*"] }) });
      await expectDenied(s, p, "document-not-allowed");
      return {};
    },
  },

  "auth-custom-hook-rejects": {
    async run(s) {
      // The IT fixture hook (and the reference fixture) refuses names starting with "custom-deny-".
      const p = s.provider({ name: uniqueName("custom-deny") });
      await expectDenied(s, p, "custom-denied");
      // A hook that crashes (not a HookRejection) denies with the generic reason, without
      // leaking its message, and the socket stays usable.
      const socket = s.socket();
      const crashed = s.provider({ name: uniqueName("hook-crash"), socket });
      await expectDenied(s, crashed, "permission-denied");
      const after = s.provider({ name: uniqueName("after-crash"), socket });
      await s.synced(after, "another document on the socket after a crashing authenticator");
      await s.allAcknowledged([after]);
      return {};
    },
  },

  "auth-retry-on-same-socket": {
    async run(s) {
      const socket = s.socket();
      const bystander = s.provider({ name: uniqueName("auth-bystander"), socket });
      await s.synced(bystander);
      const name = uniqueName("auth-retry");
      const writer = s.provider({ name });
      await s.synced(writer);
      writer.document.getText("text").insert(0, "existing content");
      await s.allAcknowledged([writer]);
      const wsBefore = socket.webSocket;

      const failing = s.provider({ name, socket, token: mintToken("wrong-secret", {}) });
      await expectDenied(s, failing, "invalid-token");
      assert(socket.webSocket === wsBefore && socket.webSocket.readyState === 1, "the socket stays open after a denial");
      // Another document on the same socket is unaffected.
      bystander.document.getText("text").insert(0, "still alive");
      await s.allAcknowledged([bystander], "on the bystander document after the denial ");

      // Same name, same socket, a good token: the unauthenticated provider may be replaced
      // (detaching it first would send a CLOSE that the server queues for the next attempt).
      const retry = s.provider({ name, socket });
      await s.synced(retry, "the retry with a valid token to sync");
      assertEqual(retry.rec.authenticated, ["read-write"], "retry authenticated scopes");
      await waitFor(() => retry.document.getText("text").toString() === "existing content", "the retry to receive the content");
      assert(socket.webSocket === wsBefore, "the retry used the same socket (no reconnect)");
      retry.document.getText("text").insert(0, "retry:");
      await waitFor(() => writer.document.getText("text").toString() === "retry:existing content", "the writer to see the retry's edit");
      await s.allAcknowledged([bystander, writer, retry]);
      return {};
    },
  },

  "token-refresh-keeps-the-connection": {
    async run(s) {
      const name = uniqueName("token-refresh");
      const p = s.provider({ name });
      await s.synced(p);
      const ws = p.configuration.websocketProvider.webSocket;
      // Auth/Token on an established connection is a refresh (onTokenSync), not a new handshake.
      await p.sendToken();
      p.document.getText("text").insert(0, "after refresh");
      await s.allAcknowledged([p], "after a token refresh ");
      const other = s.provider({ name });
      await s.synced(other);
      await waitFor(() => other.document.getText("text").toString() === "after refresh", "the edit after a token refresh to reach another client");
      assertEqual(p.rec.closes, [], "close events after a token refresh");
      assert(p.configuration.websocketProvider.webSocket === ws, "the socket was replaced");
      await s.allAcknowledged([p, other]);
      return {};
    },
  },

  "read-only-edits-are-not-applied": {
    async run(s) {
      const name = uniqueName("readonly");
      const writer = s.provider({ name });
      await s.synced(writer);
      writer.document.getText("text").insert(0, "base");
      await s.allAcknowledged([writer]);

      const reader = s.provider({ name, token: s.token({ scope: "readonly" }) });
      await s.synced(reader, "a read-only provider to sync");
      assertEqual(reader.rec.authenticated, ["readonly"], "read-only scope");
      assertEqual(reader.document.getText("text").toString(), "base", "read-only provider's initial content");
      // Its empty Step2 is a no-op and gets acked.
      await s.allAcknowledged([reader], "for the read-only provider's empty Step2 ");

      const socket = reader.configuration.websocketProvider;
      const statusBefore = socket.incoming.filter((f) => f.type === MessageType.SyncStatus).length;
      reader.document.getText("text").insert(4, "+RO-EDIT");
      await waitFor(
        () => socket.incoming.filter((f) => f.type === MessageType.SyncStatus).length > statusBefore,
        "a SyncStatus answer to the read-only edit",
      );
      const answer = socket.incoming.filter((f) => f.type === MessageType.SyncStatus).at(-1);
      assertEqual(answer.applied, false, "SyncStatus of a read-only edit");
      // A later read-write edit flows to the reader, so the earlier read-only frame was handled.
      writer.document.getText("text").insert(0, "after:");
      await waitFor(() => reader.document.getText("text").toString().startsWith("after:"), "the reader to receive a later edit");
      await sleep(300);
      assertEqual(writer.document.getText("text").toString(), "after:base", "writer's text (must not contain the read-only edit)");
      assert(reader.hasUnsyncedChanges, "the read-only provider's edit must stay unsynced");
      // Read-only limits the document, not presence: its awareness still reaches the others.
      reader.setAwarenessField("user", "read-only viewer");
      await waitFor(() => writer.awareness.getStates().get(reader.document.clientID)?.user === "read-only viewer",
        "the writer to see the read-only provider's awareness");
      const fresh = s.provider({ name });
      await s.synced(fresh);
      assertEqual(fresh.document.getText("text").toString(), "after:base", "a fresh client's text (must not contain the read-only edit)");
      await s.allAcknowledged([writer, fresh]);
      assert(reader.hasUnsyncedChanges, "the read-only provider's edit must still be unsynced at the end");
      return { unsyncedOnReader: reader.unsyncedChanges };
    },
  },

  "read-only-no-op-changes-are-acked": {
    async run(s) {
      const name = uniqueName("readonly-noop");
      const writer = s.provider({ name });
      await s.synced(writer);
      writer.document.getText("text").insert(0, "keep-this DELETE-THIS");
      await s.allAcknowledged([writer]);
      const before = Y.encodeStateAsUpdate(writer.document);
      writer.document.getText("text").delete(9, 12);
      await s.allAcknowledged([writer]);

      // An offline copy holding exactly what the server has (content + the same deletion made
      // locally): its Step2 adds nothing, so a read-only connection gets SyncStatus(1).
      const offline = new Y.Doc();
      Y.applyUpdate(offline, before);
      offline.getText("text").delete(9, 12);
      assertEqual(offline.getText("text").toString(), "keep-this", "offline copy");
      const reader = s.provider({ name, document: offline, token: s.token({ scope: "readonly" }) });
      await s.synced(reader);
      assertEqual(reader.rec.authenticated, ["readonly"], "read-only scope");
      await s.allAcknowledged([reader], "for a read-only no-op Step2 ");
      const statuses = reader.configuration.websocketProvider.incoming.filter((f) => f.type === MessageType.SyncStatus);
      assert(statuses.length >= 1 && statuses.every((f) => f.applied), `read-only no-op acks: ${JSON.stringify(statuses)}`);
      await waitFor(() => sameState(writer.document, reader.document), "writer and read-only reader to agree");
      assertEqual(writer.document.getText("text").toString(), "keep-this", "writer's text");
      return {};
    },
  },
};
