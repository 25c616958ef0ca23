package dev.ymchat.cli.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The fenced code blocks of the repository's READMEs, and which of them are shell examples. */
final class ReadmeBlocks {

  /** Fence languages whose blocks are shell examples; an unlabelled block is one too. */
  static final Set<String> SHELL = Set.of("", "sh", "bash", "shell", "console", "zsh");

  /** The second word of a shell block's fence: its examples need the live API. */
  static final String LIVE = "live";

  /** The second word of a shell block's fence: the repository's own tooling, not run here. */
  static final String REPO = "repo";

  private static final Pattern FENCE = Pattern.compile("^(```+|~~~+)\\s*(.*)$");

  /** A line of a block, with where it is. */
  record Line(Path readme, int number, String text) {
    @Override
    public String toString() {
      return readme.getParent().getFileName()
          + "/"
          + readme.getFileName()
          + ":"
          + number
          + ": "
          + text;
    }
  }

  /** A fenced block: its language, the words after it, and its lines. */
  record Block(Path readme, int line, String language, List<String> markers, List<Line> lines) {
    boolean shell() {
      return SHELL.contains(language);
    }

    boolean marked(String marker) {
      return markers.contains(marker);
    }
  }

  private ReadmeBlocks() {}

  /**
   * The READMEs of the repository: the root's, then every module's ({@code * /README.md}), sorted.
   *
   * @param root the repository root
   * @return the files
   * @throws IOException when the directory cannot be listed
   */
  static List<Path> readmes(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    try (Stream<Path> children = Files.list(root)) {
      children
          .filter(Files::isDirectory)
          .map(dir -> dir.resolve("README.md"))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(files::add);
    }
    return files;
  }

  /**
   * The fenced blocks of one README, in order.
   *
   * @param readme the file
   * @return its blocks
   * @throws IOException when it cannot be read
   * @throws IllegalStateException for a fence that is never closed
   */
  static List<Block> blocks(Path readme) throws IOException {
    List<String> text = Files.readAllLines(readme, StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      Matcher open = FENCE.matcher(text.get(i).strip());
      if (!open.matches()) {
        continue;
      }
      String fence = open.group(1);
      String[] info = open.group(2).strip().split("\\s+");
      String language = info[0].toLowerCase(Locale.ROOT);
      List<String> markers = new ArrayList<>();
      for (int k = 1; k < info.length; k++) {
        markers.add(info[k].toLowerCase(Locale.ROOT));
      }
      List<Line> lines = new ArrayList<>();
      int start = i + 1;
      int j = i + 1;
      while (j < text.size() && !text.get(j).strip().startsWith(fence)) {
        lines.add(new Line(readme, j + 1, text.get(j)));
        j++;
      }
      if (j == text.size()) {
        throw new IllegalStateException(readme + ":" + start + ": a code block is never closed");
      }
      blocks.add(new Block(readme, start, language, List.copyOf(markers), List.copyOf(lines)));
      i = j;
    }
    return blocks;
  }
}
