package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's table of public types lists exactly the public top-level types of src/main. */
class PublicTypesTest {

  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^public (?:(?:final|abstract|sealed|non-sealed) )*(?:class|interface|record|enum|@interface)"
              + " (\\w+)",
          Pattern.MULTILINE);
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern ROW =
      Pattern.compile(
          "^\\| `(dev\\.ymchat\\.client[\\w.]*)` \\| `(\\w+)` \\| .+\\|$", Pattern.MULTILINE);

  @Test
  void readmeTable_matchesThePublicTypesOfTheExportedPackages() throws IOException {
    Set<String> inCode = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        Matcher type = PUBLIC_TYPE.matcher(source);
        Matcher pkg = PACKAGE.matcher(source);
        if (type.find() && pkg.find() && !pkg.group(1).contains(".internal")) {
          inCode.add(pkg.group(1) + "." + type.group(1));
        }
      }
    }
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    String table = readme.substring(readme.indexOf("## Public types"));
    table = table.substring(0, table.indexOf("\n## ", 1));
    Set<String> inReadme = new TreeSet<>();
    Matcher row = ROW.matcher(table);
    while (row.find()) {
      inReadme.add(row.group(1) + "." + row.group(2));
    }
    assertThat(inCode).as("public types in src/main").hasSizeGreaterThan(40);
    assertThat(inReadme).as("the README's table of public types").isEqualTo(inCode);
  }

  @Test
  void wireEnvelopes_areNotPublicSurface() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/ymchat/client/model"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .doesNotContain(
              "ApiResponse.java", "Paging.java", "GetChatsRequest.java", "SendMessageRequest.java");
    }
  }
}
