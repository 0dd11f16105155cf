// Starts and stops the two clusters: each has its own fresh redis-server and two instances that
// share one SQLite file. y-jakarta instances are Payara Micro processes running the built WAR
// with the run profile's JVM flags (read from pom.xml, so they stay in sync); Hocuspocus
// instances are Node processes (hocuspocus-server.mjs).
import { spawn, fork, execFile } from "node:child_process";
import { createServer } from "node:net";
import { mkdirSync, readFileSync, writeFileSync, rmSync, openSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { promisify } from "node:util";
import { processRss } from "./stats.mjs";

const run = promisify(execFile);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function waitUntil(check, timeoutMs, what, alive = () => true) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (!alive()) throw new Error(`${what}: the process exited`);
    if (await check()) return;
    await sleep(250);
  }
  throw new Error(`${what}: not ready within ${timeoutMs / 1000} s`);
}

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopChild(child, timeoutMs = 30000) {
  if (!child || exited(child)) return;
  const done = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  await done;
  clearTimeout(t);
}

async function startRedis(work) {
  const port = await freePort();
  const log = openSync(join(work, "redis.log"), "a");
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", log, log],
  });
  await waitUntil(async () => {
    try {
      const { stdout } = await run("redis-cli", ["-p", String(port), "ping"]);
      return stdout.trim() === "PONG";
    } catch {
      return false;
    }
  }, 20000, "redis", () => !exited(child));
  return { port, child };
}

/** The run profile's <javaCommandLineOptions> from pom.xml, with its ${properties} filled in. */
export function runProfileJvmFlags(repo) {
  const pom = readFileSync(join(repo, "pom.xml"), "utf8");
  const profile = /<id>run<\/id>([\s\S]*?)<\/profile>/.exec(pom)[1];
  const block = /<javaCommandLineOptions>([\s\S]*?)<\/javaCommandLineOptions>/.exec(profile)[1];
  const properties = /<properties>([\s\S]*?)<\/properties>/.exec(pom)[1];
  const prop = (name) => {
    const m = new RegExp(`<${name.replace(/\./g, "\\.")}>([^<]*)</`).exec(properties);
    if (!m) throw new Error(`pom.xml: property ${name} not found`);
    return m[1];
  };
  return [...block.matchAll(/<value>([^<]*)<\/value>/g)].map((m) => m[1].replace(/\$\{([^}]+)\}/g, (_, n) => prop(n)));
}

async function javaMemory(pid) {
  // Serial's full GC leaves runs of dead objects in place as filler arrays (MarkSweepDeadRatio: up
  // to 5 % of the old generation, 6 MB here, 6 kB per document over 1,000) except on every 4th
  // full GC (MarkSweepAlwaysCompactCount), which compacts completely: four in a row include one
  for (let i = 0; i < 4; i++) await run("jcmd", [String(pid), "GC.run"]);
  // memory that the JIT and other native users freed since the last periodic trim (every 5 s)
  // would otherwise count or not depending on when the reading falls: both readings trimmed
  await run("jcmd", [String(pid), "System.trim_native_heap"]);
  const { stdout } = await run("jcmd", [String(pid), "GC.heap_info"]);
  // "def new generation   total 9792K, used 1234K" etc.; Metaspace lines are not heap
  const generations = [];
  for (const line of stdout.split("\n")) {
    const m = /^\s*([a-zA-Z -]+?)\s+total \d+K, used (\d+)K/.exec(line);
    if (m && !/Metaspace|class space/i.test(m[1])) generations.push({ name: m[1], used: Number(m[2]) * 1024 });
  }
  // Serial's full GC compacts every live object into the tenured generation, so what eden shows
  // right after it is only allocation since, counted in whole TLABs (a thread's next TLAB can be
  // 1-2 MB, which was 1-2 kB per document of noise over 1,000 documents): live = tenured
  const tenured = generations.find((g) => /tenured/i.test(g.name));
  const heap = tenured ? tenured.used : generations.reduce((sum, g) => sum + g.used, 0);
  return { rss: processRss(pid), heap };
}

