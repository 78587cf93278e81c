package dev.kexp.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kexp.dsl.vocabulary.Block;
import org.junit.jupiter.api.Test;

/** Completion offers the keywords of the block the cursor stands in. */
class ReplBlocksTest {
  @Test
  void theBlockIsTheInnermostOpenKeywordBlock() {
    assertEquals(Block.PROMPT, ReplBlocks.at("30.min + "));
    assertEquals(Block.EXPERIMENT, ReplBlocks.at("experiment 'x' { "));
    assertEquals(Block.PHASES, ReplBlocks.at("experiment 'x' {\n  phases {\n    ra"));
    assertEquals(Block.PHASES, ReplBlocks.at("experiment 'x' { setup { "));
    assertEquals(
        Block.CLUSTER, ReplBlocks.at("experiment \"${n}\" { matrix { cell('PV') { cluster { "));
    assertEquals(Block.OPENFAAS, ReplBlocks.at("experiment 'x' { openfaas(version: '1') { "));
  }

  @Test
  void closedBlocksStringsCommentsAndPlainClosuresDoNotCount() {
    assertEquals(Block.EXPERIMENT, ReplBlocks.at("experiment 'x' { cluster { local }\n "));
    assertEquals(Block.EXPERIMENT, ReplBlocks.at("experiment 'x' { description '{ phases {'\n"));
    assertEquals(Block.EXPERIMENT, ReplBlocks.at("experiment 'x' { // phases {\n"));
    assertEquals(Block.CLUSTER, ReplBlocks.at("experiment 'x' { cluster { hosts.each { "));
  }
}
