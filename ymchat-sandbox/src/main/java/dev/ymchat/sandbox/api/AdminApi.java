package dev.ymchat.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ymchat.sandbox.domain.SandboxException;
import dev.ymchat.sandbox.faults.FaultStats;
import dev.ymchat.sandbox.market.MarketSimulator;
import dev.ymchat.sandbox.market.WebhookDispatcher;
import dev.ymchat.sandbox.market.WebhookFaults;
import dev.ymchat.sandbox.stats.CallOutcome;
import dev.ymchat.sandbox.stats.CallStats;
import dev.ymchat.sandbox.store.FileContent;
import dev.ymchat.sandbox.store.SandboxStore;
import dev.ymchat.sandbox.store.Scope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The admin surface under {@code /sandbox/…} (JSON in, JSON out, guarded by the {@code
 * X-Sandbox-Admin-Token} header), the public file downloads and {@code /health}.
 */
public final class AdminApi {

  /** The header that carries the admin token. */
  public static final String ADMIN_HEADER = "X-Sandbox-Admin-Token";

  private static final List<String> SENDERS = List.of("CUSTOMER", "MARKET", "SUPPORT");

  private final SandboxStore store;
  private final MarketSimulator market;
  private final byte[] adminToken;
  private final BodyReader bodies;
  private final CallStats calls;
  private final StateDump state;
  private final WebhookDispatcher webhooks;
  private final Supplier<Optional<FaultStats>> faults;

  /**
   * Creates the admin surface.
   *
   * @param store the state (for file downloads)
   * @param market the Market side
   * @param adminToken the token every admin call must carry
   * @param bodies reads request bodies under the size limit and the read deadline
   * @param calls the API call counters ({@code /sandbox/stats})
   * @param state the state dump ({@code /sandbox/state})
   * @param webhooks the push sender, or null when no webhook is configured
   * @param faults what fault injection has done, empty when it is off
   */
  public AdminApi(
      SandboxStore store,
      MarketSimulator market,
      String adminToken,
      BodyReader bodies,
      CallStats calls,
      StateDump state,
      WebhookDispatcher webhooks,
      Supplier<Optional<FaultStats>> faults) {
    this.store = store;
    this.market = market;
    this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    this.bodies = bodies;
    this.calls = calls;
    this.state = state;
    this.webhooks = webhooks;
    this.faults = faults;
  }

