#!/usr/bin/env node
// Runs interop cases against a Hocuspocus-compatible server with the real @hocuspocus/provider.
//   node run.mjs --list
//   node run.mjs --url ws://127.0.0.1:8080/collab --secret S --case first-sync [--case ...] [--seed N]
//   node run.mjs --url ... --secret S --all
// Prints one JSON line per case: {"case":..., "status":"pass"|"fail", "ms":..., "facts"|"error":...}.
// Exit code 0 only when every selected case passed.
import { Session } from "./lib.mjs";
import { cases } from "./cases/index.mjs";

function parseArgs(argv) {
  const args = { cases: [], list: false, all: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--url") args.url = value();
    else if (a === "--secret") args.secret = value();
    else if (a === "--case") args.cases.push(value());
    else if (a === "--seed") args.seed = Number(value());
    else if (a === "--list") args.list = true;
    else if (a === "--all") args.all = true;
    else if (a === "--timeout") args.timeout = Number(value());
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

async function runCase(name, args) {
  const entry = cases[name];
  const seed = Number.isFinite(args.seed) ? args.seed : Math.floor(Math.random() * 2 ** 31);
  const session = new Session({
    url: args.url,
    secret: args.secret,
    seed,
    log: (msg) => process.stderr.write(`[${name}] ${msg}\n`),
  });
  const timeoutMs = args.timeout ?? entry.timeoutMs ?? 60_000;
  const started = Date.now();
  let timer;
  try {
    const facts = await Promise.race([
      entry.run(session),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`case exceeded its ${timeoutMs} ms budget`)), timeoutMs);
      }),
    ]);
    return { case: name, status: "pass", ms: Date.now() - started, seed, facts: facts ?? {} };
  } catch (e) {
    return {
      case: name, status: "fail", ms: Date.now() - started, seed,
      error: e?.message ?? String(e),
      stack: e?.stack?.split("\n").slice(1, 6).map((l) => l.trim()),
    };
  } finally {
    clearTimeout(timer);
    await session.dispose();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    console.log(JSON.stringify(Object.keys(cases)));
    return 0;
  }
  if (!args.url || !args.secret) throw new Error("--url and --secret are required (or --list)");
  const selected = args.all ? Object.keys(cases) : args.cases;
  if (selected.length === 0) throw new Error("no case selected: pass --case NAME or --all");
  for (const name of selected) {
    if (!cases[name]) throw new Error(`unknown case "${name}"; --list shows them`);
  }
  let failed = 0;
  for (const name of selected) {
    const result = await runCase(name, args);
    if (result.status !== "pass") failed++;
    console.log(JSON.stringify(result));
  }
  return failed === 0 ? 0 : 1;
}

// A stray rejection inside the provider must fail the run loudly, not hang it.
process.on("unhandledRejection", (e) => {
  process.stderr.write(`unhandled rejection: ${e?.stack ?? e}\n`);
});

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exit(2);
  },
);
