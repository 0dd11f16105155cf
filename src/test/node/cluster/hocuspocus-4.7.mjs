// A real Hocuspocus 4.7 instance with @hocuspocus/extension-redis 4.7, for the mixed-cluster tests.
// usage: node hocuspocus-4.7.mjs <port> <redisPort> <identifier> [prefix]
// Prints {"event":"listening","port":N} when ready. Documents live in memory (no database).
import { Server } from "@hocuspocus/server";
import { Redis } from "@hocuspocus/extension-redis";

const [port, redisPort, identifier, prefix = "hocuspocus"] = process.argv.slice(2);

const server = new Server({
  port: Number(port),
  address: "127.0.0.1",
  quiet: true,
  extensions: [
    new Redis({ host: "127.0.0.1", port: Number(redisPort), identifier, prefix }),
  ],
});

await server.listen();
console.log(JSON.stringify({ event: "listening", port: Number(port) }));

const stop = async () => {
  await server.destroy();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
