package dev.buildbotls.testing.pods;

import dev.buildbotls.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A git repository served over ssh on loopback by Debian's OpenSSH server, as a private farm's
 * repository is: key login only (the client key is generated per test and reaches the chart as a
 * Secret), the forced command git-shell, so the key can fetch and nothing else.
 */
public final class SshGitServer implements AutoCloseable {
  private final Process sshd;
  private final Path served;
  private final int port;
  private final String privateKey;
  private final String knownHosts;

  /** Serves the bare repositories under {@code served}; its files (keys, config, log) live in {@code dir}. */
  public SshGitServer(Path dir, Path served) throws IOException, InterruptedException {
    this.served = served;
    Files.createDirectories(dir);
    port = Processes.freePort();
    Processes.run(dir, Map.of(), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "host", "-f", "host");
    Processes.run(dir, Map.of(), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "deploy", "-f", "deploy");
    privateKey = Files.readString(dir.resolve("deploy"));
    Files.writeString(dir.resolve("authorized_keys"),
        "restrict,command=\"git-shell -c \\\"$SSH_ORIGINAL_COMMAND\\\"\" " + Files.readString(dir.resolve("deploy.pub")));
    String[] hostKey = Files.readString(dir.resolve("host.pub")).trim().split(" ");
    knownHosts = "[127.0.0.1]:" + port + " " + hostKey[0] + " " + hostKey[1] + "\n";
    Files.writeString(dir.resolve("sshd_config"), String.join("\n",
        "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("host"),
        "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PidFile " + dir.resolve("sshd.pid"),
        // the test's directories are below /tmp, which StrictModes refuses for root's keys
        "StrictModes no", "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no",
        "PermitRootLogin prohibit-password", "AllowUsers root", ""));
    Files.createDirectories(Path.of("/run/sshd")); // the privilege separation directory Debian's service makes
    Path log = dir.resolve("sshd.log");
    sshd = Processes.start(dir, Map.of(), log, List.of("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString()));
    Processes.await("sshd listening", 30, log, () -> Pod.connects(port));
  }

  /** The URL a builder names: ssh://root@127.0.0.1:PORT/<absolute path of the bare repository>. */
  public String url(String repository) {
    return "ssh://root@127.0.0.1:" + port + served.resolve(repository);
  }

  /** The client's private key, what the user puts into the Secret. */
  public String privateKey() {
    return privateKey;
  }

  /** The known_hosts line of this server, what the user puts into ssh.knownHosts. */
  public String knownHosts() {
    return knownHosts;
  }

  @Override
  public void close() throws InterruptedException {
    Processes.stop(sshd);
  }
}
