package dev.buildbotls.diagnostics;

import static dev.buildbotls.testing.Diagnose.expectStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.values.SetValues;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `-f base.yaml -f prod.yaml --set ...`: the merged values checked, each finding in the layer that causes it. */
class StackTest {
  private static final String OWN_FARM = "workers:\n  linux-amd64: null\n  debian-arm64: null\n  docs: null\n  w1: {}\n"
      + "builders:\n  app-tests: null\n  docs: null\n";

  @Test
  void aValueALaterLayerOverridesIsNotChecked() {
    expectStack(List.of("master:\n  replicas: two\n", "master:\n  replicas: 3\n"));
    expectStack(List.of("master:\n  replicas: 3\n", "master:\n  replicas: «two»\n"), "1:schema/type#0");
  }

  @Test
  void aFindingOfTheMergeIsInEveryLayerThatSetsAPartOfIt() {
    var found = expectStack(List.of("database:\n  type: «sqlite»\n", "master:\n  replicas: «3»\n"),
        "0:multimaster-database#0", "1:multimaster-database#0");
    assertTrue(found.get(1).get(0).getMessage().startsWith("`database.type: sqlite` (set in another values file of the stack) works"),
        found.get(1).get(0).getMessage());
  }

  @Test
  void whatALaterLayerCompletesIsNotMissing() {
    expectStack(List.of(OWN_FARM + "  b1:\n    repository: https://git.example.org/r.git\n    workers: [w1]\n",
        "builders:\n  b1:\n    command: [make]\n"));
    expectStack(List.of(OWN_FARM + "  «b1»:\n    repository: https://git.example.org/r.git\n    workers: [w1]\n", "master:\n  replicas: 1\n"),
        "0:schema/required#0");
  }

  @Test
  void aWorkerDefinedInTheBaseIsKnownToTheOverride() {
    expectStack(List.of(OWN_FARM, "builders:\n  b1:\n    repository: https://git.example.org/r.git\n    command: [make]\n    workers: [w1, «w2»]\n"),
        "1:unknown-worker#0");
  }

  @Test
  void theDemoFarmDeletedByAnyLayerIsNotInherited() {
    expectStack(List.of("«workers»:\n  w1: {}\n", "master:\n  replicas: 1\n"), "0:inherited-default#0");
    expectStack(List.of("workers:\n  w1: {}\nbuilders:\n  app-tests: {workers: [w1]}\n  docs: {workers: [w1]}\n",
        "workers:\n  linux-amd64: null\n  debian-arm64: null\n  docs: null\n"));
  }

  @Test
  void setAssignmentsAreTypedAsHelmTypesThem() {
    assertEquals(List.of(new SetValues.Assignment("master.replicas=3", "{\"master\":{\"replicas\":3}}\n"),
            new SetValues.Assignment("a\\.b.c=007", "{\"a.b\":{\"c\":\"007\"}}\n"),
            new SetValues.Assignment("x=TRUE", "{\"x\":true}\n"),
            new SetValues.Assignment("y=null", "{\"y\":null}\n"),
            new SetValues.Assignment("l={a,1}", "{\"l\":[\"a\",1]}\n"),
            new SetValues.Assignment("s=a\\,b", "{\"s\":\"a,b\"}\n")),
        SetValues.parse("master.replicas=3,a\\.b.c=007,x=TRUE,y=null,l={a,1},s=a\\,b", false));
    assertEquals(List.of(new SetValues.Assignment("master.replicas=3", "{\"master\":{\"replicas\":\"3\"}}\n")),
        SetValues.parse("master.replicas=3", true));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SetValues.parse("builders.b.workers[0]=w", false))
        .getMessage().contains("list indexes"));
    assertThrows(IllegalArgumentException.class, () -> SetValues.parse("master.replicas", false));
  }
}
