// Connects a real provider, waits for the initial sync and prints the content of Y.Text "text".
// usage: node read.mjs <ws-url> <document>   prints {"ok":true,"text":"..."} or {"ok":false,"error":...}
import { connect, close } from "./provider.mjs";

const [url, name] = process.argv.slice(2);
try {
  const provider = await connect(url, name);
  const text = provider.document.getText("text").toString();
  close(provider);
  console.log(JSON.stringify({ ok: true, text }));
  process.exit(0);
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e.message ?? e) }));
  process.exit(1);
}
