package dev.yjakarta.ops;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonWriter;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /health/live} and {@code GET /health/ready} ({@code /health} is readiness): JSON,
 * HTTP 200 when UP and 503 when DOWN.
 */
@WebServlet(urlPatterns = {"/health", "/health/live", "/health/ready"})
public class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient HealthProbe probe;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HealthReport report = "/health/live".equals(request.getServletPath()) ? probe.liveness() : probe.readiness();
    response.setStatus(report.httpStatus());
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    try (JsonWriter writer = Json.createWriter(response.getWriter())) {
      writer.writeObject(report.toJson());
    }
  }
}
