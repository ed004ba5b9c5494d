#!/usr/bin/env python3
"""Design generator and Yosys `stat` parser for the FPGA cost-model calibration.

Used by run.sh; Python 3 standard library only.

  calib.py gen WORKDIR [--filter REGEX]
      Writes WORKDIR/rtl/<design>.v (one Verilog-2005 module `top` per design),
      WORKDIR/designs.tsv (design metadata) and WORKDIR/jobs.txt
      (one "<design> <target>" line per synthesis run).

  calib.py collect WORKDIR OUT_CSV
      Reads WORKDIR/results/<design>.<target>.{log,meta} and writes the CSV.
"""

import csv
import os
import re
import sys

# ---------------------------------------------------------------------------
# Design space
# ---------------------------------------------------------------------------

MUL_WIDTHS = [2, 3, 4, 5, 6, 8, 10, 12, 16]
ADD_WIDTHS = [4, 8, 12, 16, 24, 32, 48, 64]
ACC_CONFIGS = [(8, 16), (16, 32), (16, 24), (24, 48), (32, 64)]
SHL_WIDTHS = [8, 16, 32]
SHL_SBITS = [2, 3, 4, 5]

FABRIC_TARGETS = ["xcup-nodsp", "ice40"]
MUL_TARGETS = ["xcup-nodsp", "xcup-dsp", "ice40", "ice40-dsp"]

# Yosys scripts per target; must stay in sync with the README.
TARGET_SCRIPTS = {
    "xcup-nodsp": "synth_xilinx -flatten -nodsp -family xcup; stat",
    "xcup-dsp": "synth_xilinx -flatten -family xcup; stat",
    "ice40": "synth_ice40 -flatten; stat",
    "ice40-dsp": "synth_ice40 -dsp -flatten; stat",
}

CSV_HEADER = [
    "design", "kind", "signed", "wa", "wb", "width_out", "target",
    "luts", "carry", "muxf", "ffs", "dsps", "wrapper_ffs",
    "yosys_version", "seconds", "note",
]


def gen_mul(wa, wb, signed):
    wy = wa + wb
    name = "mul_%s_%dx%d" % ("s" if signed else "u", wa, wb)
    expr = "$signed(ra) * $signed(rb)" if signed else "ra * rb"
    v = """// %(name)s: registered %(sg)s %(wa)dx%(wb)d multiplier, full %(wy)d-bit product
module top (
  input  wire              clk,
  input  wire [%(wa1)d:0]  a,
  input  wire [%(wb1)d:0]  b,
  output reg  [%(wy1)d:0]  y
);
  reg [%(wa1)d:0] ra;
  reg [%(wb1)d:0] rb;
  always @(posedge clk) begin
    ra <= a;
    rb <= b;
    y  <= %(expr)s;
  end
endmodule
""" % dict(name=name, sg="signed" if signed else "unsigned", wa=wa, wb=wb,
           wy=wy, wa1=wa - 1, wb1=wb - 1, wy1=wy - 1, expr=expr)
    meta = dict(design=name, kind="mul", signed=int(signed), wa=wa, wb=wb,
                width_out=wy, wrapper_ffs=wa + wb + wy)
    return name, v, meta, MUL_TARGETS


def gen_add(w):
    wy = w + 1
    name = "add_u_%d" % w
    v = """// %(name)s: registered unsigned %(w)d-bit adder, %(wy)d-bit sum
module top (
  input  wire              clk,
  input  wire [%(w1)d:0]   a,
  input  wire [%(w1)d:0]   b,
  output reg  [%(wy1)d:0]  y
);
  reg [%(w1)d:0] ra;
  reg [%(w1)d:0] rb;
  always @(posedge clk) begin
    ra <= a;
    rb <= b;
    y  <= ra + rb;
  end
endmodule
""" % dict(name=name, w=w, wy=wy, w1=w - 1, wy1=wy - 1)
    meta = dict(design=name, kind="add", signed=0, wa=w, wb=w, width_out=wy,
                wrapper_ffs=2 * w + wy)
    return name, v, meta, FABRIC_TARGETS


def gen_acc(w, a):
    name = "acc_s_%d_%d" % (w, a)
    v = """// %(name)s: %(a)d-bit accumulator of a signed %(w)d-bit input, synchronous clear
module top (
  input  wire                clk,
  input  wire                clr,
  input  wire signed [%(w1)d:0]  x,
  output reg  signed [%(a1)d:0]  acc
);
  reg signed [%(w1)d:0] rx;
  reg                  rclr;
  always @(posedge clk) begin
    rx   <= x;
    rclr <= clr;
    if (rclr)
      acc <= {%(a)d{1'b0}};
    else
      acc <= acc + rx;
  end
endmodule
""" % dict(name=name, w=w, a=a, w1=w - 1, a1=a - 1)
    # wrapper = input registers rx and rclr; the A-bit acc register is the
    # design's own state (ffs - wrapper_ffs == A on the fabric targets).
    meta = dict(design=name, kind="acc", signed=1, wa=w, wb=a, width_out=a,
                wrapper_ffs=w + 1)
    return name, v, meta, FABRIC_TARGETS


