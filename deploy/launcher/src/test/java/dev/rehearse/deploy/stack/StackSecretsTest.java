package dev.rehearse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets a data directory keeps (the token key, the analytics salt): made on first start,
 * readable by its owner only, and the same on every later start, so tokens stay valid and analytics
 * pseudonyms stay the same across restarts.
 */
class StackSecretsTest {

  @Test
  void aSecretIsMadeOnceAndKept(@TempDir Path data) throws Exception {
    Path salt = data.resolve("analytics-salt");

    String first = Stack.secret(salt);
    String again = Stack.secret(salt);

    assertThat(first).hasSizeGreaterThanOrEqualTo(64).matches("[A-Za-z0-9_-]+");
    assertThat(again).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(salt)))
        .isEqualTo("rw-------");
    assertThat(Stack.secret(data.resolve("another"))).isNotEqualTo(first);
  }
}
