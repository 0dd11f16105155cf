/**
 * The JPA implementation of {@link dev.yjakarta.server.DocumentStore}: one row per document, its
 * full Yjs state guarded by a version column, so concurrent writers (two processes on one SQLite
 * file, or cluster instances on one PostgreSQL) merge instead of overwriting each other.
 */
package dev.yjakarta.persistence;
