// The program the WASM backend runs in its child process, as source text.
//
// Why a child process and not a worker thread: a hard query once crashed
// the whole Node process from a worker (uncatchable); a child process dies
// alone and is restarted. Why source text: the child must run both under
// vitest (TypeScript sources, no build) and from dist/, and it needs nothing
// but z3-solver, so it is handed to `node -e` as plain CommonJS.
//
// The query text is put on the WASM heap here, not passed as a JS string:
// z3-solver's eval_smtlib2_string hands Z3's worker thread a pointer to a
// copy on the WASM stack that is popped as soon as the call returns, while
// the thread is still parsing it (its C++ wrapper captures the pointer, not
// the text). Under load that memory was overwritten mid-parse: measured,
// about one query in a few thousand failed with errors such as "unknown
// constant W" in a script without a W. A heap copy lives until the answer
// is in. The library's own call is the fallback if the internals move.
//
// Protocol (IPC messages): the child sends {type:'ready', heapCall} once Z3 is
// loaded; then for each {id, text} it evaluates the SMT-LIB text with
// Z3_eval_smtlib2_string and answers {id, out, rss} or {id, error}; with
// {renew: true} it first replaces its Z3 context by a fresh one. Answers
// are never lost to a rejected promise: an exception becomes an {error}
// message.

export const WASM_CHILD_SOURCE = String.raw`
'use strict';
const modulePath = process.env.TRANSPILE_Z3_MODULE;
let Z3 = null;
let em = null;
let ctx = null;
const queue = [];
let busy = false;

function send(msg) {
  if (process.connected) process.send(msg);
}

async function drain() {
  if (busy) return;
  busy = true;
  while (queue.length > 0) {
    const msg = queue.shift();
    try {
      if (msg.renew) newContext();
      const out = await evalText(msg.text);
      send({ id: msg.id, out: out, rss: process.memoryUsage().rss });
    } catch (e) {
      send({ id: msg.id, error: String((e && e.message) || e) });
    }
  }
  busy = false;
}

process.on('message', (msg) => {
  queue.push(msg);
  if (Z3) drain();
});
process.on('disconnect', () => process.exit(0));

// Emscripten turns members it did not export into getters that abort the
// module, so availability is read from the property descriptors.
function exported(name, type) {
  const d = em === null ? undefined : Object.getOwnPropertyDescriptor(em, name);
  return d !== undefined && d.get === undefined && typeof d.value === type;
}

function heapCallAvailable() {
  return exported('_malloc', 'function') && exported('_free', 'function') && exported('async_call', 'function') &&
    exported('_async_Z3_eval_smtlib2_string', 'function') && exported('HEAPU8', 'object');
}

async function evalText(text) {
  if (!heapCallAvailable()) return Z3.eval_smtlib2_string(ctx, text);
  const bytes = Buffer.from(text, 'utf8');
  const ptr = em._malloc(bytes.length + 1);
  if (!ptr) throw new Error('out of WASM memory for a query of ' + bytes.length + ' bytes');
  try {
    em.HEAPU8.set(bytes, ptr);
    em.HEAPU8[ptr + bytes.length] = 0;
    return await em.async_call(() => em._async_Z3_eval_smtlib2_string(ctx, ptr));
  } finally {
    em._free(ptr);
  }
}

function newContext() {
  if (ctx !== null) Z3.del_context(ctx);
  const cfg = Z3.mk_config();
  ctx = Z3.mk_context(cfg);
  Z3.del_config(cfg);
}

(async () => {
  const api = await require(modulePath).init();
  Z3 = api.Z3;
  em = api.em;
  newContext();
  const heapCall = heapCallAvailable();
  if (!heapCall) process.stderr.write('warning: z3-solver internals changed; using eval_smtlib2_string, which can corrupt query text under load\n');
  send({ type: 'ready', heapCall: heapCall });
  drain();
})().catch((e) => {
  process.stderr.write('z3-solver init failed: ' + ((e && e.stack) || e) + '\n');
  process.exit(70);
});
`;
