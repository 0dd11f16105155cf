/**
 * The Hocuspocus wire codec: message types, one reader/writer per message family, close codes and
 * routing keys. Pure byte handling on lib0 primitives; it knows nothing of WebSocket, Redis or JPA.
 */
package dev.yjakarta.protocol;
