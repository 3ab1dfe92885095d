package dev.buildbotls.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.buildbotls.render.ChartRenderer;
import dev.buildbotls.testing.Farms;
import dev.buildbotls.testing.ReleaseRecord;
import dev.buildbotls.testing.Repo;
import dev.buildbotls.values.FarmSize;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The chart against the size of the farm: for pools (of 1,000) and for named workers, from 1,000 to
 * 10,000 workers and 50 builders, and for latent workers (one per 25 of those, with 64 engine
 * masters: the Role names each one's pod per master), the render's time (the real Helm engine in
 * its worker process, median of three), the objects, the manifests, the largest ConfigMap or
 * Secret data, Helm's release record (encoded as Helm stores it) and FarmSize's estimate of it. The
 * time ratio is against the farm half the size in the same run.
 *
 * <pre>scripts/bench.sh --chart-scale 1000,2000,4000,8000,10000</pre>
 */
public final class ChartScale {
  private ChartScale() {}

  public static void run(Path repo, int[] farms, Path out) throws Exception {
    System.setProperty("buildbotls.repo", repo.toString());
    ChartRenderer.render(Repo.chart(), "ci", List.of("")); // the worker process started and warm
    List<Map<String, Object>> rows = new ArrayList<>();
    System.out.println("| farm | workers | render (s) | x per doubling | objects | manifests (MB) | largest data (KB) | release record (KB) | FarmSize estimate (KB) | fits Helm |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (String kind : List.of("pools", "named", "latent, 64 masters")) {
      Map<Integer, Double> seconds = new LinkedHashMap<>();
      for (int farm : farms) {
        int workers = kind.startsWith("latent") ? farm / 25 : farm;
        String values = switch (kind) {
          case "pools" -> Farms.scaleFarm(0, workers / 1000, 1000, 50, false);
          case "named" -> Farms.scaleFarm(workers, 0, 0, 50, false);
          default -> Farms.latentFarm(workers, false, 64);
        };
        double[] runs = new double[3];
        String manifests = "";
        for (int i = 0; i < runs.length; i++) {
          long start = System.nanoTime();
          manifests = ChartRenderer.render(Repo.chart(), "ci", List.of(values));
          runs[i] = (System.nanoTime() - start) / 1e9;
        }
        java.util.Arrays.sort(runs);
        double median = runs[1];
        seconds.put(workers, median);
        ReleaseRecord record = ReleaseRecord.install(values);
        int objects = manifests.split("(?m)^kind: ").length - 1;
        List<FarmSize.Size> sizes = Farms.sizes(values);
        long largestData = sizes.stream().filter(s -> s.kind() != FarmSize.Kind.RELEASE_RECORD).mapToLong(FarmSize.Size::bytes).max().orElse(0);
        long estimate = sizes.stream().filter(s -> s.kind() == FarmSize.Kind.RELEASE_RECORD).mapToLong(FarmSize.Size::bytes).findFirst().orElse(0);
        Double half = seconds.get(workers / 2);
        String ratio = half == null ? "" : String.format(Locale.ROOT, "%.2f", median / half);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("farm", kind);
        row.put("workers", workers);
        row.put("renderSeconds", median);
        row.put("ratioToHalf", ratio);
        row.put("objects", objects);
        row.put("manifestBytes", manifests.length());
        row.put("largestDataBytes", largestData);
        row.put("releaseBytes", record.size());
        row.put("estimatedReleaseBytes", estimate);
        rows.add(row);
        System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %s | %,d | %.1f | %.0f | %.0f | %.0f | %s |%n", kind, workers, median, ratio, objects,
            manifests.length() / 1e6, largestData / 1024.0, record.size() / 1024.0, estimate / 1024.0, record.size() <= FarmSize.OBJECT_LIMIT ? "yes" : "no");
      }
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), Map.of("machine", Benchmark.machine(), "rows", rows));
  }
}
