package dev.ymchat.cli.command;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --run-for}: how long a long-running command serves before it stops cleanly (a mixin). */
final class RunForOption {

  @Option(
      names = "--run-for",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop cleanly after this long (default: run until Ctrl-C).")
  Duration duration;
}
