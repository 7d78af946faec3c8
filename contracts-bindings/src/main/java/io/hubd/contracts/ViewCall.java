package io.hubd.contracts;

import java.util.List;
import java.util.Objects;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;

/**
 * A read-only contract call: the {@code eth_call} data and how to turn the returned hex into a Java value.
 * Immutable; how the call reaches a node is the caller's business.
 */
public final class ViewCall<T> {
  private final Function function;
  private final java.util.function.Function<List<Type<?>>, T> decoder;

  ViewCall(Function function, java.util.function.Function<List<Type<?>>, T> decoder) {
    this.function = Objects.requireNonNull(function, "function == null");
    this.decoder = Objects.requireNonNull(decoder, "decoder == null");
  }

  public String name() {
    return function.getName();
  }

  public String data() {
    return FunctionEncoder.encode(function);
  }

  /** Decodes the hex an {@code eth_call} returned; throws when it is empty (no contract at the address). */
  @SuppressWarnings("unchecked") // web3j decodes into a raw List<Type>: every element is a Type<?>
  public T decode(String returned) {
    List<?> values = FunctionReturnDecoder.decode(returned, function.getOutputParameters());
    if (values.isEmpty() && !function.getOutputParameters().isEmpty()) {
      throw new IllegalStateException(function.getName() + " returned no data: is a contract deployed there?");
    }
    return decoder.apply((List<Type<?>>) values);
  }
}
