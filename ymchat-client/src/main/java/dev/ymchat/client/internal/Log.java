package dev.ymchat.client.internal;

/**
 * Debug logging through SLF4J when it is on the class path, and nothing when it is not: the client
 * must not need SLF4J to run.
 */
public abstract class Log {

  private static final boolean SLF4J_PRESENT = slf4jPresent();

  private Log() {}

  /**
   * Returns a logger.
   *
   * @param name the logger name
   * @return an SLF4J logger, or a silent one without SLF4J
   */
  public static Log get(String name) {
    if (SLF4J_PRESENT) {
      try {
        return new Slf4jLog(name);
      } catch (LinkageError e) {
        return new Silent();
      }
    }
    return new Silent();
  }

  /**
   * Tells whether debug messages are written.
   *
   * @return {@code true} when DEBUG is enabled
   */
  public abstract boolean isDebugEnabled();

  /**
   * Writes a debug message; never pass secrets.
   *
   * @param format the SLF4J format with {@code {}} placeholders
   * @param args the arguments
   */
  public abstract void debug(String format, Object... args);

  private static boolean slf4jPresent() {
    try {
      Class.forName("org.slf4j.LoggerFactory", false, Log.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static final class Silent extends Log {
    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public void debug(String format, Object... args) {}
  }

  private static final class Slf4jLog extends Log {
    private final org.slf4j.Logger logger;

    Slf4jLog(String name) {
      this.logger = org.slf4j.LoggerFactory.getLogger(name);
    }

    @Override
    public boolean isDebugEnabled() {
      return logger.isDebugEnabled();
    }

    @Override
    public void debug(String format, Object... args) {
      logger.debug(format, args);
    }
  }
}
