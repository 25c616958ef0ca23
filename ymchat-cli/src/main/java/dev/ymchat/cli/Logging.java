package dev.ymchat.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Switches the request log of the client on for {@code -v} (logback.xml keeps it off otherwise). */
final class Logging {

  private Logging() {}

  static void configure(boolean verbose) {
    if (LoggerFactory.getLogger("dev.ymchat") instanceof Logger logger) {
      logger.setLevel(verbose ? Level.DEBUG : Level.WARN);
    }
  }
}