/** Two y-jakarta instances (Payara Micro) and their Redis. */
export async function startYjakarta(repo, work, log = console.error) {
  mkdirSync(work, { recursive: true });
  const redis = await startRedis(work);
  const db = join(work, "yjakarta.db");
  for (const s of ["", "-wal", "-shm"]) rmSync(db + s, { force: true });
  // YJ_JVM_EXTRA: added flags for profiling (e.g. -XX:StartFlightRecording=...), never for results
  const flags = [...runProfileJvmFlags(repo), ...(process.env.YJ_JVM_EXTRA ?? "").split(" ").filter(Boolean)];
  const postBoot = readFileSync(join(repo, "server-config/payara/post-boot-commands.txt"), "utf8")
    + "\n" + readFileSync(join(repo, "server-config/payara/cluster-member/redis-post-boot-commands.txt"), "utf8")
      .replaceAll("${redis}", "127.0.0.1").replaceAll("${redis.port}", String(redis.port)).replaceAll("${redis.prefix}", "hocuspocus");
  const instances = [];
  for (const letter of ["a", "b"]) {
    const dir = join(work, `yjakarta-${letter}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "post-boot-commands.txt"), postBoot);
    const port = await freePort();
    const out = openSync(join(dir, "server.log"), "a");
    const args = [...flags.map((f) => f.replaceAll("{instance}", letter)), "-jar", resolve(repo, "target/runtime/payara-micro.jar"),
      "--deploy", resolve(repo, "target/y-jakarta.war"), "--contextroot", "/", "--port", String(port), "--nohazelcast",
      "--addlibs", resolve(repo, "target/runtime/sqlite-jdbc.jar"),
      "--prebootcommandfile", resolve(repo, "server-config/payara/pre-boot-commands.txt"),
      "--postbootcommandfile", join(dir, "post-boot-commands.txt"), "--rootdir", join(dir, "root")];
    const child = spawn("java", args, { cwd: dir, stdio: ["ignore", out, out], env: { ...process.env, YJAKARTA_SQLITE_FILE: db } });
    instances.push({ port, child, pid: child.pid, url: `ws://127.0.0.1:${port}/collab`, log: join(dir, "server.log") });
  }
  const cluster = {
    name: "y-jakarta",
    flags,
    redis,
    instances,
    memory: (i) => javaMemory(instances[i].pid),
    stop: async () => {
      await Promise.all(instances.map((s) => stopChild(s.child)));
      await stopChild(redis.child);
    },
  };
  try {
    await Promise.all(instances.map((s) => waitUntil(async () => {
      try {
        return (await fetch(`http://127.0.0.1:${s.port}/health/ready`)).status === 200;
      } catch {
        return false;
      }
    }, 600000, `y-jakarta on ${s.port} (${s.log})`, () => !exited(s.child))));
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  log(`y-jakarta cluster ready: ${instances.map((s) => s.port).join(", ")}; redis ${redis.port}; JVM flags ${flags.join(" ")}`);
  return cluster;
}

/** Two Hocuspocus 4.7 instances (Node, Redis + SQLite extensions) and their Redis. */
export async function startHocuspocus(here, work, log = console.error) {
  const db = join(work, "hocuspocus.db");
  for (const s of ["", "-wal", "-shm"]) rmSync(db + s, { force: true });
  return startNodeCluster("Hocuspocus", join(here, "hocuspocus-server.mjs"), (letter, port, redis) => [String(port), String(redis.port), `node-${letter}`, db], work, log);
}

/** Two floor relays (floor-relay.mjs: no document, just Redis pub/sub) and their Redis. */
export async function startFloorRelay(here, work, log = console.error) {
  return startNodeCluster("floor relay", join(here, "floor-relay.mjs"), (letter, port, redis) => [String(port), String(redis.port), letter], work, log);
}

async function startNodeCluster(name, script, argsFor, work, log) {
  mkdirSync(work, { recursive: true });
  const redis = await startRedis(work);
  const instances = [];
  for (const letter of ["a", "b"]) {
    const port = await freePort();
    const out = openSync(join(work, `${basename(script, ".mjs")}-${letter}.log`), "a");
    const child = fork(script, argsFor(letter, port, redis), {
      execArgv: ["--expose-gc"],
      stdio: ["ignore", out, out, "ipc"],
    });
    const listening = new Promise((res, rej) => {
      child.on("message", (m) => m?.event === "listening" && res());
      child.once("exit", (code) => rej(new Error(`${name} ${letter} exited with ${code}`)));
    });
    instances.push({ port, child, pid: child.pid, url: `ws://127.0.0.1:${port}`, listening });
  }
  const memory = (i) => new Promise((res) => {
    const child = instances[i].child;
    const on = (m) => {
      if (m?.event !== "mem") return;
      child.off("message", on);
      res({ rss: processRss(child.pid), heap: m.memory.heapUsed + m.memory.external, memoryUsage: m.memory }); // external includes arrayBuffers
    };
    child.on("message", on);
    child.send({ cmd: "mem" });
  });
  const cluster = {
    name,
    redis,
    instances,
    memory,
    stop: async () => {
      await Promise.all(instances.map((s) => stopChild(s.child)));
      await stopChild(redis.child);
    },
  };
  try {
    await Promise.all(instances.map((s) => s.listening));
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  log(`${name} cluster ready: ${instances.map((s) => s.port).join(", ")}; redis ${redis.port}`);
  return cluster;
}
