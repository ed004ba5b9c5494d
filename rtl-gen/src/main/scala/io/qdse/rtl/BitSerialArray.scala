package io.qdse.rtl

import chisel3._
import chisel3.util._

/**
 * One PE of the bit-serial array: a `lanes`-wide dot product of parallel weights and one activation chunk per lane
 * per cycle. A step's chunks arrive most significant first (the top chunk, signed when activations are, then
 * unsigned `k`-bit chunks), so the step sum needs only a fixed shift: `st = (first ? 0 : st << k) + Σ w·chunk`.
 * When the top chunk is the sign bit alone (`negateTop`) it arrives as an unsigned bit and that cycle subtracts.
 * At the step's last cycle the sum goes into the accumulator (`clearAcc`: the block's first step overwrites it).
 */
class BitSerialDotPe(val c: BitSerialArrayCfg) extends Module {
  val io = IO(new Bundle {
    val en       = Input(Bool())
    val first    = if (c.steps > 1) Some(Input(Bool())) else None // first cycle of a step (the top chunk)
    val last     = Input(Bool()) // last cycle of a step
    val clearAcc = Input(Bool()) // the step is the block's first: overwrite the accumulator
    val w        = Input(Vec(c.lanes, UInt(c.w.bits.W)))
    val chunk    = Input(Vec(c.lanes, UInt(c.chunkBits.W)))
    val acc      = Output(UInt(c.accBits.W))
  })
  override def desiredName: String = "BitSerialDotPe"

  // a 1-bit chunk selects the weight (an AND row); wider chunks go through a k×w (or (k+1)×w signed) multiplier
  private val products = (0 until c.lanes).map { l =>
    val p = if (c.chunkBits == 1 && !c.chunkSigned) Mux(io.chunk(l)(0), io.w(l), 0.U)
            else Mul(io.w(l), c.w.signed, io.chunk(l), c.chunkSigned)
    // as a signed number one bit wider than the product when the product is unsigned
    (if (c.productSigned) p else p.pad(p.getWidth + 1)).asSInt
  }
  // balanced tree growing one bit per level (exact); wrapped to the tree's width when the accumulator is narrower
  private val tree = Product.extend(VecInit(products).reduceTree(_ +& _).asUInt, true, c.treeBits)
  private val acc = RegInit(0.U(c.accBits.W))
  private val stepSum: UInt =
    if (c.steps == 1) Product.extend(tree, true, c.stepBits)
    else {
      val st = Reg(UInt((c.stepBits - c.k).W)) // the top k bits would be shifted out before they are used
      val shifted = Cat(st, 0.U(c.k.W))
      val lanesSum = Product.extend(tree, true, c.stepBits)
      val v =
        if (!c.negateTop) Mux(io.first.get, 0.U(c.stepBits.W), shifted) + lanesSum
        else { // the sign cycle subtracts: 0 + ~sum + 1
          val neg = io.first.get
          Mux(neg, 0.U(c.stepBits.W), shifted) + (lanesSum ^ Fill(c.stepBits, neg)) + neg.asUInt
        }
      when(io.en && !io.last) { st := v(c.stepBits - c.k - 1, 0) }
      v
    }
  when(io.en && io.last) {
    acc := Mux(io.clearAcc, 0.U(c.accBits.W), acc) + Product.extend(stepSum, true, c.accBits)
  }
  io.acc := acc
}

/**
 * An R×C array of bit-serial dot-product PEs (Stripes: activations serial at `k` bits per cycle, weights parallel),
 * cycle for cycle the machine the Java `BitSerialCycleEngine` counts. N (output channels) on the rows, M (pixels,
 * tokens) on the columns, K over the lanes. Loop order: M-block (C columns) outer, N-block (R rows), K-step inner;
 * a step is `lanes` products per PE in ⌈Pa/k⌉ cycles. Row i's weights (a lane vector of B) and column j's
 * activations (a lane vector of A, shifted out `k` bits per cycle) are broadcast to the row's and column's PEs.
 * Partial sums stay in the accumulators over a block's steps; when the block's last step ends, every PE writes its
 * result into its own result bank during the next cycle, which is the next block's first cycle, or for the last block
 * one extra cycle. So one GEMM takes mBlocks·nBlocks·kSteps·⌈Pa/k⌉ + 1 cycles, the engine's compute cycles.
 *
 * Buffers are synchronous RAMs read with the sequencer's next state (a step's words arrive in its first cycle) and
 * latched for the step's other cycles. `cycles` counts from the cycle after `start` to the last write-back cycle;
 * `done` pulses the cycle after. Layout: A bank j (m mod C) word (m/C)·kStepsMax + ks, B bank i (n mod R) word
 * (n/R)·kStepsMax + ks, lane l at bits [l·P, (l+1)·P); result bank i·C + j word (m/C)·nBlocksMax + n/R. Lanes past K
 * get zero activation chunks and PEs past N or M write nothing, so buffer padding may hold any value.
 */
