package dev.buildbotls.yaml;

import java.util.List;
import org.eclipse.lsp4j.Range;

/**
 * A parsed text: every document the parser could read before a syntax error, and that error.
 * {@code documents} may be non-empty even when {@code syntaxError} is set: the documents before
 * the error stay usable. {@code hiddenLineBreaks}: each U+0085, U+2028 or U+2029 outside quotes,
 * a line break to Helm that editors do not show (the text is read as Helm reads it, see
 * {@code GoYamlBreaks}).
 */
public record YamlFile(String text, LineIndex lines, List<YamlDocument> documents, SyntaxError syntaxError,
    List<SyntaxError> hiddenLineBreaks) {

  /** Where and why the text stopped being YAML (or could not be read at all). */
  public record SyntaxError(String message, Range range) {}

  public boolean hasSyntaxError() {
    return syntaxError != null;
  }

  /** The document Helm reads (the first), or an empty one when the text has none. */
  public YamlDocument firstDocument() {
    return documents.isEmpty() ? new YamlDocument(null, false) : documents.get(0);
  }
}
