package io.qdse.simulator.bench;

import io.qdse.hwmodels.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the real SCALE-Sim v2 (a checkout of scalesim-project/scale-sim-v2, with python3 and numpy) on the timing case
 * of {@link SimBenchmarks} — the same GEMM on the same 32x32 OS array with 64 KiB SRAMs, CALC bandwidth — and times
 * the whole process, for the speed-up of our engines against the peer measured in one run.
 */
public final class ScaleSimRun {
    private ScaleSimRun() {
    }

    /**
     * @param checkout the SCALE-Sim v2 checkout (holding scalesim/scale.py)
     * @param python   the Python to run it with
     * @return the wall time of SCALE-Sim's run, ms
     */
    public static double timeMs(Path checkout, String python) {
        Path script = checkout.resolve("scalesim").resolve("scale.py");
        if (!Files.isRegularFile(script)) {
            throw new InvalidInputException("--scalesim", checkout, "must be a SCALE-Sim v2 checkout (no "
                    + "scalesim/scale.py there)");
        }
        int[] g = SimBenchmarks.GEMM;
        try {
            Path dir = Files.createTempDirectory("qdse-bench-scalesim");
            Path cfg = dir.resolve("bench.cfg");
            Files.writeString(cfg, "[general]\nrun_name = bench\n[architecture_presets]\n"
                    + "ArrayHeight: 32\nArrayWidth: 32\nIfmapSramSzkB: 64\nFilterSramSzkB: 64\nOfmapSramSzkB: 64\n"
                    + "IfmapOffset: 0\nFilterOffset: 10000000\nOfmapOffset: 20000000\nBandwidth : 10\n"
                    + "Dataflow : os\nMemoryBanks: 1\n[run_presets]\nInterfaceBandwidth: CALC\n");
            Path topo = dir.resolve("gemm.csv");
            Files.writeString(topo, "Layer Name, M, N, K,\ngemm, " + g[0] + ", " + g[1] + ", " + g[2] + ",\n");
            ProcessBuilder pb = new ProcessBuilder(python, "scalesim/scale.py", "-c", cfg.toString(), "-t",
                    topo.toString(), "-p", dir.resolve("out").toString(), "-i", "gemm").directory(checkout.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
            pb.environment().put("PYTHONPATH", ".");
            long t0 = System.nanoTime();
            int rc = pb.start().waitFor();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (rc != 0) {
                throw new IllegalStateException("SCALE-Sim exited with " + rc + "; see " + dir.resolve("log.txt"));
            }
            return ms;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
