package dev.rehearse.voice.provider;

import java.util.List;
import java.util.stream.Collectors;

/** Every provider of a fallback chain failed; {@link #failures()} says how, in the order tried. */
public final class ProvidersFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<ProviderException> failures;

  public ProvidersFailedException(String what, List<ProviderException> failures) {
    super(
        what
            + " failed with every provider: "
            + failures.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")),
        null,
        false,
        false);
    this.failures = List.copyOf(failures);
  }

  public List<ProviderException> failures() {
    return failures;
  }
}
