package dev.buildbotls.yaml;

import org.eclipse.lsp4j.Range;

/**
 * A scalar with its source text and the value Helm reads from it: {@code null}, Boolean, Long,
 * BigInteger, Double or String (see {@link ScalarResolver}).
 */
public record YScalar(String text, Object value, boolean plain, Range range) implements YNode {}
