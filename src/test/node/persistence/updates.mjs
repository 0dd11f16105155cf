// Prints <count> independent Yjs updates, one base64 line each: update i is the full state of a
// fresh Y.Doc (clientID 1000+i) that inserted "edit-<i>;" into Y.Text "text". None contains
// another, so a store that overwrote instead of merging would lose all but one.
// usage: node updates.mjs <count> [v1|v2] [first clientID, default 1000]
import * as Y from "yjs";

const count = Number(process.argv[2] ?? "1");
const v2 = process.argv[3] === "v2";
const firstClient = Number(process.argv[4] ?? "1000");
for (let i = 0; i < count; i++) {
  const doc = new Y.Doc();
  doc.clientID = firstClient + i;
  doc.getText("text").insert(0, `edit-${i};`);
  const update = v2 ? Y.encodeStateAsUpdateV2(doc) : Y.encodeStateAsUpdate(doc);
  process.stdout.write(Buffer.from(update).toString("base64") + "\n");
}
