/**
 * A pure-Java Yjs core, byte-compatible with yjs 13.6: {@link dev.yjakarta.yjs.Updates} (merge,
 * diff, state vector, containment, V2 to V1 on encoded updates) and the per-document {@link
 * dev.yjakarta.yjs.DocumentState} the server holds ({@link dev.yjakarta.yjs.DocumentStates#of}
 * loads a stored state). Imports nothing from Jakarta.
 */
package dev.yjakarta.yjs;
