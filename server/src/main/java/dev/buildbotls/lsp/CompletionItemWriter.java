package dev.buildbotls.lsp;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import org.eclipse.lsp4j.CompletionItem;

/**
 * Writes the completion items a builder's worker list is made of (label, kind, detail, and the few
 * other plain fields) without reflection: Gson's reflective adapter reads some twenty fields per
 * item, and the first list of 1,800 workers took 50 ms of it, cold. Any other item (an edit, a
 * command, documentation...) and every item read go to lsp4j's own adapter, unchanged.
 * Registered in {@link ServerLauncher}; {@code CompletionItemWriterTest} holds the JSON equal to lsp4j's.
 */
final class CompletionItemWriter implements TypeAdapterFactory {
  @Override
  @SuppressWarnings("unchecked")
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    if (type.getRawType() != CompletionItem.class) {
      return null;
    }
    TypeAdapter<CompletionItem> lsp4j = gson.getDelegateAdapter(this, TypeToken.get(CompletionItem.class));
    return (TypeAdapter<T>) new TypeAdapter<CompletionItem>() {
      @Override
      public void write(JsonWriter out, CompletionItem item) throws IOException {
        if (item == null || !plain(item)) {
          lsp4j.write(out, item);
          return;
        }
        out.beginObject();
        out.name("label").value(item.getLabel());
        if (item.getKind() != null) {
          out.name("kind").value(item.getKind().getValue());
        }
        string(out, "detail", item.getDetail());
        string(out, "sortText", item.getSortText());
        string(out, "filterText", item.getFilterText());
        string(out, "insertText", item.getInsertText());
        string(out, "textEditText", item.getTextEditText());
        if (item.getInsertTextFormat() != null) {
          out.name("insertTextFormat").value(item.getInsertTextFormat().getValue());
        }
        if (item.getInsertTextMode() != null) {
          out.name("insertTextMode").value(item.getInsertTextMode().getValue());
        }
        out.endObject();
      }

      @Override
      public CompletionItem read(JsonReader in) throws IOException {
        return lsp4j.read(in);
      }
    };
  }

  /** Only fields written above are set. */
  private static boolean plain(CompletionItem item) {
    return item.getLabel() != null && item.getLabelDetails() == null && item.getTags() == null && item.getDocumentation() == null
        && item.getDeprecated() == null && item.getPreselect() == null && item.getTextEdit() == null && item.getAdditionalTextEdits() == null
        && item.getCommitCharacters() == null && item.getCommand() == null && item.getData() == null;
  }

  private static void string(JsonWriter out, String name, String value) throws IOException {
    if (value != null) {
      out.name(name).value(value);
    }
  }
}
