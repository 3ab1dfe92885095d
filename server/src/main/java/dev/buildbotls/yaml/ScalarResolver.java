package dev.buildbotls.yaml;

import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a plain scalar the way Helm does. Helm parses values with go-yaml v2 (YAML 1.1 rules), so
 * {@code yes}, {@code on} and {@code off} are booleans and {@code 0755} is octal.
 */
public final class ScalarResolver {
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> TRUES = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
  private static final Set<String> FALSES = Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
  private static final Pattern OCTAL = Pattern.compile("[-+]?0[0-7_]+");
  private static final Pattern HEX = Pattern.compile("[-+]?0x[0-9a-fA-F_]+");
  private static final Pattern BINARY = Pattern.compile("[-+]?0b[01_]+");
  private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?");

  private ScalarResolver() {}

  public static Object resolvePlain(String text) {
    if (text.length() > 5) {
      return number(text); // longer than any null or boolean word
    }
    if (NULLS.contains(text)) {
      return null;
    }
    if (TRUES.contains(text)) {
      return Boolean.TRUE;
    }
    if (FALSES.contains(text)) {
      return Boolean.FALSE;
    }
    return number(text);
  }

  private static Object number(String text) {
    char first = text.charAt(0);
    boolean numeric = first >= '0' && first <= '9' || first == '-' || first == '+' || first == '.';
    if (!numeric) {
      return text; // most scalars: names, URLs, images
    }
    if (DECIMAL.matcher(text).matches()) {
      return integer(text, 10, 0);
    }
    if (HEX.matcher(text).matches()) {
      return integer(text, 16, 2);
    }
    if (BINARY.matcher(text).matches()) {
      return integer(text, 2, 2);
    }
    if (OCTAL.matcher(text).matches()) {
      return integer(text, 8, 1);
    }
    if (FLOAT.matcher(text).matches()) {
      return Double.parseDouble(text.replace("_", ""));
    }
    switch (first == '-' || first == '+' ? text.substring(1) : text) {
      case ".inf", ".Inf", ".INF":
        return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      case ".nan", ".NaN", ".NAN":
        return Double.NaN;
      default:
        return text;
    }
  }

  private static Object integer(String text, int radix, int prefixLength) {
    boolean negative = text.startsWith("-");
    String digits = text.replaceFirst("^[-+]", "").substring(prefixLength).replace("_", "");
    BigInteger value = new BigInteger(digits.isEmpty() ? "0" : digits, radix);
    value = negative ? value.negate() : value;
    return value.bitLength() < 64 ? (Object) value.longValue() : value;
  }
}
