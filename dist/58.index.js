export const id = 58;
export const ids = [58];
export const modules = {

/***/ 66224:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ loadPrompt)
/* harmony export */ });
/* unused harmony export promptPath */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_2__);



const cache = new Map();
/**
 * Loads a system prompt from `prompts/<name>.md`. In the bundle the build copies prompts/ next
 * to dist/index.js; from source (tests, tsx) they sit at the repository root. The first that
 * exists wins, so the bundle never reads the source tree.
 */
function loadPrompt(name) {
    const hit = cache.get(name);
    if (hit !== undefined)
        return hit;
    const here = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)((0,node_url__WEBPACK_IMPORTED_MODULE_2__.fileURLToPath)(import.meta.url));
    const candidates = [
        (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(here, 'prompts', `${name}.md`),
        (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(here, '..', 'prompts', `${name}.md`),
    ];
    const found = candidates.find((p) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(p));
    if (!found) {
        throw new Error(`Prompt '${name}' not found. Looked in: ${candidates.join(', ')}`);
    }
    const text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(found, 'utf8');
    cache.set(name, text);
    return text;
}
/** Where a prompt was loaded from; the bundle test asserts it is dist/prompts. */
function promptPath(name) {
    const here = dirname(fileURLToPath(import.meta.url));
    return [join(here, 'prompts', `${name}.md`), join(here, '..', 'prompts', `${name}.md`)].find((p) => existsSync(p));
}


/***/ }),

/***/ 85992:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ep: () => (/* binding */ isGitInternal),
/* harmony export */   id: () => (/* binding */ realWorkspace),
/* harmony export */   uh: () => (/* binding */ readFileCapped),
/* harmony export */   z1: () => (/* binding */ resolveInWorkspace),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/* unused harmony export isBinary */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/**
 * The workspace jail: every path a tool receives from the model goes through here. Paths are
 * relative to the workspace; absolute paths, `..` escapes and symlinks resolving outside are
 * refused. Reads check the size before opening, so a 2 GB log never reaches memory.
 */



/** Realpath of the workspace, cached: it does not move during a run. */
const realWorkspaces = new Map();
/** The workspace's real path (symlinks resolved), the root every `rel` is relative to. */
function realWorkspace(workspace) {
    let real = realWorkspaces.get(workspace);
    if (real === undefined) {
        real = node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync(node_path__WEBPACK_IMPORTED_MODULE_2__.resolve(workspace));
        realWorkspaces.set(workspace, real);
    }
    return real;
}
function inside(root, candidate) {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_2__.relative(root, candidate);
    return rel === '' || (!rel.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute(rel));
}
function lstatOrNull(p) {
    try {
        return node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync(p);
    }
    catch {
        return null;
    }
}
/**
 * Resolves a model-supplied path inside the workspace. `abs` is the real location (symlinks
 * inside the workspace resolved), `rel` its path relative to the workspace (`.` for the root),
 * so guards that match on `rel` (protected paths) see where a link really points.
 */
