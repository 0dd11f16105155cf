/**
 * A pure-Java Yjs core, byte-compatible with yjs 13.6: the update codec, state vectors, diff and
 * merge of encoded updates, and the per-document state the server holds. Imports nothing from
 * Jakarta.
 */
package dev.yjakarta.yjs;
