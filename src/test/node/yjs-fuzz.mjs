// Differential oracle for the Java Yjs core: real yjs answers requests read as JSON lines on stdin.
//
//   {"op":"history","seed":N}            -> a seeded random multi-client editing history with
//                                           yjs's answers (merge, state vector, diffs, contains, V2)
//   {"op":"merge","parts":[hex...]}      -> {"result":hex} | {"error":msg}
//   {"op":"sv","update":hex}             -> Y.encodeStateVectorFromUpdate
//   {"op":"diff","update":hex,"sv":hex}  -> Y.diffUpdate
//   {"op":"contains","state":hex,"update":hex} -> Y.snapshotContainsUpdate(Y.snapshot(doc(state)), update)
//   {"op":"v2ToV1","update":hex}         -> Y.convertUpdateFormatV2ToV1
//   {"op":"sort","rows":[[i,client,clock,kind]...]} -> the order Array.prototype.sort gives with
//                                           yjs's (inconsistent) merge comparator
//
// One response line per request, in order. Usage: node yjs-fuzz.mjs  (then write requests)
import * as Y from 'yjs'
import { createInterface } from 'node:readline'

const hex = (u8) => Buffer.from(u8).toString('hex')
const unhex = (s) => new Uint8Array(Buffer.from(s, 'hex'))

// mulberry32: small seeded PRNG
const rng = (seed) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CLIENT_IDS = [1, 2, 7, 42, 1000, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 5, 3000000000, 2 ** 32 - 1]
const CHARS = ['a', 'b', 'c', ' ', 'é', '中', '😀', '👍🏽', 'x', '\n']
const KEYS = ['k1', 'k2', 'title', '0', '10', '2', 'a b', '__x']

