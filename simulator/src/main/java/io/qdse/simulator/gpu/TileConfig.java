package io.qdse.simulator.gpu;

import static io.qdse.hwmodels.InvalidInputException.require;

/**
 * One kernel configuration: the CTA (threadblock) tile, the depth of its global-to-shared software pipeline and the
 * split of K over CTAs.
 *
 * @param bm     tile rows (of M)
 * @param bn     tile columns (of N)
 * @param bk     k-block: K elements moved per pipeline stage
 * @param stages shared-memory buffers of the pipeline (stages − 1 k-blocks are in flight while one is computed)
 * @param splitK CTAs sharing one output tile's K (their fp32 partials are reduced through memory)
 */
public record TileConfig(int bm, int bn, int bk, int stages, int splitK) {
    public TileConfig {
        require(bm >= 1 && bn >= 1 && bk >= 1, "tile", bm + "x" + bn + "x" + bk, "positive tile sizes");
        require(stages >= 2, "tile.stages", stages, "at least 2 (double buffering)");
        require(splitK >= 1, "tile.split_k", splitK, "at least 1");
    }

    /** @return the same tile with another split-K factor */
    public TileConfig withSplitK(int s) {
        return new TileConfig(bm, bn, bk, stages, s);
    }

    /** @return e.g. {@code 128x256x64} */
    public String shape() {
        return bm + "x" + bn + "x" + bk;
    }
}
