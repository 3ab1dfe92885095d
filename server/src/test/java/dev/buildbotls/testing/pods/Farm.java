package dev.buildbotls.testing.pods;

import dev.buildbotls.testing.Postgres;
import dev.buildbotls.testing.Processes;
import dev.buildbotls.testing.Rendered;
import dev.buildbotls.testing.Repo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A release of the chart running in a {@link Cluster}, with what stands around it: the test
 * PostgreSQL and WAMP router on the bundled database's and router's Service addresses (adaptation
 * 4), and a git repository served by `git daemon` on loopback, which the builders poll. Stops
 * everything it started on close, also after a failure.
 */
public final class Farm implements AutoCloseable {
  public static final String DB_PASSWORD = "db-It-Pass";

  public final String release;
  private final Path dir;
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final Path work;
  private final Path served;
  private final String repositoryUrl;
  private Cluster cluster;
  private Postgres postgres;

  /** A git repository whose ci.sh is the build, served on loopback; its first commit exists. */
  public Farm(Path dir, String release) throws Exception {
    this.dir = dir;
    this.release = release;
    served = Files.createDirectories(dir.resolve("git"));
    Path bare = served.resolve("repo.git");
    work = Files.createDirectories(dir.resolve("work"));
    Processes.run(dir, Map.of(), "git", "init", "-q", "--bare", "-b", "main", bare.toString());
    Processes.run(work, Map.of(), "git", "init", "-q", "-b", "main");
    Processes.run(work, Map.of(), "git", "remote", "add", "origin", bare.toString());
    int port = Processes.freePort();
    Path log = dir.resolve("git-daemon.log");
    Process daemon = Processes.start(dir, Map.of(), log, List.of("git", "daemon", "--reuseaddr", "--export-all",
        "--base-path=" + served, "--listen=127.0.0.1", "--port=" + port, served.toString()));
    cleanup.add(() -> Processes.stop(daemon));
    repositoryUrl = "git://127.0.0.1:" + port + "/repo.git";
    // A test run that is killed still stops its servers and containers.
    Thread hook = new Thread(this::close, "farm shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    cleanup.add(() -> {
      if (!Thread.currentThread().equals(hook)) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    });
    commit("first", "echo building $(git rev-parse --short HEAD)\n");
  }

  /** Runs these rendered objects in a new cluster; the database and router Services are stand-ins. */
  public Cluster deploy(Rendered objects) throws IOException {
    cluster = new Cluster(dir.resolve("cluster"), objects, Set.of(release + "-buildbot-database", release + "-buildbot-crossbar"));
    cleanup.add(cluster);
    return cluster;
  }

  /**
   * An install as Helm and the controllers make it: the objects deployed, the Secrets the user made
   * first, the stand-in database and router, the migration Job and the masters' StatefulSets; returns
   * once the Job succeeded and every master is Ready.
   */
  public Cluster install(Rendered objects, java.util.function.Consumer<Cluster> userSecrets, String... masterStatefulSets) throws Exception {
    Cluster installed = deploy(objects);
    userSecrets.accept(installed);
    startDatabase();
    startRouter();
    Pod job = installed.startJob(release + "-buildbot-migrate");
    List<Pod> masters = new ArrayList<>();
    for (String statefulSet : masterStatefulSets) {
      masters.addAll(installed.startStatefulSet(statefulSet));
    }
    if (!"Succeeded".equals(job.awaitEnd(180))) {
      throw new AssertionError("the migration Job did not succeed:\n" + job.describe());
    }
    awaitReady(masters);
    return installed;
  }

  /** Every pod Ready within 120 s, or what `kubectl describe` would say of the first that is not. */
  public static void awaitReady(List<Pod> pods) throws Exception {
    for (Pod pod : pods) {
      try {
        Processes.await(pod.name + " Ready", 120, null, pod::ready);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + pod.describe(), e);
      }
    }
  }

  public Cluster cluster() {
    return cluster;
  }

  public String repositoryUrl() {
    return repositoryUrl;
  }

  /** The same repository served over ssh too (a deploy key, a known host), stopped with the farm. */
  public SshGitServer serveOverSsh() throws Exception {
    SshGitServer ssh = new SshGitServer(dir.resolve("ssh"), served);
    cleanup.add(ssh);
    return ssh;
  }

  /** Commits a new ci.sh (the build's script) and pushes it. */
  public void commit(String message, String script) throws Exception {
    Files.writeString(work.resolve("ci.sh"), "set -e\n" + script);
    Files.writeString(work.resolve("CHANGES"), message + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Map<String, String> who = Map.of("GIT_AUTHOR_NAME", "it", "GIT_AUTHOR_EMAIL", "it@example.org",
        "GIT_COMMITTER_NAME", "it", "GIT_COMMITTER_EMAIL", "it@example.org");
    Processes.run(work, who, "git", "add", "-A");
    Processes.run(work, who, "git", "commit", "-q", "-m", message);
    Processes.run(work, who, "git", "push", "-q", "origin", "main");
  }

  /** The test PostgreSQL on the bundled database Service's address and port, as the chart set it up. */
  public Postgres startDatabase() throws Exception {
    postgres = new Postgres(dir, cluster.address(release + "-buildbot-database"), 5432, "buildbot",
        cluster.secretValue(release + "-buildbot-database", "password"), "buildbot");
    cleanup.add(postgres);
    return postgres;
  }

  /** The test WAMP router on the crossbar Service's address and port. */
  public void startRouter() throws Exception {
    Path routerDir = Repo.root().resolve("server/src/test/wamp-router");
    if (!Files.isDirectory(routerDir.resolve("node_modules/fox-wamp"))) {
      throw new AssertionError("the test WAMP router is not installed: run `npm ci` in " + routerDir + " (scripts/test.sh does)");
    }
    String address = cluster.address(release + "-buildbot-crossbar");
    Path log = dir.resolve("router.log");
    Process router = Processes.start(routerDir, Map.of(), log, List.of("node", "router.js", "8080", address));
    cleanup.add(() -> Processes.stop(router));
    Processes.await("the wamp router", 30, log, () -> Processes.contains(log, "listening on 8080"));
  }

  /** A number from the database, or -1 while it cannot answer. */
  public int count(String query) {
    try {
      return Integer.parseInt(postgres.sql("buildbot", query).trim());
    } catch (Exception | AssertionError e) {
      return -1;
    }
  }

  public String sql(String query) throws Exception {
    return postgres.sql("buildbot", query);
  }

  /**
   * A request to a Service as a client in the cluster would send it (its address, its port), with
   * the client's cookies (a signed-in session) and a JSON body for a POST: the response, whatever its status.
   */
  public HttpResponse<String> send(HttpClient client, String method, String service, int port, String path, String json,
      Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + cluster.address(service) + ":" + port + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET on a Service, as a client in the cluster would: its address, its port; the body of a 200. */
  public String get(String service, int port, String path) throws Exception {
    HttpResponse<String> response = send(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), "GET", service, port, path,
        null, Map.of());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " on " + service + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  @Override
  public void close() {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      try {
        cleanup.get(i).close();
      } catch (Exception e) {
        System.err.println("farm cleanup: " + e);
      }
    }
  }
}
