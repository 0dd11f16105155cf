// Reads a base64 V1 update from stdin into a fresh Y.Doc and hands the doc to `use`.
import * as Y from "yjs";

export function withStdinDoc(use) {
  let input = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (input += chunk));
  process.stdin.on("end", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(input.trim(), "base64"));
    use(doc);
  });
}
