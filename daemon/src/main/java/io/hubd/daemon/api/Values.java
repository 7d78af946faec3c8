package io.hubd.daemon.api;

import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the API's scalar formats from text, refusing bad input with the field's name in {@code details.field}: a
 * value of the wrong shape (not digits, not hex, wrong length) is {@code MALFORMED_REQUEST} (400); a well-formed value
 * outside its range is {@code AMOUNT_OUT_OF_RANGE} for amounts and {@code INVALID_REQUEST} otherwise (422). Hex
 * values take a {@code 0x} or {@code 0X} prefix and digits in any case.
 * Amounts are whole token base units written as decimal digits, below 2^127 (the contract's int128). Stateless.
 */
final class Values {
  /** Amounts, fees and credit limits are below this (int128, as the contract stores them). */
  static final BigInteger AMOUNT_BOUND = BigInteger.ONE.shiftLeft(127);

  /** uint256 has at most 78 decimal digits; longer text is refused before it is parsed. */
  private static final int MAX_DIGITS = 78;

  private Values() {}

  /** An EOA address, {@code 0x} and 40 hex digits (any case); returned in lower case. */
  static String address(String field, String text) {
    if (!isHex(text, 40)) {
      throw malformed(field, "must be an address: 0x and 40 hex digits");
    }
    String address = lowerCasePrefix(text).toLowerCase(Locale.ROOT);
    if (new BigInteger(address.substring(2), 16).signum() == 0) {
      throw invalid(ErrorCode.INVALID_REQUEST, field, "must not be the zero address");
    }
    return address;
  }

  /** An entity id: {@code 0x} and 64 hex digits, or an address (its entity id is the address left-padded). */
  static EntityId entity(String field, String text) {
    if (!isHex(text, 40) && !isHex(text, 64)) {
      throw malformed(field, "must be an entity id (0x and 64 hex digits) or an address (0x and 40 hex digits)");
    }
    EntityId id = EntityId.of(lowerCasePrefix(text));
    if (new BigInteger(1, id.toBytes()).signum() == 0) {
      throw invalid(ErrorCode.INVALID_REQUEST, field, "must not be the zero entity");
    }
    return id;
  }

  /** A 65-byte signature {@code r || s || v}: {@code 0x} and 130 hex digits. */
  static Signature signature(String field, String text) {
    if (!isHex(text, 130)) {
      throw malformed(field, "must be a 65-byte signature: 0x and 130 hex digits");
    }
    return Signature.ofHex(lowerCasePrefix(text));
  }

  /** A resource id in a path: a positive decimal integer that fits in 63 bits. */
  static long id(String field, String text) {
    if (text == null || !text.matches("[0-9]{1,19}")) {
      throw malformed(field, "must be a positive integer id");
    }
    BigInteger id = new BigInteger(text);
    if (id.signum() == 0 || id.bitLength() > 63) {
      throw new ApiException(ErrorCode.NOT_FOUND, "no " + field + " " + text, Map.of("field", field));
    }
    return id.longValueExact();
  }

  /** A job's public id in a path: 32 hex digits (any case); returned in lower case. */
  static String jobId(String field, String text) {
    if (text == null || !text.matches("[0-9a-fA-F]{32}")) {
      throw malformed(field, "must be a job id: 32 hex digits, as the request that opened the job answered");
    }
    return text.toLowerCase(Locale.ROOT);
  }

  /** An amount to move: in [1, 2^127). */
  static BigInteger amount(String field, String text) {
    BigInteger value = integer(field, text, ErrorCode.AMOUNT_OUT_OF_RANGE);
    if (value.signum() <= 0 || value.compareTo(AMOUNT_BOUND) >= 0) {
      throw invalid(ErrorCode.AMOUNT_OUT_OF_RANGE, field, "must be in [1, 2^127) base units, got " + shorten(text));
    }
    return value;
  }

  /** A limit such as a maximum fee or a credit limit: in [0, 2^127). */
  static BigInteger limit(String field, String text) {
    BigInteger value = integer(field, text, ErrorCode.INVALID_REQUEST);
    if (value.signum() < 0 || value.compareTo(AMOUNT_BOUND) >= 0) {
      throw invalid(ErrorCode.INVALID_REQUEST, field, "must be in [0, 2^127) base units, got " + shorten(text));
    }
    return value;
  }

  /** A signed balance (an off-chain delta): an int128. */
  static BigInteger delta(String field, String text) {
    BigInteger value = integer(field, text, ErrorCode.AMOUNT_OUT_OF_RANGE);
    if (value.bitLength() > 127) {
      throw invalid(ErrorCode.AMOUNT_OUT_OF_RANGE, field, "must be in [-2^127, 2^127), got " + shorten(text));
    }
    return value;
  }

  /** An account nonce a settlement signs: in [1, 2^127), the range hubd stores and submits. */
  static BigInteger accountNonce(String field, String text) {
    BigInteger value = integer(field, text, ErrorCode.INVALID_REQUEST);
    if (value.signum() <= 0 || value.bitLength() > 127) {
      throw invalid(ErrorCode.INVALID_REQUEST, field, "must be in [1, 2^127), got " + shorten(text));
    }
    return value;
  }

  /** A request nonce: a uint256 above zero. */
  static BigInteger nonce(String field, String text) {
    BigInteger value = integer(field, text, ErrorCode.INVALID_REQUEST);
    if (value.signum() <= 0 || value.bitLength() > 256) {
      throw invalid(ErrorCode.INVALID_REQUEST, field, "must be in [1, 2^256), got " + shorten(text));
    }
    return value;
  }

  static ApiException malformed(String field, String message) {
    return new ApiException(ErrorCode.MALFORMED_REQUEST, field + " " + message, Map.of("field", field));
  }

  static ApiException invalid(ErrorCode code, String field, String message) {
    return new ApiException(code, field + " " + message, Map.of("field", field));
  }

  /**
   * Decimal digits with an optional leading minus (a negative value is well-formed, and out of range where values
   * must be positive); anything else (fractions, exponents, {@code 0x}, spaces) is malformed. Over-long numbers are
   * out of range without being parsed.
   */
  private static BigInteger integer(String field, String text, ErrorCode outOfRange) {
    boolean negative = text.startsWith("-");
    String digits = negative ? text.substring(1) : text;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw malformed(field, "must be a string of decimal digits (whole base units)");
    }
    if (digits.length() > MAX_DIGITS) {
      throw invalid(outOfRange, field, "has more than " + MAX_DIGITS + " digits");
    }
    BigInteger value = new BigInteger(digits);
    return negative ? value.negate() : value;
  }

  /**
   * {@code text} with an upper-case {@code 0X} prefix written {@code 0x}: some wallets write it so, and the hex
   * parsers behind entity ids and signatures know only the lower-case one.
   */
  private static String lowerCasePrefix(String text) {
    return text.startsWith("0X") ? "0x" + text.substring(2) : text;
  }

  private static boolean isHex(String text, int digits) {
    if (text == null || text.length() != digits + 2 || !(text.startsWith("0x") || text.startsWith("0X"))) {
      return false;
    }
    for (int i = 2; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f') && (c < 'A' || c > 'F')) {
        return false;
      }
    }
    return true;
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
