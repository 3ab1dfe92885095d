package dev.buildbotls.yaml;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a scalar the way Helm does. Helm parses values with go-yaml v2 ({@code resolve.go}): YAML
 * 1.1 words ({@code yes}, {@code on}, {@code off}), Go's integer syntax ({@code 0o17}, {@code 017},
 * {@code 0x1F}, {@code 0b11}, underscores), floats that overflow stay text, and explicit tags
 * ({@code !!str 3}, {@code !!int "3"}) decide the type, an unknown tag ({@code !foo 3}) giving text.
 */
public final class ScalarResolver {
  private static final String YAML_TAG = "tag:yaml.org,2002:";
  private static final Object NULL = new Object();
  private static final Map<String, Object> WORDS = words();
  /** go-yaml's yamlStyleFloat: what may be read as a float once it is no integer. */
  private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  /** Go's strconv.ParseInt/ParseUint with base 0, underscores already removed. */
  private static final Pattern GO_INTEGER = Pattern.compile("([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)");
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

  private ScalarResolver() {}

  /** A scalar Helm refuses to read: the message go-yaml (or the JSON conversion after it) gives. */
  public static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  /** A plain scalar without a tag: null, Boolean, Long, BigInteger, Double or the text itself. */
  public static Object resolvePlain(String text) {
    Object word = WORDS.get(text);
    if (word != null) {
      return word == NULL ? null : word;
    }
    if (text.isEmpty()) {
      return null;
    }
    char first = text.charAt(0);
    if (first == '.') {
      return finite(parseDouble(text), text);
    }
    if (!(first >= '0' && first <= '9' || first == '-' || first == '+')) {
      return text; // most scalars: names, URLs, images
    }
    String plain = text.replace("_", "");
    Object integer = goInteger(plain);
    if (integer != null) {
      return integer;
    }
    if (YAML_FLOAT.matcher(plain).matches()) {
      return finite(parseDouble(plain), text);
    }
    return text;
  }

  /**
   * A scalar as go-yaml decodes it given its tag.
   *
   * @param tag the explicit tag, or null when the scalar has none
   * @param plain whether the scalar is plain (only an untagged plain scalar is resolved implicitly)
   * @throws Unreadable when Helm refuses the file because of this scalar
   */
  public static Object resolve(String tag, String text, boolean plain) throws Unreadable {
    Object value;
    if (tag == null) {
      value = plain ? resolvePlain(text) : text;
    } else if (!tag.startsWith(YAML_TAG)) {
      value = text; // go-yaml keeps an unknown tag's text as it is
    } else {
      String type = tag.substring(YAML_TAG.length());
      value = switch (type) {
        case "str" -> text;
        case "binary" -> binary(text);
        case "null", "bool", "int", "float" -> typed(type, text);
        default -> text; // !!timestamp, !!map on a scalar...: Helm reads the text
      };
    }
    if (value instanceof Double d && (d.isInfinite() || d.isNaN())) {
      throw new Unreadable("json: unsupported value: " + (d.isNaN() ? "NaN" : d > 0 ? "+Inf" : "-Inf"));
    }
    return value;
  }

  /**
   * The key Helm makes of a scalar key: sigs.k8s.io/yaml turns go-yaml's key into a JSON key, a
   * number as Go formats it (a float as a float32, {@code 'g'}, shortest), a boolean as
   * {@code true}/{@code false}; so {@code on:} is the key {@code true} and {@code 0x1f:} is {@code 31}.
   */
  public static String keyText(Object value, String text) {
    if (value instanceof Boolean || value instanceof Long) {
      return value.toString();
    }
    if (value instanceof Double d) {
      return goFloat32(d);
    }
    return text; // a string; null and uint64 keys Helm refuses (see unreadableKey)
  }

