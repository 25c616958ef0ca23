package dev.ymchat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
    assertThat(longName).hasSize(255).endsWith(".pdf");
  }

  @Test
  void sanitize_capsTheNameInUtf8BytesNotCharacters_cuttingAtACodePoint() {
    // 160 Cyrillic letters are 320 bytes: more than any common file system takes in one name.
    String cyrillic = FileNames.sanitize("Я".repeat(160) + ".pdf", "f");
    assertThat(FileNames.utf8Length(cyrillic)).isLessThanOrEqualTo(FileNames.MAX_BYTES);
    assertThat(cyrillic).endsWith(".pdf").startsWith("ЯЯЯ");
    assertThat(cyrillic.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(255);
    // a four-byte emoji is never split into half a surrogate pair
    String emoji = FileNames.sanitize("😀".repeat(100) + ".jpg", "f");
    assertThat(FileNames.utf8Length(emoji)).isLessThanOrEqualTo(255);
    assertThat(emoji.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF)).isEmpty();
    assertThat(emoji.replace(".jpg", "")).matches("(😀)+");
  }

  @Test
  void unique_staysWithinTheByteCapWhenItAddsTheNumber() {
    String name = FileNames.sanitize("Ж".repeat(200) + ".pdf", "f");
    String second = FileNames.unique(name, Set.of(name.toLowerCase(java.util.Locale.ROOT)));
    assertThat(second).endsWith(" (2).pdf").isNotEqualTo(name);
    assertThat(FileNames.utf8Length(second)).isLessThanOrEqualTo(FileNames.MAX_BYTES);
  }

  @Test
  void unique_appendsANumberBeforeTheExtension() {
    assertThat(FileNames.unique("a.txt", Set.of())).isEqualTo("a.txt");
    assertThat(FileNames.unique("a.txt", Set.of("a.txt"))).isEqualTo("a (2).txt");
    assertThat(FileNames.unique("A.TXT", Set.of("a.txt", "a (2).txt"))).isEqualTo("A (3).TXT");
  }
}
