/**
 * Scale-out through Redis: a relay wire-compatible with {@code @hocuspocus/extension-redis} 4.7
 * (envelope, channels, sync exchange, awareness, stateless), plus an update fan-out between
 * y-jakarta peers, anti-entropy after reconnects, and the Redis store lock. Uses only the document
 * service's public API and hook SPI; without {@code yjakarta/redis/*} settings it stays inert.
 */
package dev.yjakarta.cluster;
