package dev.buildbotls.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.buildbotls.testing.Marked;
import dev.buildbotls.yaml.YamlParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Helm's messages in, the «marked» span of the user's file out. */
class HelmErrorsTest {
  private static void places(String marked, String helmMessage, String expectedMessage) {
    Marked m = Marked.of(marked);
    List<HelmErrors.Problem> problems = HelmErrors.place(helmMessage, "values.yaml", YamlParser.parse(m.text()));
    assertEquals(List.of(expectedMessage + " @ " + m.spans().get(0)), problems.stream().map(p -> p.message() + " @ " + p.range()).toList());
  }

  @Test
  void aMissingPropertyIsTheNullThatDeletedIt() {
    places("ui:\n  «ingress»: null\n", "values don't meet the specifications of the schema(s) in the following chart(s):\nbuildbot:\n"
        + "- at '/ui': missing property 'ingress'\n", "missing property 'ingress'");
  }

  @Test
  void aMissingPropertyOfAnEntryIsTheEntrysKey() {
    places("builders:\n  «b1»:\n    workers: [w1]\n", "buildbot:\n- at '/builders/b1': missing property 'command'\n", "missing property 'command'");
  }

  @Test
  void goYamlsLinesCountTheLineSeparatorsAnEditorDoesNot() {
    places("master:\n  title: \"a\u2028b\u0085c\"\n«  bad: [»\n",
        "failed to parse values.yaml: error converting YAML to JSON: yaml: line 5: did not find expected node content",
        "the values are not YAML Helm can read");
  }
}
