package dev.rehearse.voice.provider;

/**
 * A transcription or speech provider gave nothing usable. The {@link Reason} says why, so a caller
 * can tell a provider that is down from input it refused; the message names the provider and never
 * holds an API key or the provider's reply text.
 */
public final class ProviderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a provider failed. */
  public enum Reason {
    /** No reply (or no exit, for a local program) within the timeout. */
    TIMEOUT,
    /** HTTP 429, twice. */
    RATE_LIMITED,
    /** HTTP 5xx, twice. */
    SERVER_ERROR,
    /** Another status than 200 (a bad key, a refused request): not retried. */
    REJECTED,
    /**
     * A 200 whose body is not of the provider's documented shape, too long, or not a usable WAV.
     */
    MALFORMED_REPLY,
    /** The connection failed. */
    NETWORK,
    /** The circuit breaker is open: the provider was not called. */
    CIRCUIT_OPEN,
    /** The provider cannot do this request (a language or voice it does not have). */
    UNSUPPORTED,
    /** A local program exited with an error or printed what cannot be read. */
    PROCESS_FAILED,
    /** A local program or its model is not installed. */
    NOT_INSTALLED
  }

  private final String provider;
  private final Reason reason;

  public ProviderException(String provider, Reason reason, String detail) {
    super(provider + ": " + reason + ": " + detail, null, false, false);
    this.provider = provider;
    this.reason = reason;
  }

  /**
   * The provider's name: {@code groq}, {@code openai}, {@code pocketsphinx}, {@code cartesia}, …
   */
  public String provider() {
    return provider;
  }

  public Reason reason() {
    return reason;
  }
}
