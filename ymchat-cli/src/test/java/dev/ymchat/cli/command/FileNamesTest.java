package dev.ymchat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FileNamesTest {

  @Test
  void sanitize_dropsDirectoriesSoTheFileStaysInTheTargetDirectory() {
    assertThat(FileNames.sanitize("../../etc/passwd", "f")).isEqualTo("passwd");
    assertThat(FileNames.sanitize("..\\..\\win.ini", "f")).isEqualTo("win.ini");
    assertThat(FileNames.sanitize("/abs/path/photo.jpg", "f")).isEqualTo("photo.jpg");
  }

  @Test
  void sanitize_replacesUnsafeCharactersAndHiddenNames() {
    assertThat(FileNames.sanitize("a<b>c:d\"e|f?g*h.txt", "f")).isEqualTo("a_b_c_d_e_f_g_h.txt");
    assertThat(FileNames.sanitize(".bashrc", "f")).isEqualTo("_bashrc");
    assertThat(FileNames.sanitize("bad\u0000name\n.txt", "f")).isEqualTo("bad_name_.txt");
    assertThat(FileNames.sanitize("CON.txt", "f")).isEqualTo("_CON.txt");
  }

  @Test
  void sanitize_usesTheFallbackWhenNothingUsableRemains() {
    assertThat(FileNames.sanitize("..", "attachment-1")).isEqualTo("attachment-1");
    assertThat(FileNames.sanitize(null, "attachment-2")).isEqualTo("attachment-2");
    assertThat(FileNames.sanitize("dir/", "attachment-3")).isEqualTo("attachment-3");
  }

  @Test
  void sanitize_keepsUnicodeAndLimitsLengthKeepingTheExtension() {
    assertThat(FileNames.sanitize("Счёт №5.pdf", "f")).isEqualTo("Счёт №5.pdf");
    String longName = FileNames.sanitize("x".repeat(300) + ".pdf", "f");
    assertThat(longName).hasSize(150).endsWith(".pdf");
  }

  @Test
  void unique_appendsANumberBeforeTheExtension() {
    assertThat(FileNames.unique("a.txt", Set.of())).isEqualTo("a.txt");
    assertThat(FileNames.unique("a.txt", Set.of("a.txt"))).isEqualTo("a (2).txt");
    assertThat(FileNames.unique("A.TXT", Set.of("a.txt", "a (2).txt"))).isEqualTo("A (3).TXT");
  }
}
