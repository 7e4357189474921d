// The batch's worker thread (src/api/isolate.ts finds it beside the bundle as ./batchWorker.js): the
// bundled batchWorker module, loaded with the code cache and V8's tier-up threshold like the binary
// (load.js).
'use strict';
require('./load.js').loadCore({ tiering: true }).exports.startBatchWorker();
