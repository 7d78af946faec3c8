package io.hubd.daemon.api;

/**
 * Which of the daemon's HTTP listeners a route group is registered on ({@link Endpoint#servedOn}): the only one, or,
 * when {@code http.opsPort} is set, the public one or the ops one.
 */
public enum Listener {
  /** The only listener ({@code http.port}): every endpoint. */
  ALL,
  /** The public listener beside an ops listener: the users' endpoints, {@code /health} and {@code /ready}. */
  PUBLIC,
  /** The ops listener ({@code http.opsPort}): {@code /metrics}, the operator endpoints, the probes. */
  OPS
}
