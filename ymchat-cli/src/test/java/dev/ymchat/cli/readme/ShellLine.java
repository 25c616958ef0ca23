package dev.ymchat.cli.readme;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command line of a README's shell example, parsed the way bash would for the small subset the
 * READMEs use, and refused when it uses anything else: the test must fail on syntax it does not
 * understand rather than skip it.
 *
 * <p>Understood: words, 'single' and "double" quotes (with \", \\, \$ and $VAR / ${VAR} inside
 * double quotes), $VAR and ${VAR} in words (an unset variable is an error, as under {@code set
 * -u}), {@code VAR=value} assignments before the command, one leading {@code echo WORDS |} that
 * feeds the command's standard input, a trailing {@code &}, and a {@code #} comment, in which
 * {@code # exit N} states the exit code the example expects and {@code # live API only} marks an
 * example that needs the live API's data.
 *
 * @param env the assignments before the command
 * @param words the command and its arguments, expanded
 * @param stdin what {@code echo … |} feeds in, or {@code null}
 * @param background whether the line ends with {@code &}
 * @param comment the comment after {@code #}, or an empty string
 */
record ShellLine(
    Map<String, String> env, List<String> words, String stdin, boolean background, String comment) {

  private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
  private static final Pattern EXIT = Pattern.compile("^exit (\\d+)\\b");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Characters that mean shell syntax this parser does not handle, outside quotes. */
  private static final String UNSUPPORTED = ";<>()`*?[]{}~!";

  /** A line the parser refuses, with the reason. */
  static final class SyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  /**
   * A word of the line, whether any of it was quoted (a quoted "|" is not a pipe), and where its
   * first quoted character is (an assignment's name must come before it).
   */
  private record Word(String text, boolean quoted, int firstQuoted) {}

  /**
   * Parses one line.
   *
   * @param line the line as written in the README
   * @param variables the variables that $VAR may name
   * @return the parsed line
   * @throws SyntaxException for anything outside the subset
   */
  static ShellLine parse(String line, Map<String, String> variables) {
    List<Word> words = new ArrayList<>();
    String comment = "";
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
        continue;
      }
      if (c == '#') {
        comment = line.substring(i + 1).strip();
        break;
      }
      StringBuilder word = new StringBuilder();
      boolean quoted = false;
      int firstQuoted = -1;
      while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
        c = line.charAt(i);
        if ((c == '\'' || c == '"') && firstQuoted < 0) {
          firstQuoted = word.length();
        }
        if (c == '\'') {
          int end = line.indexOf('\'', i + 1);
          if (end < 0) {
            throw new SyntaxException("unterminated single quote");
          }
          word.append(line, i + 1, end);
          quoted = true;
          i = end + 1;
        } else if (c == '"') {
          i = doubleQuoted(line, i + 1, word, variables);
          quoted = true;
        } else if (c == '$') {
          i = variable(line, i + 1, word, variables);
        } else if (c == '\\') {
          throw new SyntaxException("a backslash outside quotes (line continuation, escape)");
        } else if (UNSUPPORTED.indexOf(c) >= 0) {
          throw new SyntaxException("'" + c + "' outside quotes (redirection, glob, subshell…)");
        } else if ((c == '|' || c == '&') && word.toString().matches("[|&]+") && !quoted) {
          throw new SyntaxException("'" + word + c + "' (command lists are not understood)");
        } else if ((c == '|' || c == '&') && word.length() > 0) {
          throw new SyntaxException("'" + c + "' inside a word");
        } else {
          word.append(c);
          i++;
        }
      }
      words.add(new Word(word.toString(), quoted, firstQuoted));
    }
    return assemble(words, comment);
  }

  private static ShellLine assemble(List<Word> words, String comment) {
    for (Word w : words) {
      if (!w.quoted() && w.text().matches("[|&]{2,}")) {
        throw new SyntaxException("'" + w.text() + "' (command lists are not understood)");
      }
    }
    String stdin = null;
    int pipe = indexOf(words, "|");
    if (pipe >= 0) {
      if (words.isEmpty() || !words.get(0).text().equals("echo") || words.get(0).quoted()) {
        throw new SyntaxException("a pipe is understood only after a leading echo");
      }
      if (indexOf(words.subList(pipe + 1, words.size()), "|") >= 0) {
        throw new SyntaxException("more than one pipe");
      }
      List<String> echoed = new ArrayList<>();
      for (Word w : words.subList(1, pipe)) {
        if (!w.quoted() && w.text().startsWith("-")) {
          throw new SyntaxException("echo with an option (" + w.text() + ")");
        }
        echoed.add(w.text());
      }
      stdin = String.join(" ", echoed) + "\n";
      words = words.subList(pipe + 1, words.size());
    }
    boolean background = false;
    int amp = indexOf(words, "&");
    if (amp >= 0) {
      if (amp != words.size() - 1) {
        throw new SyntaxException("'&' other than at the end of the line (&&, or a list)");
      }
      background = true;
      words = words.subList(0, amp);
    }
    Map<String, String> env = new LinkedHashMap<>();
    int first = 0;
    while (first < words.size() && isAssignment(words.get(first))) {
      String text = words.get(first).text();
      int eq = text.indexOf('=');
      env.put(text.substring(0, eq), text.substring(eq + 1));
      first++;
    }
    List<String> command = new ArrayList<>();
    for (Word w : words.subList(first, words.size())) {
      command.add(w.text());
    }
    if (command.isEmpty() && (stdin != null || background || !env.isEmpty())) {
      throw new SyntaxException("no command");
    }
    return new ShellLine(env, List.copyOf(command), stdin, background, comment);
  }

  private static boolean isAssignment(Word word) {
    int eq = word.text().indexOf('=');
    return ASSIGNMENT.matcher(word.text()).matches()
        && (word.firstQuoted() < 0 || word.firstQuoted() > eq);
  }

  private static int indexOf(List<Word> words, String operator) {
    for (int k = 0; k < words.size(); k++) {
      if (!words.get(k).quoted() && words.get(k).text().equals(operator)) {
        return k;
      }
    }
    return -1;
  }

  private static int doubleQuoted(
      String line, int i, StringBuilder word, Map<String, String> variables) {
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
        word.append(line.charAt(i + 1));
        i += 2;
      } else if (c == '$') {
        i = variable(line, i + 1, word, variables);
      } else if (c == '`') {
        throw new SyntaxException("command substitution in double quotes");
      } else {
        word.append(c);
        i++;
      }
    }
    throw new SyntaxException("unterminated double quote");
  }

  private static int variable(
      String line, int i, StringBuilder word, Map<String, String> variables) {
    String name;
    int end;
    if (i < line.length() && line.charAt(i) == '{') {
      end = line.indexOf('}', i);
      if (end < 0) {
        throw new SyntaxException("unterminated ${");
      }
      name = line.substring(i + 1, end);
      end++;
    } else {
      Matcher m = NAME.matcher(line).region(i, line.length());
      if (!m.lookingAt()) {
        throw new SyntaxException("'$' not followed by a variable name ($(...), $?, …)");
      }
      name = m.group();
      end = m.end();
    }
    if (!NAME.matcher(name).matches()) {
      throw new SyntaxException("${" + name + "}: only plain ${NAME} is understood");
    }
    String value = variables.get(name);
    if (value == null) {
      throw new SyntaxException("$" + name + " is not set for this example");
    }
    word.append(value);
    return end;
  }

  /**
   * The exit code the line's comment states ({@code # exit 3 …}).
   *
   * @return the code, if stated
   */
  Optional<Integer> expectedExit() {
    Matcher m = EXIT.matcher(comment);
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /**
   * Whether the comment marks the example as needing the live API's data.
   *
   * @return {@code true} for {@code # live API only}
   */
  boolean liveOnly() {
    return comment.startsWith("live API only");
  }

  /**
   * Whether the line is only a comment, or blank.
   *
   * @return {@code true} when there is nothing to run
   */
  boolean isEmpty() {
    return words.isEmpty();
  }
}
