package dev.rehearse.kafka;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings of every Kafka client of Rehearse, by use: producers, group-less readers, group
 * consumers and the admin client. They carry no (de)serializers: a plain client gets them as
 * constructor arguments ({@link TopicSerdes}), and Flink's Kafka source and sink bring their own.
 * Each call returns a new {@link Properties} the caller may own.
 */
public final class KafkaSettings {

  /**
   * How long the broker may hold a fetch of a long-lived reader or consumer while no data is there.
   * With {@code fetch.min.bytes=1} (the default) the broker answers a held fetch as soon as a
   * record is appended, so the wait adds no latency; it only sets how often an idle client fetches
   * (the default 500 ms: twice a second per client, which was much of the idle stack's CPU). It
   * stays well below {@code request.timeout.ms} (30 s).
   */
  static final String IDLE_FETCH_WAIT_MS = "5000";

  /**
   * How long the API's producer tries to deliver a record before it fails it: a request waits for
   * the acknowledgement, and a client should hear a 503 well before it gives up on the request. The
   * API waits a little longer than this, so a record it answered 503 for was failed by the producer
   * and is not delivered later.
   */
  public static final Duration REQUEST_DELIVERY_TIMEOUT = Duration.ofSeconds(5);

  /**
   * How long the interview job's producer waits to send a record with others. An answer's events
   * (its analysis, the next question, on the events and the replies topics) then go in one produce
   * request, and under load those of several answers: at 200 answers a second the broker used
   * 10–30% less CPU per answer than with no wait (bench/README), for at most this much more latency
   * on each reply.
   */
  public static final int STREAM_LINGER_MS = 5;

  private KafkaSettings() {}

  /**
   * A durable producer: {@code acks=all} and idempotence, so a send that succeeded is on every
   * in-sync replica, once and in order (Kafka's defaults too, spelled out because the contract
   * rests on them).
   */
  public static Properties producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return p;
  }

  /**
   * The API's producer: a durable one that sends each record at once and gives up within bounded
   * times, because an HTTP request waits for the acknowledgement.
   */
  public static Properties requestProducer(String bootstrap) {
    Properties p = producer(bootstrap);
    // a request waits for this one record: nothing to batch it with
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    // the API answers 503 rather than hold a request for the default two minutes while the broker
    // is away; the delivery timeout must cover linger.ms plus request.timeout.ms
    p.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        String.valueOf(REQUEST_DELIVERY_TIMEOUT.toMillis()));
    p.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        String.valueOf(REQUEST_DELIVERY_TIMEOUT.toMillis() - 1000));
    // nor block a request thread for a minute on metadata or a full buffer
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(REQUEST_DELIVERY_TIMEOUT.toMillis()));
    return p;
  }

  /**
   * The interview job's event producer (Flink's Kafka sink): a durable one that waits up to {@link
   * #STREAM_LINGER_MS} for more records to send with each one.
   */
  public static Properties streamProducer(String bootstrap) {
    Properties p = producer(bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(STREAM_LINGER_MS));
    return p;
  }

  /**
   * A reader without a consumer group: it assigns itself partitions and positions itself, and
   * commits nothing.
   */
  public static Properties reader(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return p;
  }

  /**
   * The API's reader of live replies and views: a {@link #reader} that follows its topics for as
   * long as the API runs, so an idle fetch waits {@link #IDLE_FETCH_WAIT_MS} on the broker.
   */
  public static Properties liveReader(String bootstrap) {
    Properties p = reader(bootstrap);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, IDLE_FETCH_WAIT_MS);
    return p;
  }

  /** A {@link #reader} that sees only committed records: rebuilding state from a log. */
  public static Properties committedReader(String bootstrap) {
    Properties p = reader(bootstrap);
    // a rebuild must never see records of a transaction that is later aborted
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return p;
  }

  /**
   * A member of consumer group {@code group} that commits its offsets itself, after its work is
   * done. Flink's Kafka source takes these too: it sets its own offsets reset and deserializers. A
   * consumer follows its topics for as long as its service runs, so an idle fetch waits {@link
   * #IDLE_FETCH_WAIT_MS} on the broker.
   */
  public static Properties consumer(String bootstrap, String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, IDLE_FETCH_WAIT_MS);
    return p;
  }

  /**
   * A {@link #consumer} of work items that each take long: one record per poll, up to {@code
   * maxWork} between polls before the group gives the partition to another member, and from the
   * earliest record when the group has committed nothing yet.
   */
  public static Properties workConsumer(String bootstrap, String group, Duration maxWork) {
    Properties p = consumer(bootstrap, group);
    // a request sent before the first start of the group is still run
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // an item is run to its end and committed before the next is taken
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
    // an item may run for a long time between polls
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, String.valueOf(maxWork.toMillis()));
    return p;
  }

  /** The launcher's admin client: it fails fast while the broker is still starting. */
  public static Properties admin(String bootstrap) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    // the launcher retries itself until the broker is up; each attempt is short
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    return p;
  }
}
