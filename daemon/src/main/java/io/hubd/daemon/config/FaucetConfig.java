package io.hubd.daemon.config;

/** The HTTP faucet (test networks only): whether it serves; amounts and budgets are per token. */
public record FaucetConfig(boolean enabled) {}
