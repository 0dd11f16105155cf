package dev.yjakarta.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.yjakarta.config.DemoSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DemoPageFilterTest {
  private final AtomicReference<Integer> sentError = new AtomicReference<>();
  private final AtomicInteger passedOn = new AtomicInteger();

  private final ServletRequest request = fake(ServletRequest.class, (name, args) -> null);
  private final HttpServletResponse response = fake(HttpServletResponse.class, (name, args) -> {
    if (name.equals("sendError")) {
      sentError.set((Integer) args[0]);
    }
    return null;
  });
  private final FilterChain chain = (req, res) -> passedOn.incrementAndGet();

  @Test
  void passesRequestsOnWhenTheDemoIsEnabled() throws Exception {
    DemoPageFilter filter = new DemoPageFilter();
    filter.configure(new DemoSettings(true));
    filter.doFilter(request, response, chain);
    assertEquals(1, passedOn.get());
    assertNull(sentError.get());
  }

  @Test
  void answersNotFoundWhenTheDemoIsDisabled() throws Exception {
    DemoPageFilter filter = new DemoPageFilter();
    filter.configure(new DemoSettings(false));
    filter.doFilter(request, response, chain);
    assertEquals(0, passedOn.get());
    assertEquals(404, sentError.get());
  }

  private interface Answer {
    Object answer(String method, Object[] args);
  }

  private static <T> T fake(Class<T> type, Answer answer) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> answer.answer(method.getName(), args)));
  }
}
