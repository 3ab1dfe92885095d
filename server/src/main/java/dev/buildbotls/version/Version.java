package dev.buildbotls.version;

/** The server's version, from the jar's manifest (the build's), read by the CLI and the server alike. */
public final class Version {
  public static final String VERSION = Version.class.getPackage().getImplementationVersion() == null
      ? "0.1.0" : Version.class.getPackage().getImplementationVersion();

  private Version() {}
}
