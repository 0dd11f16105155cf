package dev.yjakarta.demo;

import dev.yjakarta.config.DemoSettings;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Answers 404 for the demo page's paths when the demo is turned off, and stays out of the way
 * otherwise. It is mapped to those paths only ("/" itself, /index.html where "/" resolves to, and
 * /demo/* where build.mjs puts everything the page loads), so /collab and any other path never
 * reach it.
 */
@WebFilter(filterName = "DemoPageFilter", urlPatterns = {"", "/index.html", "/demo/*"})
public class DemoPageFilter implements Filter {
  private static final Logger LOG = Logger.getLogger(DemoPageFilter.class.getName());

  private volatile boolean enabled = true;

  @Override
  public void init(FilterConfig config) throws ServletException {
    configure(DemoSettings.fromJndi());
  }

  void configure(DemoSettings settings) {
    enabled = settings.enabled();
    if (!enabled) {
      LOG.info("Demo page turned off by JNDI entry " + DemoSettings.ENABLED_ENTRY + "; its paths answer 404");
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (enabled) {
      chain.doFilter(request, response);
    } else {
      ((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }
}
