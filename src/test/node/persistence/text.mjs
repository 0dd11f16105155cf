// Reads a base64 V1 update on stdin and prints the content of Y.Text "text" it holds.
// usage: echo <base64> | node text.mjs
import * as Y from "yjs";

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(input.trim(), "base64"));
  process.stdout.write(JSON.stringify({ text: doc.getText("text").toString() }) + "\n");
});
