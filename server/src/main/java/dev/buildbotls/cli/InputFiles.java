package dev.buildbotls.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a values file as UTF-8 text, turning every failure into one clear line. */
final class InputFiles {
  private InputFiles() {}

  static String read(Path file) throws Cli.UsageException {
    if (Files.isDirectory(file)) {
      throw new Cli.UsageException(file + ": is a directory, not a values file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new Cli.UsageException(file + ": no such file");
    } catch (IOException | OutOfMemoryError e) {
      throw new Cli.UsageException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
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
