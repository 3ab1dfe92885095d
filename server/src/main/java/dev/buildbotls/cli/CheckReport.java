package dev.buildbotls.cli;

import dev.buildbotls.version.Version;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.buildbotls.diagnostics.Code;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Range;

/** The four output formats of {@code --check}, as the CLI contract defines them. */
final class CheckReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CheckReport() {}

  /** {@code PATH:LINE:COL: SEVERITY: MESSAGE [CODE]}, 1-based. */
  static String text(List<CheckCommand.FileResult> results) {
    StringBuilder b = new StringBuilder();
    for (CheckCommand.FileResult r : results) {
      for (Diagnostic d : r.diagnostics()) {
        b.append(r.path()).append(':').append(d.getRange().getStart().getLine() + 1).append(':')
            .append(d.getRange().getStart().getCharacter() + 1).append(": ").append(severity(d)).append(": ")
            .append(d.getMessage()).append(" [").append(code(d)).append("]\n");
      }
    }
    return b.toString();
  }

  static String json(List<CheckCommand.FileResult> results) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode files = root.putArray("files");
    for (CheckCommand.FileResult r : results) {
      ObjectNode file = files.addObject().put("path", r.path());
      ArrayNode diagnostics = file.putArray("diagnostics");
      for (Diagnostic d : r.diagnostics()) {
        ObjectNode o = diagnostics.addObject();
        ObjectNode range = o.putObject("range");
        range.putObject("start").put("line", d.getRange().getStart().getLine()).put("character", d.getRange().getStart().getCharacter());
        range.putObject("end").put("line", d.getRange().getEnd().getLine()).put("character", d.getRange().getEnd().getCharacter());
        o.put("severity", severity(d)).put("code", code(d)).put("message", d.getMessage()).put("source", Code.SOURCE);
      }
    }
    return write(root);
  }

  /** SARIF 2.1.0: one run, a rule for every code, a result per diagnostic (1-based, UTF-16 columns). */
  static String sarif(List<CheckCommand.FileResult> results) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json").put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "buildbot-ls").put("version", Version.VERSION).put("informationUri", "https://github.com/buildbot-ls/buildbot-ls");
    ArrayNode rules = driver.putArray("rules");
    for (Code code : Code.values()) {
      ObjectNode r = rules.addObject().put("id", code.id()).put("name", code.id());
      r.putObject("shortDescription").put("text", code.summary());
    }
    run.put("columnKind", "utf16CodeUnits");
    ArrayNode out = run.putArray("results");
    for (CheckCommand.FileResult r : results) {
      for (Diagnostic d : r.diagnostics()) {
        ObjectNode result = out.addObject().put("ruleId", code(d)).put("level", sarifLevel(d));
        result.putObject("message").put("text", d.getMessage());
        ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", Path.of(r.path()).toString().replace('\\', '/'));
        Range range = d.getRange();
        physical.putObject("region")
            .put("startLine", range.getStart().getLine() + 1).put("startColumn", range.getStart().getCharacter() + 1)
            .put("endLine", range.getEnd().getLine() + 1).put("endColumn", range.getEnd().getCharacter() + 1);
      }
    }
    return write(root);
  }

  /** GitHub Actions workflow commands, which annotate the pull request. */
  static String github(List<CheckCommand.FileResult> results) {
    StringBuilder b = new StringBuilder();
    for (CheckCommand.FileResult r : results) {
      for (Diagnostic d : r.diagnostics()) {
        Range range = d.getRange();
        String command = switch (severity(d)) {
          case "error" -> "error";
          case "warning" -> "warning";
          default -> "notice";
        };
        b.append("::").append(command)
            .append(" file=").append(property(r.path()))
            .append(",line=").append(range.getStart().getLine() + 1)
            .append(",col=").append(range.getStart().getCharacter() + 1)
            .append(",endLine=").append(range.getEnd().getLine() + 1)
            .append(",endColumn=").append(range.getEnd().getCharacter() + 1)
            .append(",title=").append(property(code(d)))
            .append("::").append(data(d.getMessage())).append('\n');
      }
    }
    return b.toString();
  }

  static String severity(Diagnostic d) {
    DiagnosticSeverity s = d.getSeverity() == null ? DiagnosticSeverity.Error : d.getSeverity();
    return switch (s) {
      case Error -> "error";
      case Warning -> "warning";
      case Information -> "information";
      case Hint -> "hint";
    };
  }

  private static String sarifLevel(Diagnostic d) {
    return switch (severity(d)) {
      case "error" -> "error";
      case "warning" -> "warning";
      default -> "note";
    };
  }

  static String code(Diagnostic d) {
    return d.getCode() == null ? "" : d.getCode().getLeft();
  }

  private static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
