package dev.buildbotls.navigation;

import dev.buildbotls.values.Workers;
import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YScalar;
import dev.buildbotls.yaml.YSeq;
import dev.buildbotls.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.Range;

/** Where each worker (latent ones included) is defined in a document and where builders name it. */
public final class WorkerIndex {
  /** A builder's {@code workers} entry: the name as written, where, and in which builder. */
  public record Reference(String name, Range range, String builder) {}

  private final Map<String, Range> definitions = new LinkedHashMap<>();
  private final List<Reference> references = new ArrayList<>();
  private final Workers workers;

  public WorkerIndex(YamlDocument document, Workers workers) {
    this.workers = workers;
    for (String section : List.of("workers", "latentWorkers")) {
      document.mapAt(List.of(section)).ifPresent(map -> map.entries().stream()
          .filter(e -> !e.isMerge())
          .forEach(e -> definitions.putIfAbsent(e.keyText(), e.key().range())));
    }
    document.mapAt(List.of("builders")).ifPresent(builders -> {
      for (YMap.Entry builder : builders.entries()) {
        if (builder.value() instanceof YMap fields && fields.entry("workers").map(YMap.Entry::value).orElse(null) instanceof YSeq list) {
          for (YNode item : list.items()) {
            if (item instanceof YScalar s && s.value() != null) {
              references.add(new Reference(s.text(), s.range(), builder.keyText()));
            }
          }
        }
      }
    });
  }

  public Map<String, Range> definitions() {
    return definitions;
  }

  public List<Reference> references() {
    return references;
  }

  /** The worker a name means: itself, or the pool it is a member of. */
  public Optional<String> workerOf(String name) {
    if (workers.loginsByWorker().containsKey(name) || workers.latentNames().contains(name)) {
      return Optional.of(name);
    }
    return workers.loginsByWorker().entrySet().stream()
        .filter(e -> e.getValue().contains(name))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  public List<Reference> referencesTo(String worker) {
    return references.stream().filter(r -> workerOf(r.name()).map(worker::equals).orElse(false)).toList();
  }

  public Workers workers() {
    return workers;
  }
}