  /** Go's strconv.FormatFloat(v, 'g', -1, 32), with go-yaml's names for the infinities and NaN. */
  private static String goFloat32(double value) {
    float f = (float) value;
    if (Float.isNaN(f)) {
      return ".nan";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? ".inf" : "-.inf";
    }
    if (f == 0) {
      return 1 / f < 0 ? "-0" : "0";
    }
    java.math.BigDecimal digits = null;
    for (int precision = 1; digits == null; precision++) { // the shortest decimal that reads back as f
      java.math.BigDecimal rounded = new java.math.BigDecimal(f).round(new java.math.MathContext(precision, java.math.RoundingMode.HALF_EVEN));
      digits = rounded.floatValue() == f ? rounded.stripTrailingZeros() : null;
    }
    int exponent = digits.precision() - digits.scale() - 1;
    if (exponent >= -4 && exponent < 6) {
      return digits.toPlainString();
    }
    String mantissa = digits.unscaledValue().abs().toString();
    String sign = digits.signum() < 0 ? "-" : "";
    String fraction = mantissa.length() > 1 ? "." + mantissa.substring(1) : "";
    return sign + mantissa.charAt(0) + fraction + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
  }

  private static Object typed(String type, String text) throws Unreadable {
    Object value = resolvePlain(text);
    String actual = value == null ? "null" : value instanceof Boolean ? "bool" : value instanceof Double ? "float"
        : value instanceof String ? "str" : "int";
    if (actual.equals(type)) {
      return value;
    }
    if (type.equals("float") && actual.equals("int")) {
      return ((Number) value).doubleValue();
    }
    throw new Unreadable("cannot decode !!" + actual + " `" + text + "` as a !!" + type);
  }

  private static String binary(String text) throws Unreadable {
    try {
      return new String(Base64.getMimeDecoder().decode(text.replaceAll("\\s", "")), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Unreadable("!!binary value contains invalid base64 data");
    }
  }

  /** Go's ParseInt(s, 0, 64), then ParseUint(s, 0, 64): null when neither reads it. */
  private static Object goInteger(String text) {
    var m = GO_INTEGER.matcher(text);
    if (!m.matches()) {
      return null;
    }
    String digits = m.group(2);
    int radix = 10;
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      char base = Character.toLowerCase(digits.charAt(1));
      radix = base == 'x' ? 16 : base == 'o' ? 8 : base == 'b' ? 2 : 8;
      digits = digits.substring(base == 'x' || base == 'o' || base == 'b' ? 2 : 1);
    }
    BigInteger value = new BigInteger(digits, radix);
    if (m.group(1).equals("-")) {
      value = value.negate();
      return value.compareTo(INT64_MIN) >= 0 ? (Object) value.longValue() : null;
    }
    if (value.bitLength() < 64) {
      return value.longValue();
    }
    return value.compareTo(UINT64_MAX) <= 0 && m.group(1).isEmpty() ? value : null;
  }

  private static double parseDouble(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN; // not a float: finite() keeps the text
    }
  }

  /** A float Go can parse; one that overflows (1e400) is an error to Go, so go-yaml keeps the text. */
  private static Object finite(double value, String text) {
    return Double.isInfinite(value) || Double.isNaN(value) ? text : (Object) value;
  }

  private static Map<String, Object> words() {
    Map<String, Object> words = new java.util.HashMap<>();
    for (String w : new String[] {"~", "null", "Null", "NULL"}) {
      words.put(w, NULL);
    }
    for (String w : new String[] {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"}) {
      words.put(w, Boolean.TRUE);
    }
    for (String w : new String[] {"n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"}) {
      words.put(w, Boolean.FALSE);
    }
    for (String w : new String[] {".nan", ".NaN", ".NAN"}) {
      words.put(w, Double.NaN);
    }
    for (String w : new String[] {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
      words.put(w, Double.POSITIVE_INFINITY);
    }
    for (String w : new String[] {"-.inf", "-.Inf", "-.INF"}) {
      words.put(w, Double.NEGATIVE_INFINITY);
    }
    return Map.copyOf(words);
  }
}
