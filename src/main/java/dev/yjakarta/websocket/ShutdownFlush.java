package dev.yjakarta.websocket;

import dev.yjakarta.server.DocumentService;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;

/**
 * Runs the document service's shutdown flush when the web application stops. Payara Micro stops
 * on SIGTERM without destroying application-scoped beans (their {@code @PreDestroy} never runs),
 * but it does end the servlet context; without this, edits inside the debounce window would be
 * lost on a graceful stop. {@link DocumentService#shutdown()} runs once whichever comes first.
 */
@WebListener
public class ShutdownFlush implements ServletContextListener {
  private static final Logger LOG = Logger.getLogger(ShutdownFlush.class.getName());

  @Inject DocumentService documents;

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    LOG.info("web application stopping: flushing pending stores");
    documents.shutdown();
  }
}
