package dev.ymchat.cli.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds {@code docs/design/README.md} against the code: every package of the main sources has its
 * row, and imports only what its row allows.
 */
class ArchitectureMapTest {

  private static final String PREFIX = "dev.ymchat.";
  private static final List<String> MODULES =
      List.of("ymchat-client", "ymchat-sandbox", "ymchat-sync", "ymchat-inbox", "ymchat-cli");
  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z.]+)` \\|[^|]*\\| ([^|]*) \\|\\s*$");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([\\w.]+);");

  private static Map<String, Set<String>> allowed;
  private static Map<String, Set<String>> actual;

  @BeforeAll
  static void read() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    allowed = new TreeMap<>();
    for (String line : Files.readAllLines(root.resolve("docs/design/README.md"))) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        Set<String> may = new TreeSet<>();
        Matcher names = Pattern.compile("`([a-z.]+)`").matcher(row.group(2));
        while (names.find()) {
          may.add(names.group(1));
        }
        allowed.put(row.group(1), may);
      }
    }
    actual = new TreeMap<>();
    for (String module : MODULES) {
      try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
        for (Path file : files.filter(ArchitectureMapTest::isClass).toList()) {
          String source = Files.readString(file);
          Matcher own = PACKAGE.matcher(source);
          if (!own.find()) {
            continue;
          }
          String pkg = shortName(own.group(1));
          Set<String> imports = actual.computeIfAbsent(pkg, k -> new TreeSet<>());
          Matcher imported = IMPORT.matcher(source);
          while (imported.find()) {
            String target = packageOf(imported.group(1));
            if (target.startsWith(PREFIX) && !shortName(target).equals(pkg)) {
              imports.add(shortName(target));
            }
          }
        }
      }
    }
  }

  @Test
  void everyPackageOfTheCode_hasItsRow() {
    assertThat(allowed).as("rows of docs/design/README.md").isNotEmpty();
    assertThat(allowed.keySet()).containsAll(actual.keySet());
  }

  @Test
  void everyRow_namesAPackageThatExists() {
    assertThat(actual.keySet()).containsAll(allowed.keySet());
  }

  @Test
  void everyImport_isAllowedByItsRow() {
    List<String> outside = new ArrayList<>();
    actual.forEach(
        (pkg, imports) -> {
          for (String target : imports) {
            if (!allowed.getOrDefault(pkg, Set.of()).contains(target)) {
              outside.add(pkg + " -> " + target);
            }
          }
        });
    assertThat(outside).as("imports that docs/design/README.md does not allow").isEmpty();
  }

  private static boolean isClass(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".java")
        && !name.equals("package-info.java")
        && !name.equals("module-info.java");
  }

  /** The package of an imported class or member: the names before the first capitalised one. */
  private static String packageOf(String imported) {
    List<String> parts = new ArrayList<>();
    for (String part : imported.split("\\.")) {
      if (Character.isUpperCase(part.charAt(0))) {
        break;
      }
      parts.add(part);
    }
    return String.join(".", parts);
  }

  private static String shortName(String pkg) {
    return pkg.startsWith(PREFIX) ? pkg.substring(PREFIX.length()) : pkg;
  }
}
