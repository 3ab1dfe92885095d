package dev.buildbotls.completion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.schema.SchemaDocs;
import dev.buildbotls.values.ChartDefaults;
import dev.buildbotls.schema.ValuesSchema;
import dev.buildbotls.values.Workers;
import dev.buildbotls.yaml.LineIndex;
import dev.buildbotls.values.Passwords;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemDefaults;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.InsertTextMode;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Completion from the shipped schema and the document: keys allowed at the cursor, values, new
 * workers and builders, and the worker names a builder may use. Works on half-typed text: the
 * cursor is located in the current text ({@link CursorContext}), names come from the last values
 * that parsed.
 */
public final class CompletionService {
  public static final List<String> TRIGGER_CHARACTERS = List.of(":", " ", "-");
  /** At most this many worker names in one list (see listItems). */
  public static final int MAX_WORKER_NAMES = 1000;

  private CompletionService() {}

  /**
   * @param lines the current text
   * @param workers the workers of the last values that parsed
   * @param snippets whether the client expands snippets; without, every item is one plain line
   *     (Vim's completion inserts a newline as a NUL character)
   */
  public static CompletionList complete(LineIndex lines, Workers workers, Position position, boolean snippets) {
    CursorContext cursor = CursorContext.at(lines, position);
    CompletionList found = switch (cursor.kind()) {
      case KEY -> new CompletionList(keys(cursor, workers));
      case VALUE -> new CompletionList(values(cursor));
      case LIST_ITEM -> listItems(cursor, workers);
    };
    List<CompletionItem> items = new ArrayList<>(found.getItems());
    if (!snippets && !cursor.lead().isEmpty()) {
      // Over-indented: Vim's completion inserts at the word, never over the extra indentation, so
      // any key would be invalid YAML there. Nothing is offered.
      return new CompletionList(false, List.of());
    }
    if (!snippets) {
      items.forEach(CompletionService::toPlainLine);
      Set<String> inserted = new HashSet<>(); // `name (existingSecret)` inserts what `name` does
      items.removeIf(i -> i.getTextEdit() != null && i.getTextEdit().isLeft() && !inserted.add(i.getTextEdit().getLeft().getNewText()));
    }
    return new CompletionList(found.isIncomplete(), items);
  }

  /** A snippet item as the plain text of its first line: `image:` for a block, `type: postgresql` for a choice. */
  private static void toPlainLine(CompletionItem item) {
    if (item.getInsertTextFormat() != InsertTextFormat.Snippet || item.getTextEdit() == null || !item.getTextEdit().isLeft()) {
      return;
    }
    TextEdit edit = item.getTextEdit().getLeft();
    String first = edit.getNewText().lines().findFirst().orElse("");
    StringBuilder plain = new StringBuilder();
    for (int i = 0; i < first.length(); i++) {
      char c = first.charAt(i);
      if (c == '\\' && i + 1 < first.length()) {
        plain.append(first.charAt(++i));
      } else if (c == '$' && i + 1 < first.length() && Character.isDigit(first.charAt(i + 1))) {
        while (i + 1 < first.length() && Character.isDigit(first.charAt(i + 1))) {
          i++; // a tab stop: nothing to insert
        }
      } else if (c == '$' && i + 1 < first.length() && first.charAt(i + 1) == '{') {
        int j = i + 2;
        while (j < first.length() && Character.isDigit(first.charAt(j))) {
          j++;
        }
        boolean choice = j < first.length() && first.charAt(j) == '|';
        int end = j + 1;
        StringBuilder value = new StringBuilder();
        while (end < first.length() && first.charAt(end) != (choice ? '|' : '}') && !(choice && first.charAt(end) == ',')) {
          if (first.charAt(end) == '\\' && end + 1 < first.length()) {
            end++;
          }
          value.append(first.charAt(end++));
        }
        plain.append(value); // a placeholder's text, a choice's first option
        i = first.indexOf('}', end);
        i = i < 0 ? first.length() : i;
      } else {
        plain.append(c);
      }
    }
    edit.setNewText(plain.toString().stripTrailing());
    item.setInsertTextFormat(null); // LSP: no format is plain text
    item.setInsertTextMode(null);
  }

  /**
   * The list with the replace range its items share given once (LSP 3.17 {@code itemDefaults}),
   * for clients that take it: a builder's two thousand worker names then travel without two
   * thousand ranges.
   */
  public static CompletionList withDefaultEditRange(CompletionList list) {
    List<CompletionItem> items = list.getItems();
    if (items.isEmpty() || items.stream().anyMatch(i -> i.getTextEdit() == null || !i.getTextEdit().isLeft())) {
      return list;
    }
    Range shared = items.get(0).getTextEdit().getLeft().getRange();
    if (items.stream().anyMatch(i -> !i.getTextEdit().getLeft().getRange().equals(shared))) {
      return list;
    }
    for (CompletionItem item : items) {
      String newText = item.getTextEdit().getLeft().getNewText();
      item.setTextEdit(null);
      if (!newText.equals(item.getLabel())) {
        item.setTextEditText(newText);
      }
    }
    CompletionItemDefaults defaults = new CompletionItemDefaults();
    defaults.setEditRange(Either.forLeft(shared));
    return new CompletionList(list.isIncomplete(), items, defaults);
  }

