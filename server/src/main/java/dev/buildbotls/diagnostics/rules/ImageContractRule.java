package dev.buildbotls.diagnostics.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Diagnostic;

/**
 * A Buildbot image tag outside the range the chart's image contract holds for (chart/README.md,
 * "Supported image tags"): the images on quay.io (from 3.11.8 and 4.0.3 on; older ones are on
 * Docker Hub) with Buildbot in /buildbot_venv (the worker image has it from 3.10 on), up to 4.x.
 */
public final class ImageContractRule implements Rule {
  /** The supported tags, as the message and chart/README.md state them. */
  public static final String RANGE = "v3.11.8 to v3.11.x and v4.0.3 to v4.x";
  private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");
  private static final List<String> OFFICIAL = List.of("quay.io/buildbot/buildbot-master", "quay.io/buildbot/buildbot-worker");
  private static final Pattern DOCKER_HUB = Pattern.compile("(docker\\.io/)?buildbot/buildbot-(master|worker)");

  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    List<List<Object>> images = new ArrayList<>(List.of(List.of("master", "image"), List.of("ui", "image")));
    for (Iterator<Map.Entry<String, JsonNode>> workers = context.values().path("workers").fields(); workers.hasNext(); ) {
      images.add(List.of("workers", workers.next().getKey(), "image"));
    }
    for (List<Object> image : images) {
      JsonNode node = at(context.values(), image);
      String repository = node.path("repository").asText("");
      if (repository.isEmpty() && !image.get(0).equals("workers")) {
        repository = context.values().path("master").path("image").path("repository").asText("");
      }
      String tag = node.path("tag").asText("");
      String problem = problem(repository, tag);
      if (problem == null) {
        continue;
      }
      List<Object> place = new ArrayList<>(image);
      place.add(tag.isEmpty() ? "repository" : "tag");
      context.valueRange(place).ifPresent(range -> out.add(context.diagnostic(range, Code.IMAGE_CONTRACT, problem)));
    }
  }

  /** Why this image breaks the chart's contract, or null when it keeps it (an empty tag is the chart's). */
  static String problem(String repository, String tag) {
    if (DOCKER_HUB.matcher(repository).matches()) {
      return "`" + repository + "` holds Buildbot's images from before 3.11.8 and 4.0.3 (since then they are on quay.io): the chart's "
          + "image contract holds for quay.io/buildbot images " + RANGE;
    }
    if (!OFFICIAL.contains(repository) || tag.isEmpty()) {
      return null;
    }
    Matcher v = VERSION.matcher(tag);
    if (!v.matches()) {
      return "tag `" + tag + "` names no Buildbot release: the chart's image contract (Buildbot in /buildbot_venv, on quay.io) holds for "
          + RANGE + "; pin one";
    }
    int major = Integer.parseInt(v.group(1));
    int minor = Integer.parseInt(v.group(2));
    int patch = Integer.parseInt(v.group(3));
    boolean supported = major == 3 && minor == 11 && patch >= 8 || major == 4 && (minor > 0 || patch >= 3);
    return supported ? null : "Buildbot " + tag + " is outside the tags the chart's image contract holds for (" + RANGE
        + "): older images are on Docker Hub, not quay.io, and older worker images have no /buildbot_venv";
  }

  private static JsonNode at(JsonNode root, List<Object> path) {
    JsonNode node = root;
    for (Object key : path) {
      node = node.path((String) key);
    }
    return node;
  }
}