function resolveInWorkspace(workspace, p) {
    if (typeof p !== 'string') {
        return { ok: false, error: `Invalid path '${String(p)}'. Expected a string path.` };
    }
    if (p.includes('\0')) {
        return {
            ok: false,
            error: `Invalid path '${p.replace(/\0/g, '\\0')}'. NUL bytes are not allowed.`,
        };
    }
    if (node_path__WEBPACK_IMPORTED_MODULE_2__.posix.isAbsolute(p) || node_path__WEBPACK_IMPORTED_MODULE_2__.win32.isAbsolute(p)) {
        return {
            ok: false,
            error: `Invalid path '${p}'. Expected a path relative to the workspace; absolute paths are refused.`,
        };
    }
    let root;
    try {
        root = realWorkspace(workspace);
    }
    catch (err) {
        return {
            ok: false,
            error: `Workspace '${workspace}' is not accessible: ${err.message}`,
        };
    }
    const lexical = node_path__WEBPACK_IMPORTED_MODULE_2__.resolve(root, p === '' ? '.' : p);
    if (!inside(root, lexical)) {
        return {
            ok: false,
            error: `Invalid path '${p}'. It resolves outside the workspace; '..' escapes are refused.`,
        };
    }
    // Find the deepest entry that exists (lstat: a dangling link counts as existing).
    let existing = lexical;
    const missing = [];
    let stat = lstatOrNull(existing);
    while (stat === null && existing !== root) {
        missing.unshift(node_path__WEBPACK_IMPORTED_MODULE_2__.basename(existing));
        existing = node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(existing);
        stat = lstatOrNull(existing);
    }
    let real;
    try {
        real = node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync(existing);
    }
    catch {
        // A dangling symlink: writing through it would create its target, wherever that is.
        return {
            ok: false,
            error: `Invalid path '${p}'. '${node_path__WEBPACK_IMPORTED_MODULE_2__.relative(root, existing)}' is a symlink whose target does not exist; refused.`,
        };
    }
    const abs = node_path__WEBPACK_IMPORTED_MODULE_2__.join(real, ...missing);
    if (!inside(root, abs)) {
        return {
            ok: false,
            error: `Invalid path '${p}'. It is a symlink (or inside one) resolving outside the workspace; refused.`,
        };
    }
    return { ok: true, abs, rel: node_path__WEBPACK_IMPORTED_MODULE_2__.relative(root, abs) || '.' };
}
/** True for `.git` or anything under it: tools never read or write git internals (hooks, config). */
function isGitInternal(rel) {
    return rel.split(/[\\/]/).includes('.git');
}
/** How many leading bytes are checked for a NUL byte to call a file binary (as git does). */
const BINARY_SNIFF_BYTES = 8192;
/**
 * Reads a text file only when it is a regular file no larger than `maxBytes`. The size comes
 * from `stat`, before the file is opened: an oversized file is refused without being read.
 * Binary files (a NUL byte in the first 8 KB) are refused too.
 */
async function readFileCapped(abs, opts) {
    let stat;
    try {
        stat = await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat(abs);
    }
    catch (err) {
        const code = err.code;
        if (code === 'ENOENT' || code === 'ENOTDIR') {
            return { ok: false, reason: 'not_found', error: `File not found: '${abs}'.` };
        }
        return {
            ok: false,
            reason: 'unreadable',
            error: `Cannot stat '${abs}': ${err.message}`,
        };
    }
    if (!stat.isFile()) {
        const kind = stat.isDirectory() ? 'a directory' : 'not a regular file';
        return { ok: false, reason: 'not_a_file', error: `'${abs}' is ${kind}; refused.` };
    }
    if (stat.size > opts.maxBytes) {
        return {
            ok: false,
            reason: 'too_large',
            bytes: stat.size,
            error: `File is ${formatBytes(stat.size)} (${stat.size} bytes), over the cap of ` +
                `${formatBytes(opts.maxBytes)}; not read. Use search to find the lines you need.`,
        };
    }
    let handle;
    try {
        handle = await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open(abs, 'r');
    }
    catch (err) {
        return {
            ok: false,
            reason: 'unreadable',
            error: `Cannot open '${abs}': ${err.message}`,
        };
    }
    try {
        // Read at most cap + 1 bytes: the file may have grown since the stat.
        const buf = Buffer.alloc(Math.min(stat.size, opts.maxBytes) + 1);
        let length = 0;
        while (length < buf.length) {
            const { bytesRead } = await handle.read(buf, length, buf.length - length, length);
            if (bytesRead === 0)
                break;
            length += bytesRead;
        }
        if (length > opts.maxBytes) {
            return {
                ok: false,
                reason: 'too_large',
                bytes: length,
                error: `File grew past the cap of ${formatBytes(opts.maxBytes)} while being read; refused.`,
            };
        }
        const data = buf.subarray(0, length);
        if (isBinary(data)) {
            return {
                ok: false,
                reason: 'binary',
                bytes: length,
                error: `'${abs}' is a binary file; refused.`,
            };
        }
        return { ok: true, text: data.toString('utf8'), bytes: length };
    }
    finally {
        await handle.close();
    }
}
/** A NUL byte in the first 8 KB marks a file as binary, the heuristic git and grep use. */
function isBinary(data) {
    return data.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}
