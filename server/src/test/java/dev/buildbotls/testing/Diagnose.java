package dev.buildbotls.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.buildbotls.diagnostics.Analyzer;
import dev.buildbotls.values.ValuesStack;
import dev.buildbotls.yaml.YamlDocument;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.YamlParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;

/** Runs the analysis on a text and compares its diagnostics with marked spans. */
public final class Diagnose {
  private Diagnose() {}

  /** Diagnostics of a values file with the bundled chart's defaults (path null: unsaved file). */
  public static List<Diagnostic> run(String text, Path file) {
    return Analyzer.analyze("file:///test/values.yaml", file, text, () -> {}).diagnostics();
  }

  /**
   * Asserts the diagnostics, in position order, are exactly {@code expected}: each {@code code#i}
   * sits on the i-th marked span.
   */
  public static List<Diagnostic> expect(String marked, String... expected) {
    Marked m = Marked.of(marked);
    List<Diagnostic> diagnostics = run(m.text(), null);
    List<String> want = new ArrayList<>();
    for (String e : expected) {
      String[] parts = e.split("#");
      want.add(parts[0] + " " + Marked.format(m.spans().get(Integer.parseInt(parts[1]))));
    }
    assertEquals(want, describe(diagnostics), "diagnostics of:\n" + m.text() + "\nmessages: " + messages(diagnostics));
    return diagnostics;
  }

  /**
   * A stack of marked layers ({@code -f} order) analysed as {@code --check -f ...} analyses it:
   * {@code L:code#i} sits on the i-th marked span of layer L, and nothing else is reported anywhere.
   */
  public static List<List<Diagnostic>> expectStack(List<String> markedLayers, String... expected) {
    List<Marked> layers = markedLayers.stream().map(Marked::of).toList();
    List<YamlFile> files = layers.stream().map(m -> YamlParser.parse(m.text())).toList();
    List<YamlDocument> documents = files.stream().map(YamlFile::firstDocument).toList();
    List<List<Diagnostic>> found = new ArrayList<>();
    List<String> got = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      List<Diagnostic> diagnostics = Analyzer.analyze("file:///test/layer" + i + ".yaml", null, files.get(i),
          ValuesStack.around(documents, i), () -> {}).diagnostics();
      found.add(diagnostics);
      for (String d : describe(diagnostics)) {
        got.add(i + ":" + d);
      }
    }
    List<String> want = new ArrayList<>();
    for (String e : expected) {
      int colon = e.indexOf(':');
      int layer = Integer.parseInt(e.substring(0, colon));
      String[] parts = e.substring(colon + 1).split("#");
      want.add(layer + ":" + parts[0] + " " + Marked.format(layers.get(layer).spans().get(Integer.parseInt(parts[1]))));
    }
    assertEquals(want, got, "messages: " + found.stream().map(Diagnose::messages).toList());
    return found;
  }

  public static List<String> describe(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(d -> d.getCode().getLeft() + " " + Marked.format(d.getRange())).toList();
  }

  public static List<String> messages(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::getMessage).toList();
  }
}
