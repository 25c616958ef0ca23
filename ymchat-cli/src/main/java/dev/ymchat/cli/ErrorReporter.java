package dev.ymchat.cli;

import dev.ymchat.client.error.BadRequestException;
import dev.ymchat.client.error.ClientRateLimitException;
import dev.ymchat.client.error.ForbiddenException;
import dev.ymchat.client.error.InvalidResponseException;
import dev.ymchat.client.error.LockedException;
import dev.ymchat.client.error.NotFoundException;
import dev.ymchat.client.error.RateLimitException;
import dev.ymchat.client.error.RateLimitInfo;
import dev.ymchat.client.error.ServerException;
import dev.ymchat.client.error.TransportException;
import dev.ymchat.client.error.UnauthorizedException;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.client.model.ApiError;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr (what failed, the API's code and message, what to
 * try) and a distinct exit code; the stack trace only with {@code -v}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IExitCodeExceptionMapper {

  private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final ZoneId zone;

  ErrorReporter(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public int getExitCode(Throwable exception) {
    Throwable e = unwrap(exception);
    if (e instanceof HintedFailure hinted) {
      return getExitCode(hinted.getCause());
    }
    if (e instanceof CliException cli) {
      return cli.exitCode();
    }
    if (e instanceof CommandLine.ParameterException) {
      return ExitCodes.USAGE;
    }
    if (e instanceof UnauthorizedException || e instanceof ForbiddenException) {
      return ExitCodes.AUTH;
    }
    if (e instanceof NotFoundException) {
      return ExitCodes.NOT_FOUND;
    }
    if (e instanceof RateLimitException) {
      return ExitCodes.RATE_LIMITED;
    }
    if (e instanceof ServerException || e instanceof InvalidResponseException) {
      return ExitCodes.SERVER;
    }
    if (e instanceof TransportException || e instanceof UncheckedIOException) {
      return ExitCodes.NETWORK;
    }
    if (e instanceof BadRequestException || e instanceof IllegalArgumentException) {
      return ExitCodes.INVALID_INPUT;
    }
    if (e instanceof YmChatException ym && ym.statusCode() >= 500) {
      return ExitCodes.SERVER;
    }
    return ExitCodes.GENERIC;
  }

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    Throwable e = unwrap(exception);
    String hint = "";
    if (e instanceof HintedFailure hinted) {
      hint = "; " + hinted.hint();
      e = unwrap(hinted.getCause());
    }
    // The API's messages come from the server: shown on one line, without terminal controls.
    err.println(
        dev.ymchat.cli.output.Text.oneLine(
            message(commandLine.getCommandSpec().qualifiedName(), e) + hint));
    if (verbose(parseResult)) {
      e.printStackTrace(err);
    }
    err.flush();
    return getExitCode(e);
  }

  /** Unwraps the wrappers that add nothing a person needs. */
  private static Throwable unwrap(Throwable e) {
    Throwable current = e;
    while ((current instanceof java.util.concurrent.CompletionException
            || current instanceof java.util.concurrent.ExecutionException
            || current instanceof CommandLine.ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static boolean verbose(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("-v")) {
        return true;
      }
    }
    return false;
  }

  String message(String command, Throwable e) {
    if (e instanceof CliException) {
      return command + ": " + e.getMessage();
    }
    if (e instanceof YmChatException ym) {
      return command + ": " + apiMessage(ym);
    }
    if (e instanceof IllegalArgumentException) {
      return command + ": invalid input: " + e.getMessage() + "; fix the value and retry";
    }
    if (e instanceof UncheckedIOException io) {
      return command
          + ": I/O failed: "
          + io.getCause().getMessage()
          + "; check the path and permissions";
    }
    return command
        + ": unexpected "
        + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage())
        + "; run again with -v for details";
  }

  private String apiMessage(YmChatException e) {
    String api = describe(e);
    if (e instanceof UnauthorizedException) {
      return "not authenticated ("
          + api
          + "); check the API key or OAuth token"
          + " (--api-key, YM_API_KEY or `ymchat login`)";
    }
    if (e instanceof ForbiddenException) {
      return "access denied ("
          + api
          + "); the credentials are not valid for this business or"
          + " lack the scope (read-only keys cannot send or create chats): check --business and"
          + " use a key with the all-methods or communication scope";
    }
    if (e instanceof NotFoundException) {
      return "not found ("
          + api
          + "); check the business, chat, message or order id"
          + " (`ymchat chats` lists the chats)";
    }
    if (e instanceof ClientRateLimitException) {
      return "held back by the client's own rate limit ("
          + e.getMessage()
          + ")"
          + until(e.rateLimit().orElse(null))
          + "; wait and retry";
    }
    if (e instanceof RateLimitException) {
      return "rate limited ("
          + api
          + ")"
          + until(e.rateLimit().orElse(null))
          + "; wait and retry, or poll less often";
    }
    if (e instanceof LockedException) {
      return "refused for now ("
          + api
          + "); the chat does not accept this in its current state"
          + " (for example it is finished)";
    }
    if (e instanceof ServerException) {
      return "the API failed (" + api + "); this is on the server's side: retry later";
    }
    if (e instanceof InvalidResponseException invalid) {
      return invalidAnswer(invalid);
    }
    if (e instanceof TransportException t) {
      String hint =
          t.outcome() == TransportException.Outcome.UNKNOWN
              ? "; the request may have reached the API: check with `ymchat history` before repeating a send"
              : "; check the network and --base-url (for --sandbox, is `ymchat sandbox` running?)";
      return "cannot reach the API: " + e.getMessage() + hint;
    }
    if (e instanceof BadRequestException) {
      return "the API refused the input (" + api + "); fix the value and retry";
    }
    return "the request failed (" + api + ")";
  }

  private static String invalidAnswer(InvalidResponseException e) {
    return switch (e.problem()) {
      case TOO_LARGE ->
          "the answer is larger than the client reads ("
              + e.getMessage()
              + "); it was not read further: check that --base-url points at the Partner API";
      case PAGING_LOOP ->
          "the server's paging went round in a loop ("
              + e.getMessage()
              + "); nothing more was read: retry later and report it to Market support if it repeats";
      case BAD_REDIRECT ->
          "the file's URL redirects where the client does not follow ("
              + e.getMessage()
              + "); the file was not downloaded: retry later, or report the message to Market support";
      case NOT_API_JSON ->
          "the server's answer is not the API's JSON (" + e.getMessage() + "); check --base-url";
    };
  }

  private static String describe(YmChatException e) {
    StringBuilder sb = new StringBuilder();
    if (e.statusCode() > 0) {
      sb.append("HTTP ").append(e.statusCode());
    }
    if (!e.errors().isEmpty()) {
      String errors =
          e.errors().stream().map(ErrorReporter::describe).collect(Collectors.joining("; "));
      sb.append(sb.length() > 0 ? " " : "").append(errors);
    } else if (e.getMessage() != null && !e.getMessage().isBlank()) {
      sb.append(sb.length() > 0 ? ": " : "").append(e.getMessage());
    }
    return sb.toString();
  }

  private static String describe(ApiError error) {
    if (error.message() == null || error.message().isBlank()) {
      return String.valueOf(error.code());
    }
    return error.code() + ": " + error.message();
  }

  private String until(RateLimitInfo info) {
    if (info == null || info.until() == null) {
      return "";
    }
    return "; the quota resets at " + UNTIL.format(info.until().atZone(zone));
  }
}
