package dev.buildbotls.values;

import java.security.SecureRandom;

/** Fresh worker passwords for completion and quick fixes. */
public final class Passwords {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Letters and digits without look-alikes (no 0/O, 1/l/I). */
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private Passwords() {}

  /** 24 characters from a secure random source. */
  public static String generate() {
    StringBuilder b = new StringBuilder(24);
    for (int i = 0; i < 24; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
