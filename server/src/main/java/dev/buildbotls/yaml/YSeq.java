package dev.buildbotls.yaml;

import java.util.List;
import org.eclipse.lsp4j.Range;

public record YSeq(List<YNode> items, boolean flow, Range range) implements YNode {}
