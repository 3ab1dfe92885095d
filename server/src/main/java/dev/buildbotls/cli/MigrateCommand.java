package dev.buildbotls.cli;

import dev.buildbotls.values.LegacyLayout;
import dev.buildbotls.values.LegacyMigration;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.YamlParser;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code --migrate FILE}: prints the original chart's flat values in this chart's layout. */
final class MigrateCommand {
  private MigrateCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws Cli.UsageException {
    if (args.size() != 1 || args.get(0).startsWith("-")) {
      throw new Cli.UsageException("--migrate needs exactly one values file");
    }
    YamlFile file = YamlParser.parse(InputFiles.read(Path.of(args.get(0))));
    if (file.hasSyntaxError() || file.documents().isEmpty() || file.documents().get(0).root() == null) {
      throw new Cli.UsageException(args.get(0) + ": not a YAML values file"
          + (file.hasSyntaxError() ? " (" + file.syntaxError().message() + ")" : ""));
    }
    if (!LegacyLayout.uses(file.documents().get(0).root())) {
      throw new Cli.UsageException(args.get(0) + ": not in the original chart's flat layout (no key such as master_replicas or wortkerTypes): nothing to migrate");
    }
    LegacyMigration.Result migrated = LegacyMigration.migrate(file.documents().get(0));
    out.print(migrated.text());
    out.flush();
    migrated.notMigrated().forEach(n -> err.println("buildbot-ls: not migrated: " + n.replace('\n', ' ')));
    return 0;
  }
}
