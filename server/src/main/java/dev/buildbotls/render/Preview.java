package dev.buildbotls.render;

import dev.buildbotls.yaml.LineIndex;
import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YScalar;
import dev.buildbotls.yaml.YamlDocument;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.lsp4j.Range;

/**
 * The file a render's manifests are shown in (README: "Render the chart"): in a private per-user
 * directory (0700, never a link, owned by the user), named after the values file and a hash of its
 * path (two workspaces' {@code values.yaml} never share one), a name the server does not take for a
 * values file, written through a new file renamed into place (a link planted at the name is
 * replaced, never followed), with Secret values masked unless the user asks to see them.
 */
public final class Preview {
  static final String MASK = "'<masked: buildbot.showSecretsInPreview shows it>'";
  private static final String SUFFIX = ".manifests.yaml";

  private Preview() {}

  /** -Dbuildbotls.renderDir, else $XDG_CACHE_HOME/buildbot-ls/rendered, else ~/.cache/buildbot-ls/rendered. */
  public static Path directory() {
    String configured = System.getProperty("buildbotls.renderDir");
    if (configured != null) {
      return Path.of(configured);
    }
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("buildbot-ls").resolve("rendered");
  }

  /** The preview of a values file (null: an unnamed document). */
  public static Path fileFor(Path valuesFile) {
    boolean named = valuesFile != null && valuesFile.getFileName() != null;
    String base = named ? valuesFile.getFileName().toString().replaceFirst("(?i)\\.ya?ml$", "") : "untitled";
    String source = named ? valuesFile.toAbsolutePath().normalize().toString() : "";
    return directory().resolve("manifests-" + base + "-" + shortHash(source) + SUFFIX);
  }

  /** True for a file this class writes: the server never analyses its own output. */
  public static boolean isPreview(Path file) {
    return file != null && file.getFileName() != null && file.getFileName().toString().endsWith(SUFFIX)
        && file.toAbsolutePath().normalize().getParent().equals(directory().toAbsolutePath().normalize());
  }

  /** Writes the preview safely; returns its path. */
  public static Path write(Path valuesFile, String manifests) throws IOException {
    Path target = fileFor(valuesFile);
    Path dir = privateDirectory(target.getParent());
    Path fresh = Files.createTempFile(dir, ".render-", ".tmp"); // 0600, a new file: no link followed
    try {
      Files.writeString(fresh, manifests, StandardCharsets.UTF_8);
      try {
        Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(fresh, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(fresh);
    }
    return target;
  }

  private static Path privateDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(dir + " is not a directory of its own (a link?); the preview is not written there");
    }
    PosixFileAttributeView posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (posix != null) {
      if (!ownedByMe(dir)) {
        throw new IOException(dir + " belongs to another user; the preview is not written there");
      }
      posix.setPermissions(PosixFilePermissions.fromString("rwx------"));
    }
    return dir;
  }

  private static boolean ownedByMe(Path dir) throws IOException {
    Path probe = Files.createTempFile(dir, ".owner-", ".tmp");
    try {
      return Files.getOwner(probe).equals(Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS));
    } finally {
      Files.delete(probe);
    }
  }

  /** The manifests with every value under a Secret's {@code data} and {@code stringData} replaced. */
  public static String maskSecrets(String manifests) {
    YamlFile yaml = YamlParser.parse(manifests);
    List<Range> values = new ArrayList<>();
    for (YamlDocument document : yaml.documents()) {
      if (document.root() instanceof YMap root && root.entry("kind").map(YMap.Entry::value).filter(YScalar.class::isInstance)
          .map(v -> "Secret".equals(((YScalar) v).text())).orElse(false)) {
        for (String key : List.of("data", "stringData")) {
          root.entry(key).map(YMap.Entry::value).filter(YMap.class::isInstance).ifPresent(data -> {
            for (YMap.Entry e : ((YMap) data).entries()) {
              YNode v = e.value();
              if (v != null) {
                values.add(v.range());
              }
            }
          });
        }
      }
    }
    LineIndex lines = yaml.lines();
    StringBuilder masked = new StringBuilder(manifests);
    for (int i = values.size() - 1; i >= 0; i--) { // from the end, so earlier offsets stay true
      masked.replace(lines.offsetAt(values.get(i).getStart()), lines.offsetAt(values.get(i).getEnd()), MASK);
    }
    return masked.toString();
  }

  private static String shortHash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
