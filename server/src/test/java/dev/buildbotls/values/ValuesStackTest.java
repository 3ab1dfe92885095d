package dev.buildbotls.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.buildbotls.yaml.YamlDocument;
import dev.buildbotls.yaml.YamlParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A whole stack made at once ({@code --check -f ...}) merges exactly as each layer's stack made alone. */
class ValuesStackTest {
  @Test
  void theStacksMadeTogetherMergeAsTheStacksMadeOneByOne() {
    List<YamlDocument> layers = List.of(
        "master: {replicas: 1, podAnnotations: {a: x}}\nworkers: {w1: {replicas: 2}}\n",
        "",
        "master: {podAnnotations: null}\nworkers: {w1: null, w2: {}}\n",
        "master: 3\n",
        "master: {title: t}\nworkers: {w1: {maxBuilds: 4}}\n").stream().map(t -> YamlParser.parse(t).firstDocument()).toList();
    List<ValuesStack> together = ValuesStack.of(layers);
    for (int i = 0; i < layers.size(); i++) {
      ValuesStack alone = ValuesStack.around(layers, i);
      for (String own : List.of("master: {replicas: 2}\n", "workers: {w3: {}}\n", YamlParser.parse("").text())) {
        var json = YamlParser.parse(own).firstDocument().root() == null ? null : JsonView.toJson(YamlParser.parse(own).firstDocument().root());
        if (json != null) {
          assertEquals(alone.userValues(json), together.get(i).userValues(json), "layer " + i + " edited to " + own);
        }
      }
      if (layers.get(i).root() != null) { // as it stands: the shared whole merge
        var own = JsonView.toJson(layers.get(i).root());
        assertEquals(alone.userValues(own), together.get(i).userValues(own), "layer " + i);
      }
      assertEquals(alone.below(), together.get(i).below());
      assertEquals(alone.above(), together.get(i).above());
    }
  }
}
