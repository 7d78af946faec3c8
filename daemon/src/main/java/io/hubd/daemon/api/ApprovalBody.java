package io.hubd.daemon.api;

import io.hubd.contracts.Signature;
import java.util.Objects;
import java.util.Set;

/** {@code POST /v1/proposals/{id}/approval}: {@code {signature}}, the user's EIP-712 signature over the proposal. */
record ApprovalBody(Signature signature) {
  private static final Set<String> MEMBERS = Set.of("signature");

  ApprovalBody {
    Objects.requireNonNull(signature, "signature == null");
  }

  static ApprovalBody parse(Fields body) {
    return new ApprovalBody(body.allowOnly(MEMBERS).signature("signature"));
  }
}
