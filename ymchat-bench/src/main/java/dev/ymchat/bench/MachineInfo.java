package dev.ymchat.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Describes the machine a figure was measured on: CPU model, cores, JDK and load. */
public final class MachineInfo {

  private MachineInfo() {}

  /**
   * Describes CPU, core count, JDK and OS.
   *
   * @return one line
   */
  public static String describe() {
    String cpu = "unknown CPU";
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      for (String line : lines) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: keep "unknown CPU"
    }
    return cpu
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores available; JDK "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version")
        + "; "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch");
  }

  /**
   * Reads the 1, 5 and 15 minute load averages.
   *
   * @return such as {@code 3.12 2.80 2.41}, or {@code unknown}
   */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * The first lines of a driver's Markdown report: its title, the machine and the load average.
   *
   * @param title the report's heading, such as {@code # ymchat loopback benchmark}
   * @return the lines, to be added to
   */
  public static List<String> reportHead(String title) {
    List<String> head = new ArrayList<>();
    head.add(title);
    head.add("");
    head.add("- " + describe());
    head.add("- load average at start: " + loadAverage());
    return head;
  }

  /**
   * The CPU time all threads of this JVM have used so far.
   *
   * @return nanoseconds, or -1 when the JVM does not tell
   */
  public static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
