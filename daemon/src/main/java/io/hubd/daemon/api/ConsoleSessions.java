package io.hubd.daemon.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator page's login sessions, in memory (a restart logs everybody out): a session id of 256 random bits
 * travels only in an {@code HttpOnly; SameSite=Strict} cookie and is kept here as its SHA-256 digest, with the
 * operator's name, a CSRF token of 256 random bits that every state-changing request must echo in a header, and an
 * expiry. At most {@link #MAX_SESSIONS} sessions; the oldest goes first. Thread-safe.
 */
final class ConsoleSessions {
  static final String COOKIE = "hubd_session";
  static final String CSRF_HEADER = "X-Hubd-Csrf";
  static final int MAX_SESSIONS = 32;
  static final Duration TTL = Duration.ofHours(8);

  /** A live session. */
  record Session(String operator, String csrf, Instant expires) {}

  /** A new session: the cookie's value and the session. */
  record Opened(String id, Session session) {}

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Map<String, Session> byDigest = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
      return size() > MAX_SESSIONS;
    }
  };

  ConsoleSessions(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  synchronized Opened open(String operator) {
    String id = randomToken();
    Session session = new Session(operator, randomToken(), clock.instant().plus(TTL));
    byDigest.put(digest(id), session);
    return new Opened(id, session);
  }

  /** The live session with cookie value {@code id}; an expired one is forgotten. */
  synchronized Optional<Session> find(String id) {
    if (id == null || id.length() > 64) {
      return Optional.empty();
    }
    String key = digest(id);
    Session s = byDigest.get(key);
    if (s != null && !clock.instant().isBefore(s.expires())) {
      byDigest.remove(key);
      return Optional.empty();
    }
    return Optional.ofNullable(s);
  }

  synchronized void close(String id) {
    if (id != null && id.length() <= 64) {
      byDigest.remove(digest(id));
    }
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String digest(String id) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
