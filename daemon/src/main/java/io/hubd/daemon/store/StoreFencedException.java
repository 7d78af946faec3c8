package io.hubd.daemon.store;

/**
 * The database refused a write because this instance no longer holds the HA lease (its epoch is stale), or the
 * connection that carried its epoch dropped. Nothing this instance writes will be accepted again.
 */
public final class StoreFencedException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreFencedException(String message, Throwable cause) {
    super(message, cause);
  }
}
