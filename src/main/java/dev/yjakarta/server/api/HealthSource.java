package dev.yjakarta.server.api;

/**
 * A component that reports its own health (the document service, the database, the Redis relay).
 * Implement it on an application-scoped CDI bean; {@code /health/ready} collects every
 * implementation and is ready only when all of them are up. Keep {@link #health()} cheap (it runs
 * on every probe, typically every few seconds) and never throw from it: report a failure as
 * {@link ComponentHealth#down}.
 */
public interface HealthSource {
  ComponentHealth health();
}
