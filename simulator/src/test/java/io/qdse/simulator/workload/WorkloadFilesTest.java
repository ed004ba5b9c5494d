package io.qdse.simulator.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.arch.Dataflow;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.arch.io.ArchFiles;
import io.qdse.simulator.workload.io.WorkloadFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadFilesTest {

    @Test
    void csvAndYamlLayerListsGiveTheSameWorkload(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("net.csv");
        Files.writeString(csv, "# a two-layer net\nname,type,m,n,k,batch,in_h,in_w,in_c,out_c,kernel,stride,padding\n"
                + "conv1,conv,,,,,32,32,3,16,3,1,1\nfc,linear,1,10,16384,1,,,,,,,\n");
        Path yaml = dir.resolve("net.yaml");
        Files.writeString(yaml, "layers:\n  - {name: conv1, type: conv, in_h: 32, in_w: 32, in_c: 3, out_c: 16, "
                + "kernel: 3, stride: 1, padding: 1}\n  - {name: fc, type: linear, m: 1, n: 10, k: 16384}\n");
        Workload a = WorkloadFiles.read(csv, "--workload");
        Workload b = WorkloadFiles.read(yaml, "--workload");
        assertEquals(a.macs(), b.macs());
        assertEquals(32L * 32 * 27 * 16 + 16384L * 10, a.macs());
        assertEquals(a.layers().get(0).ops(), b.layers().get(0).ops());
        Files.writeString(yaml, "layers:\n  - {name: x, type: conv, in_h: 8}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WorkloadFiles.read(yaml, "w"));
        assertTrue(e.getMessage().contains("item 1") && e.getMessage().contains("in_c") && e.getMessage().contains("required"), e.getMessage());
    }

    @Test
    void scaleSimTopologyImportsDepthwiseRowsAsOneOp(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("mobile.csv");
        Files.writeString(t, "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter,"
                + " Strides,\nConv1, 226, 226, 3, 3, 3, 32, 2,\nDP1, 114, 114, 3, 3, 32, 1, 1,\nPW1, 112, 112, 1, 1, 32, "
                + "64, 1,\n");
        Workload w = WorkloadFiles.read(t, "--topology");
        assertEquals(3, w.layers().size());
        LayerOp dw = w.layers().get(1).ops().get(0);
        assertEquals(OpKind.DEPTHWISE_CONV, dw.kind());
        assertEquals(32, dw.batch());
        assertEquals(112L * 112, dw.m());
    }

    @Test
    void scaleSimTopologyQuirksAreReadAsScaleSimReadsThem(@TempDir Path dir) throws Exception {
        // BOM + CRLF, a comment after the last comma, a 9-value row without trailing comma (SCALE-Sim drops the 9th),
        // extra numeric columns, a repeated name, and a row SCALE-Sim would crash on (kept by our leniency)
        Path t = dir.resolve("quirky.csv");
        Files.writeString(t, "\uFEFFLayer, IFMAP Width, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter,"
                + " Strides,\r\nA, 10, 10, 3, 3, 1, 1, 1,#dw\r\nB,12,12,3,3,8,24,1,2\r\nC, 12, 12, 3, 3, 8, 24, 1, 2, 7, 9,"
                + "\r\nA, 9, 9, 1, 1, 4, 4, 3,\r\nD, 9, 9, 1, 1, 4, 4, 2\r\n");
        Workload w = WorkloadFiles.read(t, "--topology");
        assertEquals(java.util.List.of("A", "B", "C", "A#2", "D"), w.layers().stream().map(Layer::name).toList());
        ConvGeometry b = w.layers().get(1).ops().get(0).conv();
        assertEquals(1, b.strideW(), "SCALE-Sim drops the field after the last comma");
        ConvGeometry c = w.layers().get(2).ops().get(0).conv();
        assertEquals(2, c.strideW());
        assertEquals(2, w.layers().get(4).ops().get(0).conv().strideH(), "no trailing comma: last field kept");
        assertEquals("A#2", w.layers().get(3).ops().get(0).name());
        Files.writeString(t, "Layer name, IFMAP Height,\nX, 10, 10, 3, 3, 1, 1, 1, 2, 7x,\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WorkloadFiles.read(t, "t"));
        assertTrue(e.getMessage().contains("line 2, column 10"), e.getMessage());
    }

    @Test
    void architectureFilesOverrideAPresetAndReportEveryProblem(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.yaml");
        Files.writeString(f, "base: tpu-v1-like\nname: tpu-half\nrows: 128\ncols: 128\ndataflow: os\n"
                + "sram: {ifmap_kib: 8192}\ndram: {type: hbm2, bandwidth_gbs: 600}\nformats: w=int4,a=int8\n");
        SystolicArray a = ArchFiles.read(f);
        SystolicArray base = Presets.tpuV1Like();
        assertEquals(128, a.rows());
        assertEquals(Dataflow.OS, a.dataflow());
        assertEquals(8192L * 1024, a.ifmapSram().sizeBytes());
        assertEquals(base.filterSram().sizeBytes(), a.filterSram().sizeBytes());
        assertEquals("int4", a.formats().weight().name());
        assertEquals(base.clockMhz(), a.clockMhz());
        Files.writeString(f, "rows: -1\ndataflow: rs\nsram: {ifmap_kib: -8}\ndram: {type: ddr9}\ncolour: red\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ArchFiles.read(f));
        for (String path : new String[] {"arch.rows", "arch.dataflow", "arch.sram.ifmap_kib", "arch.dram.type",
            "arch.colour"}) {
            assertTrue(e.getMessage().contains(path), path + " missing from: " + e.getMessage());
        }
        assertTrue(e.getMessage().contains("(was -8)"), e.getMessage());
    }
}