  /**
   * Registers the routes.
   *
   * @param app the routes of the Javalin app being configured
   */
  public void register(RoutesConfig app) {
    app.get("/health", ctx -> Http.ok(ctx, null, Map.of("status", "UP")));
    app.get("/sandbox/files/{key}/{name}", this::download);
    admin(
        app,
        "/sandbox/businesses",
        ctx -> {
          ObjectNode body = json(ctx);
          long id = JsonInput.requiredId(body, "businessId", "businessId");
          String name = JsonInput.optionalString(body, "name", "name");
          Http.ok(ctx, Map.of("businessId", market.createBusiness(id, name)));
        });
    admin(
        app,
        "/sandbox/businesses/{businessId}/campaigns",
        ctx -> {
          long campaignId = JsonInput.requiredId(json(ctx), "campaignId", "campaignId");
          Http.ok(ctx, Map.of("campaignId", market.createCampaign(business(ctx), campaignId)));
        });
    admin(
        app,
        "/sandbox/businesses/{businessId}/credentials",
        ctx -> {
          ObjectNode body = json(ctx);
          String kind =
              JsonInput.enumValue(required(body, "kind"), "kind", List.of("API_KEY", "OAUTH"));
          String scopeName =
              JsonInput.enumValue(
                  required(body, "scope"),
                  "scope",
                  List.of("all-methods", "all-methods:read-only", "communication"));
          Scope scope = Scope.fromWireName(scopeName).orElseThrow();
          String token = JsonInput.optionalString(body, "token", "token");
          String secret = token != null ? token : "sbx-" + SandboxStore.randomKey();
          if (kind.equals("API_KEY")) {
            market.addApiKey(business(ctx), secret, scope);
          } else {
            market.addOAuthToken(business(ctx), secret, scope);
          }
          Http.ok(ctx, Map.of("kind", kind, "scope", scopeName, "token", secret));
        });
    admin(
        app,
        "/sandbox/businesses/{businessId}/orders",
        ctx -> {
          ObjectNode body = json(ctx);
          long campaignId = JsonInput.requiredId(body, "campaignId", "campaignId");
          String buyerName = JsonInput.optionalString(body, "buyerName", "buyerName");
          Http.ok(ctx, Map.of("orderId", market.createOrder(business(ctx), campaignId, buyerName)));
        });
    admin(
        app,
        "/sandbox/businesses/{businessId}/returns",
        ctx -> {
          long orderId = JsonInput.requiredId(json(ctx), "orderId", "orderId");
          Http.ok(ctx, Map.of("returnId", market.createReturn(business(ctx), orderId)));
        });
    admin(
        app,
        "/sandbox/businesses/{businessId}/chats/direct",
        ctx -> {
          ObjectNode body = json(ctx);
          String text = ChatsApi.validText(required(body, "text"), "text");
          String buyerName = JsonInput.optionalString(body, "buyerName", "buyerName");
          Http.ok(
              ctx, Map.of("chatId", market.buyerOpensDirectChat(business(ctx), buyerName, text)));
        });
    admin(
        app,
        "/sandbox/businesses/{businessId}/chats/{chatId}/messages",
        ctx -> {
          ObjectNode body = json(ctx);
          String sender = JsonInput.enumValue(required(body, "sender"), "sender", SENDERS);
          String text = ChatsApi.validText(required(body, "text"), "text");
          long b = business(ctx);
          long chatId = chat(ctx);
          long messageId =
              switch (sender) {
                case "CUSTOMER" -> market.buyerWrites(b, chatId, text);
                case "MARKET" -> market.marketWrites(b, chatId, text);
                default -> market.supportWrites(b, chatId, text);
              };
          Http.ok(ctx, Map.of("messageId", messageId));
        });
    admin(
        app,
        "/sandbox/businesses/{businessId}/chats/{chatId}/files",
        ctx -> {
          ObjectNode body = json(ctx);
          String name = ChatsApi.fileName(JsonInput.optionalString(body, "name", "name"));
          String contentType = JsonInput.optionalString(body, "contentType", "contentType");
          String base64 = JsonInput.optionalString(body, "contentBase64", "contentBase64");
          if (base64 == null) {
            throw SandboxException.badRequest(
                "contentBase64 is required: the file's bytes in base64");
          }
          byte[] bytes;
          try {
            bytes = Base64.getMimeDecoder().decode(base64);
          } catch (IllegalArgumentException e) {
            throw SandboxException.badRequest("contentBase64 is not valid base64");
          }
          Http.ok(
              ctx,
              Map.of(
                  "messageId",
                  market.buyerSendsFile(business(ctx), chat(ctx), name, contentType, bytes)));
        });
    admin(
        app,
        "/sandbox/businesses/{businessId}/chats/{chatId}/dispute",
        ctx -> {
          market.openDispute(business(ctx), chat(ctx));
          Http.ok(ctx, null);
        });
    admin(
        app,
        "/sandbox/businesses/{businessId}/chats/{chatId}/dispute/finish",
        ctx -> {
          market.finishDispute(business(ctx), chat(ctx));
          Http.ok(ctx, null);
        });
    admin(
        app,
        "/sandbox/businesses/{businessId}/chats/{chatId}/finish",
        ctx -> {
          market.finishChat(business(ctx), chat(ctx));
          Http.ok(ctx, null);
        });
    admin(
        app,
        "/sandbox/ping",
        ctx -> {
          market.sendPing();
          Http.ok(ctx, null);
        });
    admin(
        app,
        "/sandbox/generate",
        ctx -> {
          ObjectNode body = json(ctx);
          long businessId = JsonInput.requiredId(body, "businessId", "businessId");
          int chats = intField(body, "chats", 0, 100_000);
          int perChat = intField(body, "messagesPerChat", 0, 10_000);
          Http.ok(ctx, market.generate(businessId, chats, perChat, seed(body)));
        });
    registerObservation(app);
  }

  private void admin(RoutesConfig app, String path, Handler handler) {
    app.post(path, guarded(handler));
  }

  private void adminGet(RoutesConfig app, String path, Handler handler) {
    app.get(path, guarded(handler));
  }

  private Handler guarded(Handler handler) {
    return ctx -> {
      ctx.attribute(ChatsApi.ATTR_OPERATION, "admin");
      checkToken(ctx);
      handler.handle(ctx);
    };
  }

  private void registerObservation(RoutesConfig app) {
    adminGet(
        app,
        "/sandbox/state",
        ctx -> {
          ctx.status(200);
          ctx.contentType("application/json; charset=utf-8");
          // Streamed as it is read: the dump of a large sandbox never sits in memory whole.
          state.write(ctx.res().getOutputStream());
        });
    adminGet(app, "/sandbox/stats", ctx -> Http.ok(ctx, stats()));
    admin(
        app,
        "/sandbox/stats/reset",
        ctx -> {
          calls.reset();
          Http.ok(ctx, null);
        });
    admin(
        app,
        "/sandbox/webhook-faults",
        ctx -> {
          if (webhooks == null) {
            throw SandboxException.badRequest(
                "No webhook URL is configured, so there are no notifications to lose or"
                    + " duplicate; start the sandbox with --webhook URL (webhookUrl(...))");
          }
          ObjectNode body = json(ctx);
          double loss = share(body, "loss");
          double duplicate = share(body, "duplicate");
          JsonNode delay = body.get("delayMillis");
          long delayMillis = WebhookFaults.DEFAULT_DUPLICATE_DELAY.toMillis();
          if (delay != null && !delay.isNull()) {
            if (!delay.isIntegralNumber() || !delay.canConvertToLong() || delay.longValue() < 0) {
              throw SandboxException.badRequest(
                  "delayMillis must be an integer of at least 0 (milliseconds)");
            }
            delayMillis = delay.longValue();
          }
          long seed = seed(body);
          WebhookFaults configured;
          try {
            configured =
                new WebhookFaults(loss, duplicate, java.time.Duration.ofMillis(delayMillis), seed);
          } catch (IllegalArgumentException e) {
            throw SandboxException.badRequest(e.getMessage());
          }
          webhooks.setFaults(configured);
          Http.ok(ctx, Map.of("webhookFaults", configured.toSpec()));
        });
  }

