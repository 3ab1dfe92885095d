package dev.buildbotls.yaml;

import org.eclipse.lsp4j.Range;

/** A YAML node that knows where it stands in the text. Aliases share the anchored node. */
public sealed interface YNode permits YMap, YSeq, YScalar {
  Range range();
}
