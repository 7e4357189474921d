// `chainrule mcp`: a Model Context Protocol server on stdio, so AI tutoring assistants call the
// engine instead of guessing at algebra. Tools derive, simplify, verify, graph and evaluate take
// exactly the batch protocol's fields: their input and output schemas ARE the ops' schemas
// (src/api/schema), which is why this uses the SDK's low-level Server (McpServer wants zod).
// The work runs in the same worker pool as the HTTP API, with the same time budget.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { OP_SCHEMAS, type OpName } from '../api/schema/index.js';
import { loadConfig } from '../server/config.js';
import { WorkerPool } from '../server/pool.js';

export const MCP_TOOLS = ['derive', 'simplify', 'verify', 'graph', 'evaluate'] as const satisfies readonly OpName[];

const HINTS: Record<(typeof MCP_TOOLS)[number], string> = {
  derive: 'Use it to differentiate instead of doing the algebra yourself; e.g. {"expr": "z = wx + b; y = σ(z); L = BCE(y, ŷ)", "wrt": "w"}.',
  simplify: 'e.g. {"expr": "((1-y)/(1-s) - y/s)*s*(1-s)"}.',
  verify: 'Check a student\'s answer: {"problem": {"expr": "BCE(σ(wx+b), ŷ)", "wrt": "w"}, "answer": "(σ(wx+b) − ŷ)x"}.',
  graph: 'e.g. {"expr": "z = w0 + w1*x1 + w2*x2; p = σ(z); L = BCE(p, y)", "at": "w0=-3, w1=2, w2=-3, x1=-1, x2=-2, y=1"}.',
  evaluate: 'e.g. {"expr": "σ(wx+b)", "at": {"w": 2, "x": 1.5, "b": "-1/2"}}.',
};

/** A TypeBox schema as plain JSON Schema (TypeBox marks its objects with symbol keys). */
const plain = (s: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(s)) as Record<string, unknown>;

export function toolList(): Tool[] {
  return MCP_TOOLS.map((name) => ({
    name,
    title: OP_SCHEMAS[name].summary,
    description: `${OP_SCHEMAS[name].description} ${HINTS[name]} Notation: docs/notation.md (plain text like σ(wx+b) or LaTeX).`,
    inputSchema: plain(OP_SCHEMAS[name].request) as Tool['inputSchema'],
    outputSchema: { ...plain(OP_SCHEMAS[name].response), type: 'object' } as Tool['outputSchema'],
  }));
}

export function createMcpServer(pool: WorkerPool): Server {
  const server = new Server({ name: 'chainrule', version: '0.1.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: toolList() }));
  server.setRequestHandler(CallToolRequestSchema, async (req): Promise<CallToolResult> => {
    const name = req.params.name;
    if (!(MCP_TOOLS as readonly string[]).includes(name)) {
      return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error: { code: 'UNKNOWN_OP', message: `Unknown tool ${name}; the tools are ${MCP_TOOLS.join(', ')}.` } }) }] };
    }
    const r = await pool.run({ kind: 'op', op: name as OpName, req: req.params.arguments ?? {} });
    if (!r.ok) return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error: r.error }) }] };
    return { content: [{ type: 'text', text: JSON.stringify(r.body) }], structuredContent: r.body };
  });
  return server;
}

/** Serve on stdin/stdout until the client disconnects. Logs go nowhere: stdout is the protocol. */
export async function serveMcp(): Promise<void> {
  const config = loadConfig();
  const pool = new WorkerPool({ workers: Math.min(config.workers, 2), timeoutMs: config.timeoutMs });
  const server = createMcpServer(pool);
  const transport = new StdioServerTransport();
  await new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    void server.connect(transport);
    process.stdin.once('end', () => resolve());
  });
  await pool.close();
}
