/**
 * The server-side API for application code: open a document, apply an update, broadcast a
 * stateless message, count and close connections.
 */
package dev.yjakarta.server.api;
