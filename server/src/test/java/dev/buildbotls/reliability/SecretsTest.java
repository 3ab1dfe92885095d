package dev.buildbotls.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.cli.Cli;
import dev.buildbotls.diagnostics.Analysis;
import dev.buildbotls.diagnostics.Analyzer;
import dev.buildbotls.hover.HoverService;
import dev.buildbotls.testing.Complete;
import dev.buildbotls.yaml.LineIndex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planted passwords never appear in a diagnostic, a CLI output of any format, a hover or a completion. */
class SecretsTest {
  private static final List<String> PLANTED = List.of("Pl4nted-Db-Secret", "Pl4nted-Shared-Worker", "12345678901");
  private static final String VALUES = "database:\n  password: Pl4nted-Db-Secret\n  port: Pl4nted-Db-Secret\n"
      + "workers:\n  a: {password: Pl4nted-Shared-Worker}\n  b: {password: Pl4nted-Shared-Worker, maxBuilds: Pl4nted-Shared-Worker}\n"
      + "  c: {password: 12345678901}\n  Pl4nted: {password: [Pl4nted-Db-Secret]}\nmq: {type: Pl4nted-Db-Secret}\n";

  private static void clean(String where, String text) {
    for (String secret : PLANTED) {
      assertFalse(text.contains(secret), secret + " leaked into " + where + ":\n" + text);
    }
  }

  @Test
  void diagnosticsAndRelatedInformation() {
    Analysis analysis = Analyzer.analyze("file:///t/values.yaml", null, VALUES, () -> {});
    assertTrue(analysis.diagnostics().size() >= 8, "the planted values are flagged: " + analysis.diagnostics().size());
    for (Diagnostic d : analysis.diagnostics()) {
      clean("a diagnostic", d.getMessage() + d.getRelatedInformation());
    }
  }

  @Test
  void everyCliFormat(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("values.yaml"), VALUES);
    for (String format : List.of("text", "json", "sarif", "github")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Cli.run(new String[] {"--check", "--format", format, file.toString()}, new ByteArrayInputStream(new byte[0]),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      assertTrue(out.size() > 100, format);
      clean("--format " + format, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Cli.run(new String[] {"--render", file.toString()}, new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("buildbot-ls: Helm failed"));
    clean("--render's error", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void hoverAndCompletionEverywhere() {
    Analysis analysis = Analyzer.analyze("file:///t/values.yaml", null, VALUES, () -> {});
    LineIndex lines = analysis.file().lines();
    for (int offset = 0; offset <= VALUES.length(); offset++) {
      var position = lines.positionAt(offset);
      HoverService.hover(analysis.contexts().get(0), position)
          .ifPresent(h -> clean("a hover at " + position, h.getContents().getRight().getValue()));
      String marked = VALUES.substring(0, offset) + "|" + VALUES.substring(offset);
      Complete.at(marked).forEach(item -> clean("a completion at " + position,
          item.getLabel() + item.getDetail() + item.getTextEdit().getLeft().getNewText()
              + (item.getDocumentation() == null ? "" : item.getDocumentation().getRight().getValue())));
    }
  }
}
