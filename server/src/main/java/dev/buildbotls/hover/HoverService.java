package dev.buildbotls.hover;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.values.ChartDefaults;
import dev.buildbotls.navigation.WorkerIndex;
import dev.buildbotls.schema.SchemaDocs;
import dev.buildbotls.schema.ValuesSchema;
import dev.buildbotls.yaml.NodeFinder;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Hover: the schema's documentation of the key under the cursor; on a worker name in a builder,
 * what that worker is. Never a value's text, so a password cannot show.
 */
public final class HoverService {
  private HoverService() {}

  public static Optional<Hover> hover(ValuesContext context, Position position) {
    Optional<NodeFinder.Hit> found = NodeFinder.find(context.document(), position);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    NodeFinder.Hit hit = found.get();
    List<Object> path = hit.path();
    if (!hit.onKey() && path.size() == 4 && "builders".equals(path.get(0)) && "workers".equals(path.get(2))) {
      return workerHover(context, hit);
    }
    if (!hit.onKey()) {
      return Optional.empty();
    }
    return ValuesSchema.get().at(path)
        .map(schema -> hover(SchemaDocs.markdown(dotted(path), schema), hit.entry().key().range()));
  }

  private static Optional<Hover> workerHover(ValuesContext context, NodeFinder.Hit hit) {
    String name = ((dev.buildbotls.yaml.YScalar) hit.node()).text();
    WorkerIndex index = new WorkerIndex(context.document(), context.workers());
    Optional<String> worker = index.workerOf(name);
    if (worker.isEmpty()) {
      return Optional.of(hover("**" + name + "**: no such worker", hit.node().range()));
    }
    String section = context.workers().section(worker.get());
    JsonNode values = context.values().path(section).path(worker.get());
    List<String> logins = context.workers().loginsByWorker().getOrDefault(worker.get(), List.of(worker.get()));
    String tag = values.path("image").path("tag").asText("");
    String image = values.path("image").path("repository").asText("quay.io/buildbot/buildbot-worker") + ":"
        + (tag.isEmpty() ? ChartDefaults.buildbotTag() : tag);
    StringBuilder b = new StringBuilder("**worker " + worker.get() + "**");
    b.append(name.equals(worker.get()) ? "" : " (pool member `" + name + "`)").append("\n\n");
    b.append("- image: `").append(image).append("`\n");
    if (section.equals("latentWorkers")) {
      b.append("- latent: each engine master creates a build pod for a build (login `").append(worker.get())
          .append("`), deleted ").append(values.path("buildWaitTimeout").asInt(0) > 0
              ? "after " + values.path("buildWaitTimeout").asInt() + " s without a build" : "when the build ends").append("\n");
    } else {
      b.append(logins.size() > 1
          ? "- pool of " + logins.size() + ": `" + logins.get(0) + "` .. `" + logins.get(logins.size() - 1) + "`\n"
          : "- one pod, login `" + worker.get() + "`\n");
    }
    b.append("- max builds: ").append(values.path("maxBuilds").asInt(1)).append("\n");
    Range definition = index.definitions().get(worker.get());
    b.append(definition != null ? "- defined at line " + (definition.getStart().getLine() + 1) : "- defined in the chart's defaults");
    return Optional.of(hover(b.toString(), hit.node().range()));
  }

  private static Hover hover(String markdown, Range range) {
    return new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown), range);
  }

  private static String dotted(List<Object> path) {
    StringBuilder b = new StringBuilder();
    for (Object step : path) {
      b.append(step instanceof Integer i ? "[" + i + "]" : (b.length() == 0 ? "" : ".") + step);
    }
    return b.toString();
  }
}
