package dev.buildbotls.navigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.diagnostics.Analyzer;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.testing.Marked;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

/** Definition, references and rename on worker names: «spans» are the expected locations. */
class NavigationTest {
  private static final String FARM = "workers:\n  «big»:\n    replicas: 2\n  small: {}\nbuilders:\n"
      + "  a:\n    workers: [«big», small]\n  b:\n    workers:\n      - «big-1»\n";

  private static ValuesContext context(String text) {
    return Analyzer.analyze("file:///t/values.yaml", null, text, () -> {}).contexts().get(0);
  }

  private static List<String> ranges(List<Location> locations) {
    return locations.stream().map(l -> Marked.format(l.getRange())).toList();
  }

  @Test
  void definitionFromAReferenceAndFromAPoolMember() {
    Marked m = Marked.of(FARM);
    ValuesContext c = context(m.text());
    assertEquals(List.of(Marked.format(m.spans().get(0))), ranges(NavigationService.definition(c, m.spans().get(1).getStart())));
    assertEquals(List.of(Marked.format(m.spans().get(0))), ranges(NavigationService.definition(c, m.spans().get(2).getEnd())));
  }

  @Test
  void referencesFromTheDefinition() {
    Marked m = Marked.of(FARM);
    ValuesContext c = context(m.text());
    assertEquals(List.of(Marked.format(m.spans().get(1)), Marked.format(m.spans().get(2))),
        ranges(NavigationService.references(c, m.spans().get(0).getStart(), false)));
    assertEquals(3, NavigationService.references(c, m.spans().get(0).getStart(), true).size());
  }

  @Test
  void renameUpdatesTheKeyAndEveryReferenceWithPoolMembers() {
    Marked m = Marked.of(FARM);
    var edit = NavigationService.rename(context(m.text()), m.spans().get(1).getStart(), "huge");
    List<TextEdit> edits = edit.getChanges().get("file:///t/values.yaml");
    assertEquals(List.of("1:2-1:5 huge", "6:14-6:17 huge", "9:8-9:13 huge-1"),
        edits.stream().map(e -> Marked.format(e.getRange()) + " " + e.getNewText()).toList());
  }

  @Test
  void aLatentWorkerIsRenamedWithItsReferences() {
    Marked m = Marked.of("latentWorkers:\n  «on-demand»: {}\nbuilders:\n  a:\n    workers: [«on-demand»]\n");
    var edit = NavigationService.rename(context(m.text()), m.spans().get(1).getStart(), "burst");
    assertEquals(List.of("1:2-1:11 burst", "4:14-4:23 burst"), edit.getChanges().get("file:///t/values.yaml").stream()
        .map(e -> Marked.format(e.getRange()) + " " + e.getNewText()).toList());
    assertEquals(ranges(List.of(new Location("file:///t/values.yaml", m.spans().get(0)))),
        ranges(NavigationService.definition(context(m.text()), m.spans().get(1).getStart())));
  }

  @Test
  void renameRefusesCollisionsAndBadNames() {
    Marked m = Marked.of(FARM);
    ValuesContext c = context(m.text());
    var collision = assertThrows(ResponseErrorException.class, () -> NavigationService.rename(c, m.spans().get(0).getStart(), "small"));
    assertEquals("cannot rename `big` to `small`: `small` is already a worker or pool member", collision.getMessage());
    var pool = assertThrows(ResponseErrorException.class, () -> NavigationService.rename(context("workers:\n  big: {replicas: 2}\n  x-1: {}\n"),
        new org.eclipse.lsp4j.Position(1, 3), "x"));
    assertEquals("cannot rename `big` to `x`: `x-1` is already a worker or pool member", pool.getMessage());
    var latent = assertThrows(ResponseErrorException.class, () -> NavigationService.rename(context("latentWorkers:\n  on-demand: {}\nworkers:\n  big: {}\n"),
        new org.eclipse.lsp4j.Position(3, 3), "on-demand"));
    assertEquals("cannot rename `big` to `on-demand`: `on-demand` is already a worker or pool member", latent.getMessage());
    var long47 = assertThrows(ResponseErrorException.class, () -> NavigationService.rename(context("latentWorkers:\n  on-demand: {}\n"),
        new org.eclipse.lsp4j.Position(1, 3), "a".repeat(48)));
    assertTrue(long47.getMessage().endsWith("at most 47 characters (its build pods are named buildbot-<name>-<6 hex digits>, a DNS label)"), long47.getMessage());
    var bad = assertThrows(ResponseErrorException.class, () -> NavigationService.rename(c, m.spans().get(0).getStart(), "Big_One"));
    assertEquals("`Big_One` is not a valid worker name: lower-case letters, digits and '-', starting and ending with a letter "
        + "or digit, at most 50 characters (it becomes a Kubernetes name)", bad.getMessage());
  }
}