def gen_shl(w, sbits):
    wy = w + (1 << sbits) - 1
    name = "shl_%d_s%d" % (w, sbits)
    v = """// %(name)s: registered left shift of a %(w)d-bit value by a %(sb)d-bit amount, %(wy)d-bit result
module top (
  input  wire              clk,
  input  wire [%(w1)d:0]   x,
  input  wire [%(sb1)d:0]  s,
  output reg  [%(wy1)d:0]  y
);
  reg [%(w1)d:0]  rx;
  reg [%(sb1)d:0] rs;
  always @(posedge clk) begin
    rx <= x;
    rs <= s;
    y  <= rx << rs;
  end
endmodule
""" % dict(name=name, w=w, sb=sbits, wy=wy, w1=w - 1, sb1=sbits - 1, wy1=wy - 1)
    meta = dict(design=name, kind="shl", signed=0, wa=w, wb=sbits, width_out=wy,
                wrapper_ffs=w + sbits + wy)
    return name, v, meta, FABRIC_TARGETS


MAC_ACC_EXTRA = 8  # accumulator width = wa + wb + MAC_ACC_EXTRA


def gen_mac(wa, wb, signed):
    a = wa + wb + MAC_ACC_EXTRA
    name = "mac_%s_%dx%d" % ("s" if signed else "u", wa, wb)
    prod = "$signed(ra) * $signed(rb)" if signed else "ra * rb"
    v = """// %(name)s: multiply-accumulate like rtl-gen's IntMac: acc <= clr ? 0 : (en ? acc + a*b : acc),
// %(sg)s %(wa)dx%(wb)d product sign/zero-extended into a %(a)d-bit accumulator
module top (
  input  wire              clk,
  input  wire              en,
  input  wire              clr,
  input  wire [%(wa1)d:0]  a,
  input  wire [%(wb1)d:0]  b,
  output reg  [%(a1)d:0]   acc
);
  reg [%(wa1)d:0] ra;
  reg [%(wb1)d:0] rb;
  reg ren, rclr;
  wire %(sgkw)s [%(a1)d:0] p = %(prod)s;
  always @(posedge clk) begin
    ra <= a;
    rb <= b;
    ren <= en;
    rclr <= clr;
    if (rclr)
      acc <= {%(a)d{1'b0}};
    else if (ren)
      acc <= acc + p;
  end
endmodule
""" % dict(name=name, sg="signed" if signed else "unsigned", sgkw="signed" if signed else "",
           wa=wa, wb=wb, a=a, wa1=wa - 1, wb1=wb - 1, a1=a - 1, prod=prod)
    # wrapper = registered a, b, en, clr; the accumulator is the design's own state
    meta = dict(design=name, kind="mac", signed=int(signed), wa=wa, wb=wb,
                width_out=a, wrapper_ffs=wa + wb + 2)
    return name, v, meta, MUL_TARGETS


def all_designs():
    for signed in (False, True):
        for wa in MUL_WIDTHS:
            for wb in MUL_WIDTHS:
                if wa <= wb:
                    yield gen_mul(wa, wb, signed)
    for w in ADD_WIDTHS:
        yield gen_add(w)
    for w, a in ACC_CONFIGS:
        yield gen_acc(w, a)
    for w in SHL_WIDTHS:
        for sb in SHL_SBITS:
            yield gen_shl(w, sb)
    for signed in (False, True):
        for wa in MUL_WIDTHS:
            for wb in MUL_WIDTHS:
                if wa <= wb:
                    yield gen_mac(wa, wb, signed)


META_FIELDS = ["design", "kind", "signed", "wa", "wb", "width_out", "wrapper_ffs"]


def cmd_gen(workdir, filt):
    rtl = os.path.join(workdir, "rtl")
    os.makedirs(rtl, exist_ok=True)
    pat = re.compile(filt) if filt else None
    jobs = []
    with open(os.path.join(workdir, "designs.tsv"), "w") as dt:
        dt.write("\t".join(META_FIELDS) + "\n")
        for name, v, meta, targets in all_designs():
            if pat and not pat.search(name):
                continue
            with open(os.path.join(rtl, name + ".v"), "w") as f:
                f.write(v)
            dt.write("\t".join(str(meta[k]) for k in META_FIELDS) + "\n")
            for t in targets:
                jobs.append((name, t))
    # Put the (slow) large multipliers first so the parallel workers finish
    # at about the same time; the CSV is sorted independently of this order.
    def cost(job):
        m = re.match(r"(?:mul|mac)_[us]_(\d+)x(\d+)$", job[0])
        return -(int(m.group(1)) * int(m.group(2))) if m else 0
    jobs.sort(key=cost)
    with open(os.path.join(workdir, "jobs.txt"), "w") as f:
        for name, t in jobs:
            f.write("%s %s\n" % (name, t))
    with open(os.path.join(workdir, "targets.tsv"), "w") as f:
        for t, s in TARGET_SCRIPTS.items():
            f.write("%s\t%s\n" % (t, s))
    print("%d designs, %d synthesis jobs" % (len(set(n for n, _ in jobs)), len(jobs)))


