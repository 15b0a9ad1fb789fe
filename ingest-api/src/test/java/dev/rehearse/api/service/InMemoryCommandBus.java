package dev.rehearse.api.service;

import dev.rehearse.core.topics.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A command bus that keeps what was published, in order, and hands each record to a listener (a
 * fake interviewer or view). It can be told to refuse, as a broker that is down.
 */
public final class InMemoryCommandBus implements CommandBus {

  /** One published record; a tombstone has no value. */
  public record Sent(String topic, String key, Optional<Object> value) {}

  private final List<Sent> sent = new ArrayList<>();
  private final List<Consumer<Sent>> listeners = new ArrayList<>();
  private boolean down;

  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** The values published to {@code topic}, in order. */
  @SuppressWarnings("unchecked")
  public synchronized <V> List<V> values(Topic<V> topic) {
    return sent.stream()
        .filter(s -> s.topic().equals(topic.name()))
        .flatMap(s -> s.value().stream())
        .map(v -> (V) v)
        .toList();
  }

  public void onSent(Consumer<Sent> listener) {
    listeners.add(listener);
  }

  /** From now on every publish fails as when the broker does not acknowledge. */
  public void goDown() {
    down = true;
  }

  @Override
  public <V> Acknowledged publish(Topic<V> topic, String key, V value) {
    return send(new Sent(topic.name(), key, Optional.of(value)));
  }

  @Override
  public <V> Acknowledged erase(Topic<V> topic, String key) {
    return send(new Sent(topic.name(), key, Optional.empty()));
  }

  private Acknowledged send(Sent record) {
    if (down) {
      throw new Problem(503, "Service unavailable", "not stored", Optional.empty());
    }
    long offset;
    synchronized (this) {
      sent.add(record);
      offset = sent.size() - 1;
    }
    listeners.forEach(l -> l.accept(record));
    return new Acknowledged(record.topic(), 0, offset);
  }
}
