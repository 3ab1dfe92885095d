package dev.buildbotls.completion;

import static dev.buildbotls.testing.Complete.at;
import static dev.buildbotls.testing.Complete.edit;
import static dev.buildbotls.testing.Complete.item;
import static dev.buildbotls.testing.Complete.applied;
import static dev.buildbotls.testing.Complete.labels;
import static dev.buildbotls.testing.Complete.listAt;
import static dev.buildbotls.testing.Complete.plainAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.schema.ValuesSchema;
import dev.buildbotls.service.LanguageService;
import dev.buildbotls.testing.Marked;
import dev.buildbotls.testing.Repo;
import dev.buildbotls.values.Workers;
import dev.buildbotls.yaml.LineIndex;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;

/** A YAML text with a {@code |} cursor in, labels, text edits and ranges out. */
class CompletionTest {
  private static final List<String> MASTER_KEYS = ValuesSchema.propertyNames(ValuesSchema.get().at(List.of("master")).orElseThrow());

  @Test
  void aPositionOutsideTheDocumentIsClampedNeverAnError() {
    String text = "master:\n  replicas: 2\n";
    LineIndex lines = new LineIndex(text);
    for (Position position : List.of(new Position(-1, -5), new Position(0, -1), new Position(99, 3), new Position(1, 999))) {
      Position clamped = lines.clamp(position);
      assertEquals(labels(LanguageService.completion(lines, Workers.NONE, clamped, false, true, () -> {}).getItems()),
          labels(LanguageService.completion(lines, Workers.NONE, position, false, true, () -> {}).getItems()), position + " as " + clamped);
    }
    assertEquals(new Position(0, 0), lines.clamp(new Position(-1, -5)));
    assertEquals(new Position(1, 13), lines.clamp(new Position(1, 999)));
  }

  @Test
  void withoutSnippetSupportEveryItemIsOnePlainLine() {
    List<CompletionItem> items = plainAt("master:\n  |");
    assertEquals(MASTER_KEYS, labels(items));
    assertEquals("master:\n  image:", applied("master:\n  |", item(items, "image")));
    assertEquals("master:\n  replicas: 2", applied("master:\n  |", item(items, "replicas")));
    assertEquals("master:\n  usageData: none", applied("master:\n  |", item(items, "usageData")));
    assertEquals("master:\n  title: My CI", applied("master:\n  |", item(items, "title")));
    for (CompletionItem i : items) {
      assertNull(i.getInsertTextFormat(), i.getLabel()); // LSP: plain text
      assertFalse(edit(i).getNewText().contains("\n") || edit(i).getNewText().contains("$"), edit(i).getNewText());
    }
    List<CompletionItem> workers = plainAt("workers:\n  |");
    assertEquals("workers:\n  worker-1:", applied("workers:\n  |", workers.get(0)));
    assertEquals(1, workers.stream().filter(i -> i.getLabel().startsWith("worker-1")).count(), labels(workers).toString());
  }

  @Test
  void anOverIndentedLineCompletesBesideTheKeyAboveReplacingTheExtraIndentation() {
    String text = "master:\n  replicas: 2\n    re|";
    List<CompletionItem> items = at(text);
    assertFalse(labels(items).contains("replicas"), "replicas is written already");
    CompletionItem title = item(items, "title");
    assertEquals("2:2-2:6", Marked.format(edit(title).getRange()));
    assertEquals("  title", title.getFilterText()); // the editor filters on the replaced text, indentation included
    assertEquals(List.of(), plainAt(text), "a client that cannot replace the indentation is offered nothing");
    // a block opened above takes any deeper indentation
    assertEquals("1:6-1:6", Marked.format(edit(item(at("master:\n      |"), "title")).getRange()));
  }

  @Test
  void everyMasterOptionUnderMaster() {
    List<CompletionItem> items = at("master:\n  |");
    assertEquals(MASTER_KEYS, labels(items));
    assertTrue(MASTER_KEYS.containsAll(List.of("replicas", "image", "title", "titleURL", "buildbotURL", "workerPort", "webPort",
        "usageData", "extraConfig")));
    CompletionItem replicas = item(items, "replicas");
    assertEquals("1:2-1:2", Marked.format(edit(replicas).getRange()));
    assertEquals("replicas: ${1:2}", edit(replicas).getNewText());
    assertEquals("integer, default 2", replicas.getDetail());
    String doc = ((MarkupContent) replicas.getDocumentation().getRight()).getValue();
    assertTrue(doc.contains("Default: `2`") && doc.contains("(https://docs.buildbot.net/"), doc);
    assertEquals(InsertTextFormat.Snippet, replicas.getInsertTextFormat());
  }

