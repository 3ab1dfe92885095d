package dev.buildbotls.schema;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.regex.Pattern;

/**
 * The schema's patterns as Helm's validator reads them (Go's regexp, like ECMA-262 for JSON
 * Schema): {@code $} is the end of the text. Java's {@code $} also matches before a final line
 * break ({@code \n}, U+0085, U+2028...), which would let {@code "ssd\u0085"} or a name ending in a
 * newline pass a pattern Helm fails.
 */
final class GoRegex implements RegularExpressionFactory {
  @Override
  public RegularExpression getRegularExpression(String regex) {
    boolean endAnchor = regex.endsWith("$") && !regex.endsWith("\\$");
    Pattern pattern = Pattern.compile(endAnchor ? regex.substring(0, regex.length() - 1) + "\\z" : regex);
    return value -> pattern.matcher(value).find();
  }
}
