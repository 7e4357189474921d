// The runner the CLI and the tests give a worksheet: the batch protocol's own op dispatch, so a
// worksheet shows exactly what the API returns. Apart from build.ts so that the api layer, which
// registers the worksheet op with its own dispatcher, imports nothing that imports the api back.
import { handleRequest } from '../api/run.js';
import type { Runner } from './solve.js';

export const batchRunner: Runner = async (req) => (await handleRequest(req)) as Record<string, unknown>;
