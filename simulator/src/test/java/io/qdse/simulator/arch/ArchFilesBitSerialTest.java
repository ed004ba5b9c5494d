package io.qdse.simulator.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.cost.BitSerialPeSpec;
import io.qdse.simulator.arch.io.ArchFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Architecture files carry their kind; a bit-serial file overrides its base preset's PE field by field. */
class ArchFilesBitSerialTest {

    @Test
    void aBitSerialFileOverridesItsBase(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("loom2.yaml"), "kind: bitserial\nbase: bitserial:loom\nname: loom-2b\n"
                + "rows: 64\npe:\n  a_bits_per_cycle: 2\n  lanes: 8\nclock_mhz: 800\n"
                + "sram: {ifmap_kib: 128, filter_kib: 256, ofmap_kib: 64}\n");
        BitSerialArray a = (BitSerialArray) ArchFiles.readAny(f);
        assertEquals("loom-2b", a.name());
        assertEquals(64, a.rows());
        assertEquals(16, a.cols(), "from the base");
        assertEquals(BitSerialPeSpec.Serial.BOTH, a.pe().serial());
        assertEquals(2, a.pe().aBitsPerCycle());
        assertEquals(8, a.pe().lanes());
        assertEquals(800, a.clockMhz());
        assertEquals(256 * 1024, a.filterSram().sizeBytes());
        // every preset of every kind loads by name
        for (String p : Presets.names()) {
            assertEquals(p.startsWith("bitserial:") ? "bitserial" : "systolic", Presets.accelerator(p, "x").kind());
        }
        assertEquals("systolic", Presets.accelerator("systolic:edge-32x32", "x").kind());
    }

    @Test
    void allProblemsAreReportedTogetherWithTheirPaths(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("bad.yaml"), "kind: bitserial\ndataflow: ws\npe:\n  serial: sideways\n"
                + "  lanes: 0\n  bogus: 1\n  term_serial: maybe\nrows: -1\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ArchFiles.readAny(f));
        for (String path : new String[] {"arch.dataflow", "arch.pe.serial", "arch.pe.lanes", "arch.pe.bogus",
            "arch.pe.term_serial", "arch.rows"}) {
            assertTrue(e.getMessage().contains(path), path + " in: " + e.getMessage());
        }
        Path k = Files.writeString(dir.resolve("k.yaml"), "kind: systolic\nbase: bitserial:stripes\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> ArchFiles.readAny(k)).getMessage()
                .contains("arch.base"));
        Path s = Files.writeString(dir.resolve("s.yaml"), "pe: {lanes: 4}\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> ArchFiles.readAny(s)).getMessage()
                .contains("kind: bitserial"));
        Path fz = Files.writeString(dir.resolve("fz.yaml"), "kind: bitserial\npe: {serial: activations, brick_bits: 2,"
                + " bricks: 16}\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> ArchFiles.readAny(fz)).getMessage()
                .contains("arch.pe.brick_bits"));
    }
}
