// Self-checking testbench for a QDSE BitSerialArray (Stripes-style bit-serial PE array), written by qdse rtl.
// For each GEMM case: load the A (activation) and B (weight) lane vectors into the buffers, pulse start, wait for
// done, check the cycle count against the Java bit-serial engines' compute cycles, then read back every result word
// (one bank per PE) and compare with the exact integer dot product of the Java model.
`timescale 1ns/1ps
`ifndef VECDIR
`define VECDIR "vectors/"
`endif
module tb_bitserial_array;
  parameter integer DIMW = 8;    // width of the m, n, k ports
  parameter integer BANKW = 2;   // width of the bank ports (result banks: rows x cols)
  parameter integer ADDRW = 8;   // width of the load address port
  parameter integer RADDRW = 8;  // width of the read-back address port
  parameter integer LDW = 8;     // width of ldData (a lane vector)
  parameter integer OUTW = 32;   // width of rdData (the accumulator)
  parameter integer NCASE = 1;
  parameter integer NLOAD = 1;
  parameter integer NEXP = 1;
  localparam integer LH = ((LDW + 3) / 4) * 4;
  localparam integer OH = ((OUTW + 3) / 4) * 4;
  localparam integer LRW = 48 + LH;   // {sel:4, bank:12, addr:32, data}
  localparam integer ERW = 48 + OH;   // {0:4, bank:12, addr:32, word}

  reg [255:0] meta [0:NCASE-1];       // {m, n, k, cycles, first load, loads, first expect, expects} x 32 bits
  reg [LRW-1:0] lds [0:NLOAD-1];
  reg [ERW-1:0] exps [0:NEXP-1];

  reg clock = 1'b0;
  reg reset = 1'b1;
  reg start = 1'b0;
  reg [DIMW-1:0] m = 0, n = 0, k = 0;
  reg ld_en = 1'b0, ld_sel = 1'b0;
  reg [BANKW-1:0] ld_bank = 0, rd_bank = 0;
  reg [ADDRW-1:0] ld_addr = 0;
  reg [RADDRW-1:0] rd_addr = 0;
  reg [LDW-1:0] ld_data = 0;
  wire busy, done;
  wire [31:0] cycles;
  wire [OUTW-1:0] rd_data;

  BitSerialArray dut (.clock(clock), .reset(reset), .io_start(start), .io_m(m), .io_n(n), .io_k(k), .io_busy(busy),
    .io_done(done), .io_cycles(cycles), .io_ldEn(ld_en), .io_ldSel(ld_sel), .io_ldBank(ld_bank),
    .io_ldAddr(ld_addr), .io_ldData(ld_data), .io_rdBank(rd_bank), .io_rdAddr(rd_addr), .io_rdData(rd_data));

  always #5 clock = ~clock;

  integer c, i, wait_cycles;
  integer errors = 0;
  integer cycle_errors = 0;
  integer checked = 0;
  reg [255:0] md;
  reg [LRW-1:0] lr;
  reg [ERW-1:0] er;
  reg [OH-1:0] expw;

  initial begin
    $readmemh({`VECDIR, "array_meta.hex"}, meta);
    $readmemh({`VECDIR, "array_load.hex"}, lds);
    $readmemh({`VECDIR, "array_expect.hex"}, exps);
    @(posedge clock);
    @(posedge clock);
    #1 reset = 1'b0;
    for (c = 0; c < NCASE; c = c + 1) begin
      md = meta[c];
      for (i = md[127:96]; i < md[127:96] + md[95:64]; i = i + 1) begin
        lr = lds[i];
        ld_en = 1'b1;
        ld_sel = lr[LRW-4];
        ld_bank = lr[LH+32 +: BANKW];
        ld_addr = lr[LH +: ADDRW];
        ld_data = lr[LDW-1:0];
        @(posedge clock);
        #1;
      end
      ld_en = 1'b0;
      m = md[255:224];
      n = md[223:192];
      k = md[191:160];
      start = 1'b1;
      @(posedge clock);
      #1 start = 1'b0;
      wait_cycles = 0;
      while (!done && wait_cycles < 10000000) begin
        @(posedge clock);
        #1 wait_cycles = wait_cycles + 1;
      end
      if (cycles !== md[159:128]) begin
        cycle_errors = cycle_errors + 1;
        $display("CYCLES case %0d (M=%0d N=%0d K=%0d): RTL %0d, Java bit-serial engine %0d", c, m, n, k, cycles,
                 md[159:128]);
      end
      for (i = md[63:32]; i < md[63:32] + md[31:0]; i = i + 1) begin
        er = exps[i];
        rd_bank = er[OH+32 +: BANKW];
        rd_addr = er[OH +: RADDRW];
        expw = er[OH-1:0];
        @(posedge clock);
        #1;
        checked = checked + 1;
        if (rd_data !== expw[OUTW-1:0]) begin
          errors = errors + 1;
          if (errors <= 10)
            $display("MISMATCH case %0d bank %0d addr %0d: RTL %h, expected %h", c, rd_bank, rd_addr, rd_data,
                     expw[OUTW-1:0]);
        end
      end
      $display("case %0d: M=%0d N=%0d K=%0d, %0d cycles (Java engine %0d)", c, m, n, k, cycles, md[159:128]);
    end
    if (errors == 0 && cycle_errors == 0) $display("PASS: %0d cases, %0d result words, cycles equal", NCASE, checked);
    else $display("FAIL: %0d result words and %0d cycle counts mismatched", errors, cycle_errors);
    $finish;
  end
endmodule
