package dev.buildbotls.cli;

import dev.buildbotls.values.ValuesFiles;
import dev.buildbotls.yaml.YamlParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads a values file as UTF-8 text, turning every failure into one clear line. */
final class InputFiles {
  /** Bytes enough for the longest text the parser reads ({@link YamlParser#MAX_CHARS} characters of up to 4 bytes). */
  static final int MAX_BYTES = 4 * YamlParser.MAX_CHARS;

  private InputFiles() {}

  /** A file as given, or a directory's values files ({@code values*.yaml}, recursively, sorted; links not followed). */
  static List<Path> expand(Path input) throws Cli.UsageException {
    if (!Files.isDirectory(input)) {
      return List.of(input);
    }
    try (Stream<Path> walk = Files.walk(input)) {
      List<Path> files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> ValuesFiles.isValuesName(p.getFileName().toString())).sorted().toList();
      if (files.isEmpty()) {
        throw new Cli.UsageException(input + ": no values*.yaml file in this directory");
      }
      return files;
    } catch (IOException | UncheckedIOException e) {
      throw new Cli.UsageException(input + ": cannot list the directory (" + e.getClass().getSimpleName() + ")");
    }
  }

  static String read(Path file) throws Cli.UsageException {
    if (Files.isDirectory(file)) {
      throw new Cli.UsageException(file + ": is a directory, not a values file");
    }
    byte[] bytes;
    try {
      // The user's own choice, still bounded: a FIFO or a device (/dev/stdin, /dev/zero) would hang or fill the heap
      java.nio.file.attribute.BasicFileAttributes attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new Cli.UsageException(file + ": not a regular file (a FIFO, a device or a socket): name a values file");
      }
      try (java.io.InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        throw new Cli.UsageException(file + ": larger than " + MAX_BYTES / (1024 * 1024) + " MiB, more than a values file holds");
      }
    } catch (NoSuchFileException e) {
      throw new Cli.UsageException(file + ": no such file");
    } catch (IOException | OutOfMemoryError e) {
      throw new Cli.UsageException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
    return decode(bytes, file.toString());
  }

  /** Standard input, read whole. */
  static String read(InputStream in, String name) throws Cli.UsageException {
    try {
      return decode(in.readAllBytes(), name);
    } catch (IOException | OutOfMemoryError e) {
      throw new Cli.UsageException(name + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String decode(byte[] bytes, String file) throws Cli.UsageException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Cli.UsageException(file + ": not UTF-8 text (a values file must be UTF-8)");
    }
  }
}
