package dev.yjakarta.ops;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /metrics}: the Prometheus text exposition format (version 0.0.4). */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final PrometheusTextFormatWriter FORMAT = PrometheusTextFormatWriter.create();

  @Inject transient PrometheusServerMetrics metrics;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setStatus(200);
    response.setContentType(FORMAT.getContentType());
    response.setHeader("Cache-Control", "no-store");
    FORMAT.write(response.getOutputStream(), metrics.scrape());
  }
}
