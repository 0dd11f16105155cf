/**
 * lib0's binary primitives (var-uint, var-int with its sign flag, var-string with UTF-16
 * semantics, byte arrays, the tagged {@code any} encoding and the run-length columns of update
 * format V2), written into a caller-owned growable buffer and read with bounds checks that raise
 * {@link dev.yjakarta.yjs.YjsFormatException}.
 */
package dev.yjakarta.yjs.lib0;
