package dev.buildbotls.cli;

import dev.buildbotls.version.Version;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.yaml.LineIndex;
import dev.buildbotls.yaml.OneLine;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Range;

/** The output formats of {@code --check}, as the CLI contract (and the README's changelog) defines them. */
final class CheckReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CheckReport() {}

  /**
   * {@code PATH:LINE:COL: SEVERITY: MESSAGE [CODE]}, 1-based, one line each: a line break or control
   * character from a value (a key's name, a path) is written escaped, so no file can forge a line
   * (another diagnostic, a CI log's {@code ::} command).
   */
  static String text(List<CheckCommand.FileResult> results) {
    StringBuilder b = new StringBuilder();
    for (CheckCommand.FileResult r : results) {
      for (Diagnostic d : r.diagnostics()) {
        b.append(OneLine.of(r.path())).append(':').append(d.getRange().getStart().getLine() + 1).append(':')
            .append(d.getRange().getStart().getCharacter() + 1).append(": ").append(severity(d)).append(": ")
            .append(OneLine.of(d.getMessage())).append(" [").append(code(d)).append("]\n");
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
      LineIndex lines = new LineIndex(r.text());
      Map<String, Integer> seen = new HashMap<>();
      for (Diagnostic d : r.diagnostics()) {
        ObjectNode result = out.addObject().put("ruleId", code(d)).put("level", sarifLevel(d));
        result.putObject("message").put("text", d.getMessage());
        // Stable while lines move: the code, the file and the flagged text, numbered when repeated.
        String flagged = r.text().substring(lines.offsetAt(d.getRange().getStart()), lines.offsetAt(d.getRange().getEnd()))
            .replaceAll("\\s+", " ").strip();
        String hash = sha256(code(d) + "\0" + r.path() + "\0" + flagged).substring(0, 32);
        result.putObject("partialFingerprints").put("buildbotLs/v1", hash + ":" + seen.merge(hash, 1, Integer::sum));
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

  /**
   * JUnit XML as GitLab, Jenkins and Azure read it: one test case per file, one failure per error;
   * warnings and information in the case's system-out.
   */
  static String junit(List<CheckCommand.FileResult> results) {
    long failures = results.stream().filter(r -> r.diagnostics().stream().anyMatch(d -> severity(d).equals("error"))).count();
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuites name=\"buildbot-ls\" tests=\"").append(results.size()).append("\" failures=\"").append(failures).append("\">\n");
    b.append("  <testsuite name=\"buildbot-ls\" tests=\"").append(results.size()).append("\" failures=\"").append(failures).append("\">\n");
    for (CheckCommand.FileResult r : results) {
      b.append("    <testcase classname=\"buildbot-ls\" name=\"").append(xml(r.path())).append("\">\n");
      StringBuilder notes = new StringBuilder();
      for (Diagnostic d : r.diagnostics()) {
        String where = r.path() + ":" + (d.getRange().getStart().getLine() + 1) + ":" + (d.getRange().getStart().getCharacter() + 1);
        if (severity(d).equals("error")) {
          b.append("      <failure type=\"").append(xml(code(d))).append("\" message=\"").append(xml(d.getMessage())).append("\">")
              .append(xml(where + ": " + d.getMessage() + " [" + code(d) + "]")).append("</failure>\n");
        } else {
          notes.append(where).append(": ").append(severity(d)).append(": ").append(d.getMessage()).append(" [").append(code(d)).append("]\n");
        }
      }
      if (!notes.isEmpty()) {
        b.append("      <system-out>").append(xml(notes.toString())).append("</system-out>\n");
      }
      b.append("    </testcase>\n");
    }
    return b.append("  </testsuite>\n</testsuites>\n").toString();
  }

  /** {@code buildbot-ls: N files checked: E errors, W warnings, I information}. */
  static String summary(List<CheckCommand.FileResult> results) {
    Map<String, Long> counts = results.stream().flatMap(r -> r.diagnostics().stream())
        .collect(java.util.stream.Collectors.groupingBy(CheckReport::severity, java.util.stream.Collectors.counting()));
    return "buildbot-ls: " + results.size() + (results.size() == 1 ? " file" : " files") + " checked: "
        + counts.getOrDefault("error", 0L) + " errors, " + counts.getOrDefault("warning", 0L) + " warnings, "
        + (counts.getOrDefault("information", 0L) + counts.getOrDefault("hint", 0L)) + " information";
  }

  /** XML 1.0 text or attribute: markup escaped, characters XML cannot hold replaced. */
  private static String xml(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\n' -> b.append("&#10;");
        case '\t' -> b.append("&#9;");
        case '\r' -> b.append("&#13;");
        default -> {
          boolean allowed = (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
          b.appendCodePoint(allowed && c != 0x7F && !(c >= 0x80 && c <= 0x9F) ? c : 0xFFFD);
        }
      }
    });
    return b.toString();
  }

  private static String sha256(String s) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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

  /** A workflow command's data: the runner's own escapes for %, CR and LF, every other control character (ESC's colours...) and line break as OneLine writes it. */
  private static String data(String s) {
    return OneLine.of(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"));
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
