// Connects a real provider, appends each text argument to Y.Text "text" (one change each),
// waits until the server acknowledged all of them, then disconnects.
// usage: node write.mjs <ws-url> <document> <text>...   prints {"ok":true} or exits 1
import { connect, awaitSaved, close } from "./provider.mjs";

const [url, name, ...texts] = process.argv.slice(2);
try {
  const provider = await connect(url, name);
  const text = provider.document.getText("text");
  for (const t of texts) {
    text.insert(text.length, t);
  }
  await awaitSaved(provider);
  close(provider);
  console.log(JSON.stringify({ ok: true }));
  process.exit(0);
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e.message ?? e) }));
  process.exit(1);
}
