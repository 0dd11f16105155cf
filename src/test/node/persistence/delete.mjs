// Reads a base64 V1 update on stdin, deletes the first <count> characters of its Y.Text "text" and
// prints the full state after the deletion: the same units, with more of them deleted.
// usage: echo <base64> | node delete.mjs <count>
import * as Y from "yjs";
import { withStdinDoc } from "./stdin-doc.mjs";

const count = Number(process.argv[2] ?? "1");
withStdinDoc((doc) => {
  doc.getText("text").delete(0, count);
  const update = Buffer.from(Y.encodeStateAsUpdate(doc)).toString("base64");
  process.stdout.write(JSON.stringify({ update }) + "\n");
});
