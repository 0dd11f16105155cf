package dev.yjakarta.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {
  @Test
  void enablesTheDemoWhenNothingIsBound() {
    assertTrue(DemoSettings.parse(Optional.empty()).enabled());
  }

  @Test
  void disablesTheDemoForFalseInAnyCase() {
    assertFalse(DemoSettings.parse(Optional.of("false")).enabled());
    assertFalse(DemoSettings.parse(Optional.of(" FALSE ")).enabled());
  }

  @Test
  void enablesTheDemoForTrue() {
    assertTrue(DemoSettings.parse(Optional.of("True")).enabled());
  }

  @Test
  void rejectsAnyOtherValueNamingTheEntry() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DemoSettings.parse(Optional.of("off")));
    assertTrue(e.getMessage().contains("yjakarta/demo/enabled"), e.getMessage());
    assertTrue(e.getMessage().contains("\"off\""), e.getMessage());
  }
}
