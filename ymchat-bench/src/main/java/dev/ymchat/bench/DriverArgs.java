package dev.ymchat.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The command-line options both load drivers ({@link LoopbackBench}, {@link SandboxBench}) share,
 * parsed one way: {@code --quick}, {@code --warmup S}, {@code --measure S}, {@code --rounds N},
 * {@code --threads 1,8} and {@code --out FILE}. A driver's own options go to its {@link Extra}.
 */
final class DriverArgs {

  Duration warmup = Duration.ofSeconds(3);
  Duration measure = Duration.ofSeconds(10);
  int rounds = 5;
  List<Integer> threads;
  Path out;

  /** The options only one driver knows. */
  @FunctionalInterface
  interface Extra {
    /**
     * Takes one option.
     *
     * @param option the option, such as {@code --chats}
     * @param value the option's value, read when called; fails when the arguments end
     * @return false when the driver does not know the option
     */
    boolean accept(String option, Supplier<String> value);
  }

  /**
   * A driver's run.
   *
   * @param <O> the driver's options
   */
  @FunctionalInterface
  interface Run<O> {
    /**
     * Runs the driver.
     *
     * @param options what to run
     * @return the report's lines
     * @throws Exception when the driver fails
     */
    List<String> report(O options) throws Exception;
  }

  /**
   * Runs a driver from its command line, the same way for each: options it refuses end the JVM with
   * status 2 and the reason; the report is printed and, with {@code --out}, written.
   *
   * @param driver the driver's name, for the message
   * @param args the command line
   * @param parse the driver's parser (throws {@link IllegalArgumentException} on bad options)
   * @param out the report file of the options, or null
   * @param run the driver's run
   * @param <O> the driver's options
   * @throws Exception when the run fails
   */
  static <O> void main(
      String driver, String[] args, Function<String[], O> parse, Function<O, Path> out, Run<O> run)
      throws Exception {
    O options;
    try {
      options = parse.apply(args);
    } catch (IllegalArgumentException e) {
      System.err.println(driver + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    List<String> report = run.report(options);
    report.forEach(System.out::println);
    Path file = out.apply(options);
    if (file != null) {
      Files.write(file, report, StandardCharsets.UTF_8);
      System.out.println("written to " + file);
    }
  }

  private DriverArgs(List<Integer> defaultThreads) {
    this.threads = defaultThreads;
  }

  /**
   * Parses the arguments.
   *
   * @param args the command line
   * @param defaultThreads the thread counts without {@code --threads}
   * @param known the options to list when one is unknown
   * @param extra the driver's own options
   * @return the shared options, not yet {@linkplain #check checked}
   */
  static DriverArgs parse(String[] args, List<Integer> defaultThreads, String known, Extra extra) {
    DriverArgs parsed = new DriverArgs(defaultThreads);
    Iterator<String> it = Arrays.asList(args).iterator();
    while (it.hasNext()) {
      String arg = it.next();
      Supplier<String> value =
          () -> {
            if (!it.hasNext()) {
              throw new IllegalArgumentException(arg + " needs a value");
            }
            return it.next();
          };
      switch (arg) {
        case "--quick":
          parsed.warmup = Duration.ofSeconds(1);
          parsed.measure = Duration.ofSeconds(2);
          parsed.rounds = 2;
          break;
        case "--warmup":
          parsed.warmup = seconds(value.get(), arg);
          break;
        case "--measure":
          parsed.measure = seconds(value.get(), arg);
          break;
        case "--rounds":
          parsed.rounds = number(value.get(), arg);
          break;
        case "--threads":
          List<Integer> list = new ArrayList<>();
          for (String t : value.get().split(",")) {
            list.add(number(t.trim(), arg));
          }
          parsed.threads = List.copyOf(list);
          break;
        case "--out":
          parsed.out = Path.of(value.get());
          break;
        default:
          if (!extra.accept(arg, value)) {
            throw new IllegalArgumentException("unknown option " + arg + "; known: " + known);
          }
      }
    }
    return parsed;
  }

  /**
   * Fails unless the rounds, the measuring time and every thread count are positive, the warm-up is
   * not negative and the driver's own rule holds.
   *
   * @param extraOk whether the driver's own rule holds
   * @param extraRule the driver's rule for the message, or {@code null} when it has none
   * @param extraGot the driver's values for the message, or {@code null}
   */
  void check(boolean extraOk, String extraRule, String extraGot) {
    if (rounds < 1
        || measure.isZero()
        || measure.isNegative()
        || warmup.isNegative()
        || !extraOk
        || threads.stream().anyMatch(t -> t < 1)) {
      throw new IllegalArgumentException(
          "--rounds, --measure and every --threads value must be positive"
              + (extraRule == null
                  ? " and --warmup not negative"
                  : ", --warmup not negative and " + extraRule)
              + "; got rounds "
              + rounds
              + ", measure "
              + measure
              + ", warmup "
              + warmup
              + ", threads "
              + threads
              + (extraGot == null ? "" : ", " + extraGot));
    }
  }

  /**
   * Reads a whole number.
   *
   * @param value the text
   * @param option the option it belongs to, for the message
   * @return the number
   */
  static int number(String value, String option) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes whole numbers, got " + value);
    }
  }

  private static Duration seconds(String value, String option) {
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes seconds such as 2 or 0.5, got " + value);
    }
  }
}
