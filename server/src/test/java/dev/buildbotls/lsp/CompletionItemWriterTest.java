package dev.buildbotls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.JsonParser;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionItemLabelDetails;
import org.eclipse.lsp4j.CompletionItemTag;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.InsertTextMode;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CompletionItemWriterTest {
  private static final Gson LSP4J = new MessageJsonHandler(java.util.Map.of()).getGson();
  private static final Gson OURS = new MessageJsonHandler(java.util.Map.of(),
      builder -> builder.registerTypeAdapterFactory(new CompletionItemWriter())).getGson();

  /** Each of CompletionItem's fields set on a worker's item: the JSON is lsp4j's, field for field. */
  static List<Consumer<CompletionItem>> oneFieldEach() {
    return List.of(
        item -> {},
        item -> item.setLabelDetails(new CompletionItemLabelDetails()),
        item -> item.setTags(List.of(CompletionItemTag.Deprecated)),
        item -> item.setDocumentation(new MarkupContent("markdown", "**a**")),
        item -> item.setDocumentation("plain \"quoted\"\n"),
        item -> item.setDeprecated(true),
        item -> item.setPreselect(false),
        item -> item.setSortText("00"),
        item -> item.setFilterText("  b-0"),
        item -> item.setInsertText("b-0\u2028"),
        item -> item.setInsertTextFormat(InsertTextFormat.Snippet),
        item -> item.setInsertTextMode(InsertTextMode.AdjustIndentation),
        item -> item.setTextEdit(Either.forLeft(new TextEdit(new Range(new Position(1, 2), new Position(1, 3)), "x"))),
        item -> item.setTextEditText("b-0: {}"),
        item -> item.setAdditionalTextEdits(List.of()),
        item -> item.setCommitCharacters(List.of(",")),
        item -> item.setCommand(new Command("t", "c")),
        item -> item.setData(3),
        item -> item.setKind(null),
        item -> item.setDetail(null));
  }

  @ParameterizedTest
  @MethodSource("oneFieldEach")
  void writesWhatLsp4jWrites(Consumer<CompletionItem> change) {
    CompletionItem item = new CompletionItem("b-12 \"\u0085");
    item.setKind(CompletionItemKind.Reference);
    item.setDetail("member of pool b");
    change.accept(item);
    assertEquals(JsonParser.parseString(LSP4J.toJson(item)), JsonParser.parseString(OURS.toJson(item)));
    assertEquals(LSP4J.toJson(LSP4J.fromJson(LSP4J.toJson(item), CompletionItem.class)), LSP4J.toJson(OURS.fromJson(OURS.toJson(item), CompletionItem.class)));
  }

  @Test
  void knowsEveryFieldOfLsp4jsCompletionItem() {
    List<String> fields = Arrays.stream(CompletionItem.class.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
        .map(Field::getName).sorted().toList();
    assertEquals(java.util.stream.Stream.of("label", "labelDetails", "kind", "tags", "detail", "documentation", "deprecated", "preselect", "sortText", "filterText",
        "insertText", "insertTextFormat", "insertTextMode", "textEdit", "textEditText", "additionalTextEdits", "commitCharacters", "command", "data").sorted().toList(),
        fields, "a new field of lsp4j's CompletionItem: CompletionItemWriter writes it or leaves such items to lsp4j (plain())");
  }
}