  private static List<CompletionItem> keys(CursorContext cursor, Workers workers) {
    List<CompletionItem> items = new ArrayList<>();
    List<String> path = cursor.path();
    if (path.equals(List.of("workers"))) {
      items.addAll(newWorker(cursor, workers));
    } else if (path.equals(List.of("builders"))) {
      items.add(newBuilder(cursor));
    }
    ValuesSchema.get().at(path).ifPresent(schema -> {
      Set<String> required = new HashSet<>();
      schema.path("required").forEach(r -> required.add(r.asText()));
      int order = 0;
      for (String key : ValuesSchema.propertyNames(schema)) {
        order++;
        if (cursor.siblings().contains(key) && !key.equals(cursor.partial())) {
          continue;
        }
        JsonNode property = schema.path("properties").path(key);
        CompletionItem item = snippetItem(cursor, key, CompletionItemKind.Property, keySnippet(key, property));
        item.setDetail(SchemaDocs.summary(property));
        item.setDocumentation(markdown(SchemaDocs.markdown(dotted(path, key), property)));
        item.setSortText((required.contains(key) ? "0" : "1") + String.format("%03d", order));
        items.add(item);
      }
    });
    return items;
  }

  private static List<CompletionItem> values(CursorContext cursor) {
    List<CompletionItem> items = new ArrayList<>();
    ValuesSchema.get().at(cursor.path()).ifPresent(schema -> {
      List<String> values = new ArrayList<>();
      schema.path("enum").forEach(v -> values.add(v.asText()));
      if (schema.path("type").asText().equals("boolean")) {
        values.addAll(List.of("true", "false"));
      }
      if (values.isEmpty() && schema.has("default") && !schema.get("default").isContainerNode()) {
        String value = schema.get("default").asText();
        values.add(value.isEmpty() ? "\"\"" : value);
      }
      String fallback = schema.has("default") ? schema.get("default").asText() : null;
      for (String value : values) {
        CompletionItem item = plainItem(cursor, value, CompletionItemKind.Value);
        item.setDetail(value.equals(fallback) ? "default" : SchemaDocs.summary(schema));
        item.setDocumentation(markdown(SchemaDocs.markdown(String.join(".", cursor.path()), schema)));
        items.add(item);
      }
    });
    return items;
  }

  /**
   * A builder's worker names: every worker, pool and pool member not listed yet, each once. Past
   * {@value #MAX_WORKER_NAMES} of them the list is incomplete: the names that begin with what is
   * typed, then those that contain it, up to that many, and the client asks again as the user types
   * (LSP's {@code isIncomplete}). A farm of 10,000 would otherwise send 670 KB per request, and nobody
   * scrolls such a list.
   */
  private static CompletionList listItems(CursorContext cursor, Workers workers) {
    List<String> path = cursor.path();
    if (path.size() != 3 || !path.get(0).equals("builders") || !path.get(2).equals("workers")) {
      return new CompletionList(List.of());
    }
    Map<String, String> details = new LinkedHashMap<>(); // a pool member clashing with a worker's name is offered once
    workers.loginsByWorker().forEach((name, logins) -> {
      if (cursor.siblings().contains(name)) {
        return;
      }
      details.putIfAbsent(name, logins.size() > 1 ? "pool of " + logins.size() + " workers" : "worker");
      if (logins.size() > 1) {
        for (String login : logins) {
          if (!cursor.siblings().contains(login)) {
            details.putIfAbsent(login, "member of pool " + name);
          }
        }
      }
    });
    workers.latentNames().forEach(name -> {
      if (!cursor.siblings().contains(name)) {
        details.putIfAbsent(name, "latent worker");
      }
    });
    boolean incomplete = details.size() > MAX_WORKER_NAMES;
    List<CompletionItem> items = new ArrayList<>();
    for (String name : incomplete ? matching(details.keySet(), cursor.partial()) : details.keySet()) {
      CompletionItem item = plainItem(cursor, name, CompletionItemKind.Reference);
      item.setDetail(details.get(name));
      items.add(item);
    }
    return new CompletionList(incomplete, items);
  }

