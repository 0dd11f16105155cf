/**
 * The Yjs update format: structs, contents and delete sets, the V1 and V2 decoders behind one
 * {@link dev.yjakarta.yjs.update.UpdateDecoder} interface, the V1 encoder, and the algorithms on
 * decoded updates (merge, diff, state vector, snapshot containment) ported from yjs 13.6.
 */
package dev.yjakarta.yjs.update;
