// Prints (base64) the V1 state of a document whose Y.Text "text" holds about <bytes> characters,
// typed in 100-character pieces at pseudo-random places by 4 clients: a document the size of a
// long article, with a realistic number of items. Deterministic (fixed seed).
// usage: node bigdoc.mjs <bytes>
import * as Y from "yjs";

const bytes = Number(process.argv[2] ?? "1024");
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const docs = [1, 2, 3, 4].map((id) => {
  const d = new Y.Doc();
  d.clientID = id;
  return d;
});
const piece = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore ".slice(0, 100);
let written = 0;
for (let i = 0; written < bytes; i++) {
  const doc = docs[i % docs.length];
  const text = doc.getText("text");
  const take = Math.min(piece.length, bytes - written);
  text.insert(Math.floor(random() * (text.length + 1)), piece.slice(0, take));
  written += take;
  // sync all clients so that the next insert lands between existing items
  if (i % 8 === 7) {
    const merged = Y.mergeUpdates(docs.map((d) => Y.encodeStateAsUpdate(d)));
    docs.forEach((d) => Y.applyUpdate(d, merged));
  }
}
const merged = Y.mergeUpdates(docs.map((d) => Y.encodeStateAsUpdate(d)));
const full = new Y.Doc();
Y.applyUpdate(full, merged);
process.stdout.write(Buffer.from(Y.encodeStateAsUpdate(full)).toString("base64") + "\n");
