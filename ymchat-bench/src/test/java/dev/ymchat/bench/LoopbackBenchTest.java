package dev.ymchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackBenchTest {

  @Test
  void shortRun_reportsEveryVariantWithRatiosAgainstTheFloorOfTheSameRun() throws Exception {
    LoopbackBench.Options options =
        LoopbackBench.Options.parse(
            new String[] {
              "--warmup", "0.05", "--measure", "0.2", "--rounds", "2", "--threads", "1,2"
            });

    List<String> report = LoopbackBench.run(options);

    List<String> rows = report.stream().filter(l -> l.startsWith("| get")).toList();
    // 2 operations x 2 thread counts x 4 variants (client, floor + the client's decoding, floor +
    // previous decoding, floor)
    assertThat(rows).hasSize(16);
    assertThat(rows)
        .filteredOn(r -> r.contains("| ymchat-client |"))
        .hasSize(4)
        .allSatisfy(
            r -> assertThat(r).containsPattern("\\| \\d+ \\| \\d+\\.\\d\\d× \\| \\d+ \\|$"));
    assertThat(rows)
        .filteredOn(r -> r.contains("| floor: raw send(), unparsed |"))
        .hasSize(4)
        .allSatisfy(r -> assertThat(r).containsPattern("\\| \\d+ \\|  \\| \\d+ \\|$"));
    // every variant made calls: the columns are | operation | threads | variant | calls | calls/s |
    assertThat(rows)
        .allSatisfy(r -> assertThat(Long.parseLong(r.split("\\|")[4].trim())).isPositive());
    assertThat(report).anySatisfy(l -> assertThat(l).startsWith("- server: "));
  }

  @Test
  void options_defaultsMeasureOneAndEightThreadsAndQuickIsShort() {
    LoopbackBench.Options defaults = LoopbackBench.Options.parse(new String[0]);
    LoopbackBench.Options quick =
        LoopbackBench.Options.parse(new String[] {"--quick", "--diagnose"});

    assertThat(defaults.threads()).containsExactly(1, 8);
    assertThat(defaults.measure()).isEqualTo(Duration.ofSeconds(10));
    assertThat(quick.measure()).isLessThan(defaults.measure());
    assertThat(quick.diagnose()).isTrue();
  }

  @Test
  void options_badValues_areRefusedNamingTheOption() {
    assertThatThrownBy(() -> LoopbackBench.Options.parse(new String[] {"--threads", "1,0"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--threads");
    assertThatThrownBy(() -> LoopbackBench.Options.parse(new String[] {"--rounds", "many"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--rounds takes whole numbers");
    assertThatThrownBy(() -> LoopbackBench.Options.parse(new String[] {"--fast"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option --fast");
    assertThatThrownBy(() -> LoopbackBench.Options.parse(new String[] {"--only", "server"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client or floor");
  }
}
