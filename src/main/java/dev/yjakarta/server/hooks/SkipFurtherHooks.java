package dev.yjakarta.server.hooks;

/** Stops the remaining hooks of this step without counting as a failure. */
public class SkipFurtherHooks extends Exception {
  private static final long serialVersionUID = 1L;

  public SkipFurtherHooks(String why) {
    super(why, null, false, false);
  }
}