const makeHistory = (seed) => {
  const r = rng(seed)
  const int = (n) => Math.floor(r() * n)
  const pick = (arr) => arr[int(arr.length)]
  const chance = (p) => r() < p

  const anyValue = (depth = 0) => {
    switch (int(depth > 1 ? 9 : 12)) {
      case 0: return int(100)
      case 1: return -int(100000)
      case 2: return pick([1.5, 0.1, -0.25, 2 ** 31, 2 ** 40, 123456789012, 1e300, -0, 3.0])
      case 3: return pick(['s', '', 'emoji 😀', 'line\nbreak', 'quote"'])
      case 4: return chance(0.5)
      case 5: return null
      case 6: return new Uint8Array([int(256), int(256)])
      case 7: return { big: 2 ** 53 - 1, neg: -(2 ** 31) }
      case 8: return 'plain'
      case 9: return [anyValue(depth + 1), anyValue(depth + 1)]
      case 10: { const o = {}; o[pick(KEYS)] = anyValue(depth + 1); o[pick(KEYS)] = anyValue(depth + 1); return o }
      default: return { nested: [int(10), { deep: pick(['x', 'y']) }] }
    }
  }
  const randText = () => {
    let s = ''
    const n = 1 + int(4)
    for (let i = 0; i < n; i++) s += pick(CHARS)
    return s
  }
  const attrs = () => pick([undefined, { bold: true }, { italic: true, color: '#ff0000' }, { bold: null }])

  const nClients = 2 + int(3)
  const ids = []
  while (ids.length < nClients) {
    const id = pick(CLIENT_IDS)
    if (!ids.includes(id)) ids.push(id)
  }
  const docs = ids.map(id => { const d = new Y.Doc(); d.clientID = id; return d })
  const log = []
  docs.forEach(d => d.on('update', (u, origin) => { if (origin !== 'sync') log.push(u) }))

  const textOp = (d) => {
    const t = d.getText('text')
    const len = t.length
    const k = int(5)
    if (k <= 1 || len === 0) t.insert(int(len + 1), randText(), attrs())
    else if (k === 2) { const p = int(len); t.delete(p, Math.min(len - p, 1 + int(3))) }
    else if (k === 3) { const p = int(len); t.format(p, Math.min(len - p, 1 + int(4)), pick([{ bold: true }, { bold: null }, { link: { href: 'x' } }])) }
    else t.insertEmbed(int(len + 1), { image: 'i' + int(10) })
  }
  const mapOp = (d) => {
    const m = d.getMap('map')
    const k = int(6)
    if (k <= 2) m.set(pick(KEYS), anyValue())
    else if (k === 3) m.delete(pick(KEYS))
    else if (k === 4 && chance(0.2)) m.set('sub', new Y.Doc({ guid: 'g' + int(100), autoLoad: chance(0.5), meta: chance(0.5) ? { n: int(9) } : undefined }))
    else if (k === 4) { const inner = new Y.Map(); m.set(pick(KEYS), inner); inner.set('in', anyValue()) }
    else {
      const cur = m.get('list')
      if (cur instanceof Y.Array) cur.push([anyValue()])
      else { const a = new Y.Array(); m.set('list', a); a.push([1, 2]) }
    }
  }
  const arrayOp = (d) => {
    const a = d.getArray('array')
    const len = a.length
    const k = int(4)
    if (k <= 1 || len === 0) a.insert(int(len + 1), [anyValue(), anyValue()].slice(0, 1 + int(2)))
    else if (k === 2) { const p = int(len); a.delete(p, Math.min(len - p, 1 + int(2))) }
    else { const inner = new Y.Array(); a.insert(int(len + 1), [inner]); inner.insert(0, ['n' + int(9)]) }
  }
  const xmlOp = (d) => {
    const f = d.getXmlFragment('prosemirror')
    const len = f.length
    const k = int(7)
    if (k <= 1 || len === 0) {
      const p = new Y.XmlElement(pick(['paragraph', 'heading', 'blockquote']))
      if (chance(0.5)) p.setAttribute('level', String(1 + int(3)))
      const t = new Y.XmlText()
      p.insert(0, [t])
      f.insert(int(len + 1), [p])
      t.insert(0, randText())
    } else {
      const el = f.get(int(len))
      if (!(el instanceof Y.XmlElement)) return
      if (k === 2) { el.setAttribute(pick(['level', 'align', 'id']), pick(['1', 'left', 'x' + int(5)])) }
      else if (k === 3) { f.delete(int(len), 1) }
      else if (k === 4 && el.length > 0 && el.get(0) instanceof Y.XmlText) {
        const t = el.get(0)
        const tl = t.length
        if (tl > 0 && chance(0.4)) { const p = int(tl); t.delete(p, Math.min(tl - p, 1 + int(2))) }
        else t.insert(int(tl + 1), randText(), pick([undefined, { strong: {} }, { em: {} }]))
      } else if (k === 5 && el.length > 0 && el.get(0) instanceof Y.XmlText) {
        const t = el.get(0)
        if (t.length > 0) { const p = int(t.length); t.format(p, Math.min(t.length - p, 2), { strong: chance(0.7) ? {} : null }) }
      } else if (k === 6 && chance(0.3)) {
        f.insert(int(len + 1), [new Y.XmlHook('hook' + int(3))])
      } else {
        const li = new Y.XmlElement('list_item')
        const t = new Y.XmlText()
        li.insert(0, [t])
        el.insert(el.length, [li])
        t.insert(0, randText())
      }
    }
  }
  const ops = [textOp, textOp, mapOp, arrayOp, xmlOp, xmlOp]
  const syncPair = (a, b) => Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'sync')

  const steps = 4 + int(22)
  for (let s = 0; s < steps; s++) {
    const d = pick(docs)
    if (chance(0.25)) {
      syncPair(pick(docs), d)
    } else if (chance(0.2)) {
      d.transact(() => { const n = 2 + int(3); for (let i = 0; i < n; i++) pick(ops)(d) })
    } else {
      pick(ops)(d)
    }
  }

  // delivery as a server might see it: reordered, duplicated, missing, pre-merged batches, and
  // garbage-collected document states (GC structs overlapping the items of raw updates)
  let parts = log.slice()
  if (chance(0.25)) parts.splice(int(parts.length + 1), 0, Y.encodeStateAsUpdate(pick(docs)))
  if (chance(0.15)) { const a = pick(docs); parts.push(Y.encodeStateAsUpdate(a, Y.encodeStateVector(pick(docs)))) }
  if (chance(0.3)) {
    for (let i = parts.length - 1; i > 0; i--) { const j = int(i + 1); [parts[i], parts[j]] = [parts[j], parts[i]] }
  }
  if (chance(0.3) && parts.length > 2) {
    const from = int(parts.length - 1)
    const to = from + 1 + int(Math.min(5, parts.length - from - 1))
    parts.splice(from, 0, Y.mergeUpdates(parts.slice(from, to + 1)))
  }
  if (chance(0.2)) for (let i = 0; i < 1 + int(3) && parts.length > 0; i++) parts.push(parts[int(parts.length)])
  if (chance(0.2) && parts.length > 2) parts.splice(int(parts.length), 1)
  if (parts.length === 0) parts = [new Uint8Array([0, 0])]

  const merged = Y.mergeUpdates(parts)
  const docOf = (updates) => { const d = new Y.Doc(); for (const u of updates) Y.applyUpdate(d, u); return d }
  const full = docOf(parts)
  const half = docOf(parts.slice(0, Math.floor(parts.length / 2)))

  // state vectors to diff against: empty, half, each editing client, random cuts inside items
  const svs = [new Uint8Array([0]), Y.encodeStateVector(half), ...docs.map(d => Y.encodeStateVector(d))]
  const svMap = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(merged))
  for (let i = 0; i < 2; i++) {
    const m = new Map()
    for (const [c, clock] of svMap) if (chance(0.7)) m.set(c, int(clock + 1))
    if (chance(0.3)) m.set(pick(CLIENT_IDS), int(5))
    svs.push(encodeSv(m))
  }
  const diffs = []
  const seen = new Set()
  for (const sv of svs) {
    const k = hex(sv)
    if (seen.has(k)) continue
    seen.add(k)
    diffs.push({ sv: k, diff: hex(Y.diffUpdate(merged, sv)) })
  }

  const containsOf = (state, update) => Y.snapshotContainsUpdate(Y.snapshot(docOf([state])), update)
  const contains = []
  const addContains = (state, update) => contains.push({ state: hex(state), update: hex(update), result: containsOf(state, update) })
  for (let i = 0; i < Math.min(parts.length, 4); i++) addContains(merged, pick(parts))
  for (let i = 0; i < 3; i++) addContains(pick(parts), pick(parts))
  const subset = parts.filter(() => chance(0.6))
  if (subset.length > 0) {
    const sm = Y.mergeUpdates(subset)
    for (let i = 0; i < 3; i++) addContains(sm, pick(parts))
    addContains(merged, sm)
  }
  addContains(Y.encodeStateAsUpdate(full), pick(parts))
  // a Y.Doc's own state also lists what it deleted on its own (map overwrites, children of deleted types)
  addContains(merged, Y.encodeStateAsUpdate(full))

  const docStateV2 = Y.encodeStateAsUpdateV2(full)
  return {
    seed,
    parts: parts.map(hex),
    merged: hex(merged),
    sv: hex(Y.encodeStateVectorFromUpdate(merged)),
    diffs,
    contains,
    mergedV2: hex(Y.convertUpdateFormatV1ToV2(merged)),
    docStateV2: hex(docStateV2),
    docStateV1FromV2: hex(Y.convertUpdateFormatV2ToV1(docStateV2))
  }
}

