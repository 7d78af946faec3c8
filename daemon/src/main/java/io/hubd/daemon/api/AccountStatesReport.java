package io.hubd.daemon.api;

import io.hubd.contracts.Batch;
import io.hubd.daemon.watch.StateDesk;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/account-states}: the hub runtime's co-signed account states, {@code {states: [{counterparty,
 * nonce, deltas: [{tokenId, offdelta}], signature}]}}, at most {@code max} per report. Parsing checks shapes and
 * ranges only; signatures, tokens and nonces are the desk's to judge.
 */
record AccountStatesReport(List<StateDesk.Offered> states) {
  private static final Set<String> MEMBERS = Set.of("states");
  private static final Set<String> STATE_MEMBERS = Set.of("counterparty", "nonce", "deltas", "signature");
  private static final Set<String> DELTA_MEMBERS = Set.of("tokenId", "offdelta");

  AccountStatesReport {
    states = List.copyOf(states);
  }

  static AccountStatesReport parse(Fields body, int max) {
    body.allowOnly(MEMBERS);
    return new AccountStatesReport(body.objects("states", max).stream().map(AccountStatesReport::state).toList());
  }

  private static StateDesk.Offered state(Fields s) {
    s.allowOnly(STATE_MEMBERS);
    List<Batch.TokenDelta> deltas = s.objects("deltas", Batch.MAX_STATE_TOKENS).stream()
        .map(d -> new Batch.TokenDelta(d.allowOnly(DELTA_MEMBERS).tokenId("tokenId"), d.delta("offdelta"))).toList();
    return new StateDesk.Offered(s.entity("counterparty"), s.nonce("nonce"), deltas, s.signature("signature"));
  }
}
