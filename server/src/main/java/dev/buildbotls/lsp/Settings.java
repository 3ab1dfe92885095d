package dev.buildbotls.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;

/**
 * The client's settings (section "buildbot"), from initializationOptions or workspace/configuration:
 * the severity of each code (or off), extra values-file globs, the chart directory to render, the
 * stacks of values files deployed together (lists of paths, relative to a workspace root).
 */
record Settings(Map<String, String> severity, List<PathMatcher> valuesFiles, Path chartDirectory,
    boolean trustedWorkspace, boolean showSecretsInPreview, List<List<String>> valuesStacks) {
  static final Settings DEFAULT = new Settings(Map.of(), List.of(), null, true, false, List.of());

  /**
   * Reads a settings object as lsp4j hands it over (Gson tree or plain JSON). Empty when there is
   * none (null, JSON null, not an object): the caller keeps what it has.
   */
  static java.util.Optional<Settings> parse(Object raw) {
    JsonElement json = toJson(raw);
    if (json == null || !json.isJsonObject()) {
      return java.util.Optional.empty();
    }
    JsonObject o = json.getAsJsonObject();
    if (o.has("buildbot") && o.get("buildbot").isJsonObject()) {
      o = o.getAsJsonObject("buildbot"); // didChangeConfiguration sends the whole settings tree
    }
    Map<String, String> severity = new HashMap<>();
    if (o.has("severity") && o.get("severity").isJsonObject()) {
      o.getAsJsonObject("severity").entrySet().forEach(e -> {
        if (e.getValue().isJsonPrimitive()) {
          severity.put(e.getKey(), e.getValue().getAsString());
        }
      });
    }
    List<PathMatcher> globs = new ArrayList<>();
    if (o.has("valuesFiles") && o.get("valuesFiles").isJsonArray()) {
      for (JsonElement g : o.getAsJsonArray("valuesFiles")) {
        try {
          globs.add(FileSystems.getDefault().getPathMatcher("glob:" + g.getAsString()));
        } catch (RuntimeException ignored) {
          // a broken pattern matches nothing
        }
      }
    }
    String chart = o.has("chartDirectory") && o.get("chartDirectory").isJsonPrimitive() ? o.get("chartDirectory").getAsString() : "";
    // Clients without a notion of trust (Neovim, the CLI) trust what they open; VS Code says.
    boolean trusted = !(o.has("trustedWorkspace") && o.get("trustedWorkspace").isJsonPrimitive() && !o.get("trustedWorkspace").getAsBoolean());
    boolean showSecrets = o.has("showSecretsInPreview") && o.get("showSecretsInPreview").isJsonPrimitive()
        && o.get("showSecretsInPreview").getAsBoolean();
    List<List<String>> stacks = new ArrayList<>();
    if (o.has("valuesStacks") && o.get("valuesStacks").isJsonArray()) {
      for (JsonElement stack : o.getAsJsonArray("valuesStacks")) {
        if (stack.isJsonArray()) {
          List<String> files = new ArrayList<>();
          stack.getAsJsonArray().forEach(f -> {
            if (f.isJsonPrimitive()) {
              files.add(f.getAsString());
            }
          });
          stacks.add(List.copyOf(files));
        }
      }
    }
    return java.util.Optional.of(new Settings(Map.copyOf(severity), List.copyOf(globs), chart.isBlank() ? null : Path.of(chart),
        trusted, showSecrets, List.copyOf(stacks)));
  }

  /** The "buildbot" section of settings pushed with didChangeConfiguration, if the client sent one. */
  static java.util.Optional<Settings> pushedSection(Object pushed) {
    JsonElement json = toJson(pushed);
    return json != null && json.isJsonObject() && json.getAsJsonObject().has("buildbot") ? parse(json) : java.util.Optional.empty();
  }

  private static JsonElement toJson(Object raw) {
    return raw instanceof JsonElement e ? e : raw == null ? null : JsonParser.parseString(String.valueOf(raw));
  }

  /** A path the user maps to the values files. */
  boolean isValuesFile(Path file) {
    return file != null && valuesFiles.stream().anyMatch(m -> m.matches(file));
  }

  /** The diagnostics with the user's severities: a code's own setting, else "schema" for every schema code. */
  List<Diagnostic> apply(List<Diagnostic> diagnostics) {
    if (severity.isEmpty()) {
      return diagnostics;
    }
    List<Diagnostic> result = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      String code = d.getCode() == null ? "" : d.getCode().getLeft();
      String level = severity.getOrDefault(code, code.startsWith("schema/") ? severity.get("schema") : null);
      if (level == null) {
        result.add(d);
        continue;
      }
      DiagnosticSeverity s = switch (level) {
        case "error" -> DiagnosticSeverity.Error;
        case "warning" -> DiagnosticSeverity.Warning;
        case "information", "info" -> DiagnosticSeverity.Information;
        case "hint" -> DiagnosticSeverity.Hint;
        case "off" -> null;
        default -> d.getSeverity();
      };
      if (s != null) {
        Diagnostic copy = new Diagnostic(d.getRange(), d.getMessage(), s, d.getSource(), code);
        copy.setRelatedInformation(d.getRelatedInformation());
        result.add(copy);
      }
    }
    return result;
  }
}
