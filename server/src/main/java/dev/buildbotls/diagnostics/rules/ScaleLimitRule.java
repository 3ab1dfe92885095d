package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.values.FarmSize;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * A farm the cluster or Helm cannot store: an object past 1 MiB (the masters' ConfigMap, a Secret of
 * worker passwords, Helm's release record), sized by {@link FarmSize}. Placed on what adds most to
 * it, or the nearest key of that path this file has.
 */
public final class ScaleLimitRule implements Rule {
  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    for (FarmSize.Size size : FarmSize.of(context.values())) {
      if (!size.overLimit()) {
        continue;
      }
      out.add(context.diagnostic(place(context, size.path()), Code.SCALE_LIMIT, String.format(Locale.ROOT,
          "%s: %s%,d bytes, past the 1 MiB (%,d bytes) Kubernetes stores in one object; the largest part: %s. %s",
          size.object(), size.estimated() ? "about " : "", size.bytes(), FarmSize.OBJECT_LIMIT, size.largest(), advice(size))));
    }
  }

  private static String advice(FarmSize.Size size) {
    return switch (size.kind()) {
      case RELEASE_RECORD -> "Helm could not record the release: declare alike workers as pools (`replicas`; a pool member adds about 48 bytes, a named worker about 180)";
      case CONFIG_MAP -> size.path().equals(List.of("latentWorkers"))
          ? "The API server refuses the ConfigMap: fewer latent workers (each build pod's spec is in it, about 2.3 KB); one serves several builds with `maxBuilds`"
          : "The API server refuses the ConfigMap: fewer builders or a shorter master.extraConfig";
      case SECRET -> "The API server refuses the Secret: shorter given passwords, or the pool split in two";
    };
  }

  /** The path's key in this file, else its nearest ancestor's, else the document's start. */
  private static Range place(ValuesContext context, List<Object> path) {
    for (int n = path.size(); n > 0; n--) {
      Optional<Range> key = context.keyRange(path.subList(0, n));
      if (key.isPresent()) {
        return key.get();
      }
    }
    return new Range(new Position(0, 0), new Position(0, 0));
  }
}
