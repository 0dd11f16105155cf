package dev.yjakarta.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether the WAR serves the demo editor page at "/". Read once at startup from the JNDI entry
 * {@value #ENABLED_ENTRY}: the String "false" turns the page off, "true" or no entry leaves it on.
 */
public record DemoSettings(boolean enabled) {
  public static final String ENABLED_ENTRY = "yjakarta/demo/enabled";

  public static DemoSettings fromJndi() {
    return parse(Jndi.string(ENABLED_ENTRY));
  }

  /** The settings for the entry's value; anything but true/false is a configuration error. */
  public static DemoSettings parse(Optional<String> enabled) {
    if (enabled.isEmpty()) {
      return new DemoSettings(true);
    }
    return switch (enabled.get().trim().toLowerCase(Locale.ROOT)) {
      case "true" -> new DemoSettings(true);
      case "false" -> new DemoSettings(false);
      default -> throw new IllegalArgumentException(
          "JNDI entry " + ENABLED_ENTRY + " must be \"true\" or \"false\", was \"" + enabled.get() + "\"");
    };
  }
}
