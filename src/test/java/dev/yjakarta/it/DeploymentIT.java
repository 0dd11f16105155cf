package dev.yjakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class DeploymentIT {
  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL base;

  @Test
  @RunAsClient
  void servesTheWarAtTheContextRoot() throws Exception {
    HttpResponse<String> res =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(Deployments.http(base, "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, res.statusCode());
  }
}
