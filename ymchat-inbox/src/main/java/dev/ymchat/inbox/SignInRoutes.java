package dev.ymchat.inbox;

import dev.ymchat.inbox.view.Views;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-in and sign-out: the login form with its own CSRF cookie, the throttle, the session. */
final class SignInRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(SignInRoutes.class);

  private final WebParts parts;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final boolean secureCookies;

  SignInRoutes(WebParts parts, Sessions sessions, LoginThrottle throttle, boolean secureCookies) {
    this.parts = parts;
    this.sessions = sessions;
    this.throttle = throttle;
    this.secureCookies = secureCookies;
  }

  void loginPage(Context ctx) {
    renderLogin(ctx, null, "", 200);
  }

  private void renderLogin(Context ctx, String error, String login, int status) {
    String csrf = ctx.cookie(WebApp.LOGIN_CSRF_COOKIE);
    if (csrf == null || csrf.length() != 43) {
      csrf = Sessions.randomToken();
      ctx.cookie(cookie(WebApp.LOGIN_CSRF_COOKIE, csrf, 3600));
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("frame", new Views.Frame("Sign in", null, csrf, ""));
    params.put("error", error);
    params.put("login", login);
    ctx.status(status).html(parts.render("login.jte", params));
  }

  void login(Context ctx) {
    String csrf = ctx.cookie(WebApp.LOGIN_CSRF_COOKIE);
    if (!WebParts.sameToken(ctx.formParam("_csrf"), csrf)) {
      renderLogin(ctx, "The sign-in form expired; try again.", "", 403);
      return;
    }
    String login = Optional.ofNullable(ctx.formParam("login")).orElse("").strip();
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    if (login.isEmpty() || login.length() > 64 || password.isEmpty() || password.length() > 200) {
      renderLogin(ctx, "Enter your login and password.", login.length() > 64 ? "" : login, 400);
      return;
    }
    String ip = ctx.ip();
    Duration wait = throttle.waitFor(login, ip);
    if (!wait.isZero()) {
      renderLogin(
          ctx,
          "Too many failed attempts; try again in " + Pages.duration(wait.plusSeconds(59)) + ".",
          login,
          429);
      return;
    }
    Optional<Operators.Operator> op = parts.operators.verify(login, password);
    if (op.isEmpty()) {
      throttle.failed(login, ip);
      LOG.info("failed sign-in for a login from {}", ip);
      renderLogin(ctx, "Wrong login or password.", login, 401);
      return;
    }
    throttle.succeeded(login);
    String token = sessions.create(login);
    ctx.cookie(cookie(WebApp.SESSION_COOKIE, token, (int) sessions.lifetime().toSeconds()));
    ctx.redirect("/");
  }

  void logout(Context ctx) {
    sessions.end(parts.session(ctx));
    ctx.cookie(cookie(WebApp.SESSION_COOKIE, "", 0));
    ctx.redirect("/login");
  }

  private Cookie cookie(String name, String value, int maxAge) {
    Cookie c = new Cookie(name, value);
    c.setPath("/");
    c.setHttpOnly(true);
    c.setSameSite(SameSite.LAX);
    c.setSecure(secureCookies);
    c.setMaxAge(maxAge);
    return c;
  }
}
