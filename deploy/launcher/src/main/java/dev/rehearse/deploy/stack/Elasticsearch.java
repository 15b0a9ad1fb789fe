package dev.rehearse.deploy.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The local Elasticsearch node, from the Maven Central zip. Elasticsearch refuses to run as root:
 * when the launcher is root, the node runs as an unprivileged user ({@code REHEARSE_ES_USER}), and
 * its home, configuration, data and logs live where that user can reach them.
 */
final class Elasticsearch {

  private final StackConfig config;
  private final Artifacts artifacts;
  private final boolean root;

  Elasticsearch(StackConfig config, Artifacts artifacts) {
    this.config = config;
    this.artifacts = artifacts;
    this.root = "root".equals(System.getProperty("user.name"));
  }

  ServiceSpec service() throws IOException, InterruptedException {
    Path base = baseDir();
    Path home = unpack(base.resolve("home"));
    Path conf = base.resolve("config");
    copyConfig(home.resolve("config"), conf);
    Configs.write(
        conf.resolve("elasticsearch.yml"),
        String.join(
            "\n",
            "cluster.name: rehearse",
            "node.name: rehearse-1",
            "network.host: 127.0.0.1",
            "http.port: " + config.ports().elasticsearch(),
            "transport.port: " + config.ports().elasticsearchTransport(),
            "discovery.type: single-node",
            "xpack.security.enabled: false",
            "path.data: " + Configs.dir(base.resolve("data")),
            "path.logs: " + Configs.dir(base.resolve("logs")),
            "cluster.routing.allocation.disk.threshold_enabled: false",
            ""));
    Path tmp = Configs.dir(base.resolve("tmp"));
    List<String> privileges = List.of();
    if (root) {
      String user = config.esUser();
      String uid = run("id", "-u", user);
      String gid = run("id", "-g", user);
      run(
          "chown",
          "-R",
          uid + ":" + gid,
          conf.toString(),
          base.resolve("data").toString(),
          base.resolve("logs").toString(),
          tmp.toString());
      privileges = List.of("--reuid=" + uid, "--regid=" + gid, "--clear-groups");
    }
    int heap = config.heaps().elasticsearch();
    Map<String, String> env =
        Map.of(
            "ES_JAVA_HOME",
            System.getProperty("java.home"),
            "ES_PATH_CONF",
            conf.toString(),
            "ES_TMPDIR",
            tmp.toString(),
            // the idle options of every JVM of the stack (Jobs#IDLE_JVM_OPTIONS): in the node and
            // in the command-line launcher that stays beside it. The node runs G1, whose service
            // thread samples the young generation's remembered sets every 300 ms to revise the
            // young generation's size between collections; every 10 s is enough for a node that
            // collects often under load and seldom when idle (JDK 17's flag; later JDKs dropped it)
            "ES_JAVA_OPTS",
            "-Xms"
                + heap
                + "m -Xmx"
                + heap
                + "m -XX:G1ConcRefinementServiceIntervalMillis=10000 "
                + String.join(" ", Jobs.IDLE_JVM_OPTIONS),
            "CLI_JAVA_OPTS",
            String.join(" ", Jobs.IDLE_JVM_OPTIONS));
    return new ServiceSpec(
        "elasticsearch",
        privileges,
        List.of(home.resolve("bin/elasticsearch").toString()),
        env,
        base,
        config.logDir().resolve("elasticsearch.log"));
  }

  /**
   * The node's directory: under the data directory when the node's user can reach it, else under
   * {@code /var/tmp} (for example when the checkout lives in a private home directory).
   */
  private Path baseDir() throws IOException {
    Path preferred = config.dataDir().resolve("elasticsearch");
    if (!root || reachableByOthers(config.dataDir())) {
      return Configs.dir(preferred);
    }
    String hash;
    try {
      hash =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(config.dataDir().toString().getBytes(StandardCharsets.UTF_8)))
              .substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Path fallback = Path.of("/var/tmp", "rehearse-es-" + hash);
    Files.createDirectories(fallback);
    Files.setPosixFilePermissions(fallback, PosixFilePermissions.fromString("rwxr-xr-x"));
    return fallback;
  }

  private static boolean reachableByOthers(Path dir) throws IOException {
    for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p)
          && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return false;
      }
    }
    return true;
  }

  /** Unpacks the distribution once; readable by everyone, scripts executable. */
  private Path unpack(Path target) throws IOException {
    Path home = target.resolve("elasticsearch-" + Artifacts.ELASTICSEARCH_VERSION);
    Path done = target.resolve(".unpacked");
    if (Files.exists(done)) {
      return home;
    }
    Files.createDirectories(target);
    try (ZipInputStream zip =
        new ZipInputStream(Files.newInputStream(artifacts.elasticsearchZip()))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) {
          throw new IOException("unsafe path in the Elasticsearch zip: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    try (Stream<Path> all = Files.walk(target)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        boolean executable =
            Files.isDirectory(p) || p.getParent().getFileName().toString().equals("bin");
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
    Files.createFile(done);
    return home;
  }

  /** A writable copy of the distribution's configuration (the node writes its keystore there). */
  private static void copyConfig(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path out = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(out);
        } else if (!Files.exists(out)) {
          Files.copy(p, out);
        }
      }
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
