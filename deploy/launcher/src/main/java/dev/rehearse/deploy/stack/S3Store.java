package dev.rehearse.deploy.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The local S3-compatible object store: s3proxy over the file system, in its own JVM. */
final class S3Store {

  private S3Store() {}

  static ServiceSpec service(StackConfig config, Artifacts artifacts) throws IOException {
    Path dir = Configs.dir(config.dataDir().resolve("s3"));
    Path objects = Configs.dir(dir.resolve("objects"));
    Path props =
        Configs.write(
            dir.resolve("s3proxy.properties"),
            String.join(
                "\n",
                "s3proxy.endpoint=http://127.0.0.1:" + config.ports().s3(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + config.s3AccessKey(),
                "s3proxy.credential=" + config.s3SecretKey(),
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + objects,
                ""));
    List<String> cmd = Jobs.jvm(config.heaps().s3());
    cmd.addAll(
        List.of("-jar", artifacts.s3proxyJar().toString(), "--properties", props.toString()));
    return new ServiceSpec("s3", List.of(), cmd, Map.of(), dir, config.logDir().resolve("s3.log"));
  }
}
