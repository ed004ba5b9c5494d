// Runs a QDSE SelfTestTop (the bitstream's top) in simulation: the pass LED must light.
`timescale 1ns/1ps
module tb_selftest;
  parameter integer CYCLES = 5000;
  reg clk = 1'b0;
  wire [7:0] led;
  integer n;
  SelfTestTop dut (.clk(clk), .led(led));
  always #5 clk = ~clk;
  initial begin
    n = 0;
    while (led[2] !== 1'b1 && n < CYCLES + 100) begin
      @(posedge clk);
      n = n + 1;
    end
    #1;
    if (led[0] === 1'b1 && led[1] === 1'b0) $display("PASS: self-test signature matches the Java model after %0d cycles", n);
    else $display("FAIL: led=%b after %0d cycles", led, n);
    $finish;
  end
endmodule