class BitSerialArray(val c: BitSerialArrayCfg) extends Module {
  private val R = c.rows
  private val C = c.cols
  private val L = c.lanes
  private val S = c.steps
  private val dimW = c.dimBits
  private def aw(depth: Int) = log2Ceil(depth) max 1
  private val addrW = aw(c.aDepth max c.bDepth max c.oDepth)
  private val ldAddrW = aw(c.aDepth max c.bDepth)
  private val rdAddrW = aw(c.oDepth)
  private val bankW = log2Ceil(c.banks max C max R) max 1
  private val wideW = addrW + 1

  val io = IO(new Bundle {
    val start  = Input(Bool())
    val m      = Input(UInt(dimW.W))
    val n      = Input(UInt(dimW.W))
    val k      = Input(UInt(dimW.W))
    val busy   = Output(Bool())
    val done   = Output(Bool())
    val cycles = Output(UInt(32.W))
    val ldEn   = Input(Bool())
    val ldSel  = Input(Bool()) // 0: A (bank = column), 1: B (bank = row)
    val ldBank = Input(UInt(bankW.W))
    val ldAddr = Input(UInt(ldAddrW.W))
    val ldData = Input(UInt(c.ldBits.W)) // a lane vector
    val rdBank = Input(UInt(bankW.W))    // result bank i·C + j
    val rdAddr = Input(UInt(rdAddrW.W))  // rdData is valid the cycle after (synchronous buffers)
    val rdData = Output(UInt(c.accBits.W))
  })
  override def desiredName: String = "BitSerialArray"

  private val aMem = Seq.fill(C)(SyncReadMem(c.aDepth, UInt(c.aWordBits.W)))
  private val bMem = Seq.fill(R)(SyncReadMem(c.bDepth, UInt(c.wWordBits.W)))
  private val oMem = Seq.fill(c.banks)(SyncReadMem(c.oDepth, UInt(c.accBits.W)))

  private def fit(addr: UInt, depth: Int): UInt = addr(aw(depth) - 1, 0)

  when(io.ldEn) {
    for (j <- 0 until C) {
      when(!io.ldSel && io.ldBank === j.U && io.ldAddr < c.aDepth.U) {
        aMem(j).write(fit(io.ldAddr, c.aDepth), io.ldData(c.aWordBits - 1, 0))
      }
    }
    for (i <- 0 until R) {
      when(io.ldSel && io.ldBank === i.U && io.ldAddr < c.bDepth.U) {
        bMem(i).write(fit(io.ldAddr, c.bDepth), io.ldData(c.wWordBits - 1, 0))
      }
    }
  }

  // ---- sequencer: state s, next state nx (buffers are read with nx so a step's words arrive with it) -----------
  private class SeqState extends Bundle {
    val running = Bool()
    val drain = Bool()                            // the last block's write-back cycle
    val c = UInt((log2Ceil(S) max 1).W)           // cycle within the step
    val k0 = UInt(dimW.W)                         // first k of the step
    val ks = UInt(wideW.W)                        // step within the block
    val nBase = UInt(dimW.W)                      // first n of the N-block (row 0)
    val nb = UInt(wideW.W)                        // N-block index
    val bBase = UInt(wideW.W)                     // nb·kStepsMax
    val mBase = UInt(dimW.W)                      // first m of the M-block (column 0)
    val aBase = UInt(wideW.W)                     // mb·kStepsMax
    val oBase = UInt(wideW.W)                     // mb·nBlocksMax
    val m = UInt(dimW.W)
    val n = UInt(dimW.W)
    val k = UInt(dimW.W)
  }
  private val s = RegInit(0.U.asTypeOf(new SeqState))
  private val nx = WireDefault(s)
  private val doneReg = RegInit(false.B)
  private val cycles = RegInit(0.U(32.W))
  private val computing = s.running && !s.drain
  private val lastChunk = s.c === (S - 1).U
  private val lastStep = s.k0 +& L.U >= s.k
  private val lastN = s.nBase +& R.U >= s.n
  private val lastM = s.mBase +& C.U >= s.m
  private val blockEnd = computing && lastChunk && lastStep

