package dev.ymchat.sandbox.api;

import dev.ymchat.client.ApiOperation;
import io.javalin.http.HandlerType;
import io.javalin.router.EndpointMetadata;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The route table of the seven chat operations, served on the seed paths and under {@code /v2}. */
public final class ApiRoutes {

  /** The path prefixes every route is served under. */
  static final List<String> PREFIXES = List.of("", "/v2");

  /**
   * A route of the API: method, path after the prefix, operation; carried by its Javalin endpoint
   * as metadata, so the before-handlers know which operation a request calls.
   *
   * @param method the HTTP method
   * @param path the path after the prefix, with {@code {businessId}}
   * @param operation the operation
   */
  record Route(HandlerType method, String path, ApiOperation operation)
      implements EndpointMetadata {
    Pattern pattern() {
      return Pattern.compile("(?:/v2)?" + path.replace("{businessId}", "([0-9]{1,18})"));
    }
  }

  /**
   * An API call identified from its method and path alone.
   *
   * @param businessId the business in the path
   * @param operation the operation
   */
  public record ApiCall(long businessId, ApiOperation operation) {}

  static final List<Route> ROUTES =
      List.of(
          route(HandlerType.POST, "/chats/new", ApiOperation.CREATE_CHAT),
          route(HandlerType.POST, "/chats", ApiOperation.GET_CHATS),
          route(HandlerType.POST, "/chats/history", ApiOperation.GET_CHAT_HISTORY),
          route(HandlerType.POST, "/chats/message", ApiOperation.SEND_MESSAGE),
          route(HandlerType.POST, "/chats/file/send", ApiOperation.SEND_FILE),
          route(HandlerType.GET, "/chat", ApiOperation.GET_CHAT),
          route(HandlerType.GET, "/chats/message", ApiOperation.GET_CHAT_MESSAGE));

  private static final List<Pattern> PATTERNS = ROUTES.stream().map(Route::pattern).toList();

  private ApiRoutes() {}

  private static Route route(HandlerType method, String rest, ApiOperation operation) {
    return new Route(method, "/businesses/{businessId}" + rest, operation);
  }

  /**
   * Which operation of which business a request calls, from its method and raw path (for the call
   * counters, which count refused and faulted calls too).
   *
   * @param method the HTTP method
   * @param path the request path, such as {@code /v2/businesses/1001/chats}
   * @return the call, or empty when the path is no operation's or its business id is not a number
   */
  public static Optional<ApiCall> classify(String method, String path) {
    for (int i = 0; i < ROUTES.size(); i++) {
      Route route = ROUTES.get(i);
      if (route.method().name().equals(method)) {
        Matcher m = PATTERNS.get(i).matcher(path);
        if (m.matches()) {
          return Optional.of(new ApiCall(Long.parseLong(m.group(1)), route.operation()));
        }
      }
    }
    return Optional.empty();
  }
}
