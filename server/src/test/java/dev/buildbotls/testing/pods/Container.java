package dev.buildbotls.testing.pods;

import dev.buildbotls.testing.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One running container: its command as PID 1 of its own mount, UTS and PID namespaces, chrooted
 * into its image's root with its volumes mounted, as its user, in its working directory, with
 * exactly its environment. Output goes to a log file, as `kubectl logs` would show it.
 */
final class Container {
  /** What a container runs: resolved command, environment, user and mounts. */
  record Spec(String name, Image image, List<String> command, Map<String, String> env, int uid, int gid,
      String groups, String workingDir, boolean readOnlyRoot, List<String> mounts) {}

  final Spec spec;
  final Path log;
  private final Process process;
  private final long initPid;

  private Container(Spec spec, Path log, Process process, long initPid) {
    this.spec = spec;
    this.log = log;
    this.process = process;
    this.initPid = initPid;
  }

  static Container start(Spec spec, Path podDir, String hostname) throws IOException, InterruptedException {
    Path mounts = podDir.resolve(spec.name + ".mounts");
    Files.write(mounts, spec.mounts, StandardCharsets.UTF_8);
    Path log = podDir.resolve(spec.name + ".log");
    List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--uts", "--pid", "--fork", "--kill-child",
        "/bin/sh", Repo.root().resolve("server/src/test/resources/pods/container.sh").toString(),
        spec.image.root().toString(), mounts.toString(), hostname, Integer.toString(spec.uid), Integer.toString(spec.gid),
        spec.groups, spec.workingDir, spec.readOnlyRoot ? "ro" : "rw"));
    command.addAll(spec.command);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(spec.env);
    Process process = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Optional<ProcessHandle> init = Optional.empty();
    while (init.isEmpty() && process.isAlive() && System.nanoTime() < deadline) {
      init = process.children().findFirst();
      if (init.isEmpty()) {
        Thread.sleep(20);
      }
    }
    return new Container(spec, log, process, init.map(ProcessHandle::pid).orElse(-1L));
  }

  boolean running() {
    return process.isAlive();
  }

  /** The exit code of a container that ended. */
  int exitCode() {
    return process.exitValue();
  }

  /** Waits for the container to end; its exit code, or empty on time-out. */
  Optional<Integer> await(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
  }

  /** Runs a command inside the running container (a preStop exec hook), its output in the log: its exit code. */
  int exec(List<String> command, long seconds) throws IOException, InterruptedException {
    return exec(command, seconds, ProcessBuilder.Redirect.appendTo(log.toFile()));
  }

  /** An exec probe: the command inside the running container, its output discarded (the kubelet keeps it out of the log). */
  int probe(List<String> command, long seconds) throws IOException, InterruptedException {
    return exec(command, seconds, ProcessBuilder.Redirect.DISCARD);
  }

  private int exec(List<String> command, long seconds, ProcessBuilder.Redirect output) throws IOException, InterruptedException {
    List<String> nsenter = new ArrayList<>(List.of("nsenter", "--target", Long.toString(initPid), "--mount", "--uts", "--pid",
        "--root", "--wd", "--setuid", Integer.toString(spec.uid), "--setgid", Integer.toString(spec.gid), "--"));
    nsenter.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(nsenter).redirectErrorStream(true).redirectOutput(output);
    pb.environment().clear();
    pb.environment().putAll(spec.env);
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  /** SIGTERM to the container's PID 1, as the kubelet sends it after the preStop hook. */
  void terminate() {
    ProcessHandle.of(initPid).ifPresent(ProcessHandle::destroy);
  }

  /** SIGKILL to every process of the container (its PID namespace dies with its PID 1). */
  void kill() throws InterruptedException {
    ProcessHandle.of(initPid).ifPresent(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