# ---------------------------------------------------------------------------
# stat parsing
# ---------------------------------------------------------------------------

CELL_LINE = re.compile(r"^\s+(\S+)\s+(\d+)\s*$")
IGNORED_CELLS = {"IBUF", "OBUF", "BUFG", "IBUFG", "GND", "VCC"}


def classify(cell):
    # INV is how yosys' xilinx lut_map.v renders a 1-input inverting LUT; it
    # occupies a LUT like LUT1, so it is counted with the LUTs.
    if re.fullmatch(r"LUT[1-6]", cell) or cell in ("INV", "SB_LUT4"):
        return "luts"
    if cell in ("CARRY4", "CARRY8", "SB_CARRY"):
        return "carry"
    if cell in ("MUXF7", "MUXF8", "MUXF9"):
        return "muxf"
    if re.fullmatch(r"FD[A-Z]*(_1)?", cell) or cell.startswith("SB_DFF"):
        return "ffs"
    if cell in ("DSP48E1", "DSP48E2", "SB_MAC16"):
        return "dsps"
    return None


def parse_stat(log_text):
    """Cell counts of the last `stat` in a yosys log (the user's `stat`)."""
    idx = log_text.rfind("Printing statistics.")
    if idx < 0:
        return None
    block = log_text[idx:]
    cells = {}
    in_cells = False
    for line in block.splitlines():
        if "Number of cells:" in line:
            in_cells = True
            continue
        if not in_cells:
            continue
        m = CELL_LINE.match(line)
        if m:
            cells[m.group(1)] = cells.get(m.group(1), 0) + int(m.group(2))
        elif line.strip() == "":
            if cells:
                in_cells = False  # end of the module's cell list
        else:
            in_cells = False
    return cells


def read_meta(path):
    d = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                d[k] = v
    return d


def cmd_collect(workdir, out_csv):
    designs = []
    with open(os.path.join(workdir, "designs.tsv")) as f:
        rd = csv.DictReader(f, delimiter="\t")
        meta_by_name = {}
        for row in rd:
            meta_by_name[row["design"]] = row
            designs.append(row["design"])
    jobs = []
    with open(os.path.join(workdir, "jobs.txt")) as f:
        for line in f:
            if line.strip():
                jobs.append(tuple(line.split()))
    rows = []
    n_bad = 0
    for name, target in jobs:
        base = os.path.join(workdir, "results", "%s.%s" % (name, target))
        m = meta_by_name[name]
        row = {k: m[k] for k in META_FIELDS}
        row["target"] = target
        for k in ("luts", "carry", "muxf", "ffs", "dsps"):
            row[k] = ""
        rmeta = read_meta(base + ".meta") if os.path.exists(base + ".meta") else {}
        row["yosys_version"] = rmeta.get("yosys_version", "")
        row["seconds"] = rmeta.get("seconds", "")
        rc = rmeta.get("rc")
        cells = None
        if rc is None:
            note = "not run"
        elif rc == "124":
            note = "timeout after %ss" % rmeta.get("timeout", "?")
        elif rc != "0":
            note = "yosys failed rc=%s" % rc
        else:
            with open(base + ".log", errors="replace") as f:
                cells = parse_stat(f.read())
            note = "ok" if cells is not None else "no stat output"
        if cells is not None:
            counts = {"luts": 0, "carry": 0, "muxf": 0, "ffs": 0, "dsps": 0}
            other = []
            for c, n in sorted(cells.items()):
                k = classify(c)
                if k:
                    counts[k] += n
                elif c not in IGNORED_CELLS:
                    other.append("%s=%d" % (c, n))
            row.update({k: str(v) for k, v in counts.items()})
            if other:
                note += "; other cells: " + " ".join(other)
        else:
            n_bad += 1
        row["note"] = note
        rows.append(row)
    kind_order = {"mul": 0, "add": 1, "acc": 2, "shl": 3, "mac": 4}
    target_order = {t: i for i, t in enumerate(MUL_TARGETS)}
    rows.sort(key=lambda r: (kind_order[r["kind"]], int(r["signed"]),
                             int(r["wa"]), int(r["wb"]), target_order[r["target"]]))
    os.makedirs(os.path.dirname(os.path.abspath(out_csv)), exist_ok=True)
    with open(out_csv, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=CSV_HEADER, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)
    print("wrote %d rows to %s (%d without counts)" % (len(rows), out_csv, n_bad))
    return 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "gen":
        filt = None
        if len(argv) >= 4 and argv[2] == "--filter":
            filt = argv[3]
        cmd_gen(argv[1], filt)
        return 0
    if len(argv) == 3 and argv[0] == "collect":
        return cmd_collect(argv[1], argv[2])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
