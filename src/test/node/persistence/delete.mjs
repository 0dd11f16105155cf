// Reads a base64 V1 update on stdin, deletes the first <count> characters of its Y.Text "text" and
// prints the full state after the deletion: the same units, with more of them deleted.
// usage: echo <base64> | node delete.mjs <count>
import * as Y from "yjs";

const count = Number(process.argv[2] ?? "1");
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(input.trim(), "base64"));
  doc.getText("text").delete(0, count);
  const update = Buffer.from(Y.encodeStateAsUpdate(doc)).toString("base64");
  process.stdout.write(JSON.stringify({ update }) + "\n");
});
