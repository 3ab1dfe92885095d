package dev.buildbotls.testing;

import static dev.buildbotls.testing.Rendered.cast;
import static dev.buildbotls.testing.Rendered.path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rendered master pod would get, outside Kubernetes: its environment with Secret
 * references resolved from the rendered Secrets, and its worker-password volume written to a
 * directory. A Secret the chart does not render (an existingSecret) reads as {@code externalPassword}.
 */
public final class MasterPod {
  public final Map<String, String> env = new LinkedHashMap<>();
  public final Path secretsDir;

  public MasterPod(Rendered rendered, String statefulSet, String externalPassword) throws IOException {
    Map<String, Object> sts = rendered.get("StatefulSet", statefulSet);
    Map<String, Object> container = Rendered.container(sts);
    secretsDir = Files.createTempDirectory("buildbot-secrets");
    Rendered.env(container).forEach((name, value) -> {
      if (value instanceof String s) {
        env.put(name, s);
      } else if (path(value, "fieldRef") != null) {
        // The downward API of the StatefulSet's first pod.
        env.put(name, switch ((String) path(value, "fieldRef", "fieldPath")) {
          case "metadata.name" -> statefulSet + "-0";
          case "metadata.namespace" -> "default";
          case "metadata.uid" -> "3f0e7a52-1c1e-4d2b-9c1a-0d6b7b1f2a10";
          default -> throw new AssertionError("MasterPod resolves no " + value);
        });
      } else {
        Map<String, Object> ref = cast(path(value, "secretKeyRef"));
        env.put(name, secretValue(rendered, (String) ref.get("name"), (String) ref.get("key"), externalPassword));
      }
    });
    env.put("BUILDBOT_SECRETS_DIR", secretsDir.toString());
    Path workers = Files.createDirectories(secretsDir.resolve("workers"));
    for (Object volume : (List<?>) path(sts, "spec", "template", "spec", "volumes")) {
      if ("ui-auth".equals(path(volume, "name"))) {
        Path ui = Files.createDirectories(secretsDir.resolve("ui"));
        for (Object item : (List<?>) path(volume, "secret", "items")) {
          Files.writeString(ui.resolve((String) path(item, "path")), "admin:" + externalPassword + "\n", StandardCharsets.UTF_8);
        }
        continue;
      }
      if (!"worker-passwords".equals(path(volume, "name"))) {
        continue;
      }
      for (Object source : (List<?>) path(volume, "projected", "sources")) {
        Map<String, Object> secret = cast(path(source, "secret"));
        String name = (String) secret.get("name");
        List<?> items = (List<?>) secret.get("items");
        if (items == null) {
          if (rendered.has("Secret", name)) {
            Map<String, Object> data = cast(path(rendered.get("Secret", name), "data"));
            for (String key : data.keySet()) {
              Files.writeString(workers.resolve(key), rendered.secret(name, key), StandardCharsets.UTF_8);
            }
          }
        } else {
          for (Object item : items) {
            Files.writeString(workers.resolve((String) path(item, "path")),
                secretValue(rendered, name, (String) path(item, "key"), externalPassword), StandardCharsets.UTF_8);
          }
        }
      }
    }
  }

  private static String secretValue(Rendered rendered, String name, String key, String externalPassword) {
    return rendered.has("Secret", name) ? rendered.secret(name, key) : externalPassword;
  }
}
