package dev.rehearse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.stream.functions.Enriched;
import dev.rehearse.stream.functions.Traced;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.apache.flink.streaming.runtime.partitioner.KeyGroupStreamPartitioner;
import org.apache.flink.streaming.runtime.partitioner.StreamPartitioner;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class InterviewJobTest {

  private static final StreamJobsConfig CONFIG = StreamJobsConfig.fromEnv(Map.of());

  @Test
  void onALocalClusterAtParallelismOneCommandsReachTheStateMachineWithoutAShuffle() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);

    assertThat(intoStateMachine(env)).isInstanceOf(ForwardPartitioner.class);
  }

  @Test
  void atAHigherParallelismCommandsArePartitionedBySession() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);

    assertThat(intoStateMachine(env)).isInstanceOf(KeyGroupStreamPartitioner.class);
  }

  @Test
  void onAClusterCommandsArePartitionedBySessionAtAnyParallelism() {
    Configuration remote = new Configuration();
    remote.set(DeploymentOptions.TARGET, "remote");
    StreamExecutionEnvironment env = new StreamExecutionEnvironment(remote);
    env.setParallelism(1);

    assertThat(intoStateMachine(env)).isInstanceOf(KeyGroupStreamPartitioner.class);
  }

  @Test
  void theLocalParallelismAppliesToALocalClusterOnly() {
    // built as StreamJobsMain builds it
    StreamExecutionEnvironment local =
        StreamExecutionEnvironment.getExecutionEnvironment(
            StreamJobsMain.flinkConfiguration(CONFIG));
    local.setParallelism(2);
    StreamJobsMain.setLocalParallelism(local, CONFIG);

    Configuration remote = new Configuration();
    remote.set(DeploymentOptions.TARGET, "remote");
    StreamExecutionEnvironment cluster = new StreamExecutionEnvironment(remote);
    cluster.setParallelism(4);
    StreamJobsMain.setLocalParallelism(cluster, CONFIG);

    assertThat(local.getParallelism()).isEqualTo(1);
    assertThat(cluster.getParallelism()).as("the cluster's own").isEqualTo(4);
  }

  @Test
  void theLocalParallelismIsOneUnlessSetAndMustBePositive() {
    assertThat(CONFIG.localParallelism()).isEqualTo(1);
    assertThat(
            StreamJobsConfig.fromEnv(Map.of("REHEARSE_FLINK_PARALLELISM", "2")).localParallelism())
        .isEqualTo(2);
    assertThatThrownBy(() -> StreamJobsConfig.fromEnv(Map.of("REHEARSE_FLINK_PARALLELISM", "0")))
        .hasMessageContaining("REHEARSE_FLINK_PARALLELISM");
    assertThatThrownBy(() -> StreamJobsConfig.fromEnv(Map.of("REHEARSE_FLINK_PARALLELISM", "two")))
        .hasMessageContaining("REHEARSE_FLINK_PARALLELISM");
  }

  /** The partitioner of the edge into a state machine keyed by {@link InterviewJob#bySession}. */
  private static StreamPartitioner<?> intoStateMachine(StreamExecutionEnvironment env) {
    DataStream<Enriched> commands =
        env.fromSource(
                StreamJobsMain.commandSource(CONFIG), WatermarkStrategy.noWatermarks(), "commands")
            .map((Traced<SessionCommand> c) -> Enriched.bare(c))
            .returns(TypeInformation.of(Enriched.class));
    InterviewJob.bySession(env, commands)
        .process(
            new KeyedProcessFunction<String, Enriched, String>() {
              @Override
              public void processElement(Enriched e, Context ctx, Collector<String> out) {}
            })
        .name("state-machine");
    StreamGraph graph = env.getStreamGraph();
    StreamNode machine =
        graph.getStreamNodes().stream()
            .filter(n -> n.getOperatorName().contains("state-machine"))
            .findFirst()
            .orElseThrow();
    StreamEdge in = machine.getInEdges().get(0);
    return in.getPartitioner();
  }
}
