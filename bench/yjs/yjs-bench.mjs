// Generates the benchmark inputs with real yjs (written to target/bench-inputs/) and times yjs on
// them. Usage (from the repository root, after src/test/node/install.sh):
//   node bench/yjs/yjs-bench.mjs
import * as Y from '../../src/test/node/node_modules/yjs/dist/yjs.mjs'
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const out = join(dirname(fileURLToPath(import.meta.url)), 'target', 'bench-inputs')
mkdirSync(out, { recursive: true })

// seeded PRNG so every run benchmarks the same bytes
let seed = 42
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
const int = (n) => Math.floor(rnd() * n)

// length-prefixed list of updates
const writeList = (name, list) => {
  const parts = []
  for (const u of list) {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(u.length)
    parts.push(len, Buffer.from(u))
  }
  writeFileSync(join(out, name), Buffer.concat(parts))
}

// 1. 10,000 single-keystroke updates with deletions (one user typing, backspacing)
const typing = () => {
  const d = new Y.Doc()
  d.clientID = 123456789
  const log = []
  d.on('update', u => log.push(u))
  const t = d.getText('default')
  let cursor = 0
  const words = 'the quick brown fox jumps over the lazy dog and keeps typing '
  while (log.length < 10000) {
    if (t.length > 0 && rnd() < 0.12) {
      t.delete(cursor - 1 > 0 ? cursor - 1 : 0, 1)
      cursor = Math.max(0, cursor - 1)
    } else {
      if (rnd() < 0.02) cursor = int(t.length + 1)
      t.insert(cursor, words[int(words.length)])
      cursor++
    }
  }
  return { doc: d, log }
}
const ty = typing()
writeList('keystrokes.bin', ty.log)

// 2. a ~1 MB document (three users writing paragraphs with marks), and a near-current state vector
const bigDoc = () => {
  const docs = [1, 2, 3].map(id => { const d = new Y.Doc(); d.clientID = id * 1000; return d })
  const log = []
  docs.forEach(d => d.on('update', (u, o) => { if (o !== 'sync') log.push(u) }))
  const para = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. '
  let i = 0
  let svBeforeLast = null
  while (true) {
    const d = docs[i % 3]
    const x = d.getXmlFragment('default')
    const p = new Y.XmlElement('paragraph')
    const tx = new Y.XmlText()
    p.insert(0, [tx])
    x.insert(int(x.length + 1), [p])
    tx.insert(0, para + para)
    tx.format(int(40), 10, { bold: true })
    if (i % 7 === 0 && x.length > 3) x.delete(int(x.length - 1), 1)
    i++
    if (i % 50 === 0) {
      for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'sync')
      const size = Y.encodeStateAsUpdate(docs[0]).length
      if (size > 1024 * 1024) break
      svBeforeLast = Y.encodeStateVector(docs[0])
    }
  }
  return { state: Y.encodeStateAsUpdate(docs[0]), nearSv: svBeforeLast, merged: Y.mergeUpdates(log) }
}
const big = bigDoc()
writeFileSync(join(out, 'doc-1mb.bin'), big.state)
writeFileSync(join(out, 'doc-1mb-near-sv.bin'), big.nearSv)

// 3. 1,000 updates from three concurrent users (keystrokes, syncs in between)
const thousand = () => {
  const docs = [7, 8, 9].map(id => { const d = new Y.Doc(); d.clientID = id; return d })
  const log = []
  docs.forEach(d => d.on('update', (u, o) => { if (o !== 'sync') log.push(u) }))
  while (log.length < 1000) {
    const d = docs[int(3)]
    const t = d.getText('default')
    if (t.length > 0 && rnd() < 0.15) t.delete(int(t.length), 1)
    else t.insert(int(t.length + 1), 'abcdefgh'[int(8)])
    if (rnd() < 0.05) for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'sync')
  }
  return log.slice(0, 1000)
}
const th = thousand()
writeList('updates-1000.bin', th)

// ---- timings of yjs on the same inputs
const time = (label, rounds, fn) => {
  for (let i = 0; i < Math.max(3, rounds / 5); i++) fn() // warm-up
  const samples = []
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint()
    fn()
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  samples.sort((a, b) => a - b)
  return { label, medianMs: samples[Math.floor(samples.length / 2)], minMs: samples[0] }
}
const empty = new Uint8Array([0])
const results = [
  time('yjs: apply 10,000 keystroke updates to a Y.Doc (total)', 10, () => {
    const d = new Y.Doc()
    for (const u of ty.log) Y.applyUpdate(d, u)
  }),
  time('yjs: mergeUpdates of the 10,000 keystroke updates', 10, () => Y.mergeUpdates(ty.log)),
  time('yjs: diffUpdate(1 MB doc, empty sv)', 20, () => Y.diffUpdate(big.state, empty)),
  time('yjs: diffUpdate(1 MB doc, near-current sv)', 20, () => Y.diffUpdate(big.state, big.nearSv)),
  time('yjs: mergeUpdates of 1,000 updates', 20, () => Y.mergeUpdates(th)),
  time('yjs: encodeStateVectorFromUpdate(1 MB doc)', 20, () => Y.encodeStateVectorFromUpdate(big.state))
]
const typedDoc = new Y.Doc()
for (const u of ty.log) Y.applyUpdate(typedDoc, u)
const sizes = {
  keystrokeUpdates: ty.log.length,
  keystrokeBytes: ty.log.reduce((a, u) => a + u.length, 0),
  yMergeUpdatesBytes: Y.mergeUpdates(ty.log).length,
  yEncodeStateAsUpdateBytes: Y.encodeStateAsUpdate(typedDoc).length,
  doc1mbBytes: big.state.length,
  doc1mbMergedUpdatesBytes: big.merged.length,
  updates1000Bytes: th.reduce((a, u) => a + u.length, 0)
}
writeFileSync(join(out, 'yjs-results.json'), JSON.stringify({ results, sizes }, null, 2))
for (const r of results) console.log(`${r.label}: median ${r.medianMs.toFixed(3)} ms (min ${r.minMs.toFixed(3)})`)
console.log(JSON.stringify(sizes))
