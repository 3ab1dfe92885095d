package dev.buildbotls.yaml;

/**
 * Text from a values file written where one line is expected (a CLI report line, a YAML comment):
 * every line break, to an editor or to Helm's YAML reader (U+0085, U+2028, U+2029), and every other
 * control character is escaped as Java writes it, so the text can never start a line of its own.
 */
public final class OneLine {
  private OneLine() {}

  public static String of(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\\' -> b.append("\\\\");
        default -> {
          if (Character.getType(c) == Character.CONTROL || GoYamlBreaks.isBreak(c)) {
            b.append(String.format("\\u%04X", c));
          } else {
            b.appendCodePoint(c);
          }
        }
      }
    });
    return b.toString();
  }
}
