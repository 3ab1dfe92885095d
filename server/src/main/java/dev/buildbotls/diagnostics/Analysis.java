package dev.buildbotls.diagnostics;

import dev.buildbotls.yaml.YamlFile;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;

/** One text analysed: the parsed file, a context per YAML document, and every diagnostic. */
public record Analysis(YamlFile file, List<ValuesContext> contexts, List<Diagnostic> diagnostics) {}
