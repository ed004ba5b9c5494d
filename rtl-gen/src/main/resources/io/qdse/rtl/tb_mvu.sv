// Self-checking testbench for a QDSE matrix-vector unit (Mvu), written by qdse rtl.
// Pass 0 streams every input vector at full rate (in_valid whenever a beat is left, out_ready always) and checks the
// cycles from the first input beat taken to the last output beat taken against the Java dataflow engine's unit
// cycles plus four pipeline cycles (issue, product, accumulate, output FIFO). Pass 1 streams the same vectors with
// random gaps on in_valid and out_ready (back-pressure stalls the unit). Every output beat is compared with the Java
// bit-exact model in both passes.
// With LOAD defined (a chain with weights in iCE40 SPRAM): after reset, the weight-load image (weights_load.hex,
// NLOAD 16-bit words) is streamed into io_load at full rate while the first input beat is offered; the chain must
// take no input before io_loaded, and io_loaded must rise exactly NLOAD cycles after the first load word is taken
// (one word per cycle, the dataflow engine's load cycles). Then the two passes as above. With LOAD8 as well (the
// iCE40 pins wrapper DataflowPins), each word goes in as two bytes, low byte first: 2 x NLOAD cycles. With PINS8 (the
// pins wrapper, with or without a load port) the streams are bytes: the testbench's beats go through its own
// beat-to-bytes and bytes-to-beat adapters (low byte first), so the passes and checks are the same, at the pins' rate.
`timescale 1ns/1ps
`ifndef DUT
`define DUT Mvu
`endif
`ifndef VECDIR
`define VECDIR "vectors/"
`endif
module tb_mvu;
  parameter integer INW = 8;      // input beat: SIMD elements
  parameter integer OUTW = 8;     // output beat: PE elements
  parameter integer NIN = 1;      // input beats (vectors x MW/SIMD)
  parameter integer NOUT = 1;     // output beats (vectors x MH/PE)
  parameter integer CYCLES = 4;   // full-rate cycles, first input beat to last output beat (Java engine + 4);
                                  // 0: reported, not checked (a chain of units)
  parameter integer LIMIT = 0;    // cycles per pass before a timeout (0: from CYCLES and the beats)
  parameter integer NLOAD = 1;    // LOAD: 16-bit words of the weight-load image

  reg [INW-1:0] ins [0:NIN-1];
  reg [OUTW-1:0] exps [0:NOUT-1];

  reg clock = 1'b0;
  reg reset = 1'b1;
  reg in_valid = 1'b0;
  reg [INW-1:0] in_bits = 0;
  reg out_ready = 1'b0;
  wire in_ready, out_valid;
  wire [OUTW-1:0] out_bits;

`ifdef LOAD
`ifdef LOAD8
  localparam integer LW = 8;      // load port bits
`else
  localparam integer LW = 16;
`endif
  localparam integer PARTS = 16 / LW;
  reg [15:0] img [0:NLOAD-1];
  reg load_valid = 1'b0;
  reg [LW-1:0] load_bits = 0;
  wire load_ready, loaded;
  integer nl, lcyc, lfirst, early;
`endif

