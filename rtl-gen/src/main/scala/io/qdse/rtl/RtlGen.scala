package io.qdse.rtl

import circt.stage.ChiselStage

/**
 * Java-facing facade: plain types in, SystemVerilog text out. A top-level object gets static
 * forwarders, so Java calls {@code RtlGen.intMac(8, 8, 32, true)}.
 */
object RtlGen {

  /** firtool options every emitted design needs so that Yosys 0.23 and Icarus 11 accept it (STACK.md §2.1). */
  val FirtoolOptions: Array[String] = Array(
    "-disable-all-randomization",
    "-strip-debug-info",
    "--lowering-options=disallowLocalVariables,disallowPackedArrays")

  /** SystemVerilog of an integer MAC PE. Throws IllegalArgumentException on bad parameters. */
  def intMac(aBits: Int, bBits: Int, accBits: Int, signed: Boolean): String =
    ChiselStage.emitSystemVerilog(new IntMac(IntMacParams(aBits, bBits, accBits, signed)),
      firtoolOpts = FirtoolOptions)

  /** Version of the firtool binary this build emits with (Chisel's BuildInfo). */
  def firtoolVersion: String = chisel3.BuildInfo.firtoolVersion.getOrElse("unknown")
}
