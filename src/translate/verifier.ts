// Finds the block verifier (src/verify/block.ts, `verifyBlock`). It is
// written alongside the translator; until it is present in a build the
// translator reports every block `unverified`, which is the honest label.
import type { BlockStatus, BlockVerifyRequest } from './contract.js';

export type BlockVerifier = (req: BlockVerifyRequest) => Promise<BlockStatus>;

export async function loadBlockVerifier(): Promise<BlockVerifier | undefined> {
  const path = '../verify/block.js';
  try {
    const mod = (await import(path)) as { verifyBlock?: BlockVerifier };
    return typeof mod.verifyBlock === 'function' ? mod.verifyBlock : undefined;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return undefined;
    throw e;
  }
}
