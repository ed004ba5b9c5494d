// Self-checking testbench for a QDSE PE (MacPe or BitSerialPe), written by qdse rtl.
// Every line of the vector file is one clock cycle: inputs {clear, en, a, b} and the {flags, acc} the Java
// bit-exact model expects after that cycle's rising edge. Build with -DDUT=<module>; parameters set the widths.
`timescale 1ns/1ps
`ifndef DUT
`define DUT MacPe
`endif
`ifndef VECTORS
`define VECTORS "vectors/pe.hex"
`endif
module tb_pe;
  parameter integer AW = 8;   // a width
  parameter integer BW = 8;   // b width (k for a bit-serial PE)
  parameter integer OW = 32;  // accumulator width
  parameter integer N = 1;    // vectors
  localparam integer AH = ((AW + 3) / 4) * 4;
  localparam integer BH = ((BW + 3) / 4) * 4;
  localparam integer OH = ((OW + 3) / 4) * 4;
  localparam integer RW = 8 + AH + BH + OH;

  reg [RW-1:0] vec [0:N-1];
  reg [RW-1:0] r;
  reg clock = 1'b0;
  reg reset = 1'b1;
  reg [AW-1:0] a = 0;
  reg [BW-1:0] b = 0;
  reg en = 1'b0;
  reg clear = 1'b0;
  wire [OW-1:0] acc;
  wire [2:0] flags;
  reg [OW-1:0] exp_acc;
  reg [2:0] exp_flags;
  integer i;
  integer errors = 0;

  `DUT dut (.clock(clock), .reset(reset), .io_a(a), .io_b(b), .io_en(en), .io_clear(clear), .io_acc(acc),
            .io_flags(flags));

  always #5 clock = ~clock;

  initial begin
    $readmemh(`VECTORS, vec);
    @(posedge clock);
    @(posedge clock);
    #1 reset = 1'b0;
    for (i = 0; i < N; i = i + 1) begin
      r = vec[i];
      clear = r[RW-3];
      en = r[RW-4];
      a = r[RW-4-AH +: AW];
      b = r[RW-4-AH-BH +: BW];
      exp_flags = r[OH+2 -: 3];
      exp_acc = r[OW-1:0];
      @(posedge clock);
      #1;
      if (acc !== exp_acc || flags !== exp_flags) begin
        errors = errors + 1;
        if (errors <= 10)
          $display("MISMATCH vector %0d: clear=%b en=%b a=%h b=%h -> acc=%h flags=%b, expected acc=%h flags=%b",
                   i, clear, en, a, b, acc, flags, exp_acc, exp_flags);
      end
    end
    if (errors == 0) $display("PASS: %0d vectors", N);
    else $display("FAIL: %0d of %0d vectors mismatched", errors, N);
    $finish;
  end
endmodule