  doneReg := false.B
  when(io.start && !s.running) {
    val empty = io.m === 0.U || io.n === 0.U || io.k === 0.U
    nx := 0.U.asTypeOf(new SeqState)
    nx.running := !empty
    nx.m := io.m; nx.n := io.n; nx.k := io.k
    doneReg := empty
    cycles := 0.U
  }.elsewhen(s.running) {
    cycles := cycles + 1.U
    when(s.drain) {
      nx.running := false.B
      nx.drain := false.B
      doneReg := true.B
    }.elsewhen(!lastChunk) {
      nx.c := s.c + 1.U
    }.otherwise {
      nx.c := 0.U
      when(!lastStep) {
        nx.k0 := s.k0 + L.U
        nx.ks := s.ks + 1.U
      }.otherwise {
        nx.k0 := 0.U
        nx.ks := 0.U
        when(!lastN) {
          nx.nBase := s.nBase + R.U
          nx.nb := s.nb + 1.U
          nx.bBase := s.bBase + c.kStepsMax.U
        }.otherwise {
          nx.nBase := 0.U
          nx.nb := 0.U
          nx.bBase := 0.U
          when(!lastM) {
            nx.mBase := s.mBase + C.U
            nx.aBase := s.aBase + c.kStepsMax.U
            nx.oBase := s.oBase + c.nBlocksMax.U
          }.otherwise {
            nx.drain := true.B
          }
        }
      }
    }
  }
  s := nx
  io.busy := s.running
  io.done := doneReg
  io.cycles := cycles

  // ---- operands: a step's words are read with nx when it is a step's first cycle -------------------------------
  private val readNext = nx.running && !nx.drain && nx.c === 0.U
  private val first = s.c === 0.U
  private val laneOk = Seq.tabulate(L)(l => s.k0 +& l.U < s.k) // lanes past K get zero chunks

  // row i: the lane vector of weights, latched for the step's later cycles
  private val weights: Seq[Vec[UInt]] = Seq.tabulate(R) { i =>
    val word = bMem(i).read(fit(nx.bBase + nx.ks, c.bDepth), readNext && nx.nBase +& i.U < nx.n)
    val fresh = VecInit(Seq.tabulate(L)(l => word((l + 1) * c.w.bits - 1, l * c.w.bits)))
    if (S == 1) fresh
    else {
      val held = Reg(Vec(L, UInt(c.w.bits.W)))
      val use = Mux(first, fresh, held)
      when(computing) { held := use }
      use
    }
  }

  // column j: each lane's chunk, the top one from the fresh word, the rest shifted out of a register
  private val chunks: Seq[Vec[UInt]] = Seq.tabulate(C) { j =>
    val word = aMem(j).read(fit(nx.aBase + nx.ks, c.aDepth), readNext && nx.mBase +& j.U < nx.m)
    VecInit(Seq.tabulate(L) { l =>
      val act = word((l + 1) * c.a.bits - 1, l * c.a.bits)
      val top = Product.extend(act(c.a.bits - 1, c.a.bits - c.topBits), c.chunkSigned, c.chunkBits)
      if (S == 1) top
      else {
        val lowBits = (S - 1) * c.k
        val rest = Reg(UInt(lowBits.W))
        val next = if (S == 2) rest else rest(lowBits - c.k - 1, 0)
        when(computing) {
          rest := Mux(first, act(lowBits - 1, 0), if (S == 2) rest else Cat(next, 0.U(c.k.W)))
        }
        Mux(first, top, rest(lowBits - 1, lowBits - c.k).pad(c.chunkBits))
      }
    }.zip(laneOk).map { case (ch, ok) => Mux(ok, ch, 0.U) })
  }

  // ---- PEs and write-back --------------------------------------------------------------------------------------
  private val wr = RegNext(blockEnd, false.B)
  private val wrAddr = RegNext(fit(s.oBase + s.nb, c.oDepth))
  private val wrRow = Seq.tabulate(R)(i => RegNext(s.nBase +& i.U < s.n, false.B))
  private val wrCol = Seq.tabulate(C)(j => RegNext(s.mBase +& j.U < s.m, false.B))
  private val rdData = Wire(Vec(c.banks, UInt(c.accBits.W)))
  for (i <- 0 until R; j <- 0 until C) {
    val pe = Module(new BitSerialDotPe(c))
    pe.io.en := computing
    pe.io.first.foreach(_ := first)
    pe.io.last := lastChunk
    pe.io.clearAcc := s.ks === 0.U
    pe.io.w := weights(i)
    pe.io.chunk := chunks(j)
    val bank = oMem(i * C + j)
    when(wr && wrRow(i) && wrCol(j)) {
      bank.write(wrAddr, pe.io.acc)
    }
    rdData(i * C + j) := bank.read(fit(io.rdAddr, c.oDepth), !s.running && io.rdBank === (i * C + j).U)
  }
  private val rdSel = RegNext(io.rdBank)
  io.rdData := Mux1H((0 until c.banks).map(b => rdSel === b.U), rdData)
}
