package dev.yjakarta.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One document's stored state. The table is created by {@link DocumentSchema}, not by Hibernate.
 *
 * <p>The state is a plain {@code byte[]} on purpose: {@code @Lob} makes Hibernate call {@code
 * getBlob}, which the SQLite driver does not implement. The version column serves both as JPA's
 * optimistic lock and as the fencing token that makes a stale writer merge instead of overwrite.
 */
@Entity
@Table(name = DocumentSchema.TABLE)
public class StoredDocument {

  @Id
  @Column(name = "name", nullable = false, updatable = false)
  private String name;

  @Column(name = "state", nullable = false)
  private byte[] state;

  /** How {@link #state} is encoded: {@link UpdateFormat#code()}. */
  @Column(name = "format", nullable = false)
  private int format;

  /**
   * The {@code StateCoverage} of {@link #state}, written with it; null when unknown (a plain store,
   * a merge, or a row from before this column), and then readers compare the states themselves.
   */
  @Column(name = "coverage")
  private byte[] coverage;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  /** For JPA. */
  protected StoredDocument() {}

  StoredDocument(String name, byte[] state, UpdateFormat format, byte[] coverage, Instant now) {
    this.name = name;
    this.state = state;
    this.format = format.code();
    this.coverage = coverage;
    this.createdAt = now;
    this.updatedAt = now;
  }

  String name() {
    return name;
  }

  byte[] state() {
    return state;
  }

  UpdateFormat format() {
    return UpdateFormat.ofCode(format, name);
  }

  /** The state's coverage, or null when unknown. */
  byte[] coverage() {
    return coverage;
  }

  long version() {
    return version;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant updatedAt() {
    return updatedAt;
  }

  /**
   * Replaces the state and its coverage (null when unknown: a coverage must never describe other
   * bytes); the version column moves on when the transaction flushes.
   */
  void replaceState(byte[] newState, UpdateFormat newFormat, byte[] newCoverage, Instant now) {
    this.state = newState;
    this.format = newFormat.code();
    this.coverage = newCoverage;
    this.updatedAt = now;
  }
}
