package dev.buildbotls.navigation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.schema.ValuesSchema;
import dev.buildbotls.values.Workers;
import dev.buildbotls.yaml.NodeFinder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/** Go to definition, find references and rename, on worker names. */
public final class NavigationService {

  private NavigationService() {}

  /** The worker under the cursor (its definition key or a builder's reference) and the range of that name. */
  record Target(String worker, Range range, WorkerIndex index, ValuesContext context) {}

  static Optional<Target> target(ValuesContext context, Position position) {
    WorkerIndex index = new WorkerIndex(context.document(), context.workers());
    for (Map.Entry<String, Range> d : index.definitions().entrySet()) {
      if (NodeFinder.contains(d.getValue(), position)) {
        return Optional.of(new Target(d.getKey(), d.getValue(), index, context));
      }
    }
    for (WorkerIndex.Reference r : index.references()) {
      if (NodeFinder.contains(r.range(), position)) {
        return index.workerOf(r.name()).map(w -> new Target(w, r.range(), index, context));
      }
    }
    return Optional.empty();
  }

  public static List<Location> definition(ValuesContext context, Position position) {
    return target(context, position)
        .flatMap(t -> Optional.ofNullable(t.index().definitions().get(t.worker())))
        .map(range -> List.of(new Location(context.uri(), range)))
        .orElse(List.of());
  }

  public static List<Location> references(ValuesContext context, Position position, boolean includeDeclaration) {
    return target(context, position).map(t -> {
      List<Location> locations = new ArrayList<>();
      Range definition = t.index().definitions().get(t.worker());
      if (includeDeclaration && definition != null) {
        locations.add(new Location(context.uri(), definition));
      }
      t.index().referencesTo(t.worker()).forEach(r -> locations.add(new Location(context.uri(), r.range())));
      return locations;
    }).orElse(List.of());
  }

  public static Optional<Range> prepareRename(ValuesContext context, Position position) {
    return target(context, position).filter(t -> t.index().definitions().containsKey(t.worker())).map(Target::range);
  }

  /** Renames a worker: its key and every builder's reference, pool members included. */
  public static WorkspaceEdit rename(ValuesContext context, Position position, String newName) {
    Target t = target(context, position)
        .filter(x -> x.index().definitions().containsKey(x.worker()))
        .orElseThrow(() -> failure("no worker defined in this file under the cursor"));
    String old = t.worker();
    Workers workers = t.index().workers();
    // The names the schema allows in the worker's map (a latent worker's are shorter: its build pods
    // are named buildbot-<name>-<6 hex>, a DNS label).
    String section = workers.section(old);
    JsonNode names = ValuesSchema.get().at(List.of(section)).map(s -> s.path("propertyNames")).orElseThrow();
    int maxLength = names.path("maxLength").asInt();
    if (!newName.matches(names.path("pattern").asText()) || newName.length() > maxLength) {
      throw failure("`" + newName + "` is not a valid worker name: lower-case letters, digits and '-', "
          + "starting and ending with a letter or digit, at most " + maxLength + " characters " + (section.equals("latentWorkers")
              ? "(its build pods are named buildbot-<name>-<6 hex digits>, a DNS label)"
              : "(it becomes a Kubernetes name)"));
    }
    Set<String> taken = new HashSet<>();
    workers.latentNames().stream().filter(name -> !name.equals(old)).forEach(taken::add);
    workers.loginsByWorker().forEach((name, logins) -> {
      if (!name.equals(old)) {
        taken.add(name);
        taken.addAll(logins);
      }
    });
    List<String> oldLogins = workers.loginsByWorker().getOrDefault(old, List.of(old));
    for (String login : oldLogins) {
      String renamed = newName + login.substring(old.length());
      if (taken.contains(renamed) || taken.contains(newName)) {
        throw failure("cannot rename `" + old + "` to `" + newName + "`: `" + (taken.contains(newName) ? newName : renamed)
            + "` is already a worker or pool member");
      }
    }
    List<TextEdit> edits = new ArrayList<>();
    edits.add(new TextEdit(t.index().definitions().get(old), newName));
    for (WorkerIndex.Reference r : t.index().referencesTo(old)) {
      edits.add(new TextEdit(r.range(), newName + r.name().substring(old.length())));
    }
    return new WorkspaceEdit(Map.of(context.uri(), edits));
  }

  private static ResponseErrorException failure(String message) {
    return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
  }
}
