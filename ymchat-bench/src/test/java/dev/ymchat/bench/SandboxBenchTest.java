package dev.ymchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxBenchTest {

  @Test
  void shortRun_measuresEveryOperationAgainstTheRealSandboxOnDisk() throws Exception {
    SandboxBench.Options options =
        SandboxBench.Options.parse(
            new String[] {
              "--warmup",
              "0.05",
              "--measure",
              "0.4",
              "--rounds",
              "2",
              "--threads",
              "2",
              "--chats",
              "20"
            });

    List<String> report = SandboxBench.run(options);

    List<String> rows =
        report.stream().filter(l -> l.startsWith("| ") && !l.startsWith("| operation")).toList();
    assertThat(rows)
        .extracting(r -> r.split("\\|")[1].trim())
        .containsExactly(
            "getChats (20 chats)",
            "getChatHistory (100 messages)",
            "sendMessageToChat",
            "mix 45/45/10");
    // | operation | threads | calls | calls/s | p50 ms | p99 ms | p99.9 ms | retried |
    assertThat(rows)
        .allSatisfy(
            r -> {
              String[] cells = r.split("\\|");
              assertThat(Integer.parseInt(cells[2].trim())).isEqualTo(2);
              assertThat(Long.parseLong(cells[3].trim())).isPositive();
              assertThat(Double.parseDouble(cells[5].trim())).isPositive();
              assertThat(Long.parseLong(cells[8].trim())).isZero();
            });
    assertThat(report).anySatisfy(l -> assertThat(l).startsWith("- sandbox: H2 on disk"));
    assertThat(report)
        .anySatisfy(
            l -> assertThat(l).matches("- sandbox: \\d+ API requests .*, [1-9]\\d* messages sent"));
  }

  @Test
  void options_defaultsAreEightThreadsAndBadValuesAreRefusedNamingTheOption() {
    SandboxBench.Options defaults = SandboxBench.Options.parse(new String[0]);

    assertThat(defaults.threads()).containsExactly(8);
    assertThat(defaults.measure()).isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(() -> SandboxBench.Options.parse(new String[] {"--chats", "5"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--chats at least 20");
    assertThatThrownBy(() -> SandboxBench.Options.parse(new String[] {"--only", "client"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option --only");
  }
}
