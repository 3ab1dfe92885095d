package dev.buildbotls.integration;

import static dev.buildbotls.testing.Rendered.cast;
import static dev.buildbotls.testing.Rendered.container;
import static dev.buildbotls.testing.Rendered.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Postgres;
import dev.buildbotls.testing.Processes;
import dev.buildbotls.testing.Rendered;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled database pod's own commands, as rendered, against a real PostgreSQL (Debian's): its
 * major-version guard on a real data directory, and its probes while the server listens on its
 * unix socket only (what the postgres image's first start does: docker-entrypoint.sh starts its
 * temporary server with {@code listen_addresses=''}) and once it listens. The pod itself is not
 * run (Adaptations, 4: the postgres image is no Debian package); its programs are Debian's,
 * found on PATH as the image's ENV PATH finds them.
 */
class DatabasePodIT {
  @TempDir
  Path dir;

  private record Run(int exit, String output) {}

  @Test
  void theMajorVersionGuardStopsOnAnotherMajorsDataWithOneLineAndPassesItsOwnOrNone() throws Exception {
    Map<String, Object> guard = initContainer(Rendered.render("ci"), "major-version");
    assertEquals("/var/lib/postgresql/data/pgdata", Rendered.env(guard).get("PGDATA"), "the data directory the server uses");
    try (Postgres pg = new Postgres(dir, "buildbot", "db-It-Pass", "buildbot")) {
      String major = Files.readString(pg.dataDirectory().resolve("PG_VERSION")).strip();
      String newer = Integer.toString(Integer.parseInt(major) + 1);
      Run other = run(strings(guard.get("command")), Map.of("PG_MAJOR", newer, "PGDATA", pg.dataDirectory().toString()));
      assertEquals(1, other.exit(), other.output());
      assertEquals(List.of("database: the data directory holds PostgreSQL " + major + " and this image is PostgreSQL " + newer
          + "; PostgreSQL cannot open it. Go back to a " + major + " image, or move the data as the chart README says "
          + "(Upgrading the bundled PostgreSQL: dump, then restore)."), other.output().lines().toList());
      Run same = run(strings(guard.get("command")), Map.of("PG_MAJOR", major, "PGDATA", pg.dataDirectory().toString()));
      assertEquals(new Run(0, ""), same);
    }
    Path empty = Files.createDirectories(dir.resolve("first-start"));
    assertEquals(new Run(0, ""), run(strings(guard.get("command")), Map.of("PG_MAJOR", "17", "PGDATA", empty.toString())));
  }

  /** The server's own options from the container's args (the image's entrypoint hands them to postgres): 64 + 64 masters' connections. */
  @Test
  void theServerStartsWithTheConnectionsOfEveryMaster() throws Exception {
    Map<String, Object> database = container(Rendered.render("ci", "master: {replicas: 64}\nui: {replicas: 64}\n").get("StatefulSet", "ci-buildbot-database"));
    List<String> args = strings(database.get("args"));
    assertEquals(List.of("postgres", "-c", "max_connections=1932"), args);
    try (Postgres pg = new Postgres(dir, "127.0.0.1", Processes.freePort(), "buildbot", "db-It-Pass", "buildbot", args.subList(1, args.size()))) {
      assertEquals("1932", pg.sql("postgres", "SHOW max_connections"));
    }
  }

