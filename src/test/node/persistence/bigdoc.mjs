// Prints (base64) the V1 state of a document whose Y.Text "text" holds about <bytes> characters,
// typed in 100-character pieces at pseudo-random places: a document the size of a long article,
// with one item per piece as typing makes. Deterministic (fixed seed).
// usage: node bigdoc.mjs <bytes>
import * as Y from "yjs";

const bytes = Number(process.argv[2] ?? "1024");
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const doc = new Y.Doc();
doc.clientID = 1;
const text = doc.getText("text");
const piece = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et";
for (let written = 0; written < bytes; ) {
  const take = Math.min(piece.length, bytes - written);
  text.insert(Math.floor(random() * (text.length + 1)), piece.slice(0, take));
  written += take;
}
process.stdout.write(Buffer.from(Y.encodeStateAsUpdate(doc)).toString("base64") + "\n");
