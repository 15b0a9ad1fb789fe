package dev.rehearse.research;

import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A reply body as bytes, read up to a limit: past it, reading stops and the body fails with {@link
 * TooLong}, so a hostile or broken provider cannot fill the heap.
 */
final class BoundedBody implements BodySubscriber<byte[]> {

  /** A reply longer than the limit. */
  static final class TooLong extends IOException {
    private static final long serialVersionUID = 1L;

    TooLong(long limit) {
      super("the reply is longer than " + limit + " bytes");
    }
  }

  private final BodySubscriber<byte[]> bytes = BodySubscribers.ofByteArray();
  private final long limit;
  private long received;
  private Flow.Subscription subscription;
  private boolean done;

  BoundedBody(long limit) {
    this.limit = limit;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return bytes.getBody();
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    bytes.onSubscribe(subscription);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (done) {
      return;
    }
    for (ByteBuffer item : items) {
      received += item.remaining();
    }
    if (received > limit) {
      done = true;
      subscription.cancel();
      bytes.onError(new TooLong(limit));
      return;
    }
    bytes.onNext(items);
  }

  @Override
  public void onError(Throwable error) {
    if (!done) {
      done = true;
      bytes.onError(error);
    }
  }

  @Override
  public void onComplete() {
    if (!done) {
      done = true;
      bytes.onComplete();
    }
  }
}
