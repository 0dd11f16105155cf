// The measurement floor: a relay that speaks just enough of the Hocuspocus protocol for a provider
// to sync, and forwards every Update frame through Redis pub/sub to the clients on the other
// instance. It keeps no document, runs no hooks and stores nothing, so the latency the driver
// measures through it is what the driver, the loopback network, Redis and two event-loop wake-ups
// cost on this machine: no real server's cross-instance latency can be lower.
// usage: node floor-relay.mjs <port> <redisPort> <identifier>
import { WebSocketServer } from "ws";
import { Redis } from "ioredis";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";

const [port, redisPort, identifier] = process.argv.slice(2);
const CHANNEL = "floor";
const pub = new Redis({ host: "127.0.0.1", port: Number(redisPort) });
const sub = new Redis({ host: "127.0.0.1", port: Number(redisPort) });
const sockets = new Map(); // document name -> Set of sockets

const frame = (name, write) => {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, name);
  write(e);
  return encoding.toUint8Array(e);
};
const sendToDocument = (name, data, except) => {
  for (const ws of sockets.get(name) ?? []) if (ws !== except) ws.send(data);
};

await sub.subscribe(CHANNEL);
sub.on("messageBuffer", (_channel, message) => {
  const d = decoding.createDecoder(message);
  if (decoding.readVarString(d) === identifier) return;
  const data = decoding.readTailAsUint8Array(d);
  sendToDocument(decoding.readVarString(decoding.createDecoder(data)), data);
});

const server = new WebSocketServer({ port: Number(port), host: "127.0.0.1" });
server.on("connection", (ws) => {
  ws.on("message", (data) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    const name = decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    if (type === 2) { // Auth → Authenticated("read-write")
      if (!sockets.has(name)) sockets.set(name, new Set());
      sockets.get(name).add(ws);
      ws.send(frame(name, (e) => { encoding.writeVarUint(e, 2); encoding.writeVarUint(e, 2); encoding.writeVarString(e, "read-write"); }));
    } else if (type === 0) {
      const step = decoding.readVarUint(d);
      if (step === 0) { // Step1 → an empty Step1 and an empty Step2: the provider is synced
        ws.send(frame(name, (e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, new Uint8Array([0])); }));
        ws.send(frame(name, (e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, new Uint8Array([0, 0])); }));
      } else { // Step2 or Update: to Redis first, then to this instance's other clients, then the SyncStatus ack
        const envelope = encoding.createEncoder();
        encoding.writeVarString(envelope, identifier);
        encoding.writeUint8Array(envelope, new Uint8Array(data));
        pub.publish(CHANNEL, Buffer.from(encoding.toUint8Array(envelope)));
        sendToDocument(name, data, ws);
        ws.send(frame(name, (e) => { encoding.writeVarUint(e, 8); encoding.writeVarUint(e, 1); }));
      }
    } else if (type === 1) { // awareness: echoed, which keeps the provider's watchdog fed
      ws.send(data);
    }
  });
  ws.on("close", () => { for (const set of sockets.values()) set.delete(ws); });
});
server.on("listening", () => process.send?.({ event: "listening", port: Number(port) }));

const stop = () => {
  server.close();
  pub.disconnect();
  sub.disconnect();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