`ifdef PINS8
  // the pins wrapper's byte streams: the beats of the loop below go through these adapters
  localparam integer NBI = (INW + 7) / 8;
  localparam integer NBO = (OUTW + 7) / 8;
  wire pin_in_ready, pin_out_valid;
  wire [7:0] pin_out_bits;
  reg [8*NBI-1:0] sbuf = 0;   // beat being sent, byte by byte
  integer sleft = 0;          // bytes of it left
  reg [8*NBO-1:0] rbuf = 0;   // beat being received
  integer rgot = 0;           // bytes of it received
  assign in_ready = sleft == 0;
  assign out_valid = rgot == NBO;
  assign out_bits = rbuf[OUTW-1:0];
  always @(posedge clock) begin
    if (in_valid && in_ready) begin
      sbuf <= in_bits;
      sleft <= NBI;
    end else if (sleft > 0 && pin_in_ready) begin
      sbuf <= sbuf >> 8;
      sleft <= sleft - 1;
    end
    if (out_valid && out_ready) rgot <= 0;
    else if (rgot < NBO && pin_out_valid) begin
      rbuf <= {pin_out_bits, rbuf} >> 8;
      rgot <= rgot + 1;
    end
  end
  `DUT dut (.clock(clock), .reset(reset), .io_in_ready(pin_in_ready), .io_in_valid(sleft > 0),
    .io_in_bits(sbuf[7:0]), .io_out_ready(rgot < NBO), .io_out_valid(pin_out_valid), .io_out_bits(pin_out_bits)
`else
  `DUT dut (.clock(clock), .reset(reset), .io_in_ready(in_ready), .io_in_valid(in_valid), .io_in_bits(in_bits),
    .io_out_ready(out_ready), .io_out_valid(out_valid), .io_out_bits(out_bits)
`endif
`ifdef LOAD
    , .io_load_ready(load_ready), .io_load_valid(load_valid), .io_load_bits(load_bits), .io_loaded(loaded)
`endif
    );

  always #5 clock = ~clock;

  integer pass, ni, no, cyc, first, last, limit;
  integer errors = 0;
  integer cycle_errors = 0;
  integer checked = 0;
  reg fin, fout;
  reg [31:0] lfsr = 32'h1;

  initial begin
    $readmemh({`VECDIR, "mvu_in.hex"}, ins);
    $readmemh({`VECDIR, "mvu_out.hex"}, exps);
    @(posedge clock);
    @(posedge clock);
    #1 reset = 1'b0;
    limit = LIMIT > 0 ? LIMIT : 8 * (CYCLES + NIN + NOUT) + 64;
`ifdef LOAD
    $readmemh({`VECDIR, "../weights_load.hex"}, img);
    nl = 0;
    lcyc = 0;
    lfirst = -1;
    early = 0;
    while (!loaded && lcyc < 2 * PARTS * NLOAD + 64) begin
      load_valid = nl < PARTS * NLOAD;
      load_bits = nl < PARTS * NLOAD ? img[nl / PARTS] >> (LW * (nl % PARTS)) : 0;
`ifdef LOAD8
      in_valid = 1'b0;  // bytes: the wrapper would gather a beat early; the chain's own in_ready is checked below
`else
      in_valid = 1'b1;  // the first input beat is offered all along: it must wait for the load
      in_bits = ins[0];
`endif
      #1;
`ifdef LOAD8
      if (dut.chain.io_in_ready) early = early + 1;
`else
      if (in_ready) early = early + 1;
`endif
      if (load_valid && load_ready) begin
        if (lfirst < 0) lfirst = lcyc;
        nl = nl + 1;
      end
      @(posedge clock);
      #1;
      lcyc = lcyc + 1;
    end
    load_valid = 1'b0;
    in_valid = 1'b0;
    if (!loaded || nl != PARTS * NLOAD || lcyc - lfirst != PARTS * NLOAD || early != 0) begin
      cycle_errors = cycle_errors + 1;
      $display("LOAD: loaded %0d, %0d of %0d %0d-bit words taken, loaded %0d cycles after the first (expected %0d)",
               loaded, nl, PARTS * NLOAD, LW, lcyc - lfirst, PARTS * NLOAD);
      $display("LOAD: input taken before the load ended in %0d cycles", early);
    end
    if (PARTS == 1)
      $display("load: %0d words in %0d cycles, first word to loaded (dataflow engine: %0d)", nl, lcyc - lfirst, NLOAD);
    else
      $display("load: %0d words as %0d bytes in %0d cycles, first byte to loaded (dataflow engine: %0d words)",
               nl / PARTS, nl, lcyc - lfirst, NLOAD);
`endif
    for (pass = 0; pass < 2; pass = pass + 1) begin
      ni = 0;
      no = 0;
      cyc = 0;
      first = -1;
      last = -1;
      while (no < NOUT && cyc < limit) begin
        lfsr = lfsr[0] ? (lfsr >> 1) ^ 32'h80200003 : lfsr >> 1;
        if (pass == 0) begin
          in_valid = ni < NIN;
          out_ready = 1'b1;
        end else begin
          in_valid = ni < NIN && (lfsr[1] | lfsr[5]);
          out_ready = lfsr[9] | lfsr[13];
        end
        in_bits = ni < NIN ? ins[ni] : {INW{1'b0}};
        #1;
        fin = in_valid && in_ready;
        fout = out_valid && out_ready;
        if (fout) begin
          checked = checked + 1;
          if (out_bits !== exps[no]) begin
            errors = errors + 1;
            if (errors <= 10)
              $display("MISMATCH pass %0d output beat %0d: RTL %h, expected %h", pass, no, out_bits, exps[no]);
          end
        end
        @(posedge clock);
        #1;
        if (fin) begin
          if (first < 0) first = cyc;
          ni = ni + 1;
        end
        if (fout) begin
          last = cyc;
          no = no + 1;
        end
        cyc = cyc + 1;
      end
      in_valid = 1'b0;
      if (no < NOUT) begin
        errors = errors + 1;
        $display("TIMEOUT pass %0d: %0d of %0d output beats after %0d cycles", pass, no, NOUT, cyc);
      end
      if (pass == 0) begin
        if (CYCLES > 0 && last - first + 1 != CYCLES) begin
          cycle_errors = cycle_errors + 1;
          $display("CYCLES: RTL %0d, Java engine + pipeline %0d", last - first + 1, CYCLES);
        end
        $display("pass 0 (full rate): %0d input beats, %0d output beats, %0d cycles (Java engine + 4: %0d)", NIN,
                 NOUT, last - first + 1, CYCLES);
      end else begin
        $display("pass 1 (random stalls): %0d output beats in %0d cycles", no, cyc);
      end
    end
    if (errors == 0 && cycle_errors == 0 && CYCLES > 0)
      $display("PASS: %0d output beats checked in 2 passes, cycles equal", checked);
    else if (errors == 0 && cycle_errors == 0)
      $display("PASS: %0d output beats checked in 2 passes, cycles reported", checked);
    else $display("FAIL: %0d output beats mismatched, %0d cycle counts", errors, cycle_errors);
    $finish;
  end
endmodule
