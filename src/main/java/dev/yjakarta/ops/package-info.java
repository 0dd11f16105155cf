/**
 * Operations endpoints over plain servlets: {@code /health/live}, {@code /health/ready} and the
 * Prometheus {@code /metrics}, with the Prometheus-backed {@link dev.yjakarta.server.ServerMetrics}.
 * It sits outside {@code server} because it is technology-bound (servlets, JSON-P, the Prometheus
 * client) and only aggregates what the inner packages report.
 */
package dev.yjakarta.ops;
