// A real provider driven line by line on stdin, for tests that keep a client connected while
// the server stops, is killed or loses its database. Each command prints one JSON line.
//   (on start)      {"ok":true,"op":"synced"} or {"ok":false,"error":...} and exit 1
//   insert <text>   appends <text> to Y.Text "text", waits for the server's acknowledgement
//   text            {"ok":true,"text":"..."}: the client's current content
//   quit            disconnects and exits
// usage: node session.mjs <ws-url> <document>
import readline from "node:readline";
import { connect, awaitSaved, close } from "./provider.mjs";

const [url, name] = process.argv.slice(2);
const print = (o) => process.stdout.write(JSON.stringify(o) + "\n");

let provider;
try {
  provider = await connect(url, name);
  print({ ok: true, op: "synced" });
} catch (e) {
  print({ ok: false, error: String(e.message ?? e) });
  process.exit(1);
}

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  const space = line.indexOf(" ");
  const op = space < 0 ? line : line.slice(0, space);
  const arg = space < 0 ? "" : line.slice(space + 1);
  try {
    if (op === "insert") {
      const text = provider.document.getText("text");
      text.insert(text.length, arg);
      await awaitSaved(provider);
      print({ ok: true, op });
    } else if (op === "text") {
      print({ ok: true, text: provider.document.getText("text").toString() });
    } else if (op === "quit") {
      close(provider);
      print({ ok: true, op });
      process.exit(0);
    } else {
      print({ ok: false, error: `unknown command ${op}` });
    }
  } catch (e) {
    print({ ok: false, error: String(e.message ?? e) });
  }
}
process.exit(0);
