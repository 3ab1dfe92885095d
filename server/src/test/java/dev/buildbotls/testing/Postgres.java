package dev.buildbotls.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A throw-away PostgreSQL server on loopback, in a temporary directory (run as the postgres user). */
public final class Postgres implements AutoCloseable {
  public final String address;
  public final int port;
  private final Path dir;
  private final Path bin;

  public Postgres(Path parent, String user, String password, String database) throws IOException, InterruptedException {
    this(parent, "127.0.0.1", Processes.freePort(), user, password, database);
  }

  /** A server on a given loopback address and port (a Service's, for the pod runner). */
  public Postgres(Path parent, String address, int port, String user, String password, String database) throws IOException, InterruptedException {
    this(parent, address, port, user, password, database, List.of());
  }

  /** A server started with these server options too ({@code -c name=value}, as a pod's args give them). */
  public Postgres(Path parent, String address, int port, String user, String password, String database, List<String> options)
      throws IOException, InterruptedException {
    bin = binDirectory();
    dir = Files.createDirectories(parent.resolve("pg"));
    this.address = address;
    this.port = port;
    Processes.run(parent, Map.of(), "chown", "-R", "postgres", dir.toString());
    Processes.run(parent, Map.of(), "chmod", "o+x", parent.toString());
    asPostgres("initdb", "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres");
    asPostgres("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -k " + dir + " -c listen_addresses=" + address + " " + String.join(" ", options), "start");
    sql("postgres", "CREATE USER " + user + " PASSWORD '" + password.replace("'", "''") + "'");
    sql("postgres", "CREATE DATABASE " + database + " OWNER " + user);
  }

  /** The data directory (PGDATA) the server runs on. */
  public Path dataDirectory() {
    return dir.resolve("data");
  }

  /** Debian's PostgreSQL programs, what the postgres image adds to its PATH (/usr/lib/postgresql/$PG_MAJOR/bin). */
  public Path bin() {
    return bin;
  }

  /** Restarts the server listening on these addresses only: "" is the unix socket alone, as during the image's first start. */
  public void restart(String listenAddresses) throws IOException, InterruptedException {
    asPostgres("pg_ctl", "-D", dataDirectory().toString(), "-l", dir.resolve("log").toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -k " + dir + " -c listen_addresses='" + listenAddresses + "'", "restart");
  }

  /** Runs SQL as the superuser; returns the rows, unaligned, one a line. */
  public String sql(String database, String query) throws IOException, InterruptedException {
    return Processes.run(dir, Map.of(), "runuser", "-u", "postgres", "--", bin.resolve("psql").toString(),
        "-h", address, "-p", Integer.toString(port), "-d", database, "-tAq", "-c", query).strip();
  }

  private void asPostgres(String tool, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("runuser", "-u", "postgres", "--", bin.resolve(tool).toString()));
    command.addAll(List.of(args));
    Processes.run(dir, Map.of(), command.toArray(String[]::new));
  }

  private static Path binDirectory() throws IOException {
    Path lib = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(lib)) {
      fail("Debian's postgresql is not installed: `apt-get install -y postgresql` (the README's test command does it)");
    }
    try (Stream<Path> versions = Files.list(lib)) {
      return versions.max(Comparator.comparing(Path::toString)).orElseThrow().resolve("bin");
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    Buildbot.run(dir, Map.of(), "runuser", "-u", "postgres", "--", bin.resolve("pg_ctl").toString(),
        "-D", dir.resolve("data").toString(), "-m", "immediate", "stop");
  }
}
