package dev.ymchat.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Limits failed logins per login and per address in a sliding window; a success clears the login's
 * count.
 */
final class LoginThrottle {

  private final Clock clock;
  private final Duration window;
  private final int perLogin;
  private final int perAddress;
  private final Map<String, Deque<Instant>> failures = new HashMap<>();

  LoginThrottle(Clock clock, Duration window, int perLogin, int perAddress) {
    this.clock = clock;
    this.window = window;
    this.perLogin = perLogin;
    this.perAddress = perAddress;
  }

  /** Returns how long the caller must wait, or zero when it may try. */
  synchronized Duration waitFor(String login, String address) {
    Instant now = clock.instant();
    Duration a = wait("l:" + login, perLogin, now);
    Duration b = wait("a:" + address, perAddress, now);
    return a.compareTo(b) >= 0 ? a : b;
  }

  synchronized void failed(String login, String address) {
    Instant now = clock.instant();
    add("l:" + login, now);
    add("a:" + address, now);
    if (failures.size() > 100_000) {
      // bounded memory under a flood of made-up logins: forget the oldest windows
      failures.entrySet().removeIf(e -> e.getValue().peekLast().isBefore(now.minus(window)));
    }
  }

  synchronized void succeeded(String login) {
    failures.remove("l:" + login);
  }

  private void add(String key, Instant now) {
    failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
  }

  private Duration wait(String key, int limit, Instant now) {
    Deque<Instant> q = failures.get(key);
    if (q == null) {
      return Duration.ZERO;
    }
    while (!q.isEmpty() && !q.peekFirst().isAfter(now.minus(window))) {
      q.removeFirst();
    }
    if (q.isEmpty()) {
      failures.remove(key);
      return Duration.ZERO;
    }
    return q.size() < limit ? Duration.ZERO : Duration.between(now.minus(window), q.peekFirst());
  }
}
