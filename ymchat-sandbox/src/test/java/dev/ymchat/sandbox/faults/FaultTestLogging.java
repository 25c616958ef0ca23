package dev.ymchat.sandbox.faults;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Keeps Jetty and Javalin at INFO in these tests: without a logback configuration logback logs
 * everything at DEBUG, and Jetty's DEBUG output alone makes an HTTP test many times slower.
 */
final class FaultTestLogging {

  private FaultTestLogging() {}

  static void quietServerLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext) {
      ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.INFO);
      ((Logger) LoggerFactory.getLogger("io.javalin")).setLevel(Level.INFO);
    }
  }
}
