package dev.ymchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.bench.SyncBench.Options;
import dev.ymchat.bench.SyncBench.Part;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SyncBenchTest {

  @Test
  void options_withoutArguments_runEveryPartInFull() {
    Options options = Options.parse(new String[0]);

    assertThat(options.quick()).isFalse();
    assertThat(options.out()).isNull();
    assertThat(options.parts()).containsExactly(Part.PUSH, Part.BACKFILL, Part.OUTBOX);
  }

  @Test
  void options_quickOutAndOnly_areRead() {
    Options options =
        Options.parse(new String[] {"--only", "outbox, push", "--quick", "--out", "r/sync.txt"});

    assertThat(options.quick()).isTrue();
    assertThat(options.out()).isEqualTo(Path.of("r/sync.txt"));
    assertThat(options.parts()).containsExactly(Part.PUSH, Part.OUTBOX);
  }

  @Test
  void options_badArguments_areRefusedNamingWhatIsWrong() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--fast"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option '--fast'")
        .hasMessageContaining("--only push,backfill,outbox");
    assertThatThrownBy(() -> Options.parse(new String[] {"--out"}))
        .hasMessageStartingWith("--out needs a value");
    assertThatThrownBy(() -> Options.parse(new String[] {"--only", "--quick"}))
        .hasMessageStartingWith("--only needs a value");
    assertThatThrownBy(() -> Options.parse(new String[] {"--only", "outbox,sends"}))
        .hasMessage("--only: unknown part 'sends'; the parts are push, backfill, outbox");
  }
}
