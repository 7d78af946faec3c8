package io.hubd.daemon.mirror;

/**
 * The node's answers within one poll do not fit together (a log's block hash differs from the header's, headers do
 * not chain): a reorganisation is under way or endpoints disagree. Nothing is committed; the next poll retries.
 */
final class ChainViewChanged extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ChainViewChanged(String message) {
    super(message);
  }
}