// writeStateVector is internal to yjs; the encoding is simple (n, then client/clock pairs)
const encodeSv = (m) => {
  const out = []
  const uint = (n) => { while (n > 127) { out.push(0x80 | (n % 128)); n = Math.floor(n / 128) } out.push(n) }
  uint(m.size)
  for (const [c, clock] of [...m.entries()].sort((a, b) => b[0] - a[0])) { uint(c); uint(clock) }
  return new Uint8Array(out)
}

const answer = (req) => {
  switch (req.op) {
    case 'history': return makeHistory(req.seed)
    case 'merge': return { result: hex(Y.mergeUpdates(req.parts.map(unhex))) }
    case 'sv': return { result: hex(Y.encodeStateVectorFromUpdate(unhex(req.update))) }
    case 'diff': return { result: hex(Y.diffUpdate(unhex(req.update), unhex(req.sv))) }
    case 'contains': {
      const d = new Y.Doc()
      Y.applyUpdate(d, unhex(req.state))
      return { result: Y.snapshotContainsUpdate(Y.snapshot(d), unhex(req.update)) }
    }
    case 'v2ToV1': return { result: hex(Y.convertUpdateFormatV2ToV1(unhex(req.update))) }
    case 'sort': {
      // the comparator of yjs's mergeUpdates over [index, client, clock, kind] rows
      const rows = req.rows.slice()
      rows.sort((a, b) => a[1] === b[1] ? (a[2] === b[2] ? (a[3] === b[3] ? 0 : -1) : a[2] - b[2]) : b[1] - a[1])
      return { result: rows.map(r => r[0]) }
    }
    default: throw new Error('unknown op ' + req.op)
  }
}

// yjs logs to the console on some malformed input; keep stdout for answers only
console.log = console.warn = console.error = () => {}
const rl = createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of rl) {
  if (!line.trim()) continue
  let res
  try {
    res = answer(JSON.parse(line))
  } catch (e) {
    res = { error: String(e && e.message ? e.message : e) }
  }
  process.stdout.write(JSON.stringify(res) + '\n')
}
