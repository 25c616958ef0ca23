package dev.ymchat.client.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures a logger's events at DEBUG for each test, then restores its level:
 * {@code @RegisterExtension final CapturedLogs logs = new CapturedLogs("dev.ymchat.client");}.
 */
public final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {

  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level previousLevel;

  /**
   * Captures the named logger.
   *
   * @param loggerName the logger, such as {@code dev.ymchat.client}
   */
  public CapturedLogs(String loggerName) {
    this.logger = (Logger) LoggerFactory.getLogger(loggerName);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    previousLevel = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    appender.list.clear();
    appender.start();
    logger.addAppender(appender);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    logger.detachAppender(appender);
    logger.setLevel(previousLevel);
  }

  /**
   * Returns what the test logged so far.
   *
   * @return the events, oldest first
   */
  public List<ILoggingEvent> events() {
    return appender.list;
  }
}
