package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.lsp4j.Diagnostic;

/**
 * Two workers with one login: a pool member ({@code name-0} ..) that is also another worker's
 * login, or a latent worker named as a worker's login. The masters would take two pods for one
 * worker and builds would fail at random. (A key repeated under {@code workers} is one workload to
 * Helm, which keeps the last: DuplicateKeyRule's.)
 */
public final class DuplicateWorkerRule implements Rule {
  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    // Each owner is the path of its key: [workers, name] or [latentWorkers, name].
    Map<String, Set<List<Object>>> ownersByLogin = new LinkedHashMap<>();
    context.workers().loginsByWorker().forEach((worker, logins) ->
        logins.forEach(login -> ownersByLogin.computeIfAbsent(login, l -> new LinkedHashSet<>()).add(List.of("workers", worker))));
    context.workers().latentNames().forEach(name ->
        ownersByLogin.computeIfAbsent(name, l -> new LinkedHashSet<>()).add(List.of("latentWorkers", name)));
    ownersByLogin.forEach((login, owners) -> {
      if (owners.size() < 2) {
        return;
      }
      List<Diagnostic> group = new ArrayList<>();
      for (List<Object> owner : owners) {
        List<List<Object>> others = owners.stream().filter(o -> !o.equals(owner)).toList();
        context.keyRange(owner).ifPresent(range -> group.add(context.diagnostic(range,
            Code.DUPLICATE_WORKER,
            "login `" + login + "` of " + name(owner) + " is also a login of "
                + String.join(", ", others.stream().map(DuplicateWorkerRule::name).toList())
                + context.origin(others.get(0))
                + ": two pods would log in as one worker")));
      }
      context.relate(group, "the other worker with login `" + login + "`");
      out.addAll(group);
    });
  }

  private static String name(List<Object> owner) {
    return (owner.get(0).equals("latentWorkers") ? "latent worker `" : "worker `") + owner.get(1) + "`";
  }
}
