package dev.rehearse.api.service;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether a request should wait on the broker at all. Once a record could not be delivered because
 * the broker was unreachable, the broker is taken to be away: each later request is refused at
 * once, except one at a time (the probe), which waits on the broker as usual. The first probe that
 * is delivered brings the broker back for everyone.
 *
 * <p>Without it, every request of an outage holds a server thread for the producer's whole delivery
 * timeout before its 503: at 100 answers a second that is hundreds of held threads, the server's
 * pool runs out, and requests queue behind it until their clients give up (a hang, not a 503).
 */
final class BrokerGate {

  private volatile boolean away;
  private final AtomicBoolean probing = new AtomicBoolean();

  /** What a request may do now. */
  enum Pass {
    /** The broker is there: send and wait. */
    SEND,
    /** The broker is away and this request is its probe: send and wait, then report. */
    PROBE,
    /** The broker is away and another request probes it: refuse at once. */
    REFUSE
  }

  Pass enter() {
    if (!away) {
      return Pass.SEND;
    }
    return probing.compareAndSet(false, true) ? Pass.PROBE : Pass.REFUSE;
  }

  /**
   * A record was delivered: the broker is there.
   *
   * @return whether this brought the broker back
   */
  boolean delivered() {
    boolean back = away;
    away = false;
    return back;
  }

  /**
   * A record was not delivered because the broker could not be reached: it is away.
   *
   * @return whether the broker was taken to be there until now
   */
  boolean unreachable() {
    boolean gone = !away;
    away = true;
    return gone;
  }

  /** A request that passed with {@code pass} is over, whatever came of it (always called). */
  void leave(Pass pass) {
    if (pass == Pass.PROBE) {
      probing.set(false);
    }
  }

  boolean away() {
    return away;
  }
}
