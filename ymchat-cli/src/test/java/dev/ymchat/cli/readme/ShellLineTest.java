package dev.ymchat.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The README parser understands exactly its subset of bash, and refuses everything else. */
class ShellLineTest {

  private static final Map<String, String> VARS = Map.of("YM_API_KEY", "k-1", "HOME", "/h");

  @Test
  void wordsQuotesAndVariables_areSplitAsBashWould() {
    ShellLine line =
        ShellLine.parse(
            "./ymchat send 10000 \"Здравствуйте! \\\"Да\\\" $HOME\" 'it''s $HOME' x${HOME}y", VARS);
    assertThat(line.words())
        .containsExactly(
            "./ymchat", "send", "10000", "Здравствуйте! \"Да\" /h", "its $HOME", "x/hy");
    assertThat(line.stdin()).isNull();
    assertThat(line.background()).isFalse();
  }

  @Test
  void aLeadingEchoPipe_becomesStandardInput() {
    ShellLine line =
        ShellLine.parse("echo \"$YM_API_KEY\" | ./ymchat login --api-key-stdin  # once", VARS);
    assertThat(line.words()).containsExactly("./ymchat", "login", "--api-key-stdin");
    assertThat(line.stdin()).isEqualTo("k-1\n");
    assertThat(line.comment()).isEqualTo("once");
  }

  @Test
  void assignmentsTrailingAmpersandAndComments_areUnderstood() {
    ShellLine line =
        ShellLine.parse("A=1 B='x y' ./ymchat sandbox --in-memory &   # exit 3 no", VARS);
    assertThat(line.env()).isEqualTo(Map.of("A", "1", "B", "x y"));
    assertThat(line.words()).containsExactly("./ymchat", "sandbox", "--in-memory");
    assertThat(line.background()).isTrue();
    assertThat(line.expectedExit()).contains(3);
    assertThat(ShellLine.parse("./ymchat chats a#b", VARS).words()).contains("a#b");
    assertThat(ShellLine.parse("   # only a comment", VARS).isEmpty()).isTrue();
    assertThat(ShellLine.parse("./ymchat x  # live API only: a chat", VARS).liveOnly()).isTrue();
    assertThat(ShellLine.parse("./ymchat chats '|' \"&\"", VARS).words())
        .isEqualTo(List.of("./ymchat", "chats", "|", "&"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '§',
      value = {
        "./ymchat chats > out.txt§redirection",
        "./ymchat chats < in.txt§redirection",
        "./ymchat chats; echo done§'; ' outside quotes",
        "./ymchat chats && echo ok§command lists",
        "./ymchat chats || true§command lists",
        "./ymchat watch | jq .§only after a leading echo",
        "echo a | ./ymchat send 1 - | cat§more than one pipe",
        "echo -n a | ./ymchat send 1 -§echo with an option",
        "./ymchat send 1 $(cat file)§not followed by a variable name",
        "./ymchat send 1 `date`§outside quotes",
        "./ymchat send 1 \"`date`\"§command substitution",
        "./ymchat download 1 2 --out ~/files§outside quotes",
        "./ymchat send-file 1 *.pdf§outside quotes",
        "./ymchat sandbox [--seed-demo]§outside quotes",
        "./ymchat chats \\§backslash",
        "./ymchat send 1 \"unterminated§unterminated double quote",
        "./ymchat send 1 'unterminated§unterminated single quote",
        "./ymchat send 1 $UNSET§$UNSET is not set",
        "./ymchat sandbox & ./ymchat chats§other than at the end",
        "./ymchat send 1 ${HOME:-x}§only plain ${NAME}",
        "./ymchat chats$HOME|x§inside a word"
      })
  void anythingElse_isRefusedNotSkipped(String text, String reason) {
    assertThatThrownBy(() -> ShellLine.parse(text, VARS))
        .isInstanceOf(ShellLine.SyntaxException.class)
        .hasMessageContaining(reason.replace("'; ' outside", "';' outside"));
  }
}
