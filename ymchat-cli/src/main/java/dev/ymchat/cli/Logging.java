package dev.ymchat.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.slf4j.LoggerFactory;

/**
 * Switches the request log of the client on for {@code -v}: DEBUG events of {@code dev.ymchat} go
 * to the command's stderr writer (the client redacts secrets itself). Without {@code -v} only
 * warnings reach stderr, through logback.xml.
 */
final class Logging {

  private static final String APPENDER = "ymchat-verbose";

  private Logging() {}

  static synchronized void configure(boolean verbose, PrintWriter err, ZoneId zone) {
    if (!(LoggerFactory.getLogger("dev.ymchat") instanceof Logger logger)) {
      return;
    }
    if (logger.getAppender(APPENDER) != null) {
      logger.getAppender(APPENDER).stop();
      logger.detachAppender(APPENDER);
    }
    if (!verbose) {
      logger.setLevel(Level.WARN);
      logger.setAdditive(true);
      return;
    }
    WriterAppender appender = new WriterAppender(err, zone);
    appender.setName(APPENDER);
    appender.setContext(logger.getLoggerContext());
    appender.start();
    logger.addAppender(appender);
    logger.setAdditive(false);
    logger.setLevel(Level.DEBUG);
  }

  /** Writes one line per event to a writer. */
  private static final class WriterAppender extends AppenderBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private final PrintWriter err;
    private final ZoneId zone;

    WriterAppender(PrintWriter err, ZoneId zone) {
      this.err = err;
      this.zone = zone;
    }

    @Override
    protected void append(ILoggingEvent event) {
      synchronized (err) {
        err.println(
            TIME.format(Instant.ofEpochMilli(event.getTimeStamp()).atZone(zone))
                + " "
                + event.getLevel()
                + " "
                + event.getFormattedMessage());
        err.flush();
      }
    }
  }
}
