package dev.buildbotls.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.buildbotls.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalogue is the one list of codes: whatever else names codes follows it, and a code added
 * to it without its rule, its table row, its VS Code mention or its test is named here.
 */
class CodeCatalogueTest {
  @Test
  void everyCodeIsDocumentedRaisedAndTested() throws Exception {
    String readme = Files.readString(Repo.root().resolve("README.md"));
    String vscode = Files.readString(Repo.root().resolve("vscode-client/package.json"));
    String table = Files.readString(Repo.root().resolve("server/src/test/java/dev/buildbotls/diagnostics/DiagnosticsTableTest.java"));
    String rules;
    try (Stream<Path> files = Files.list(Repo.root().resolve("server/src/main/java/dev/buildbotls/diagnostics/rules"))) {
      StringBuilder b = new StringBuilder();
      for (Path f : files.toList()) {
        b.append(Files.readString(f));
      }
      rules = b.toString();
    }
    List<String> missing = new ArrayList<>();
    for (Code code : Code.values()) {
      String severity = code.severity().name().toLowerCase();
      boolean documented = code.id().startsWith(Code.SCHEMA_PREFIX)
          ? readme.contains("| `schema/<keyword>` | error |")
          : readme.matches("(?s).*\\| `" + java.util.regex.Pattern.quote(code.id()) + "` \\| " + severity + " \\|.*");
      if (!documented) {
        missing.add(code.id() + ": a row `| `" + code.id() + "` | " + severity + " |` in the README's code table");
      }
      if (!code.isRule()) {
        continue;
      }
      if (!vscode.contains("`" + code.id() + "`")) {
        missing.add(code.id() + ": a mention in vscode-client/package.json's severity setting");
      }
      if (!rules.contains("Code." + code.name())) {
        missing.add(code.id() + ": a rule in diagnostics/rules raising Code." + code.name());
      }
      if (!table.contains("\"" + code.id() + "#")) {
        missing.add(code.id() + ": a case in DiagnosticsTableTest (\"" + code.id() + "#0\")");
      }
    }
    assertEquals(List.of(), missing);
  }

  /** A quick fix works only once registered: every fix class of actions/ is in CodeActionService.FIXES. */
  @Test
  void everyQuickFixIsRegistered() throws Exception {
    Path actions = Repo.root().resolve("server/src/main/java/dev/buildbotls/actions");
    String service = Files.readString(actions.resolve("CodeActionService.java"));
    String registry = service.substring(service.indexOf("FIXES = "), service.indexOf(";", service.indexOf("FIXES = ")));
    List<String> unregistered = new ArrayList<>();
    try (Stream<Path> files = Files.list(actions)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith("Fix.java")).toList()) {
        String name = f.getFileName().toString().replace(".java", "");
        if (Files.readString(f).contains("implements QuickFix") && !registry.contains(name)) {
          unregistered.add(name);
        }
      }
    }
    assertEquals(List.of(), unregistered, "quick fixes missing from CodeActionService.FIXES");
  }
}
