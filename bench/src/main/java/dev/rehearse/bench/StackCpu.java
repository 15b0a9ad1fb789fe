package dev.rehearse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time of a running stack's services, read from {@code /proc}: each service is the process
 * recorded in the data directory's {@code stack.pids} and its descendants (Elasticsearch runs under
 * {@code setpriv}, for instance); the launcher counts alone, as its services have lines of their
 * own. Figures are in clock ticks (user + system time of every thread).
 */
final class StackCpu {

  /** Linux's USER_HZ on the platforms the stack runs on; {@code getconf CLK_TCK} tells. */
  static final int TICKS_PER_SECOND = 100;

  private static final String LAUNCHER = "launcher";

  /** One recorded service: its name in {@code stack.pids} and the pid of its process. */
  record Service(String name, long pid) {}

  private final List<Service> services;

  private StackCpu(List<Service> services) {
    this.services = List.copyOf(services);
  }

  /** The services recorded in {@code pidsFile}; empty when there is no such file. */
  static Optional<StackCpu> of(Path pidsFile) throws IOException {
    if (!Files.isRegularFile(pidsFile)) {
      return Optional.empty();
    }
    return Optional.of(new StackCpu(services(Files.readAllLines(pidsFile))));
  }

  /** The lines of {@code stack.pids} that name a process ({@code name pid [started]}). */
  static List<Service> services(List<String> lines) {
    List<Service> out = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 2 && f[1].matches("\\d+")) {
        out.add(new Service(f[0], Long.parseLong(f[1])));
      }
    }
    return out;
  }

  /** User plus system ticks from one {@code /proc/PID/stat} line (the command may hold spaces). */
  static long ticks(String statLine) {
    String[] f = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
    // after the command: state is field 3 of the line, utime 14 and stime 15
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** Each service's ticks now, in the order of {@code stack.pids}; a gone process counts 0. */
  Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Service s : services) {
      List<Long> pids = s.name().equals(LAUNCHER) ? List.of(s.pid()) : tree(s.pid());
      out.merge(s.name(), pids.stream().mapToLong(StackCpu::processTicks).sum(), Long::sum);
    }
    return out;
  }

  /** Ticks this JVM has used. */
  static long selfTicks() {
    return processTicks(ProcessHandle.current().pid());
  }

  private static long processTicks(long pid) {
    try {
      return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  private static List<Long> tree(long pid) {
    List<Long> out = new ArrayList<>();
    out.add(pid);
    ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> out.add(d.pid())));
    return out;
  }
}