  @Test
  void keysAlreadyPresentAreNotOffered() {
    List<String> labels = labels(at("master:\n  replicas: 2\n  |\n  title: x\n"));
    assertFalse(labels.contains("replicas"));
    assertFalse(labels.contains("title"));
    assertTrue(labels.contains("titleURL"));
  }

  @Test
  void aPartialWordIsReplaced() {
    CompletionItem item = item(at("master:\n  rep|"), "replicas");
    assertEquals("1:2-1:5", Marked.format(edit(item).getRange()));
  }

  @Test
  void crlf() {
    assertEquals("1:2-1:5", Marked.format(edit(item(at("master:\r\n  rep|\r\n"), "replicas")).getRange()));
  }

  @Test
  void valuesComeInTheRightShape() {
    assertEquals("image:\n  repository: ${1:quay.io/buildbot/buildbot-worker}\n  tag: \"${2:v" + Repo.appVersion() + "}\"",
        edit(item(at("workers:\n  docs:\n    im|"), "image")).getNewText());
    assertEquals("service:\n  $0", edit(item(at("master:\n  serv|"), "service")).getNewText());
    assertEquals("tolerations:\n  - $0", edit(item(at("master:\n  tol|"), "tolerations")).getNewText());
    assertEquals("type: ${1|postgresql,sqlite|}", edit(item(at("database:\n  |"), "type")).getNewText());
    assertEquals("enabled: ${1|false,true|}", edit(item(at("ui:\n  ingress:\n    |"), "enabled")).getNewText());
    assertEquals("password: \"$1\"", edit(item(at("database:\n  |"), "password")).getNewText());
  }

  @Test
  void requiredKeysFirst() {
    List<CompletionItem> items = at("builders:\n  b:\n    |");
    List<String> first = items.stream().sorted((a, b) -> a.getSortText().compareTo(b.getSortText())).limit(2).map(CompletionItem::getLabel).toList();
    assertEquals(List.of("repository", "command"), first);
  }

  @Test
  void enumValues() {
    assertEquals(List.of("postgresql", "sqlite"), labels(at("database:\n  type: |")));
    assertEquals(List.of("wamp", "simple"), labels(at("mq:\n  type: |")));
    List<CompletionItem> levels = at("mq:\n  debugLevel: w|");
    assertEquals(List.of("none", "critical", "error", "warn", "info", "debug", "trace"), labels(levels));
    assertEquals("1:14-1:15", Marked.format(edit(item(levels, "warn")).getRange()));
    assertEquals(List.of("Always", "IfNotPresent", "Never"), labels(at("master:\n  image:\n    pullPolicy: |")));
  }

  @Test
  void booleansAndDefaults() {
    assertEquals(List.of("true", "false"), labels(at("ui:\n  ingress:\n    enabled: |")));
    assertEquals(List.of("9989"), labels(at("master:\n  workerPort: |")));
  }

  @Test
  void aNewWorkerHasAFreshNameAndAFreshPassword() {
    List<CompletionItem> items = at("workers:\n  worker-1: {}\n  |\n");
    assertEquals(List.of("worker-2", "worker-2 (existingSecret)"), labels(items).subList(0, 2));
    String text = edit(items.get(0)).getNewText();
    assertTrue(text.startsWith("${1:worker-2}:\n  image:\n    repository: quay.io/buildbot/buildbot-worker\n    tag: \"v"
        + Repo.appVersion() + "\"\n  password: \""), text);
    String password = text.replaceAll("(?s).*password: \"([^\"]+)\".*", "$1");
    assertEquals(24, password.length());
    String again = edit(at("workers:\n  worker-1: {}\n  |\n").get(0)).getNewText().replaceAll("(?s).*password: \"([^\"]+)\".*", "$1");
    assertNotEquals(password, again);
    assertTrue(edit(items.get(1)).getNewText().contains("existingSecret:\n    name: ${2:worker-2}\n    key: ${3:password}"));
    assertEquals(2, items.size(), "worker fields are not offered where a worker's name goes: " + labels(items));
  }

