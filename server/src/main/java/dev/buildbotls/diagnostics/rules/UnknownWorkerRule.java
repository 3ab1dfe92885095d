package dev.buildbotls.diagnostics.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.Suggestions;
import dev.buildbotls.diagnostics.ValuesContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Diagnostic;

/** A builder's {@code workers} entry that is neither a worker nor a pool member. */
public final class UnknownWorkerRule implements Rule {
  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    JsonNode builders = context.values().path("builders");
    if (!builders.isObject()) {
      return;
    }
    // A misspelt name tends to be copied into many builders: its suggestion is looked up once.
    Map<String, String> suggestions = new HashMap<>();
    builders.fields().forEachRemaining(builder -> {
      JsonNode names = builder.getValue().path("workers");
      if (!names.isArray()) {
        return; // a mapping or a scalar is the schema's finding
      }
      for (int i = 0; i < names.size(); i++) {
        if (!names.get(i).isTextual() || context.workers().isReferenceable(names.get(i).asText())) {
          continue;
        }
        String name = names.get(i).asText();
        List<Object> path = List.of("builders", builder.getKey(), "workers", i);
        context.valueRange(path).ifPresent(range -> out.add(context.diagnostic(range, Code.UNKNOWN_WORKER,
            "builder `" + builder.getKey() + "` names worker `" + name + "`, which is not defined"
                + suggestions.computeIfAbsent(name, n -> Suggestions.didYouMean(n, context.workers().referenceableNames())))));
      }
    });
  }
}
