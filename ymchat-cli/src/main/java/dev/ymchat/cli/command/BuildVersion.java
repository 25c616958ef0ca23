package dev.ymchat.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version the build wrote into {@code build.properties} (Maven resource filtering). */
public final class BuildVersion implements IVersionProvider {

  private static final String RESOURCE = "/dev/ymchat/cli/build.properties";

  /** Creates the provider (picocli calls this). */
  public BuildVersion() {}

  /**
   * The project version of this build, such as {@code 0.1.0-SNAPSHOT}.
   *
   * @return the version
   * @throws IllegalStateException when the build did not write it
   */
  public static String version() {
    Properties properties = new Properties();
    try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing: build ymchat with Maven");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = properties.getProperty("version", "");
    if (version.isBlank() || version.contains("${")) {
      throw new IllegalStateException(RESOURCE + " has no filtered version: build with Maven");
    }
    return version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"ymchat " + version()};
  }
}
