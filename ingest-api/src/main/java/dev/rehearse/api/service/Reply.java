package dev.rehearse.api.service;

/**
 * What a use case answers: an HTTP status and the JSON body, a record of the reply families ({@link
 * SessionReplies}, {@link CohortReplies}…); no body (null) for 204.
 */
public record Reply<T>(int status, T body) {

  /** 204: done, nothing to say. */
  public static Reply<Void> noContent() {
    return new Reply<>(204, null);
  }
}