/** Human-readable size: 2.0 GB, 512 KB. */
function formatBytes(n) {
    const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
    let value = n;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return unit === 0 ? `${n} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}


/***/ }),

/***/ 90309:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  zd: () => (/* binding */ workspaceTools)
});

// UNUSED EXPORTS: listFilesTool, readFileTool, searchTool

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(14006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./src/builtins.ts + 1 modules
var builtins = __webpack_require__(4786);
;// CONCATENATED MODULE: ./src/tools/regex-worker.ts

/**
 * The worker's code, evaluated as a CommonJS script: no separate file, so the ncc bundle needs
 * nothing extra. It answers each batch of texts with the hits, at most `limit` of them.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const re = new RegExp(workerData.source, workerData.flags)
parentPort.on('message', ({ texts, limit }) => {
  const hits = []
  outer: for (let t = 0; t < texts.length; t++) {
    const text = texts[t]
    if (text === '') continue
    const lines = text.split(/\\r?\\n/)
    if (lines[lines.length - 1] === '') lines.pop()
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]
      const probe = line.length > workerData.maxLineChars ? line.slice(0, workerData.maxLineChars) : line
      if (!re.test(probe)) continue
      const shown = line.length > workerData.maxShownChars ? line.slice(0, workerData.maxShownChars) + ' [...]' : line
      hits.push([t, i, shown])
      if (hits.length >= limit) break outer
    }
  }
  parentPort.postMessage(hits)
})
`;
/** The regex did not finish within its time limit; the worker was terminated. */
class RegexTimeout extends Error {
    timeoutMs;
    constructor(timeoutMs) {
        super(`regex search exceeded ${timeoutMs} ms`);
        this.timeoutMs = timeoutMs;
        this.name = 'RegexTimeout';
    }
}
/**
 * A regex matcher in its own thread with a total time budget over all its batches. Callers
 * must `close()` it (a `finally` does).
 */
class RegexMatcher {
    job;
    worker;
    deadline;
    failed = null;
    constructor(regex, job) {
        this.job = job;
        this.deadline = Date.now() + job.timeoutMs;
        this.worker = new ((0,builtins/* workerThreads */.k)().Worker)(WORKER_SOURCE, {
            eval: true,
            workerData: {
                source: regex.source,
                flags: regex.flags.replace(/[gy]/g, ''),
                maxLineChars: job.maxLineChars,
                maxShownChars: job.maxShownChars,
            },
            // A pathological pattern may also try to eat memory: keep the worker small.
            resourceLimits: { maxOldGenerationSizeMb: 256 },
        });
        this.worker.unref();
    }
    /** Matches a batch of texts; rejects with RegexTimeout when the time budget runs out. */
    match(texts, limit) {
        if (this.failed)
            return Promise.reject(this.failed);
        return new Promise((resolve, reject) => {
            const left = this.deadline - Date.now();
            const cleanup = () => {
                clearTimeout(timer);
                this.worker.off('message', onMessage);
                this.worker.off('error', onError);
                this.worker.off('exit', onExit);
                this.job.signal?.removeEventListener('abort', onAbort);
            };
            const fail = (err) => {
                cleanup();
                this.failed = err;
                void this.worker.terminate();
                reject(err);
            };
            const onMessage = (hits) => {
                cleanup();
                resolve(hits);
            };
            const onError = (err) => fail(err);
            const onExit = () => fail(new Error('the regex worker stopped unexpectedly'));
            const onAbort = () => fail(new Error('search aborted'));
            const timer = setTimeout(() => fail(new RegexTimeout(this.job.timeoutMs)), Math.max(0, left));
            this.worker.on('message', onMessage);
            this.worker.on('error', onError);
            this.worker.on('exit', onExit);
            if (this.job.signal?.aborted)
                return onAbort();
            this.job.signal?.addEventListener('abort', onAbort, { once: true });
            this.worker.postMessage({ texts, limit });
        });
    }
    async close() {
        await this.worker.terminate();
    }
}

// EXTERNAL MODULE: ./src/safety/jail.ts
var jail = __webpack_require__(85992);
;// CONCATENATED MODULE: ./src/tools/workspace.ts
/**
 * The read-only workspace tools every mode gives the model: read_file (line windows), search
 * (regex over the tree, capped, asks to narrow) and list_files. Every path goes through the
 * jail; every failure is an error result the model can act on, never an exception.
 */





const DEFAULT_MAX_FILE_BYTES = 1_000_000;
const DEFAULT_WINDOW = 200;
const MAX_WINDOW = 1000;
const MAX_LINE_CHARS = 2000;
const MAX_READ_OUTPUT_CHARS = 100_000;
const DEFAULT_MAX_MATCHES = 100;
const MAX_MATCH_LINE_CHARS = 300;
/** Lines longer than this are searched only in their first part: bounds regex cost. */
const MAX_SEARCH_LINE_CHARS = 10_000;
const MAX_FILES_SEARCHED = 50_000;
/** Files are sent to the regex worker in batches of about this many characters or files. */
const BATCH_CHARS = 4_000_000;
const BATCH_FILES = 500;
const DEFAULT_SEARCH_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_ENTRIES = 1000;
/** Directories never walked: git internals and dependency trees. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
function fail(content) {
    return { content, isError: true };
}
function optionalInt(input, key) {
    const v = input[key];
    if (v === undefined || v === null)
        return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
        return `Invalid ${key} '${JSON.stringify(v)}'. Expected a whole number >= 1.`;
    }
    return v;
}
function optionalString(input, key) {
    const v = input[key];
    if (v === undefined || v === null)
        return undefined;
    if (typeof v !== 'string')
        return new Error(`Invalid ${key} '${JSON.stringify(v)}'. Expected a string.`);
    return v;
}
/** Splits text into lines without a phantom empty last line after a trailing newline. */
function splitLines(text) {
    if (text === '')
        return [];
    const lines = text.split(/\r?\n/);
    if (lines[lines.length - 1] === '')
        lines.pop();
    return lines;
}
/** read_file: a numbered window of a text file, saying how to read the rest. */
function readFileTool(opts = {}) {
    const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const window = opts.defaultWindow ?? DEFAULT_WINDOW;
    return {
        name: 'read_file',
        description: `Read a text file of the workspace with line numbers. Shows ${window} lines from start_line ` +
            `(default 1) unless end_line is given (at most ${MAX_WINDOW} lines per call). Line numbers ` +
            `are followed by a tab; they are not part of the file. Files over ${(0,jail/* formatBytes */.z3)(maxBytes)} ` +
            `and binary files are refused: use search for those.`,
        inputSchema: {
            type: 'object',
            properties: {
                path: { type: 'string', description: 'Path relative to the workspace root.' },
                start_line: { type: 'integer', minimum: 1, description: 'First line to show (1-based).' },
                end_line: { type: 'integer', minimum: 1, description: 'Last line to show (inclusive).' },
            },
            required: ['path'],
            additionalProperties: false,
        },
        async run(input, ctx) {
            if (typeof input.path !== 'string' || input.path === '') {
                return fail(`Invalid path '${JSON.stringify(input.path)}'. Expected a relative file path.`);
            }
            const start = optionalInt(input, 'start_line');
            const end = optionalInt(input, 'end_line');
            if (typeof start === 'string')
                return fail(start);
            if (typeof end === 'string')
                return fail(end);
            const jailed = (0,jail/* resolveInWorkspace */.z1)(ctx.workspace, input.path);
            if (!jailed.ok)
                return fail(jailed.error);
            if ((0,jail/* isGitInternal */.ep)(jailed.rel))
                return fail(`Refused '${input.path}': git internals are not readable.`);
            const read = await (0,jail/* readFileCapped */.uh)(jailed.abs, { maxBytes });
            if (!read.ok)
                return fail(read.error.split(jailed.abs).join(jailed.rel));
            const lines = splitLines(read.text);
            const total = lines.length;
            if (total === 0)
                return `${jailed.rel} is empty (0 lines).`;
            const from = start ?? 1;
            if (from > total) {
                return fail(`start_line ${from} is past the end of ${jailed.rel}, which has ${total} lines.`);
            }
            if (end !== undefined && end < from) {
                return fail(`Invalid end_line ${end}. Expected a line >= start_line ${from}.`);
            }
            let to = Math.min(total, end ?? from + window - 1);
            let clamped = '';
            if (to - from + 1 > MAX_WINDOW) {
                to = from + MAX_WINDOW - 1;
                clamped = ` (window limited to ${MAX_WINDOW} lines)`;
            }
            const width = String(to).length;
            const body = [];
            let chars = 0;
            let last = from - 1;
            for (let n = from; n <= to; n++) {
                let line = lines[n - 1];
                if (line.length > MAX_LINE_CHARS) {
                    line = `${line.slice(0, MAX_LINE_CHARS)} [... line cut, ${line.length - MAX_LINE_CHARS} more characters]`;
                }
                chars += line.length + width + 2;
                if (chars > MAX_READ_OUTPUT_CHARS && body.length > 0)
                    break;
                body.push(`${String(n).padStart(width)}\t${line}`);
                last = n;
            }
            const header = `${jailed.rel} \u2014 lines ${from}-${last} of ${total}${clamped}`;
            const footer = last < total
                ? `\n[lines ${last + 1}-${total} not shown; call read_file with start_line=${last + 1} to read more]`
                : '\n[end of file]';
            return `${header}\n${body.join('\n')}${footer}`;
        },
    };
}
/** Walks files under `dirAbs` depth-first in name order, skipping .git, node_modules and symlinks. */
async function* walkFiles(dirAbs, signal) {
    let entries;
    try {
        entries = await promises_.readdir(dirAbs, { withFileTypes: true });
    }
    catch {
        return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
        if (signal.aborted)
            return;
        const abs = external_node_path_.join(dirAbs, entry.name);
        // Symlinks are not followed: they could lead out of the workspace or into a cycle.
        if (entry.isDirectory()) {
            if (!SKIPPED_DIRS.has(entry.name))
                yield* walkFiles(abs, signal);
        }
        else if (entry.isFile()) {
            yield abs;
        }
    }
}
/** Compiles the model's pattern; a leading `(?i)` (not JS syntax, but often tried) means ignore case. */
function compilePattern(pattern) {
    let source = pattern;
    let flags = '';
    if (source.startsWith('(?i)')) {
        source = source.slice(4);
        flags = 'i';
    }
    try {
        return new RegExp(source, flags);
    }
    catch (err) {
        return `Invalid regex '${pattern}': ${err.message}. Expected a JavaScript regular expression.`;
    }
}
/** search: regex over the files of the tree (or one file), capped; asks to narrow when over. */
function searchTool(opts = {}) {
    const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const maxMatches = opts.maxMatches ?? DEFAULT_MAX_MATCHES;
    const searchTimeoutMs = opts.searchTimeoutMs ?? DEFAULT_SEARCH_TIMEOUT_MS;
    return {
        name: 'search',
        description: `Search the workspace for a regular expression (JavaScript syntax, matched per line; ` +
            `start with (?i) to ignore case). Optional path (a directory or file) and glob (e.g. ` +
            `"*.ts" or "src/**/*.test.ts") narrow the search. Shows at most ${maxMatches} matches as ` +
            `path:line: text. Skips .git, node_modules, binary files and files over ${(0,jail/* formatBytes */.z3)(maxBytes)}.`,
        inputSchema: {
            type: 'object',
            properties: {
                pattern: { type: 'string', description: 'Regular expression to look for.' },
                path: {
                    type: 'string',
                    description: 'Directory or file to search in (default: the root).',
                },
                glob: { type: 'string', description: 'Only files whose path matches this glob.' },
            },
            required: ['pattern'],
            additionalProperties: false,
        },
        async run(input, ctx) {
            if (typeof input.pattern !== 'string' || input.pattern === '') {
                return fail(`Invalid pattern '${JSON.stringify(input.pattern)}'. Expected a non-empty regex.`);
            }
            const regex = compilePattern(input.pattern);
            if (typeof regex === 'string')
                return fail(regex);
            const where = optionalString(input, 'path');
            const glob = optionalString(input, 'glob');
            if (where instanceof Error)
                return fail(where.message);
            if (glob instanceof Error)
                return fail(glob.message);
            const jailed = (0,jail/* resolveInWorkspace */.z1)(ctx.workspace, where ?? '.');
            if (!jailed.ok)
                return fail(jailed.error);
            if ((0,jail/* isGitInternal */.ep)(jailed.rel))
                return fail(`Refused '${where}': git internals are not searched.`);
            let isMatch;
            if (glob) {
                try {
                    isMatch = picomatch_default()(glob, { dot: true, basename: !glob.includes('/') });
                }
                catch (err) {
                    return fail(`Invalid glob '${glob}': ${err.message}.`);
                }
            }
            const workspaceRoot = (0,jail/* realWorkspace */.id)(ctx.workspace);
            const stat = await promises_.stat(jailed.abs).catch(() => null);
            if (!stat)
                return fail(`Path not found: '${where}'.`);
            const files = stat.isDirectory() ? walkFiles(jailed.abs, ctx.signal) : [jailed.abs];
            const out = [];
            let matches = 0;
            let filesWithMatches = 0;
            let searched = 0;
            let skippedLarge = 0;
            let skippedBinary = 0;
            let overCap = false;
            let fileCapHit = false;
            // The regex runs in a worker with a time limit (see regex-worker.ts); files go in batches.
            const matcher = new RegexMatcher(regex, {
                maxLineChars: MAX_SEARCH_LINE_CHARS,
                maxShownChars: MAX_MATCH_LINE_CHARS,
                timeoutMs: searchTimeoutMs,
                signal: ctx.signal,
            });
            let batch = [];
            let batchChars = 0;
            const flush = async () => {
                if (batch.length === 0)
                    return;
                const hits = await matcher.match(batch.map((b) => b.text), maxMatches + 1 - matches);
                let lastFile = -1;
                for (const [t, i, shown] of hits) {
                    matches++;
                    if (matches > maxMatches) {
                        overCap = true;
                        break;
                    }
                    if (t !== lastFile)
                        filesWithMatches++;
                    lastFile = t;
                    out.push(`${batch[t].rel}:${i + 1}: ${shown.trim()}`);
                }
                batch = [];
                batchChars = 0;
            };
            try {
                for await (const abs of files) {
                    if (ctx.signal.aborted || overCap)
                        break;
                    const rel = external_node_path_.relative(workspaceRoot, abs);
                    if (isMatch && !isMatch(rel))
                        continue;
                    if (searched >= MAX_FILES_SEARCHED) {
                        fileCapHit = true;
                        break;
                    }
                    searched++;
                    const read = await (0,jail/* readFileCapped */.uh)(abs, { maxBytes });
                    if (!read.ok) {
                        if (read.reason === 'too_large')
                            skippedLarge++;
                        if (read.reason === 'binary')
                            skippedBinary++;
                        continue;
                    }
                    batch.push({ rel, text: read.text });
                    batchChars += read.text.length;
                    if (batchChars >= BATCH_CHARS || batch.length >= BATCH_FILES)
                        await flush();
                }
                if (!overCap)
                    await flush();
            }
            catch (err) {
                if (err instanceof RegexTimeout) {
                    return fail(`Search for /${regex.source}/${regex.flags} stopped: it ran for more than ` +
                        `${err.timeoutMs} ms, which means the pattern backtracks heavily (nested or ` +
                        `overlapping repetition such as (a|aa)+ or (a+)+). Use a simpler pattern: fewer ` +
                        'nested quantifiers, more literal text, and narrow with path or glob.');
                }
                return fail(`Search failed: ${err.message}.`);
            }
            finally {
                await matcher.close();
            }
            const notes = [];
            if (skippedLarge)
                notes.push(`${skippedLarge} file(s) over ${(0,jail/* formatBytes */.z3)(maxBytes)} skipped`);
            if (skippedBinary)
                notes.push(`${skippedBinary} binary file(s) skipped`);
            if (fileCapHit)
                notes.push(`stopped after ${MAX_FILES_SEARCHED} files`);
            const noteText = notes.length ? ` (${notes.join('; ')})` : '';
            if (overCap) {
                return (`${out.join('\n')}\n[More than ${maxMatches} matches; only the first ${maxMatches} are shown. ` +
                    `Narrow the search: use a more specific pattern, a path, or a glob.]${noteText}`);
            }
            if (matches === 0) {
                return `No matches for /${regex.source}/${regex.flags} in ${searched} file(s)${noteText}.`;
            }
            return `${out.join('\n')}\n[${matches} match(es) in ${filesWithMatches} file(s)${noteText}]`;
        },
    };
}
/** list_files: the files under a directory, breadth first so the top levels show when capped. */
function listFilesTool(opts = {}) {
    const maxEntries = opts.maxEntries ?? DEFAULT_MAX_ENTRIES;
    return {
        name: 'list_files',
        description: `List files and directories (directories end in /) under a path of the workspace ` +
            `(default: the root), recursively, skipping .git and node_modules. At most ${maxEntries} ` +
            `entries; pass a subdirectory to see more.`,
        inputSchema: {
            type: 'object',
            properties: {
                path: { type: 'string', description: 'Directory relative to the workspace root.' },
            },
            additionalProperties: false,
        },
        async run(input, ctx) {
            const where = optionalString(input, 'path');
            if (where instanceof Error)
                return fail(where.message);
            const jailed = (0,jail/* resolveInWorkspace */.z1)(ctx.workspace, where ?? '.');
            if (!jailed.ok)
                return fail(jailed.error);
            if ((0,jail/* isGitInternal */.ep)(jailed.rel))
                return fail(`Refused '${where}': git internals are not listed.`);
            const stat = await promises_.stat(jailed.abs).catch(() => null);
            if (!stat)
                return fail(`Path not found: '${where}'.`);
            if (!stat.isDirectory())
                return fail(`'${jailed.rel}' is a file, not a directory; use read_file.`);
            const prefix = jailed.rel === '.' ? '' : `${jailed.rel}/`;
            const entries = [];
            const queue = [''];
            let capped = false;
            while (queue.length > 0 && !capped) {
                if (ctx.signal.aborted)
                    break;
                const dir = queue.shift();
                let items;
                try {
                    items = await promises_.readdir(external_node_path_.join(jailed.abs, dir), { withFileTypes: true });
                }
                catch {
                    continue;
                }
                items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
                for (const item of items) {
                    if (SKIPPED_DIRS.has(item.name) && item.isDirectory())
                        continue;
                    if (entries.length >= maxEntries) {
                        capped = true;
                        break;
                    }
                    const rel = dir === '' ? item.name : `${dir}/${item.name}`;
                    if (item.isDirectory()) {
                        entries.push(`${prefix}${rel}/`);
                        queue.push(rel);
                    }
                    else if (item.isSymbolicLink()) {
                        entries.push(`${prefix}${rel} (symlink)`);
                    }
                    else {
                        entries.push(`${prefix}${rel}`);
                    }
                }
            }
            if (entries.length === 0)
                return `${jailed.rel} is empty.`;
            entries.sort();
            const tail = capped
                ? `\n[Listing stopped at ${maxEntries} entries; pass a subdirectory as path to see more.]`
                : `\n[${entries.length} entries]`;
            return entries.join('\n') + tail;
        },
    };
}
/** The three read-only tools of the contract, for every mode. */
function workspaceTools(opts = {}) {
    return [readFileTool(opts), searchTool(opts), listFilesTool(opts)];
}


/***/ })

};