  private Map<String, Object> stats() {
    List<Map<String, Object>> counts = new java.util.ArrayList<>();
    for (CallStats.Count c : calls.snapshot()) {
      Map<String, Object> row = new java.util.LinkedHashMap<>();
      row.put("businessId", c.businessId());
      row.put("operation", c.operation().operationId());
      row.put("calls", c.calls());
      for (CallOutcome outcome : CallOutcome.values()) {
        row.put(outcome.label(), c.count(outcome));
      }
      counts.add(row);
    }
    Map<String, Object> result = new java.util.LinkedHashMap<>();
    result.put("calls", counts);
    if (webhooks != null) {
      Map<String, Object> push = new java.util.LinkedHashMap<>();
      push.put("faults", webhooks.faults().toSpec());
      push.put("delivered", webhooks.delivered());
      push.put("failed", webhooks.failed());
      push.put("lost", webhooks.lost());
      push.put("duplicated", webhooks.duplicated());
      push.put("pending", webhooks.pending());
      push.put("attempts", webhooks.attempts());
      result.put("webhooks", push);
    }
    faults.get().ifPresent(f -> result.put("faults", f));
    return result;
  }

  private static double share(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.isNumber() || !(value.doubleValue() >= 0 && value.doubleValue() <= 1)) {
      throw SandboxException.badRequest(field + " must be a number from 0 to 1 (a share)");
    }
    return value.doubleValue();
  }

  private static long seed(ObjectNode body) {
    JsonNode seedNode = body.get("seed");
    if (seedNode == null || seedNode.isNull()) {
      return 0;
    }
    if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
      throw SandboxException.badRequest("seed must be an integer (int64)");
    }
    return seedNode.longValue();
  }

  private void checkToken(Context ctx) {
    String given = ctx.header(ADMIN_HEADER);
    if (given == null || given.isEmpty()) {
      throw new SandboxException(
          401,
          "UNAUTHORIZED",
          "The admin surface needs the "
              + ADMIN_HEADER
              + " header; the token is printed in the sandbox's startup banner");
    }
    if (!MessageDigest.isEqual(adminToken, given.getBytes(StandardCharsets.UTF_8))) {
      throw new SandboxException(
          403,
          "FORBIDDEN",
          "The "
              + ADMIN_HEADER
              + " is wrong; use the admin token from the sandbox's startup banner");
    }
  }

  private void download(Context ctx) {
    String key = ctx.pathParam("key");
    if (!key.matches("[0-9a-f]{32}")) {
      throw SandboxException.notFound(
          "No such file; use the url from the message's payload unchanged");
    }
    FileContent file =
        store
            .files()
            .file(key)
            .orElseThrow(
                () ->
                    SandboxException.notFound(
                        "No such file; use the url from the message's payload unchanged"));
    ctx.status(200);
    ctx.contentType(file.contentType());
    ctx.header(
        "Content-Disposition",
        "attachment; filename*=UTF-8''"
            + URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20"));
    ctx.result(file.bytes());
  }

  private ObjectNode json(Context ctx) {
    Http.requireJson(ctx);
    return JsonInput.object(bodies.read(ctx, Http.MAX_JSON_BODY * 14, "admin bodies may be 7 MB"));
  }

  private static JsonNode required(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw SandboxException.badRequest(field + " is required");
    }
    return value;
  }

  private static int intField(ObjectNode body, String field, int min, int max) {
    JsonNode value = required(body, field);
    if (!value.isIntegralNumber()
        || !value.canConvertToInt()
        || value.intValue() < min
        || value.intValue() > max) {
      throw SandboxException.badRequest(field + " must be an integer from " + min + " to " + max);
    }
    return value.intValue();
  }

  private static long business(Context ctx) {
    return Http.parseId(ctx.pathParam("businessId"), "Path parameter businessId");
  }

  private static long chat(Context ctx) {
    return Http.parseId(ctx.pathParam("chatId"), "Path parameter chatId");
  }
}
