package dev.buildbotls.lsp;

import dev.buildbotls.yaml.LineIndex;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/** An open document's text and version, changed incrementally as the client sends edits. */
public record Document(String uri, String text, int version) {

  /** The text after these changes, applied in order (each range refers to the text before it). */
  public Document apply(List<TextDocumentContentChangeEvent> changes, int newVersion) {
    String current = text;
    for (TextDocumentContentChangeEvent change : changes) {
      Range range = change.getRange();
      if (range == null) {
        current = change.getText();
      } else {
        LineIndex lines = new LineIndex(current);
        int start = lines.offsetAt(range.getStart());
        int end = Math.max(start, lines.offsetAt(range.getEnd()));
        current = current.substring(0, start) + change.getText() + current.substring(end);
      }
    }
    return new Document(uri, current, newVersion);
  }

  /** Where a document lives on disk: a file: URI's path, else null (an unsaved or remote document). */
  public static Path pathOf(String uri) {
    try {
      URI parsed = URI.create(uri);
      return "file".equals(parsed.getScheme()) ? Path.of(parsed) : null;
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return null;
    }
  }
}
