// Reads a base64 V1 update on stdin and prints the content of Y.Text "text" it holds.
// usage: echo <base64> | node text.mjs
import { withStdinDoc } from "./stdin-doc.mjs";

withStdinDoc((doc) => {
  process.stdout.write(JSON.stringify({ text: doc.getText("text").toString() }) + "\n");
});
