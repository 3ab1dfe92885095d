package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.yaml.YMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;

/**
 * Two workers with one login: a pool member ({@code name-0} ..) that is also another worker's
 * login. The masters would take two pods for one worker and builds would fail at random. (A key
 * repeated under {@code workers} is one workload to Helm, which keeps the last: DuplicateKeyRule's.)
 */
public final class DuplicateWorkerRule implements Rule {
  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    poolCollisions(context, out);
  }

  private static void poolCollisions(ValuesContext context, List<Diagnostic> out) {
    Map<String, Set<String>> workersByLogin = new LinkedHashMap<>();
    context.workers().loginsByWorker().forEach((worker, logins) ->
        logins.forEach(login -> workersByLogin.computeIfAbsent(login, l -> new LinkedHashSet<>()).add(worker)));
    workersByLogin.forEach((login, owners) -> {
      if (owners.size() < 2) {
        return;
      }
      List<Diagnostic> group = new ArrayList<>();
      for (String owner : owners) {
        List<String> others = owners.stream().filter(o -> !o.equals(owner)).toList();
        context.keyRange(List.of("workers", owner)).ifPresent(range -> group.add(context.diagnostic(range,
            Code.DUPLICATE_WORKER,
            "login `" + login + "` of worker `" + owner + "` is also a login of " + names(others)
                + context.origin(List.of("workers", others.get(0)))
                + ": two pods would log in as one worker")));
      }
      context.relate(group, "the other worker with login `" + login + "`");
      out.addAll(group);
    });
  }

  private static String names(List<String> workers) {
    return "worker " + String.join(", ", workers.stream().map(w -> "`" + w + "`").toList());
  }
}