  @Test
  void theProbesFailWhileTheServerListensOnItsSocketOnlyAndLivenessWaitsForTheStartupProbe() throws Exception {
    int port = Processes.freePort();
    Map<String, Object> database = container(Rendered.render("ci", "database: {port: " + port + "}\n").get("StatefulSet", "ci-buildbot-database"));
    List<String> startup = strings(path(database, "startupProbe", "exec", "command"));
    assertEquals(strings(path(database, "readinessProbe", "exec", "command")), startup, "readiness asks what the startup probe asks");
    try (Postgres pg = new Postgres(dir, "127.0.0.1", port, "buildbot", "db-It-Pass", "buildbot")) {
      Map<String, String> image = Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:" + pg.bin());
      assertEquals(0, run(startup, image).exit(), "the server accepts connections");
      pg.restart("");
      Run init = run(startup, image);
      assertNotEquals(0, init.exit(), "while only the unix socket listens (the image's initdb phase): " + init.output());
      pg.restart("127.0.0.1");
      assertEquals(0, run(startup, image).exit());
    }
    // The kubelet runs liveness only once the startup probe succeeded: a first start may take this long.
    int startupSeconds = ((Number) path(database, "startupProbe", "periodSeconds")).intValue()
        * ((Number) path(database, "startupProbe", "failureThreshold")).intValue();
    assertTrue(startupSeconds >= 600, "a slow initdb has " + startupSeconds + " s");
    assertEquals(Map.of("port", "db"), path(database, "livenessProbe", "tcpSocket"), "liveness restarts only a server that no longer listens");
  }

  @Test
  void theBackupDumpsTheDatabaseWhenTheSchemaChangesAndOnlyThen() throws Exception {
    Map<String, Object> job = Rendered.render("ci", "migration: {backup: {enabled: true, claimName: buildbot-backups}}\n").ofKind("Job").get(0);
    List<Map<String, Object>> inits = cast(path(job, "spec", "template", "spec", "initContainers"));
    assertEquals(List.of("drain", "backup"), inits.stream().map(c -> c.get("name")).toList(), "the dump after the drain, before the migration");
    Map<String, Object> backup = inits.get(1);
    assertTrue(String.valueOf(path(job, "spec", "template", "spec", "volumes")).contains("claimName=buildbot-backups"));
    // The pod's two volumes are directories here: the command's mount paths become them.
    Path state = Files.createDirectories(dir.resolve("chart-state"));
    Path claim = Files.createDirectories(dir.resolve("claim"));
    List<String> command = strings(backup.get("command"));
    command.set(2, command.get(2).replace("/chart-state", state.toString()).replace("/backup", claim.toString()));
    try (Postgres pg = new Postgres(dir, "buildbot", "db-It-Pass", "buildbot")) {
      pg.sql("buildbot", "SET ROLE buildbot; CREATE TABLE builds (id integer); INSERT INTO builds VALUES (7)"); // as Buildbot makes its tables
      Map<String, String> env = new java.util.HashMap<>(Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin:" + pg.bin()));
      Map<String, Object> rendered = Rendered.env(backup);
      env.put("PGDATABASE", (String) rendered.get("PGDATABASE"));
      env.put("PGUSER", (String) rendered.get("PGUSER"));
      env.put("PGPASSWORD", "db-It-Pass");
      env.put("PGHOST", pg.address); // the Service name's address, as in the pod runner
      env.put("PGPORT", Integer.toString(pg.port));
      assertEquals(new Run(0, "backup: the schema does not change: no backup\n"), run(command, env));
      assertEquals(List.of(), Files.list(claim).toList());
      Files.writeString(state.resolve("migrate"), "059 -> 066\n");
      Run dumped = run(command, env);
      assertEquals(0, dumped.exit(), dumped.output());
      List<Path> files = Files.list(claim).toList();
      assertEquals(1, files.size(), files + " " + dumped.output());
      assertTrue(files.get(0).getFileName().toString().matches("buildbot-\\d{8}T\\d{6}Z\\.sql"), files.toString());
      assertTrue(Files.readString(files.get(0)).contains("COPY public.builds (id) FROM stdin;\n7\n"), "the data is in the dump");
      assertEquals("backup: 059 -> 066: " + files.get(0) + "\n", dumped.output());
    }
  }

  private static Map<String, Object> initContainer(Rendered r, String name) {
    List<Map<String, Object>> inits = cast(path(r.get("StatefulSet", "ci-buildbot-database"), "spec", "template", "spec", "initContainers"));
    return inits.stream().filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
  }

  /** A command as an exec probe or a container runs it: argv as rendered, exactly this environment. */
  private Run run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return new Run(p.exitValue(), output);
  }

  private static List<String> strings(Object value) {
    return new ArrayList<>(((List<?>) value).stream().map(String::valueOf).toList());
  }
}
