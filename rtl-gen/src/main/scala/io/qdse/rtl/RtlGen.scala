package io.qdse.rtl

import circt.stage.ChiselStage

/**
 * Java-facing facade: one config record in, SystemVerilog text out (the design plus the inline `QdseMul` module).
 * A top-level object gets static forwarders, so Java calls {@code RtlGen.macPe(cfg)}. Bad parameters throw
 * IllegalArgumentException naming the field.
 */
object RtlGen {

  /** firtool options every emitted design needs so that Yosys 0.23 and Icarus 11 accept it (STACK.md §2.1). */
  val FirtoolOptions: Array[String] = Array(
    "-disable-all-randomization",
    "-strip-debug-info",
    "--lowering-options=disallowLocalVariables,disallowPackedArrays")

  def macPe(cfg: MacCfg): String = emit(new MacPe(cfg))

  def bitSerialPe(cfg: BitSerialCfg): String = emit(new BitSerialPe(cfg))

  def floatMacPe(cfg: FloatMacCfg): String = emit(new FloatMacPe(cfg))

  def systolicArray(cfg: ArrayCfg): String = emit(new SystolicArray(cfg))

  def bitSerialArray(cfg: BitSerialArrayCfg): String = emit(new BitSerialArray(cfg))

  def mvu(cfg: MvuCfg): String = emit(new Mvu(cfg))

  def dataflow(cfg: DataflowCfg): String = emit(new Dataflow(cfg))

  def selfTest(cfg: SelfTestCfg): String = emit(new SelfTestTop(cfg))

  def arraySelfTest(cfg: ArraySelfTestCfg): String = emit(new SelfTestArrayTop(cfg))

  /** An integer MAC PE (the common case): signed/unsigned operands of aBits × bBits into a wrapping accumulator. */
  def intMac(aBits: Int, bBits: Int, accBits: Int, signed: Boolean): String =
    macPe(MacCfg(FormatCfg.integer(aBits, signed), FormatCfg.integer(bBits, signed), accBits, saturate = false))

  private def emit(gen: => chisel3.RawModule): String = {
    // firtool from the resolver's cache, or from a writable fallback when that cannot be written (FirtoolCache)
    val text = ChiselStage.emitSystemVerilog(gen, args = FirtoolCache.chiselArgs(), firtoolOpts = FirtoolOptions)
    // firtool appends inline black boxes after the design, then a file list; keep up to the last endmodule
    val end = text.lastIndexOf("endmodule")
    text.substring(0, end + "endmodule".length) + "\n"
  }

  /** Version of the firtool binary this build emits with (Chisel's BuildInfo). */
  def firtoolVersion: String = chisel3.BuildInfo.firtoolVersion.getOrElse("unknown")
}
