package io.hubd.daemon.ha;

/** This instance no longer (surely) holds the HA lease: what it was about to do is not done. */
public final class LeaseLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LeaseLostException(String message) {
    super(message);
  }
}
