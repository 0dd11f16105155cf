/**
 * The Jakarta WebSocket endpoint at {@code /collab}: it hands each socket to the document service
 * and sends through a per-socket queue, so no container thread waits on a slow client.
 */
package dev.yjakarta.websocket;
