package io.hubd.daemon.api;

import java.util.Map;

/** The JSON body of every error response. */
record ErrorBody(String code, String message, Map<String, Object> details) {
  static ErrorBody of(ApiException e) {
    return new ErrorBody(e.code().name(), e.getMessage(), e.details());
  }
}