  @Test
  void builderWorkersBlockList() {
    List<CompletionItem> items = at("builders:\n  b:\n    workers:\n      - docs\n      - |\n");
    assertEquals(List.of("linux-amd64", "linux-amd64-0", "linux-amd64-1", "debian-arm64"), labels(items));
    assertEquals("4:8-4:8", Marked.format(edit(items.get(0)).getRange()));
    assertEquals("member of pool linux-amd64", item(items, "linux-amd64-0").getDetail());
  }

  @Test
  void builderWorkersFlowList() {
    List<CompletionItem> items = at("workers:\n  extra: {}\nbuilders:\n  b:\n    workers: [docs, lin|]\n");
    assertEquals(List.of("linux-amd64", "linux-amd64-0", "linux-amd64-1", "debian-arm64", "extra"), labels(items));
    assertEquals("4:20-4:23", Marked.format(edit(items.get(0)).getRange()));
  }

  @Test
  void latentWorkersAreOfferedAfterTheDeclaredOnes() {
    List<CompletionItem> items = at("latentWorkers:\n  on-demand: {}\n  taken: {}\nbuilders:\n  b:\n    workers: [taken, docs, |]\n");
    assertEquals(List.of("linux-amd64", "linux-amd64-0", "linux-amd64-1", "debian-arm64", "on-demand"), labels(items));
    assertEquals("latent worker", item(items, "on-demand").getDetail());
  }

  @Test
  void pastAThousandNamesTheListIsIncompleteAndFollowsWhatIsTyped() {
    String farm = "workers:\n  big: {replicas: 1000}\n  huge: {replicas: 1000}\n  lib-99: {}\n  b-990: {}\nbuilders:\n  b:\n    workers: [docs, ";
    CompletionList typed = listAt(farm + "big-99|]\n");
    assertTrue(typed.isIncomplete(), "the client asks again as the user types");
    assertEquals(List.of("big-99", "big-990", "big-991", "big-992", "big-993", "big-994", "big-995", "big-996", "big-997", "big-998", "big-999"),
        labels(typed.getItems()));
    assertEquals("member of pool big", item(typed.getItems(), "big-990").getDetail());
    assertEquals(List.of("huge-99", "huge-990"), labels(listAt(farm + "huge-99|]\n").getItems()).subList(0, 2));
    assertEquals(List.of("b-990", "lib-99"), labels(listAt(farm + "B-99|]\n").getItems()), "begins with, then contains, ignoring case");

    CompletionList nothingTyped = listAt(farm + "|]\n");
    assertTrue(nothingTyped.isIncomplete());
    assertEquals(CompletionService.MAX_WORKER_NAMES, nothingTyped.getItems().size());
    assertEquals(List.of("linux-amd64", "linux-amd64-0", "linux-amd64-1", "debian-arm64", "big", "big-0"), labels(nothingTyped.getItems()).subList(0, 6));

    CompletionList small = listAt("workers:\n  big: {replicas: 990}\nbuilders:\n  b:\n    workers: [docs, big-99|]\n");
    assertFalse(small.isIncomplete(), "up to a thousand names, every one, whatever is typed: the client filters");
    assertEquals(995, small.getItems().size(), "linux-amd64 and its 2, debian-arm64, big and its 990");
  }

  @Test
  void aPoolMemberThatIsAlsoAWorkersNameIsOfferedOnce() {
    List<CompletionItem> items = at("workers:\n  lin: {replicas: 2}\n  lin-1: {}\nbuilders:\n  b:\n    workers: [lin|]\n");
    assertEquals(List.of("linux-amd64", "linux-amd64-0", "linux-amd64-1", "debian-arm64", "docs", "lin", "lin-0", "lin-1"), labels(items));
  }

  @Test
  void emptyFileOffersTheTopLevel() {
    assertEquals(ValuesSchema.propertyNames(ValuesSchema.get().raw()), labels(at("|")));
  }

  @Test
  void atTheEndOfTheFile() {
    assertTrue(labels(at("mq:\n  type: wamp\n  re|")).contains("realm"));
  }

  @Test
  void afterASyntaxErrorAboveTheCursorTheLastGoodValuesNameTheWorkers() {
    String lastGood = "workers:\n  special: {}\nbuilders:\n  b:\n    workers: []\n";
    List<String> labels = labels(at("master: [\nworkers:\n  special: {}\nbuilders:\n  b:\n    workers: [|]\n", lastGood));
    assertTrue(labels.contains("special"), labels.toString());
    assertTrue(labels(at("master: [\nmaster:\n  |")).contains("replicas"));
  }
}
