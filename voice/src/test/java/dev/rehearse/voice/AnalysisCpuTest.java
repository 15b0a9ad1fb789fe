package dev.rehearse.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CPU one analysis costs, per minute of audio. */
class AnalysisCpuTest {

  private static final int RUNS = 10;

  @TempDir Path dir;

  @Test
  void analysingAMinuteOfSpeechTakesWellUnderASecondOfCpu() {
    byte[] wav =
        new Espeak(dir).speak(Espeak.PARAGRAPH + " " + Espeak.PARAGRAPH, 125); // about a minute
    double minutes = WavDecoder.decode(wav).durationMs() / 60_000.0;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    try (AudioAnalyzer analyzer = AudioAnalyzer.create()) {
      for (int i = 0; i < 3; i++) {
        analyzer.analyze(wav); // warm-up: JIT and ONNX Runtime's first runs
      }
      long thread0 = threads.getCurrentThreadCpuTime();
      long process0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      for (int i = 0; i < RUNS; i++) {
        analyzer.analyze(wav);
      }
      double threadSecondsPerMinute =
          (threads.getCurrentThreadCpuTime() - thread0) / 1e9 / RUNS / minutes;
      double processSecondsPerMinute = (os.getProcessCpuTime() - process0) / 1e9 / RUNS / minutes;
      double wallSecondsPerMinute = (System.nanoTime() - wall0) / 1e9 / RUNS / minutes;
      System.out.printf(
          "%nanalyze(): %.2f min of audio, %d runs: %.3f s CPU (calling thread) / %.3f s CPU"
              + " (whole JVM) / %.3f s wall per minute of audio%n",
          minutes, RUNS, threadSecondsPerMinute, processSecondsPerMinute, wallSecondsPerMinute);

      assertThat(minutes).isBetween(0.8, 1.3);
      // the target is well under a second; the bound leaves room for a loaded machine
      assertThat(threadSecondsPerMinute).isLessThan(1.0);
    }
  }
}
