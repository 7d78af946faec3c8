package io.hubd.daemon.config;

import java.net.URI;

/** Shows URLs without the parts that often hold credentials (user info, path, query). */
public final class Redaction {
  private Redaction() {}

  public static String url(URI url) {
    if (url.getHost() == null) {
      return "<unparseable URL>";
    }
    return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
        + (url.getRawPath() != null && url.getRawPath().length() > 1 ? "/…" : "");
  }
}
