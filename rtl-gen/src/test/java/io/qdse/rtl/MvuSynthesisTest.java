package io.qdse.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two held-out matrix-vector units synthesized afresh by Yosys (h10: 1024-word weight ROMs in block RAM; h15: a
 * minifloat × integer pair with thresholds; about a minute; skipped without yosys): the counts
 * equal the committed measurements when the Yosys version is the committed one, and the engine's LUT estimate is
 * within 15 % of what Yosys gives today.
 */
class MvuSynthesisTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h10", "h15"})
    void freshSynthesisMatchesTheCommittedRowsAndTheModel(String id, @TempDir Path work) throws Exception {
        assumeTrue(Tools.available("yosys"), "yosys is not installed: synthesis of " + id + " skipped");
        List<MvuSynthesis.Row> fresh = MvuSynthesis.run(MvuSynthesis.select(id), work, 2, 1800, m -> { });
        List<MvuSynthesis.Row> committed = MvuSynthesis.committed();
        for (MvuSynthesis.Residual r : MvuSynthesis.residuals(fresh)) {
            MvuSynthesis.Row now = r.row();
            MvuSynthesis.Row then = committed.stream().filter(c -> c.config().id().equals(id)
                    && c.flow().equals(now.flow())).findFirst().orElseThrow();
            if (now.yosys().equals(then.yosys())) {
                assertEquals(then.luts(), now.luts(), id + " " + now.flow() + ": LUTs as committed");
                assertEquals(then.ffs(), now.ffs(), id + " " + now.flow() + ": FFs as committed");
                assertEquals(then.lutramLuts(), now.lutramLuts(), id + " " + now.flow() + ": LUT RAM as committed");
                assertEquals(then.brams(), now.brams(), id + " " + now.flow() + ": block RAMs as committed");
            }
            assertTrue(Math.abs(r.lutErrorPct()) <= MvuModelTest.HELD_OUT_LUT_LIMIT_PCT, String.format(Locale.ROOT,
                    "%s %s: Yosys %d LUTs, engine %.1f (%+.1f %%)", id, now.flow(), now.allLuts(), r.model()[0],
                    r.lutErrorPct()));
        }
    }
}
