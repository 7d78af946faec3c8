package io.hubd.contracts;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import org.web3j.utils.Numeric;

/**
 * A minimal ABI encoder written from the Solidity ABI specification (head/tail encoding), independent of web3j's
 * encoder, so that tests can check web3j's output against a second implementation.
 */
sealed interface Abi {
  BigInteger TWO_TO_256 = BigInteger.ONE.shiftLeft(256);

  boolean dynamic();

  byte[] encode();

  /** A static 32-byte word: uint, int (two's complement), bytes32, address. */
  record Word(byte[] value) implements Abi {
    public Word {
      if (value.length != 32) {
        throw new IllegalArgumentException("a word is 32 bytes, got " + value.length);
      }
    }

    public boolean dynamic() {
      return false;
    }

    public byte[] encode() {
      return value.clone();
    }
  }

  /** Dynamic {@code bytes}: its length, then the bytes right-padded to a whole number of words. */
  record Bytes(byte[] value) implements Abi {
    public boolean dynamic() {
      return true;
    }

    public byte[] encode() {
      byte[] out = new byte[32 + (value.length + 31) / 32 * 32];
      System.arraycopy(uint(value.length).encode(), 0, out, 0, 32);
      System.arraycopy(value, 0, out, 32, value.length);
      return out;
    }
  }

  /** A struct or an argument list: dynamic when any member is. */
  record Tuple(List<Abi> members) implements Abi {
    public boolean dynamic() {
      return members.stream().anyMatch(Abi::dynamic);
    }

    public byte[] encode() {
      int headSize = members.stream().mapToInt(m -> m.dynamic() ? 32 : m.encode().length).sum();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      ByteArrayOutputStream tail = new ByteArrayOutputStream();
      for (Abi member : members) {
        if (member.dynamic()) {
          head.writeBytes(uint(headSize + tail.size()).encode());
          tail.writeBytes(member.encode());
        } else {
          head.writeBytes(member.encode());
        }
      }
      head.writeBytes(tail.toByteArray());
      return head.toByteArray();
    }
  }

  /** A dynamic array {@code T[]}: its length, then its items encoded as a tuple. */
  record Array(List<Abi> items) implements Abi {
    public boolean dynamic() {
      return true;
    }

    public byte[] encode() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(uint(items.size()).encode());
      out.writeBytes(new Tuple(items).encode());
      return out.toByteArray();
    }
  }

  static Word uint(long value) {
    return uint(BigInteger.valueOf(value));
  }

  static Word uint(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("not a uint256: " + value);
    }
    return new Word(Numeric.toBytesPadded(value, 32));
  }

  static Word int256(BigInteger value) {
    return new Word(Numeric.toBytesPadded(value.signum() < 0 ? TWO_TO_256.add(value) : value, 32));
  }

  static Word bytes32(byte[] value) {
    return new Word(value);
  }

  static Word address(String address) {
    return uint(Numeric.toBigInt(address));
  }

  static Tuple tuple(Abi... members) {
    return new Tuple(List.of(members));
  }

  static Array array(List<? extends Abi> items) {
    return new Array(List.copyOf(items));
  }
}
