package dev.yjakarta.cluster;

import dev.yjakarta.server.StoreLock;

/** The store lock of a single instance: always granted, nothing to exclude. */
final class NoStoreLock implements StoreLock {
  static final NoStoreLock INSTANCE = new NoStoreLock();

  private static final Lease LEASE = new Lease() {
    @Override
    public boolean held() {
      return true;
    }

    @Override
    public void close() {}
  };

  @Override
  public Lease acquire(String documentName) {
    return LEASE;
  }
}
