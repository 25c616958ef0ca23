package dev.ymchat.cli;

/** How a command prints its result. */
public enum OutputFormat {
  /** Aligned columns for a person. */
  TABLE,
  /** The API's model records as JSON, for scripts. */
  JSON
}
