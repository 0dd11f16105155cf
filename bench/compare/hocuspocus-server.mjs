// A Hocuspocus 4.7 cluster member for the benchmark, with its defaults plus the Redis and SQLite
// extensions (one SQLite file shared by the members). Forked by bench.mjs with --expose-gc:
// the IPC message {cmd:"mem"} runs gc() and answers process.memoryUsage().
// usage: node --expose-gc hocuspocus-server.mjs <port> <redisPort> <identifier> <sqliteFile>
import { Server } from "@hocuspocus/server";
import { Redis } from "@hocuspocus/extension-redis";
import { SQLite } from "@hocuspocus/extension-sqlite";

const [port, redisPort, identifier, database] = process.argv.slice(2);

const server = new Server({
  port: Number(port),
  address: "127.0.0.1",
  quiet: true,
  extensions: [
    new Redis({ host: "127.0.0.1", port: Number(redisPort), identifier }),
    new SQLite({ database }),
  ],
});

await server.listen();
process.send?.({ event: "listening", port: Number(port) });

process.on("message", (msg) => {
  if (msg?.cmd === "mem") {
    globalThis.gc();
    globalThis.gc();
    process.send({ event: "mem", memory: process.memoryUsage(), documents: server.hocuspocus.getDocumentsCount() });
  }
});

const stop = async () => {
  await server.destroy();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
