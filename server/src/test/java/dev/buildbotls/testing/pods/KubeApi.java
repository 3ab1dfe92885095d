package dev.buildbotls.testing.pods;

import static dev.buildbotls.testing.Rendered.cast;
import static dev.buildbotls.testing.Rendered.path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.buildbotls.testing.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The smallest Kubernetes API server the chart needs (adaptation 7): exactly the requests Buildbot's
 * KubeLatentWorker makes, on pods of the release's namespace: create, read the status of, delete.
 * HTTPS with a test CA (its certificate is the cluster's kube-root-ca.crt), a bearer token per
 * ServiceAccount (what a projected serviceAccountToken volume holds), and RBAC as the API server
 * evaluates it against the rendered Roles and RoleBindings: a request no rule allows is refused
 * (403) and recorded. A created pod runs in the {@link Cluster}; when its owner pod is gone the
 * garbage collector's part deletes it.
 */
public final class KubeApi implements AutoCloseable {
  /** The kubernetes Service's address and port in every pod's environment (KUBERNETES_SERVICE_HOST). */
  static final String ADDRESS = "127.0.0.2";
  static final int PORT = 443;
  private static final Pattern POD = Pattern.compile("/api/v1/namespaces/([^/]+)/pods(?:/([^/]+)(/status)?)?");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the API server's audit log would have it. */
  public record Request(String method, String path, String account, String verb, String resource, String name, int status) {}

  private final Cluster cluster;
  private final HttpsServer server;
  private final String caCertificate;
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Thread collector;
  private volatile boolean closed;

  KubeApi(Cluster cluster, Path dir) throws Exception {
    this.cluster = cluster;
    Files.createDirectories(dir);
    caCertificate = certificates(dir);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(factory.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(ADDRESS, PORT), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", this::handle);
    server.start();
    collector = new Thread(this::collectGarbage, "garbage collector");
    collector.setDaemon(true);
    collector.start();
  }

  /** The test CA and the server's certificate for the kubernetes Service's address, made with the JDK's keytool. */
  private static String certificates(Path dir) throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    String[] store = {"-storetype", "PKCS12", "-storepass", "changeit"};
    keytool(dir, keytool, store, "-genkeypair", "-keystore", "ca.p12", "-alias", "ca", "-dname", "CN=buildbot-ls test cluster CA",
        "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-ext", "bc:c=ca:true", "-ext", "ku:c=keyCertSign,cRLSign");
    keytool(dir, keytool, store, "-genkeypair", "-keystore", "server.p12", "-alias", "server", "-dname", "CN=kubernetes",
        "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2");
    keytool(dir, keytool, store, "-certreq", "-keystore", "server.p12", "-alias", "server", "-file", "server.csr");
    keytool(dir, keytool, store, "-gencert", "-keystore", "ca.p12", "-alias", "ca", "-infile", "server.csr", "-outfile", "server.crt",
        "-rfc", "-validity", "2", "-ext", "san=ip:" + ADDRESS + ",dns:kubernetes.default.svc", "-ext", "ku:c=digitalSignature",
        "-ext", "eku=serverAuth");
    keytool(dir, keytool, store, "-exportcert", "-keystore", "ca.p12", "-alias", "ca", "-rfc", "-file", "ca.crt");
    keytool(dir, keytool, store, "-importcert", "-keystore", "server.p12", "-alias", "ca", "-file", "ca.crt", "-noprompt");
    keytool(dir, keytool, store, "-importcert", "-keystore", "server.p12", "-alias", "server", "-file", "server.crt", "-noprompt");
    return Files.readString(dir.resolve("ca.crt"));
  }

  private static void keytool(Path dir, String keytool, String[] store, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(keytool));
    command.addAll(List.of(args));
    command.addAll(List.of(store));
    Processes.run(dir, Map.of(), command.toArray(String[]::new));
  }

  /** The cluster's CA certificate, as the kube-root-ca.crt ConfigMap publishes it. */
  String caCertificate() {
    return caCertificate;
  }

  /** The token of a ServiceAccount of the namespace, as its projected token volume holds it. */
  synchronized String token(String serviceAccount) {
    if (!cluster.objects().has("ServiceAccount", serviceAccount)) {
      throw new AssertionError("no ServiceAccount " + serviceAccount + ": the pod would not be admitted");
    }
    return tokens.computeIfAbsent(serviceAccount, a -> UUID.randomUUID().toString().replace("-", ""));
  }

  /** A new token for the ServiceAccount: the old one is refused from now on (rotation; the kubelet rewrites the file). */
  public synchronized void rotateToken(String serviceAccount) {
    tokens.put(serviceAccount, UUID.randomUUID().toString().replace("-", ""));
  }

  /** Every request so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String requestPath = exchange.getRequestURI().getPath();
    String account = account(exchange.getRequestHeaders().getFirst("Authorization"));
    Matcher pod = POD.matcher(requestPath);
    String verb = switch (method) {
      case "POST" -> "create";
      case "DELETE" -> "delete";
      case "GET" -> pod.matches() && pod.group(2) == null ? "list" : "get";
      default -> method.toLowerCase(java.util.Locale.ROOT);
    };
    String resource = pod.matches() ? (pod.group(3) != null ? "pods/status" : "pods") : requestPath;
    String name = pod.matches() && pod.group(2) != null ? pod.group(2) : "";
    Response response;
    try {
      if (account == null) {
        response = status(401, "Unauthorized", "Unauthorized", name);
      } else if (!pod.matches() || !pod.group(1).equals(Cluster.NAMESPACE) || !allowed(account, verb, resource, name)) {
        response = status(403, "Forbidden", resource + " \"" + name + "\" is forbidden: User \"system:serviceaccount:" + Cluster.NAMESPACE
            + ":" + account + "\" cannot " + verb + " resource \"" + resource + "\" in the namespace \"" + pod.group(1) + "\"", name);
      } else {
        response = switch (verb) {
          case "create" -> create(cast(JSON.readValue(exchange.getRequestBody(), Map.class)));
          case "delete" -> delete(name);
          case "get" -> get(name);
          default -> status(405, "MethodNotAllowed", "the stand-in serves create, get status and delete of pods", name);
        };
      }
    } catch (Exception | AssertionError e) {
      response = status(500, "InternalError", String.valueOf(e), name);
    }
    requests.add(new Request(method, exchange.getRequestURI().toString(), account, verb, resource, name, response.code));
    byte[] body = JSON.writeValueAsBytes(response.body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(response.code, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private record Response(int code, Object body) {}

  private synchronized String account(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return null;
    }
    String token = authorization.substring("Bearer ".length());
    return tokens.entrySet().stream().filter(e -> e.getValue().equals(token)).map(Map.Entry::getKey).findFirst().orElse(null);
  }

  /** RBAC: some rule of a Role bound to the account allows the verb on the resource (by name where the rule names some). */
  private boolean allowed(String account, String verb, String resource, String name) {
    for (Map<String, Object> binding : cluster.objects().ofKind("RoleBinding")) {
      boolean bound = Pod.list(binding, "subjects").stream().anyMatch(s -> "ServiceAccount".equals(s.get("kind"))
          && account.equals(s.get("name")) && Cluster.NAMESPACE.equals(s.get("namespace")));
      if (!bound || !"Role".equals(path(binding, "roleRef", "kind"))) {
        continue;
      }
      Map<String, Object> role = cluster.objects().get("Role", (String) path(binding, "roleRef", "name"));
      for (Map<String, Object> rule : Pod.list(role, "rules")) {
        List<?> names = (List<?>) rule.get("resourceNames");
        if (((List<?>) rule.get("apiGroups")).contains("") && ((List<?>) rule.get("resources")).contains(resource)
            && ((List<?>) rule.get("verbs")).contains(verb) && (names == null || !name.isEmpty() && names.contains(name))) {
          return true;
        }
      }
    }
    return false;
  }

  private Response create(Map<String, Object> object) throws IOException {
    Map<String, Object> metadata = cast(object.get("metadata"));
    String name = (String) metadata.get("name");
    if (cluster.livePod(name).isPresent()) {
      return status(409, "AlreadyExists", "pods \"" + name + "\" already exists", name);
    }
    Pod pod = cluster.createApiPod(object);
    return new Response(201, pod.object());
  }

  private Response delete(String name) throws IOException {
    var pod = cluster.livePod(name);
    if (pod.isEmpty()) {
      return status(404, "NotFound", "pods \"" + name + "\" not found", name);
    }
    pod.get().deleteInBackground();
    return new Response(200, pod.get().object());
  }

  private Response get(String name) {
    return cluster.livePod(name).<Response>map(p -> new Response(200, p.object()))
        .orElseGet(() -> status(404, "NotFound", "pods \"" + name + "\" not found", name));
  }

  private static Response status(int code, String reason, String message, String name) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", "Status");
    body.put("apiVersion", "v1");
    body.put("metadata", Map.of());
    body.put("status", "Failure");
    body.put("message", message);
    body.put("reason", reason);
    body.put("details", Map.of("name", name, "kind", "pods"));
    body.put("code", code);
    return new Response(code, body);
  }

  /** The garbage collector's part: a pod whose owner pod is gone is deleted (background propagation). */
  private void collectGarbage() {
    while (!closed) {
      for (Pod pod : cluster.pods()) {
        if (pod.phase().equals("Deleted") || pod.deleting()) {
          continue;
        }
        for (Object owner : pod.ownerReferences()) {
          String uid = (String) path(owner, "uid");
          boolean ownerLives = cluster.pods().stream().anyMatch(p -> p.uid.equals(uid) && !p.phase().equals("Deleted"));
          if (!ownerLives) {
            pod.deleteInBackground();
          }
        }
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    collector.interrupt();
    server.stop(0);
  }
}
