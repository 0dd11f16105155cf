// Deterministic document content: ProseMirror-like paragraphs (XmlFragment "default", text with
// bold marks, some paragraphs deleted) written by three users, until the encoded state reaches
// the wanted size. The same bytes for both servers.
import * as Y from "yjs";

const cache = new Map();

/** Y.encodeStateAsUpdate of a document of at least `bytes` bytes (cached per size). */
export function documentOfSize(bytes) {
  if (cache.has(bytes)) return cache.get(bytes);
  let seed = 42;
  const int = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const writers = [1, 2, 3].map((id) => {
    const d = new Y.Doc();
    d.clientID = id * 7919;
    return d;
  });
  const line = "The quick brown fox jumps over the lazy dog while the editors keep typing. ";
  let state;
  for (let i = 0; ; i++) {
    const d = writers[i % 3];
    const fragment = d.getXmlFragment("default");
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    fragment.insert(int(fragment.length + 1), [paragraph]);
    text.insert(0, line + line.slice(0, int(line.length)));
    text.format(int(30), 8, { bold: true });
    if (i % 9 === 8 && fragment.length > 3) fragment.delete(int(fragment.length - 1), 1);
    // exchange state every few paragraphs so the writers interleave like a real session
    if (i % 10 === 9 || bytes < 4096) {
      for (const a of writers) for (const b of writers) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
      state = Y.encodeStateAsUpdate(writers[0]);
      if (state.length >= bytes) break;
    }
  }
  const out = { state, stateVector: Y.encodeStateVectorFromUpdate(state), paragraphs: writers[0].getXmlFragment("default").length };
  cache.set(bytes, out);
  return out;
}