  /** The names that begin with the typed text, then those that contain it (ignoring case), at most MAX_WORKER_NAMES. */
  private static List<String> matching(Collection<String> names, String typed) {
    String lower = typed.toLowerCase(Locale.ROOT);
    List<String> starting = new ArrayList<>();
    List<String> containing = new ArrayList<>();
    for (String name : names) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.startsWith(lower)) {
        starting.add(name);
      } else if (n.contains(lower)) {
        containing.add(name);
      }
    }
    starting.addAll(containing);
    return starting.subList(0, Math.min(starting.size(), MAX_WORKER_NAMES));
  }

  /** A worker with a fresh name and a freshly generated password, and a variant with existingSecret. */
  private static List<CompletionItem> newWorker(CursorContext cursor, Workers workers) {
    Set<String> taken = new HashSet<>(workers.referenceableNames());
    taken.addAll(cursor.siblings());
    int n = 1;
    while (taken.contains("worker-" + n)) {
      n++;
    }
    String name = "worker-" + n;
    String image = "  image:\n    repository: quay.io/buildbot/buildbot-worker\n    tag: \"" + ChartDefaults.buildbotTag() + "\"\n";
    CompletionItem withPassword = snippetItem(cursor, name, CompletionItemKind.Module,
        "${1:" + name + "}:\n" + image + "  password: \"" + Passwords.generate() + "\"\n  replicas: ${2:1}\n  maxBuilds: ${3:1}");
    withPassword.setDetail("new worker with a generated password");
    withPassword.setSortText("00");
    CompletionItem withSecret = snippetItem(cursor, name + " (existingSecret)", CompletionItemKind.Module,
        "${1:" + name + "}:\n" + image + "  existingSecret:\n    name: ${2:" + name + "}\n    key: ${3:password}\n  replicas: ${4:1}");
    withSecret.setFilterText(cursor.lead() + name);
    withSecret.setDetail("new worker whose password is in a Secret you create");
    withSecret.setSortText("01");
    return List.of(withPassword, withSecret);
  }

  private static CompletionItem newBuilder(CursorContext cursor) {
    CompletionItem item = snippetItem(cursor, "new builder", CompletionItemKind.Module,
        "${1:builder}:\n  repository: \"${2:https://example.org/app.git}\"\n  branch: \"${3:main}\"\n  command: [${4:make, test}]\n  workers: [$5]");
    item.setFilterText(cursor.lead() + (cursor.partial().isEmpty() ? "builder" : cursor.partial()));
    item.setDetail("a builder: poll a repository, run a command on workers");
    item.setSortText("00");
    return item;
  }

  /** The key and its value in the right shape: a block for objects, `- ` for lists, choices for enums. */
  static String keySnippet(String key, JsonNode schema) {
    JsonNode properties = schema.path("properties");
    String type = schema.path("type").asText("");
    if (properties.has("repository") && properties.has("tag")) {
      String tag = properties.path("tag").path("default").asText("");
      return key + ":\n  repository: ${1:" + escape(properties.path("repository").path("default").asText("")) + "}\n  tag: \"${2:"
          + escape(tag.isEmpty() ? ChartDefaults.buildbotTag() : tag) + "}\"";
    }
    if (type.equals("object")) {
      return key + ":\n  $0";
    }
    if (type.equals("array")) {
      return key + ":\n  - $0";
    }
    if (schema.has("enum")) {
      List<String> choices = new ArrayList<>();
      String preferred = schema.path("default").asText(null);
      if (preferred != null) {
        choices.add(preferred);
      }
      schema.get("enum").forEach(v -> {
        if (!v.asText().equals(preferred)) {
          choices.add(v.asText());
        }
      });
      return key + ": ${1|" + String.join(",", choices.stream().map(CompletionService::escapeChoice).toList()) + "|}";
    }
    if (type.equals("boolean")) {
      return key + ": ${1|" + (schema.path("default").asBoolean(false) ? "true,false" : "false,true") + "|}";
    }
    if (schema.has("default")) {
      String value = schema.get("default").asText();
      return key + ": " + (value.isEmpty() ? "\"$1\"" : "${1:" + escape(value) + "}");
    }
    return key + ": $0";
  }

  private static CompletionItem snippetItem(CursorContext cursor, String label, CompletionItemKind kind, String snippet) {
    CompletionItem item = new CompletionItem(label);
    item.setKind(kind);
    item.setInsertTextFormat(InsertTextFormat.Snippet);
    item.setInsertTextMode(InsertTextMode.AdjustIndentation);
    item.setTextEdit(Either.forLeft(new TextEdit(cursor.replace(), snippet)));
    item.setFilterText(cursor.lead() + label);
    return item;
  }

  /** Plain text: LSP's default format, left out (a thousand worker names would each carry it). */
  private static CompletionItem plainItem(CursorContext cursor, String label, CompletionItemKind kind) {
    CompletionItem item = new CompletionItem(label);
    item.setKind(kind);
    item.setTextEdit(Either.forLeft(new TextEdit(cursor.replace(), label)));
    return item;
  }

  private static MarkupContent markdown(String text) {
    return new MarkupContent(MarkupKind.MARKDOWN, text);
  }

  private static String dotted(List<String> path, String key) {
    List<String> all = new ArrayList<>(path);
    all.add(key);
    return String.join(".", all);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}");
  }

  private static String escapeChoice(String s) {
    return escape(s).replace(",", "\\,").replace("|", "\\|");
  }
}
