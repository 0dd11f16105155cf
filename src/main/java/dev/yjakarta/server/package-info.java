/**
 * The collaboration server: the document service and the small classes it delegates to (documents,
 * socket sessions, document connections, awareness, hooks, lifecycle and store scheduling). It
 * speaks the protocol through {@code dev.yjakarta.protocol} and knows no WebSocket API.
 */
package dev.yjakarta.server;
