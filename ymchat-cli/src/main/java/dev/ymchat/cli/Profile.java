package dev.ymchat.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * The profile file {@code config.properties} that {@code ymchat login} writes: credentials,
 * business and base URL, readable only by its owner.
 */
public final class Profile {
  /** Key of the API key. */
  public static final String API_KEY = "api-key";

  /** Key of the OAuth token. */
  public static final String OAUTH_TOKEN = "oauth-token";

  /** Key of the business id. */
  public static final String BUSINESS_ID = "business-id";

  /** Key of the base URL. */
  public static final String BASE_URL = "base-url";

  private static final String FILE_NAME = "config.properties";

  private final Path dir;

  private Profile(Path dir) {
    this.dir = dir;
  }

  /**
   * Locates the profile: {@code $YMCHAT_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/ymchat}, else
   * {@code ~/.config/ymchat}.
   *
   * @param context the environment
   * @return the profile (the file may not exist)
   */
  public static Profile locate(CliContext context) {
    String override = context.envValue("YMCHAT_CONFIG_DIR");
    if (override != null) {
      return new Profile(Path.of(override));
    }
    String xdg = context.envValue("XDG_CONFIG_HOME");
    if (xdg != null) {
      return new Profile(Path.of(xdg, "ymchat"));
    }
    String home = context.envValue("HOME");
    if (home == null) {
      home = System.getProperty("user.home");
    }
    return new Profile(Path.of(home, ".config", "ymchat"));
  }

  /**
   * The profile file.
   *
   * @return its path
   */
  public Path file() {
    return dir.resolve(FILE_NAME);
  }

  /**
   * Reads the profile.
   *
   * @return its properties; empty when there is no file
   * @throws CliException when the file exists but cannot be read
   */
  public Properties read() {
    Properties properties = new Properties();
    Path file = file();
    if (!Files.isRegularFile(file)) {
      return properties;
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
      return properties;
    } catch (IOException | IllegalArgumentException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "cannot read the profile "
              + file
              + " ("
              + e.getMessage()
              + "); fix or delete it, then run `ymchat login` again");
    }
  }

  /**
   * Writes the profile atomically, with permissions 600 (directory 700) where the file system is
   * POSIX.
   *
   * @param properties what to store
   * @throws IOException when it cannot be written
   */
  public void write(Properties properties) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(dir)) {
      if (posix) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    }
    if (posix) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
    // Create the temporary file with owner-only permissions from the start, so the secret is
    // never readable by others, not even for a moment.
    Path temp =
        posix
            ? Files.createTempFile(
                dir,
                ".config",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(dir, ".config", ".tmp");
    try {
      try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        properties.store(writer, "ymchat profile: written by `ymchat login`; keep it private");
      }
      try {
        Files.move(
            temp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING);
      }
      if (posix) {
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Deletes the profile file.
   *
   * @return {@code true} when there was one
   * @throws IOException when it cannot be deleted
   */
  public boolean delete() throws IOException {
    return Files.deleteIfExists(file());
  }
}
