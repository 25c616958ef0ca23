package dev.ymchat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;

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
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

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
   * Reads the profile, warning on {@code warnings} when other users can read it.
   *
   * @param warnings where to warn
   * @return its properties; empty when there is no file
   * @throws CliException when the file exists but cannot be read
   */
  public Properties read(PrintWriter warnings) {
    Properties properties = new Properties();
    Path file = file();
    if (!Files.isRegularFile(file)) {
      return properties;
    }
    warnIfOthersCanRead(file, warnings);
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

  private static void warnIfOthersCanRead(Path file, PrintWriter warnings) {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException | IOException e) {
      return; // not a POSIX file system: nothing to check
    }
    Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : permissions) {
      if (p != PosixFilePermission.OWNER_READ
          && p != PosixFilePermission.OWNER_WRITE
          && p != PosixFilePermission.OWNER_EXECUTE) {
        open.add(p);
      }
    }
    if (!open.isEmpty()) {
      warnings.println(
          "ymchat: warning: the profile "
              + file
              + " holds credentials and other users can "
              + (open.contains(PosixFilePermission.GROUP_READ)
                      || open.contains(PosixFilePermission.OTHERS_READ)
                  ? "read"
                  : "change")
              + " it (permissions "
              + PosixFilePermissions.toString(permissions)
              + "); make it yours alone: chmod 600 "
              + file);
      warnings.flush();
    }
  }

  /**
   * Writes the profile atomically, with permissions 600 (directory 700) where the file system is
   * POSIX. A directory that is a symbolic link is written into but its permissions (those of the
   * link's target) are left alone, with a warning.
   *
   * @param properties what to store
   * @param warnings where to warn
   * @throws IOException when it cannot be written
   */
  public void write(Properties properties, PrintWriter warnings) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (Files.isSymbolicLink(dir)) {
      // Someone else's directory may be behind the link (a dotfiles repository, a shared
      // folder): changing its permissions could break it, so only say what to check.
      warnings.println(
          "ymchat: warning: the profile directory "
              + dir
              + " is a symbolic link to "
              + Files.readSymbolicLink(dir)
              + "; its permissions were left as they are: make sure only you can read it");
      warnings.flush();
    } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      if (posix) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
      } else {
        Files.createDirectories(dir);
      }
    } else if (posix) {
      // NOFOLLOW_LINKS: should the directory be swapped for a link meanwhile, this fails instead
      // of changing the permissions of whatever the link points to.
      Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setPermissions(OWNER_ONLY_DIR);
    }
    // The temporary file is created owner-only (and new: CREATE_NEW), so the secret is never
    // readable by others, not even for a moment; the rename then replaces the profile, or a link
    // in its place, without following it.
    Path temp =
        posix
            ? Files.createTempFile(
                dir, ".config", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
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
