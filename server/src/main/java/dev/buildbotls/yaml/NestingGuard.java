package dev.buildbotls.yaml;

/**
 * A cheap scan for nesting deeper than the parser and the analysis (both recursive) should
 * follow: open flow brackets, and block indentation wider than any sane nesting needs.
 * Returns the problem, or null.
 */
final class NestingGuard {
  private NestingGuard() {}

  static String check(String text, int maxDepth) {
    int flow = 0;
    int indent = 0;
    boolean lineStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lineStart = true;
        indent = 0;
        continue;
      }
      if (lineStart && (c == ' ' || c == '-')) {
        // Two columns per level at least; a block nested past the limit is indented past twice it.
        if (++indent > 2 * maxDepth) {
          return tooDeep(maxDepth);
        }
        continue;
      }
      lineStart = false;
      if ((c == '[' || c == '{') && ++flow > maxDepth) {
        return tooDeep(maxDepth);
      } else if ((c == ']' || c == '}') && flow > 0) {
        flow--;
      }
    }
    return null;
  }

  private static String tooDeep(int maxDepth) {
    return "nesting too deep: more than " + maxDepth + " levels";
  }
}
