export const id = 486;
export const ids = [486,29,353];
export const modules = {

/***/ 70486:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   startCli: () => (/* binding */ startCli)
/* harmony export */ });
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(19465);
/**
 * Entry of the `pitcrew` command. bin/pitcrew.js loads the action's own bundle (dist/index.js)
 * with the CLI flag set, and src/index.ts calls `startCli`: one build serves both.
 */


/** Runs the CLI on this process's arguments and terminal; resolves to the exit code. */
function startCli() {
    return (0,_run_js__WEBPACK_IMPORTED_MODULE_1__/* .runCli */ .a)(process.argv.slice(2), {
        stdout: (t) => void process.stdout.write(t),
        stderr: (t) => void process.stderr.write(t),
        stderrIsTTY: process.stderr.isTTY === true,
        columns: process.stderr.columns,
        env: process.env,
        cwd: process.cwd(),
    });
}
// Run directly from source (`node --import tsx src/cli/index.ts`, as the CLI tests do).
if (process.argv[1] && import.meta.url === (0,node_url__WEBPACK_IMPORTED_MODULE_0__.pathToFileURL)(process.argv[1]).href) {
    process.exitCode = await startCli();
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 19465:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  a: () => (/* binding */ runCli)
});

// UNUSED EXPORTS: measurementLine

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/config/types.ts
var types = __webpack_require__(22143);
// EXTERNAL MODULE: ./src/safety/redact.ts
var redact = __webpack_require__(16713);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
// EXTERNAL MODULE: ./src/review/summary.ts
var summary = __webpack_require__(70176);
;// CONCATENATED MODULE: ./src/cli/args.ts
/**
 * Command-line parsing for `pitcrew`: pure, so every usage error (exit 2) is tested without a
 * process. Each command has its own flags; the common ones are accepted everywhere they apply.
 */


const EXIT = {
    ok: 0,
    /** Findings at or above --fail-on, a not-fixed result, a rollback decision, an invalid config. */
    attention: 1,
    /** Bad flags, bad configuration, a precondition the user must fix (no key, dirty tree). */
    usage: 2,
    /** Something broke while running (git, the model API, a test command that cannot start). */
    runtime: 3,
};
/** A mistake in how pitcrew was called or configured: exit code 2. */
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
const COMMON = {
    help: { type: 'boolean', short: 'h' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
    config: { type: 'string' },
};
const MODEL = {
    model: { type: 'string' },
    provider: { type: 'string' },
    'max-cost-usd': { type: 'string' },
    'max-turns': { type: 'string' },
};
const COMMAND_OPTIONS = {
    review: {
        ...COMMON,
        ...MODEL,
        base: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'print-prompt': { type: 'boolean' },
        'fail-on': { type: 'string' },
    },
    fix: {
        ...COMMON,
        ...MODEL,
        'test-command': { type: 'string' },
        'dry-run': { type: 'boolean' },
        commit: { type: 'boolean' },
    },
    rollback: {
        ...COMMON,
        ...MODEL,
        'dry-run': { type: 'boolean' },
        'deployment-sha': { type: 'string' },
        environment: { type: 'string' },
    },
    'config-check': { ...COMMON },
};
const str = (v) => (typeof v === 'string' ? v : undefined);
/** Parses argv (without `node` and the script). Throws UsageError for anything it cannot use. */
function parseCli(argv) {
    const [first, ...rest] = argv;
    if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
        const topic = first === 'help' ? commandOf(rest) : undefined;
        return topic ? { kind: 'help', topic } : { kind: 'help' };
    }
    if (first === '--version' || first === '-V')
        return { kind: 'version' };
    let command;
    let args = rest;
    if (first === 'review' || first === 'fix' || first === 'rollback')
        command = first;
    else if (first === 'config') {
        const sub = rest[0];
        if (sub === undefined || sub === '--help' || sub === '-h')
            return { kind: 'help', topic: 'config-check' };
        if (sub !== 'check') {
            throw new UsageError(`Unknown subcommand 'config ${sub}'. Expected 'pitcrew config check [FILE]'.`);
        }
        command = 'config-check';
        args = rest.slice(1);
    }
    else {
        throw new UsageError(`Unknown command '${first}'. Expected one of: review, fix, rollback, config check (see 'pitcrew --help').`);
    }
    let values;
    let positionals;
    try {
        ;
        ({ values, positionals } = (0,external_node_util_.parseArgs)({
            args,
            options: COMMAND_OPTIONS[command],
            allowPositionals: true,
            strict: true,
        }));
    }
    catch (err) {
        // node's messages name the flag ("Unknown option '--bse'"); add where to look.
        throw new UsageError(`${err.message.replace(/\. To specify a positional argument.*$/s, '')}. See 'pitcrew ${helpName(command)} --help'.`);
    }
    if (values.help)
        return { kind: 'help', topic: command };
    const maxPositionals = command === 'config-check' ? 1 : 0;
    if (positionals.length > maxPositionals) {
        throw new UsageError(`Unexpected argument '${positionals[maxPositionals]}'. Expected no ${maxPositionals ? 'more than one file ' : ''}positional arguments for 'pitcrew ${helpName(command)}' (quote a command with spaces: --test-command 'npm test').`);
    }
    const common = {
        model: str(values.model),
        provider: str(values.provider),
        maxCostUsd: str(values['max-cost-usd']),
        maxTurns: str(values['max-turns']),
        config: str(values.config),
        json: values.json === true,
        verbose: values.verbose === true,
    };
    switch (command) {
        case 'review': {
            const failOn = str(values['fail-on']) ?? 'none';
            if (failOn !== 'none' && !summary/* SEVERITIES */.oC.includes(failOn)) {
                throw new UsageError(`Invalid --fail-on '${failOn}'. Expected one of: ${[...summary/* SEVERITIES */.oC, 'none'].join(', ')}.`);
            }
            const base = str(values.base);
            if (values['print-prompt'] && !values['dry-run']) {
                throw new UsageError(`Invalid flag '--print-prompt' without '--dry-run'. Expected 'pitcrew review --dry-run --print-prompt'.`);
            }
            return {
                kind: 'review',
                common,
                dryRun: values['dry-run'] === true,
                printPrompt: values['print-prompt'] === true,
                failOn: failOn,
                ...(base !== undefined ? { base } : {}),
            };
        }
        case 'fix': {
            if (values.commit && values['dry-run']) {
                throw new UsageError(`Invalid flags '--commit --dry-run'. Expected at most one of them.`);
            }
            const testCommand = str(values['test-command']);
            if (testCommand !== undefined && testCommand.trim() === '') {
                throw new UsageError(`Invalid --test-command ''. Expected a command, e.g. 'npm test'.`);
            }
            return {
                kind: 'fix',
                common,
                dryRun: values['dry-run'] === true,
                commit: values.commit === true,
                ...(testCommand !== undefined ? { testCommand } : {}),
            };
        }
        case 'rollback': {
            const sha = str(values['deployment-sha']);
            const environment = str(values.environment);
            return {
                kind: 'rollback',
                common,
                dryRun: values['dry-run'] === true,
                ...(sha !== undefined ? { deploymentSha: sha } : {}),
                ...(environment !== undefined ? { environment } : {}),
            };
        }
        case 'config-check': {
            const file = positionals[0];
            return { kind: 'config-check', common, ...(file !== undefined ? { file } : {}) };
        }
    }
}
function commandOf(rest) {
    const c = rest[0];
    if (c === 'review' || c === 'fix' || c === 'rollback')
        return c;
    if (c === 'config')
        return 'config-check';
    return undefined;
}
function helpName(c) {
    return c === 'config-check' ? 'config check' : c;
}
const EXIT_CODES = `Exit codes:
  0  success, or nothing to do
  1  needs attention: review findings at or above --fail-on; fix not fixed;
     rollback decision 'roll back' or 'inconclusive'; config check found errors
  2  usage or configuration error (bad flag, invalid config, no API key, dirty working tree)
  3  runtime error (git, the model API, a test command that cannot start)`;
const COMMON_HELP = `  --config FILE        repository config (default .github/pitcrew.yml)
  --json               machine-readable result on stdout (one JSON object)
  -v, --verbose        narrate every step on stderr (default: only on a terminal)
  -h, --help           this help`;
const MODEL_HELP = `  --model ID           model (default claude-sonnet-4-6; a Bedrock or Vertex id with --provider)
  --provider NAME      anthropic (default), bedrock or vertex
  --max-cost-usd N     spend ceiling in USD (default 2)
  --max-turns N        agent turns per task (default 30)`;
const ENV_HELP = `Environment: ANTHROPIC_API_KEY (required unless --dry-run), ANTHROPIC_BASE_URL (optional).
With --provider bedrock: AWS_REGION and AWS credentials (or AWS_BEARER_TOKEN_BEDROCK).
With --provider vertex: CLOUD_ML_REGION, ANTHROPIC_VERTEX_PROJECT_ID, Google credentials.
The CLI never talks to GitHub: no token is read, nothing is posted or pushed.`;
/** The help text of a command (or the overview). */
function helpText(topic) {
    switch (topic) {
        case 'review':
            return `Usage: pitcrew review [--base REF] [options]

Reviews the commits of the current branch (HEAD) since its merge base with REF and prints
each finding as 'path:line severity title' with its body and suggestion, then the coverage.
Uncommitted changes are not reviewed. Nothing is posted.

Options:
  --base REF           compare against REF (default: origin/HEAD, else main, else master)
  --fail-on SEVERITY   exit 1 when a finding is at least this severe:
                       critical, major, minor, nit, none (default none)
  --dry-run            show what would be sent to the model (files, tokens, estimated
                       cost) without calling it; needs no API key
  --print-prompt       with --dry-run: print each request body exactly as it would be
                       sent to the Messages API (model, system, tools, messages)
${MODEL_HELP}
${COMMON_HELP}

${ENV_HELP}

${EXIT_CODES}
`;
        case 'fix':
            return `Usage: pitcrew fix [--test-command CMD] [--commit] [options]

Runs the tests to reproduce the failure, lets the model fix the code in the working tree
under the same guards as the action (protected paths, no test edits, changed-line limit),
re-runs the tests to verify, and prints the diff and the evidence. A verified fix is left
in the working tree; a fix that does not verify is reverted. Needs a clean working tree
(no modified tracked files).

Options:
  --test-command CMD   command that runs the tests (default: fix.test-command in config)
  --commit             commit a verified fix on a new local branch pitcrew/fix-local-<time>
                       (never pushed)
  --dry-run            reproduce, then show what would be sent to the model (tokens,
                       estimated cost) without calling it; needs no API key
${MODEL_HELP}
${COMMON_HELP}

${ENV_HELP}

${EXIT_CODES}
`;
        case 'rollback':
            return `Usage: pitcrew rollback --dry-run [options]

Runs the configured rollback analysis (rollback.metrics, rollback.analysis) against the
configured providers, printing each measurement as it arrives, then a chart per metric
against its threshold and the decision. It never rolls back and needs no GitHub token:
the GitHub loop guards and the rollback target apply to the action only. Credentials the
providers need are read from the environment variables named in the config.

Options:
  --dry-run            required: the CLI only analyses
  --deployment-sha SHA the sha being judged, for the report (default: HEAD, if in a git repo)
  --environment NAME   environment name for the report (default: rollback.environment)
${COMMON_HELP}

${EXIT_CODES}
`;
        case 'config-check':
            return `Usage: pitcrew config check [FILE] [--json]

Validates a pitcrew config file (default: .github/pitcrew.yml, or --config FILE) and prints
every error with its key and line, or the effective settings (defaults filled in).

${COMMON_HELP}

${EXIT_CODES}
`;
        default:
            return `Usage: pitcrew <command> [options]

The pitcrew GitHub Action's modes, run locally on the same code:

  review              review the current branch against its merge base
  fix                 reproduce failing tests, fix them in the working tree, verify
  rollback --dry-run  run the configured metric analysis and print the decision
  config check [FILE] validate a config file

Run 'pitcrew <command> --help' for a command's options.
${ENV_HELP}

${EXIT_CODES}
`;
    }
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./src/config/schema-dsl.ts
var schema_dsl = __webpack_require__(75893);
// EXTERNAL MODULE: ./src/config/schema.ts
var schema = __webpack_require__(90131);
;// CONCATENATED MODULE: ./src/config/file-form.ts
/**
 * Parsed settings back to what `.github/pitcrew.yml` would say: the file's kebab-case keys
 * (`test-timeout`, not `testTimeoutMinutes`) and durations with their units (`10m`, not `10`).
 * Driven by the same schema as the parser, so `pitcrew config check` prints settings a user can
 * paste back into the file and get the very same settings (test/config/file-form.test.ts).
 */


/** Printed instead of the value of a secret field (header maps): logs must never hold one. */
const MASK = '***';
/** One parsed value of `node` in the file's form; secret values become MASK unless `reveal`. */
function toFileForm(node, value, reveal = false, hidden = false) {
    const secret = hidden || node.meta.secret;
    const spec = node.spec;
    switch (spec.kind) {
        case 'duration': {
            const seconds = spec.unit === 'm' ? value * 60 : value;
            return seconds === 0 ? 0 : (0,schema_dsl/* formatDuration */.a3)(seconds);
        }
        case 'list':
            return value.map((v) => toFileForm(spec.of, v, reveal, secret));
        case 'map':
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [
                k,
                toFileForm(spec.of, v, reveal, secret),
            ]));
        case 'object':
            return objectForm(spec.fields, value, reveal, secret);
        case 'union': {
            const v = value;
            const tag = v[spec.tag];
            const variant = spec.variants[tag];
            if (!variant || variant.spec.kind !== 'object')
                return value;
            return { [spec.tag]: tag, ...objectForm(variant.spec.fields, v, reveal, secret) };
        }
        default:
            return secret && !reveal ? MASK : value;
    }
}
function objectForm(fields, value, reveal, hidden) {
    const out = {};
    for (const [key, field] of Object.entries(fields)) {
        const v = value[field.meta.rename ?? (0,schema_dsl/* camel */.nJ)(key)];
        if (v !== undefined)
            out[key] = toFileForm(field, v, reveal, hidden);
    }
    return out;
}
/** The whole repository configuration in the file's form. */
function repoConfigFileForm(config, reveal = false) {
    return toFileForm(schema/* repoConfigSchema */.wF, config, reveal);
}

// EXTERNAL MODULE: ./src/config/parse.ts
var parse = __webpack_require__(58353);
// EXTERNAL MODULE: ./src/rollback/expr.ts
var expr = __webpack_require__(40653);
// EXTERNAL MODULE: ./src/rollback/providers/index.ts + 5 modules
var providers = __webpack_require__(24156);
// EXTERNAL MODULE: ./src/tools/git.ts + 2 modules
var tools_git = __webpack_require__(6154);
;// CONCATENATED MODULE: ./src/cli/commands/config.ts
/** `pitcrew config check`: validates a config file as the action would read it, without a run. */










/** Schema and expression problems exit 1; a valid file prints the effective settings. */
async function configCheckCommand(p, io, out) {
    let file = p.file ?? p.common.config;
    // As in the action: no file at the default path means defaults; a file the user named must exist.
    const named = file !== undefined;
    if (file === undefined) {
        const top = await new tools_git/* Git */.TU(io.cwd)
            .run(['rev-parse', '--show-toplevel'], { allowFail: true })
            .catch(() => null);
        file = (0,external_node_path_.join)(top?.code === 0 ? top.stdout.trim() : io.cwd, schema/* DEFAULT_CONFIG_FILE */.Cu);
    }
    const abs = (0,external_node_path_.isAbsolute)(file) ? file : (0,external_node_path_.resolve)(io.cwd, file);
    const shown = (0,external_node_path_.relative)(io.cwd, abs) || abs;
    let text;
    let missing = false;
    try {
        text = await (0,promises_.readFile)(abs, 'utf8');
    }
    catch (err) {
        const code = err.code;
        if (!named && (code === 'ENOENT' || code === 'ENOTDIR')) {
            text = '';
            missing = true;
        }
        else
            throw new UsageError(`Cannot read config file '${shown}': ${err.code ?? err.message}. Expected an existing YAML file.`);
    }
    const problems = [];
    let config;
    try {
        config = (0,parse.parseRepoConfig)(text, shown);
    }
    catch (err) {
        if (!(err instanceof schema/* ConfigValidationError */.g2))
            throw err;
        if (p.common.json) {
            out(JSON.stringify({ file: shown, valid: false, problems: err.problems }));
        }
        else
            out(err.message);
        return EXIT.attention;
    }
    // What rollback mode checks before watching, with the same functions.
    config.rollback.metrics.forEach((m, i) => {
        if (m.condition.expr === undefined)
            return;
        try {
            (0,expr/* compileExpr */.P)(m.condition.expr);
        }
        catch (err) {
            problems.push({
                key: `rollback.metrics[${i}].condition.expr`,
                message: err.message,
            });
        }
    });
    if (problems.length) {
        if (p.common.json)
            out(JSON.stringify({ file: shown, valid: false, problems }));
        else
            out(`Invalid configuration in '${shown}' (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((x) => `  - ${x.key}: ${x.message}`).join('\n')}`);
        return EXIT.attention;
    }
    const envNeeded = [...new Set(config.rollback.metrics.flatMap((m) => (0,providers/* requiredEnv */.H)(m)))];
    const unset = envNeeded.filter((n) => !io.env[n]);
    // The file's own keys and units, so the output can be pasted back (secret values masked).
    const settings = repoConfigFileForm(config);
    if (p.common.json) {
        out(JSON.stringify({
            file: shown,
            exists: !missing,
            valid: true,
            config: settings,
            env: { needed: envNeeded, unsetHere: unset },
        }));
        return EXIT.ok;
    }
    const lines = [missing ? `\u2713 No ${shown}: every setting is its default.` : `\u2713 ${shown} is valid.`];
    if (envNeeded.length) {
        lines.push(`The metric providers read these environment variables at run time: ${envNeeded.join(', ')}${unset.length ? ` (not set here: ${unset.join(', ')})` : ''}.`);
    }
    lines.push('', `Effective settings (defaults filled in), in ${schema/* DEFAULT_CONFIG_FILE */.Cu}'s own keys and units:`, '', (0,dist/* stringify */.As)(settings, { lineWidth: 100 }).trimEnd());
    out(lines.join('\n'));
    return EXIT.ok;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/agent/client.ts + 1 modules
var agent_client = __webpack_require__(19692);
// EXTERNAL MODULE: ./src/agent/provider.ts + 1 modules
var provider = __webpack_require__(5246);
// EXTERNAL MODULE: ./src/config/inputs.ts
var inputs = __webpack_require__(64389);
;// CONCATENATED MODULE: ./src/cli/local-repo.ts
/**
 * The local checkout the CLI runs in: its top level, HEAD, branch, origin name and whether the
 * tracked files have uncommitted changes. Read with git; nothing here writes.
 */



/** Finds the checkout around cwd; `required` makes "no repository" or "no commit" a usage error. */
async function localRepo(cwd, redactor, required) {
    const probe = new tools_git/* Git */.TU(cwd, { redactor });
    const top = await probe
        .run(['rev-parse', '--show-toplevel'], { allowFail: true })
        .catch(() => ({ code: 1, stdout: '', stderr: '' }));
    if (top.code !== 0) {
        if (required) {
            throw new UsageError(`Not a git repository: '${cwd}'. Expected to be run inside a git checkout.`);
        }
        return { workspace: cwd, git: null, headSha: '', headRef: null };
    }
    const workspace = top.stdout.trim();
    const git = new tools_git/* Git */.TU(workspace, { redactor });
    const head = await git.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
        allowFail: true,
    });
    if (head.code !== 0 && required) {
        throw new UsageError(`The repository at '${workspace}' has no commit yet. Expected at least one commit.`);
    }
    return { workspace, git, headSha: head.stdout.trim(), headRef: await git.currentBranch() };
}
/** owner/repo from the origin URL, so the run context names the repository as the action would. */
async function repoName(local) {
    const url = local.git
        ? (await local.git.run(['remote', 'get-url', 'origin'], { allowFail: true })).stdout.trim()
        : '';
    const m = /[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
    return m ? { owner: m[1], repo: m[2] } : { owner: 'local', repo: (0,external_node_path_.basename)(local.workspace) };
}
/** Modified tracked files (`git status --porcelain` lines); untracked files do not count. */
async function dirtyTracked(git) {
    const r = await git.run(['status', '--porcelain', '--untracked-files=no'], { allowFail: true });
    return r.stdout.split('\n').filter(Boolean);
}

// EXTERNAL MODULE: ./src/agent/cache.ts
var cache = __webpack_require__(6923);
// EXTERNAL MODULE: ./src/agent/loop.ts + 1 modules
var loop = __webpack_require__(74749);
// EXTERNAL MODULE: ./src/agent/registry.ts + 1 modules
var registry = __webpack_require__(7753);
;// CONCATENATED MODULE: ./src/agent/request.ts



function firstRequestBody(opts, caching = loop/* LOOP_DEFAULTS */.SX.caching) {
    const tools = new registry/* ToolRegistry */.mM(opts.tools).definitions();
    // As the loop builds it: the head shared by a review's calls first, then this call's own text.
    const task = [{ type: 'text', text: opts.prompt }];
    if (opts.sharedPrompt)
        task.unshift({ type: 'text', text: opts.sharedPrompt });
    const messages = [{ role: 'user', content: task }];
    const parts = (0,cache/* withCacheBreakpoints */.vM)(tools, opts.system, messages, caching);
    let maxTokens = Math.max(1, Math.min(opts.maxTokensPerResponse ?? loop/* DEFAULT_MAX_TOKENS_PER_RESPONSE */.as, loop/* MAX_TOKENS_PER_RESPONSE */.ww));
    if (opts.budgets.maxOutputTokens !== undefined) {
        maxTokens = Math.min(maxTokens, opts.budgets.maxOutputTokens);
    }
    return {
        model: opts.model,
        max_tokens: maxTokens,
        messages: parts.messages,
        ...(parts.system.length ? { system: parts.system } : {}),
        ...(tools.length ? { tools: parts.tools } : {}),
    };
}

// EXTERNAL MODULE: ./src/agent/pricing.ts
var pricing = __webpack_require__(53111);
// EXTERNAL MODULE: ./src/agent/types.ts
var agent_types = __webpack_require__(50016);
;// CONCATENATED MODULE: ./src/cli/preview.ts





const PREVIEW_STOP = 'dry run: the model was not called';
/** Estimates one request the way the agent loop would send it (tools, system, user prompt). */
function previewRequest(opts) {
    const wireTools = opts.tools.map((t) => ({
        name: t.name,
        description: t.description,
        input_schema: t.inputSchema,
    }));
    const tools = wireTools.length ? (0,cache/* estimateTokens */.bP)(wireTools) : 0;
    const system = (0,cache/* estimateTokens */.bP)(opts.system);
    const text = opts.sharedPrompt ? `${opts.sharedPrompt}\n\n${opts.prompt}` : opts.prompt;
    const prompt = (0,cache/* estimateTokens */.bP)([{ role: 'user', content: text }]);
    const total = tools + system + prompt;
    const price = (0,pricing/* priceOf */.xx)(opts.model);
    return {
        label: opts.label ?? 'agent',
        model: opts.model,
        tokens: { tools, system, prompt, total },
        tools: opts.tools.map((t) => t.name),
        firstCallUsd: price ? (total * price.cacheWrite) / 1_000_000 : null,
        maxTurns: opts.budgets.maxTurns,
    };
}
function createPreviewClient() {
    const requests = [];
    const bodies = [];
    return {
        requests,
        bodies,
        async run(opts) {
            requests.push(previewRequest(opts));
            bodies.push(firstRequestBody(opts));
            return { stopReason: 'aborted', detail: PREVIEW_STOP, usage: (0,agent_types/* emptyUsage */.l)(), toolStats: {} };
        },
        async complete() {
            throw new agent_client/* AgentError */.Yv(PREVIEW_STOP);
        },
        usage: agent_types/* emptyUsage */.l,
    };
}

// EXTERNAL MODULE: ./src/fix/report.ts
var report = __webpack_require__(48029);
// EXTERNAL MODULE: ./src/rollback/analysis.ts + 1 modules
var analysis = __webpack_require__(55965);
;// CONCATENATED MODULE: ./src/cli/render.ts
/**
 * What the CLI prints: pure text functions over the modes' results, so the terminal output is
 * tested without a process. Nothing here decides anything; the modes did.
 */



const indent = (text, by = '    ') => text
    .replace(/\s+$/, '')
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
/** `path:line severity title`, then the body, then the suggestion, one blank line apart. */
function renderFindings(items) {
    return items
        .map((f) => {
        const where = f.line !== null ? `${f.path}:${f.line}` : f.path;
        const side = f.side === 'LEFT' ? ' (deleted line)' : '';
        const parts = [`${where} ${f.severity} ${f.title}${side}`];
        if (f.placement === 'outside') {
            parts.push(`    (outside the diff${f.reason ? `: ${f.reason}` : ''})`);
        }
        if (f.body.trim())
            parts.push(indent(f.body.trim()));
        if (f.suggestion !== undefined) {
            const range = f.startLine !== undefined && f.line !== null && f.startLine !== f.line
                ? ` (replaces lines ${f.startLine}-${f.line})`
                : f.line !== null
                    ? ` (replaces line ${f.line})`
                    : '';
            parts.push(`    suggestion${range}:`, indent(f.suggestion, '      | '));
        }
        return parts.join('\n');
    })
        .join('\n\n');
}
function renderCoverage(c, skipped) {
    const lines = [
        `Coverage: ${c.filesShown}/${c.filesReviewable} reviewable files, ${c.changedLinesShown}/${c.changedLinesReviewable} changed lines shown to the model (${c.filesTotal} files changed).`,
    ];
    for (const s of skipped)
        lines.push(`  skipped ${s.path}: ${s.reason}`);
    return lines.join('\n');
}
function renderUsage(u, stopReason) {
    const cost = u.costUsd === null ? 'cost unknown (model not in the price table)' : `$${u.costUsd.toFixed(4)}`;
    return `Usage: ${u.inputTokens} input, ${u.outputTokens} output, ${u.cacheReadTokens} cache-read, ${u.cacheWriteTokens} cache-write tokens; ${cost}; ${u.turns} turns; stop reason ${stopReason}.`;
}
function usd(v) {
    if (v === null)
        return 'unknown (model not in the price table)';
    return v < 0.01 ? `$${v.toFixed(4)}` : `$${v.toFixed(2)}`;
}
/** The --dry-run report: each request pitcrew would send, its size and its estimated cost. */
function renderPreview(requests, o) {
    const out = ['Dry run: the model was not called. pitcrew would send:'];
    if (requests.length === 0)
        out.push('  nothing (no model call needed)');
    requests.forEach((r, i) => {
        out.push(`  ${i + 1}. ${r.label}: ${r.model}, ~${r.tokens.total} input tokens (prompt ${r.tokens.prompt}, system ${r.tokens.system}, tools ${r.tokens.tools}: ${r.tools.join(', ')})`);
        const files = o.files?.[i]?.files;
        if (files?.length)
            out.push(`     files: ${files.join(', ')}`);
    });
    const total = requests.reduce((n, r) => n + r.tokens.total, 0);
    const first = requests.map((r) => r.firstCallUsd);
    const sum = first.some((c) => c === null) ? null : first.reduce((n, c) => n + c, 0);
    if (requests.length) {
        out.push(`Estimated cost of the first call${requests.length > 1 ? 's' : ''}: ${usd(sum)} for ~${total} input tokens (at the cache-write price; later turns re-read this prefix from the cache at 0.1x, plus tool results and output).`, `A real run is bounded by --max-turns ${o.maxTurns} per call and --max-cost-usd ${usd(o.maxCostUsd)} in total.`);
    }
    return out.join('\n');
}
function renderEvidence(steps) {
    return steps
        .map((s) => {
        const d = (0,report/* describeStep */.Ey)(s);
        return `  ${s.ok ? '\u2713' : '\u2717'} ${d.what}: \`${s.command}\` exit ${d.exit}, ${d.counts}: ${d.verdict}`;
    })
        .join('\n');
}
const EIGHTHS = ' \u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588';
/**
 * A terminal bar chart of one metric: a column per measurement, its bounds as dashed lines,
 * and a verdict mark under each column. Measurements without a value are shown as `\u00b7`.
 */
function barChart(metric, values, verdicts = [], height = 8) {
    const finite = values.filter((v) => v !== null && Number.isFinite(v));
    const bounds = [];
    if (metric.condition.min !== undefined)
        bounds.push({ value: metric.condition.min, tag: 'min' });
    if (metric.condition.max !== undefined)
        bounds.push({ value: metric.condition.max, tag: 'max' });
    const all = [...finite, ...bounds.map((b) => b.value)];
    const lo = Math.min(0, ...all);
    let hi = all.length ? Math.max(...all) : 1;
    if (hi <= lo)
        hi = lo + 1;
    const step = (hi - lo) / height;
    const rowOf = (v) => Math.min(height - 1, Math.max(0, Math.floor((v - lo) / step)));
    const labelFor = new Map();
    labelFor.set(height - 1, (0,analysis/* fmt */.Sc)(Number(hi.toPrecision(4))));
    labelFor.set(0, (0,analysis/* fmt */.Sc)(Number(lo.toPrecision(4))));
    const boundRows = new Map();
    for (const b of bounds) {
        const r = rowOf(b.value);
        labelFor.set(r, (0,analysis/* fmt */.Sc)(b.value));
        boundRows.set(r, [...(boundRows.get(r) ?? []), b.tag]);
    }
    const labelWidth = Math.max(...[...labelFor.values()].map((l) => l.length));
    const lines = [];
    const cond = [
        metric.condition.min !== undefined ? `min ${(0,analysis/* fmt */.Sc)(metric.condition.min)}` : '',
        metric.condition.max !== undefined ? `max ${(0,analysis/* fmt */.Sc)(metric.condition.max)}` : '',
        metric.condition.expr ? `expr ${metric.condition.expr}` : '',
    ]
        .filter(Boolean)
        .join(', ');
    lines.push(`${metric.name} (${cond || 'no bound'})${metric.dryRun ? ' (dry-run metric: never decides)' : ''}`);
    for (let r = height - 1; r >= 0; r--) {
        const rowLo = lo + r * step;
        const isBound = boundRows.has(r);
        const cells = values.map((v) => {
            let ch = ' ';
            if (v === null || !Number.isFinite(v)) {
                ch = r === 0 ? '\u00b7' : ' ';
                if (v !== null && v > 0)
                    ch = '\u2588'; // +Infinity fills the column
            }
            else {
                const fill = Math.max(0, Math.min(1, (v - rowLo) / step));
                ch = EIGHTHS[Math.round(fill * 8)];
            }
            if (ch === ' ' && isBound)
                ch = '\u254c';
            return ch + ch + (isBound ? '\u254c' : ' ');
        });
        const label = (labelFor.get(r) ?? '').padStart(labelWidth);
        const axis = isBound ? '\u253c' : '\u2524';
        const tag = isBound ? ` ${boundRows.get(r).join('/')}` : '';
        lines.push(`  ${label} ${axis}${cells.join('')}${tag}`.replace(/\s+$/, ''));
    }
    const pad = ' '.repeat(labelWidth + 4);
    lines.push(`${pad}${values.map((_, i) => String(i + 1).padEnd(3)).join('')}`.replace(/\s+$/, ''));
    if (verdicts.length) {
        const mark = (v) => v === 'pass' ? '\u2713' : v === 'fail' ? '\u2717' : v === 'inconclusive' ? '?' : '-';
        lines.push(`${pad}${verdicts.map((v) => mark(v).padEnd(3)).join('')}`.replace(/\s+$/, ''));
    }
    return lines.join('\n');
}
/** camelCase keys back to the kebab-case users write; values of header maps are masked. */
function kebabConfig(value, key = '') {
    if (Array.isArray(value))
        return value.map((v) => kebabConfig(v, key));
    if (value && typeof value === 'object') {
        const out = {};
        for (const [k, v] of Object.entries(value)) {
            if (key === 'headers') {
                // Header values are often credentials; the keys are enough to check the config.
                out[k] = '***';
                continue;
            }
            out[k.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()] = kebabConfig(v, k);
        }
        return out;
    }
    return value;
}
function renderConfig(config) {
    return stringify(kebabConfig(config), { lineWidth: 100 });
}

;// CONCATENATED MODULE: ./src/cli/command-context.ts
/**
 * What every CLI command shares: the terminal it writes to (Cmd), the Settings built from its
 * flags through the action's own parser, and TaskDeps as main.ts builds them for the local
 * checkout, with the dry-run stand-in model client (preview.ts) in place of the real one.
 */










/** Flags -> the INPUT_* environment the action reads, so the one parser validates both. */
async function cliSettings(common, io, workspace, extra) {
    const env = {};
    for (const [k, v] of Object.entries(io.env)) {
        // Stray INPUT_* variables (e.g. inside a workflow step) must not change the CLI's settings,
        // and the CLI never uses a GitHub token.
        if (!k.startsWith('INPUT_') && k !== 'GITHUB_TOKEN')
            env[k] = v;
    }
    const set = (name, value) => {
        if (value !== undefined)
            env[`INPUT_${name.toUpperCase()}`] = value;
    };
    set('model', common.model);
    set('provider', common.provider);
    set('max-cost-usd', common.maxCostUsd);
    set('max-turns', common.maxTurns);
    set('config-file', common.config !== undefined ? (0,external_node_path_.resolve)(io.cwd, common.config) : undefined);
    set('test-command', extra.testCommand);
    set('dry-run', String(extra.dryRun));
    const settings = await (0,inputs/* loadSettings */.M5)(env, workspace);
    settings.inputs.githubToken = undefined;
    return settings;
}
function stamp() {
    return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}
/** TaskDeps as main.ts builds them, for the local checkout: no octokit, a local run id. */
async function buildDeps(cmd, settings, local, mode, dryRun) {
    const { io, progress, redactor } = cmd;
    if (settings.inputs.anthropicApiKey)
        redactor.add(settings.inputs.anthropicApiKey);
    const runnerTemp = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'pitcrew-cli-'));
    const transcriptPath = (0,external_node_path_.join)(runnerTemp, 'transcript.jsonl');
    const { owner, repo } = await repoName(local);
    const ctx = {
        eventName: 'cli',
        payload: {},
        owner,
        repo,
        workspace: local.workspace,
        sha: local.headSha,
        ref: local.headRef ? `refs/heads/${local.headRef}` : '',
        runId: `local-${stamp()}`,
        actor: '',
        apiUrl: 'https://api.github.com',
        graphqlUrl: 'https://api.github.com/graphql',
        serverUrl: 'https://github.com',
        runnerTemp,
    };
    const preview = dryRun && mode !== 'rollback' ? createPreviewClient() : null;
    const deadline = Date.now() + settings.inputs.timeoutMinutes * 60_000;
    let client;
    const agentClient = () => {
        if (preview)
            return preview;
        client ??= withProgress((0,agent_client/* createAgentClient */.hO)({
            provider: cliProviderSetup(settings, io.env),
            log: progress,
            redactor,
            transcriptPath,
            run: { maxCostUsd: settings.inputs.maxCostUsd, deadline },
            // A terminal is waiting: a few tries, not retries until the 20-minute deadline.
            retry: { baseDelayMs: retryBaseMs(io.env), maxRetries: CLI_MAX_RETRIES },
        }), progress);
        return client;
    };
    const deps = {
        settings,
        ctx,
        route: { mode, reason: 'pitcrew CLI' },
        log: progress,
        redactor,
        octokit: null,
        agentClient,
        transcriptPath,
        env: io.env,
    };
    return { deps, preview };
}
/** Retries of one model request in the CLI (the action retries until its deadline). */
const CLI_MAX_RETRIES = 4;
/** The action's retry knob (PITCREW_ANTHROPIC_RETRY_BASE_MS), for gateways and tests. */
function retryBaseMs(env) {
    const raw = env.PITCREW_ANTHROPIC_RETRY_BASE_MS;
    if (raw === undefined || raw === '')
        return undefined;
    const v = Number(raw);
    if (!Number.isFinite(v) || v < 0) {
        throw new UsageError(`Invalid PITCREW_ANTHROPIC_RETRY_BASE_MS '${raw}'. Expected a number of milliseconds >= 0.`);
    }
    return v;
}
/** Spinner text while a loop talks to the model, and one line when it ends. */
function withProgress(client, progress) {
    return {
        async run(opts) {
            const label = opts.label ?? 'agent';
            progress.step(`${label}: waiting for ${opts.model}`);
            const r = await client.run(opts);
            const cost = r.usage.costUsd === null ? 'cost unknown' : `$${r.usage.costUsd.toFixed(4)}`;
            progress.note(`${r.stopReason === 'final_tool' ? '\u2713' : '!'} ${label}: ${r.usage.turns} turns, ${cost}, ${r.stopReason}`);
            return r;
        },
        async complete(opts) {
            progress.step(`waiting for ${opts.model}`);
            return client.complete(opts);
        },
        usage: () => client.usage(),
    };
}
/** The scratch folder is kept only when it holds a transcript worth reading. */
function tidy(deps, r) {
    if (r.usage.apiCalls === 0)
        (0,external_node_fs_.rmSync)(deps.ctx.runnerTemp, { recursive: true, force: true });
}
/** The provider's settings from the CLI's environment (ConfigError naming what is missing). */
function cliProviderSetup(settings, env) {
    return (0,provider/* providerSetup */.f5)(settings.inputs.provider ?? 'anthropic', env, {
        apiKey: settings.inputs.anthropicApiKey,
        baseUrl: settings.inputs.anthropicBaseUrl ?? env.ANTHROPIC_BASE_URL,
    }, 'cli');
}
/**
 * Fails early, before any work, when a command would need the model and its provider is not set
 * up (no key, no region, no project).
 */
function requireKey(settings, dryRun, env) {
    if (dryRun)
        return;
    if ((settings.inputs.provider ?? 'anthropic') === 'anthropic') {
        if (settings.inputs.anthropicApiKey)
            return;
        throw new UsageError(`ANTHROPIC_API_KEY is not set. Expected an Anthropic API key in the environment, or --dry-run to see what would be sent without calling the model.`);
    }
    try {
        cliProviderSetup(settings, env);
    }
    catch (err) {
        throw new UsageError(err.message);
    }
}
/** Usage and transcript lines under a command's text output; none for a dry run. */
function footer(r, deps, dryRun) {
    const lines = [];
    if (!dryRun)
        lines.push(renderUsage(r.usage, r.stopReason));
    if (!dryRun && r.usage.apiCalls > 0)
        lines.push(`Transcript: ${deps.transcriptPath}`);
    return lines.join('\n');
}
/** The JSON fields every command that may call the model ends with. */
function runFields(r, deps) {
    return {
        usage: { ...r.usage },
        stopReason: r.stopReason,
        ...(r.usage.apiCalls > 0 ? { transcript: deps.transcriptPath } : {}),
    };
}

;// CONCATENATED MODULE: ./src/cli/model-api.ts
/** What to check, per provider: the variables that provider reads (docs/providers.md). */
const HINTS = {
    anthropic: {
        credential: 'the API key',
        auth: 'Check ANTHROPIC_API_KEY.',
        connect: 'Check ANTHROPIC_BASE_URL and the network.',
    },
    bedrock: {
        credential: 'the AWS credentials',
        auth: 'Check the AWS credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, AWS_PROFILE, or AWS_BEARER_TOKEN_BEDROCK) and that they may invoke the model in AWS_REGION.',
        connect: 'Check AWS_REGION, ANTHROPIC_BEDROCK_BASE_URL and the network.',
    },
    vertex: {
        credential: 'the Google credentials',
        auth: "Check the Google credentials (GOOGLE_APPLICATION_CREDENTIALS, or 'gcloud auth application-default login') and that they may use the model in ANTHROPIC_VERTEX_PROJECT_ID and CLOUD_ML_REGION.",
        connect: 'Check CLOUD_ML_REGION, ANTHROPIC_VERTEX_BASE_URL and the network.',
    },
};
/**
 * The model API failure behind an incomplete review or an unfixed run, as one sentence: a
 * connection that could not be made, a refused credential, or an API that kept failing; what to
 * check names the provider's own variables. Undefined when the model was reached.
 */
function modelApiError(gaps, provider = 'anthropic') {
    const g = gaps.find((x) => x.kind === 'model-api');
    if (!g)
        return undefined;
    const hint = HINTS[provider];
    if (/unreachable|dropped|timed out/.test(g.reason))
        return `cannot connect to the model API: ${g.reason}. ${hint.connect}`;
    if (/refused the key|authentication/i.test(g.reason))
        return `the model API refused ${hint.credential}: ${g.reason}. ${hint.auth}`;
    return `the model API failed: ${g.reason}.`;
}

;// CONCATENATED MODULE: ./src/cli/commands/fix.ts





/** Reproduces the failing tests, fixes and verifies; refuses a dirty tree. */
async function fixCommand(p, cmd) {
    const { io, progress, redactor, out } = cmd;
    const local = await localRepo(io.cwd, redactor, true);
    const settings = await cliSettings(p.common, io, local.workspace, {
        dryRun: false,
        ...(p.testCommand !== undefined ? { testCommand: p.testCommand } : {}),
    });
    const dirty = await dirtyTracked(local.git);
    if (dirty.length > 0) {
        // A fix that does not verify is reverted file by file: it must not take the user's edits.
        throw new UsageError(`The working tree has uncommitted changes (${dirty
            .slice(0, 3)
            .map((l) => `'${l.slice(3)}'`)
            .join(', ')}${dirty.length > 3 ? ', \u2026' : ''}). Expected a clean tree: commit or stash them first.`);
    }
    requireKey(settings, p.dryRun, cmd.io.env);
    const { deps, preview } = await buildDeps(cmd, settings, local, 'fix', p.dryRun);
    const { runFix } = await Promise.all(/* import() */[__webpack_require__.e(6), __webpack_require__.e(58), __webpack_require__.e(960)]).then(__webpack_require__.bind(__webpack_require__, 11960));
    const r = await runFix(deps, { local: { commit: p.commit } });
    tidy(deps, r);
    progress.stop();
    const res = r.result;
    // A model API that could not be reached or refused the key is the story: it comes first.
    const apiGap = !preview && r.outcome === 'not-fixed' && res.modelApiFailure
        ? modelApiError([{ kind: 'model-api', reason: res.modelApiFailure }], settings.inputs.provider)
        : undefined;
    const code = preview
        ? EXIT.ok
        : r.outcome === 'not-fixed'
            ? r.stopReason === 'api_error' || r.stopReason === 'circuit_open'
                ? EXIT.runtime
                : EXIT.attention
            : EXIT.ok;
    if (p.common.json) {
        out(JSON.stringify({
            command: 'fix',
            ...(apiGap ? { error: apiGap } : {}),
            outcome: preview ? 'dry-run' : r.outcome,
            exitCode: code,
            dryRun: p.dryRun,
            ...(preview
                ? { failingBefore: res.failingBefore ?? [], requests: preview.requests }
                : { result: res }),
            ...runFields(r, deps),
        }));
        return code;
    }
    const blocks = apiGap ? [`Error: ${apiGap}`] : [];
    const failing = (ids) => (ids ?? []).map((id) => `  - ${id}`).join('\n') || '  (none parsed)';
    if (r.outcome === 'skipped') {
        blocks.push(`Nothing to fix: ${res.reason ?? 'skipped'}.`);
    }
    else if (preview) {
        blocks.push(`Failing tests (reproduced):\n${failing(res.failingBefore)}`);
        blocks.push(renderPreview(preview.requests, {
            maxCostUsd: settings.inputs.maxCostUsd,
            maxTurns: settings.inputs.maxTurns,
        }));
    }
    else if (r.outcome === 'fixed') {
        blocks.push(`Fixed and verified.\n\nFailing tests before:\n${failing(res.failingBefore)}`);
        if (res.rootCause)
            blocks.push(`Root cause: ${res.rootCause}`);
        if (res.diff)
            blocks.push(res.diff.trimEnd());
        if (res.verification)
            blocks.push(`Evidence:\n${renderEvidence(res.verification.steps)}`);
        blocks.push(res.delivery === 'local-commit'
            ? `Committed ${String(res.commit).slice(0, 7)} on the new local branch '${res.branch}' (not pushed; you are now on it).`
            : 'The fix is in the working tree, not committed (review it with git diff; --commit commits it on a new branch).');
    }
    else {
        blocks.push(`Not fixed${apiGap ? ' (see the error above)' : ''}.\n\nFailing tests:\n${failing(res.failingBefore)}`);
        // Without the model the diagnosis is only the tests' own message: the error says more.
        if (res.diagnosis && !apiGap)
            blocks.push(`Diagnosis: ${res.diagnosis}`);
        if (res.tried?.length)
            blocks.push(`Tried:\n${res.tried.map((t) => `  - ${t}`).join('\n')}`);
        if (res.lastRefusal)
            blocks.push(`Last refusal: ${res.lastRefusal}`);
        if (res.attemptedDiff)
            blocks.push(`Last attempted change (reverted):\n${res.attemptedDiff.trimEnd()}`);
    }
    const f = footer(r, deps, Boolean(preview) || r.outcome === 'skipped');
    if (f)
        blocks.push(f);
    out(blocks.join('\n\n'));
    return code;
}

;// CONCATENATED MODULE: ./src/cli/commands/review.ts







async function defaultBase(git) {
    for (const ref of ['origin/HEAD', 'main', 'origin/main', 'master', 'origin/master']) {
        const r = await git.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
            allowFail: true,
        });
        if (r.code === 0)
            return ref;
    }
    throw new UsageError(`No base branch found (tried origin/HEAD, main, origin/main, master, origin/master). Expected --base REF, e.g. --base origin/develop.`);
}
/** Reviews HEAD against the base; exit 1 when a finding reaches --fail-on. */
async function reviewCommand(p, cmd) {
    const { io, progress, redactor, out } = cmd;
    const local = await localRepo(io.cwd, redactor, true);
    const git = local.git;
    const settings = await cliSettings(p.common, io, local.workspace, { dryRun: true });
    requireKey(settings, p.dryRun, cmd.io.env);
    const baseRef = p.base ?? (await defaultBase(git));
    const base = await git.run(['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`], {
        allowFail: true,
    });
    if (base.code !== 0) {
        throw new UsageError(`Unknown --base '${baseRef}'. Expected a branch, tag or commit, e.g. 'origin/main'.`);
    }
    const baseSha = base.stdout.trim();
    const headRef = local.headRef ?? 'HEAD';
    if ((await dirtyTracked(git)).length > 0) {
        progress.warning('Uncommitted changes are not reviewed: pitcrew reviews the commits since the merge base.');
    }
    progress.note(`\u203a reviewing '${headRef}' (${local.headSha.slice(0, 7)}) against '${baseRef}' (${baseSha.slice(0, 7)})`);
    const { deps, preview } = await buildDeps(cmd, settings, local, 'review', p.dryRun);
    const { runReview } = await Promise.all(/* import() */[__webpack_require__.e(6), __webpack_require__.e(58), __webpack_require__.e(167)]).then(__webpack_require__.bind(__webpack_require__, 87167));
    const r = await runReview(deps, {
        local: { baseSha, headSha: local.headSha, baseRef, headRef },
    });
    tidy(deps, r);
    progress.stop();
    const res = r.result;
    const items = res.items ?? [];
    const notes = (res.notes ?? []).filter((n) => !n.includes(PREVIEW_STOP));
    // A model API that could not be reached or refused the key is the story: it comes first.
    const apiGap = p.dryRun
        ? undefined
        : modelApiError(res.notCovered ?? [], settings.inputs.provider);
    const failed = !p.dryRun && r.outcome === 'incomplete' && r.failure !== undefined;
    const failRank = p.failOn === 'none' ? -1 : summary/* SEVERITIES */.oC.indexOf(p.failOn);
    const hits = items.filter((f) => summary/* SEVERITIES */.oC.indexOf(f.severity) <= failRank);
    const code = failed
        ? EXIT.runtime
        : p.dryRun
            ? EXIT.ok
            : hits.length > 0
                ? EXIT.attention
                : EXIT.ok;
    if (p.common.json) {
        out(JSON.stringify({
            command: 'review',
            ...(apiGap ? { error: apiGap } : {}),
            outcome: p.dryRun ? 'dry-run' : r.outcome,
            exitCode: code,
            base: { ref: baseRef, sha: baseSha },
            head: { ref: headRef, sha: local.headSha },
            dryRun: p.dryRun,
            ...(preview ? { requests: preview.requests, parts: res.parts ?? [] } : { findings: items }),
            ...(preview && p.printPrompt ? { requestBodies: preview.bodies } : {}),
            verdict: p.dryRun ? null : res.verdict,
            coverage: res.coverage,
            skippedFiles: res.skippedFiles ?? [],
            notes,
            ...runFields(r, deps),
        }));
        return code;
    }
    const blocks = [
        `Review of '${headRef}' (${local.headSha.slice(0, 7)}) against '${baseRef}' (${baseSha.slice(0, 7)}):`,
    ];
    if (apiGap)
        blocks.unshift(`Error: ${apiGap}`);
    if (preview) {
        blocks.push(renderPreview(preview.requests, {
            files: (res.parts ?? []).map((pt, i) => ({ label: `part ${i + 1}`, files: pt.files })),
            maxCostUsd: settings.inputs.maxCostUsd,
            maxTurns: settings.inputs.maxTurns,
        }));
    }
    else {
        // "No findings." would read as a clean review when the model was never reached.
        blocks.push(items.length
            ? renderFindings(items)
            : apiGap
                ? 'Not reviewed (see the error above).'
                : 'No findings.');
        if (res.verdict)
            blocks.push(res.verdict);
    }
    if (preview && p.printPrompt) {
        preview.bodies.forEach((body, i) => blocks.push(`Request ${i + 1} of ${preview.bodies.length}: POST /v1/messages\n${JSON.stringify(body, null, 2)}`));
    }
    if (res.coverage)
        blocks.push(renderCoverage(res.coverage, res.skippedFiles ?? []));
    if (notes.length)
        blocks.push(notes.map((n) => `Note: ${n}`).join('\n'));
    const f = footer(r, deps, p.dryRun);
    if (f)
        blocks.push(f);
    if (hits.length > 0 && !failed) {
        blocks.push(`${hits.length} finding(s) at or above --fail-on ${p.failOn}: exit 1.`);
    }
    out(blocks.join('\n\n'));
    if (failed)
        io.stderr(`pitcrew: ${redactor.redact(r.failure ?? 'review incomplete')}\n`);
    return code;
}

;// CONCATENATED MODULE: ./src/cli/commands/rollback.ts







function sleep(ms, signal) {
    return new Promise((res, rej) => {
        if (ms <= 0)
            return res();
        const t = setTimeout(res, ms);
        signal?.addEventListener('abort', () => {
            clearTimeout(t);
            rej(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        });
    });
}
/** One measurement as a line: `#n time metric = value \u2713|\u2717 (why)`. */
function measurementLine(metric, n, m) {
    const time = new Date(m.at).toISOString().slice(11, 19);
    if (m.kind === 'noData')
        return `#${n} ${time} ${metric.name}: no data (${m.reason})`;
    if (m.kind === 'error')
        return `#${n} ${time} ${metric.name}: error (${m.error})`;
    const problems = (0,analysis/* conditionFailures */.r9)(metric, m.value);
    return `#${n} ${time} ${metric.name} = ${(0,analysis/* fmt */.Sc)(m.value)} ${problems.length ? `\u2717 ${problems.join('; ')}` : '\u2713'}`;
}
/** Watches the configured metrics, printing each measurement, and prints the decision. */
async function rollbackCommand(p, cmd) {
    const { io, progress, redactor, out } = cmd;
    if (!p.dryRun) {
        throw new UsageError(`'pitcrew rollback' needs --dry-run. Expected 'pitcrew rollback --dry-run': the CLI only runs the analysis; rolling back is the action's job.`);
    }
    const local = await localRepo(io.cwd, redactor, false);
    const settings = await cliSettings(p.common, io, local.workspace, { dryRun: true });
    if (!settings.configPath) {
        throw new UsageError(`No config file at '${schema/* DEFAULT_CONFIG_FILE */.Cu}' in '${local.workspace}'. Expected one with rollback.metrics, or --config FILE.`);
    }
    const cfg = settings.config.rollback;
    const { deps } = await buildDeps(cmd, settings, local, 'rollback', true);
    const real = (0,providers/* createMetricProvider */.o)({
        env: deps.env,
        redactor,
        log: progress,
        lookbackSeconds: cfg.analysis.intervalSeconds,
    });
    const counts = new Map();
    const provider = {
        async measure(metric, at, signal) {
            progress.step(`measuring ${metric.name}`);
            const m = await real.measure(metric, at, signal);
            const n = (counts.get(metric.name) ?? 0) + 1;
            counts.set(metric.name, n);
            if (!p.common.json)
                out(measurementLine(metric, n, m));
            return m;
        },
        async baseline(metric, from, to, signal) {
            progress.step(`reading the baseline of ${metric.name}`);
            return real.baseline(metric, from, to, signal);
        },
    };
    const sha = p.deploymentSha ?? (local.headSha || 'unknown');
    const environment = p.environment ?? cfg.environment ?? 'local';
    if (!p.common.json) {
        const a = cfg.analysis;
        out(`Analysis of ${cfg.metrics.length} metric(s) for ${sha.slice(0, 12)} in '${environment}': ${a.count} measurement(s) every ${a.intervalSeconds}s${a.initialDelaySeconds ? ` after ${a.initialDelaySeconds}s` : ''} (dry run: nothing is rolled back).`);
    }
    const { runRollback } = await __webpack_require__.e(/* import() */ 528).then(__webpack_require__.bind(__webpack_require__, 85528));
    const r = await runRollback(deps, {
        provider,
        now: () => Date.now(),
        sleep: (ms, signal) => {
            if (ms > 0)
                progress.step(`waiting ${Math.round(ms / 1000)}s for the next measurement`);
            return sleep(ms, signal);
        },
        local: { sha, environment },
    });
    tidy(deps, r);
    progress.stop();
    const res = r.result;
    const code = r.outcome === 'healthy' ? EXIT.ok : EXIT.attention;
    if (p.common.json) {
        out(JSON.stringify({ command: 'rollback', outcome: r.outcome, exitCode: code, result: res }));
        return code;
    }
    const blocks = [];
    for (const m of res.metrics ?? []) {
        const metric = cfg.metrics.find((x) => x.name === m.name);
        if (metric)
            blocks.push(barChart(metric, m.values, m.verdicts ?? []));
    }
    const d = res.decision;
    const word = {
        healthy: 'HEALTHY',
        'would-roll-back': 'ROLL BACK',
        inconclusive: 'INCONCLUSIVE',
    };
    blocks.push(`Decision: ${word[r.outcome] ?? r.outcome}${d ? ` after measurement ${d.n}` : ''}${d?.reason ? `: ${d.reason}` : ''}.`);
    if (r.outcome === 'would-roll-back') {
        blocks.push(`Dry run: nothing was done. The action would roll back with '${res.method}'.`);
    }
    out(`\n${blocks.join('\n\n')}`);
    return code;
}

;// CONCATENATED MODULE: ./src/cli/progress.ts
const FRAMES = ['\u280b', '\u2819', '\u2839', '\u2838', '\u283c', '\u2834', '\u2826', '\u2827', '\u2807', '\u280f'];
function createProgress(opts) {
    const now = opts.now ?? Date.now;
    let text = '';
    let since = now();
    let frame = 0;
    let timer;
    let shown = false;
    const width = Math.max(20, (opts.columns ?? 80) - 1);
    const clear = () => {
        if (shown)
            opts.write('\r\x1b[K');
        shown = false;
    };
    const draw = () => {
        if (!opts.tty || !text)
            return;
        const secs = Math.floor((now() - since) / 1000);
        const full = `${FRAMES[frame++ % FRAMES.length]} ${text}${secs >= 2 ? ` (${secs}s)` : ''}`;
        opts.write(`\r\x1b[K${full.length > width ? `${full.slice(0, width - 1)}\u2026` : full}`);
        shown = true;
    };
    const start = () => {
        if (!opts.tty || timer)
            return;
        timer = setInterval(draw, 100);
        // The spinner must never keep the process alive.
        timer.unref();
    };
    const line = (t) => {
        clear();
        opts.write(`${opts.redact(t)}\n`);
        draw();
    };
    const step = (t) => {
        text = opts.redact(t.replace(/\s+/g, ' ').trim());
        since = now();
        start();
        draw();
    };
    const narrate = (prefix) => (m) => {
        if (opts.verbose)
            line(`${prefix}${m}`);
        else if (opts.tty)
            step(m.split('\n')[0]);
    };
    return {
        step,
        line,
        note(t) {
            if (opts.tty || opts.verbose)
                line(t);
        },
        stop() {
            if (timer)
                clearInterval(timer);
            timer = undefined;
            text = '';
            clear();
        },
        debug: (m) => {
            if (opts.verbose)
                line(`debug: ${m}`);
        },
        info: narrate(''),
        notice: narrate(''),
        warning: (m) => line(`warning: ${m}`),
        error: (m) => line(`error: ${m}`),
        startGroup: (name) => {
            const n = name.replace(/^pitcrew( \w+)?: /, '');
            if (opts.verbose || opts.tty)
                line(`\u203a ${n}`);
            if (opts.tty)
                step(n);
        },
        endGroup: () => undefined,
    };
}

;// CONCATENATED MODULE: ./src/cli/run.ts
/**
 * The `pitcrew` command: builds the same Settings and TaskDeps the action builds, with the
 * local checkout as the workspace and no GitHub client, then runs the action's own modes
 * (runReview, runFix, runRollback) and prints their results for a terminal or as JSON.
 */










/** Runs one CLI invocation and returns its exit code (see args.ts EXIT). */
async function runCli(argv, io) {
    const redactor = new redact/* Redactor */.pO([io.env.ANTHROPIC_API_KEY]);
    let parsed;
    try {
        parsed = parseCli(argv);
    }
    catch (err) {
        io.stderr(`pitcrew: ${redactor.redact(err.message)}\n`);
        return EXIT.usage;
    }
    if (parsed.kind === 'help') {
        io.stdout(helpText(parsed.topic));
        return EXIT.ok;
    }
    if (parsed.kind === 'version') {
        io.stdout(`pitcrew ${version/* VERSION */.x}\n`);
        return EXIT.ok;
    }
    const progress = createProgress({
        write: io.stderr,
        tty: io.stderrIsTTY && !parsed.common.json,
        verbose: parsed.common.verbose,
        redact: (t) => redactor.redact(t),
        columns: io.columns,
    });
    const out = (text) => io.stdout(redactor.redact(text.endsWith('\n') ? text : `${text}\n`));
    const cmd = { io, progress, redactor, out };
    try {
        switch (parsed.kind) {
            case 'config-check':
                return await configCheckCommand(parsed, io, out);
            case 'review':
                return await reviewCommand(parsed, cmd);
            case 'fix':
                return await fixCommand(parsed, cmd);
            case 'rollback':
                return await rollbackCommand(parsed, cmd);
        }
    }
    catch (err) {
        progress.stop();
        const usage = err instanceof UsageError || err instanceof types/* ConfigError */.xL;
        const message = usage ? flagNames(err.message) : err.message;
        io.stderr(`pitcrew: ${redactor.redact(message)}\n`);
        if (parsed.common.json) {
            out(JSON.stringify({
                command: parsed.kind,
                error: redactor.redact(message),
                exitCode: usage ? EXIT.usage : EXIT.runtime,
            }));
        }
        return usage ? EXIT.usage : EXIT.runtime;
    }
    finally {
        progress.stop();
    }
}
/** The settings parser speaks of action inputs; on the command line they are flags. */
function flagNames(message) {
    return message
        .replace(/input 'config-file'/gi, '--config')
        .replace(/input '(model|max-cost-usd|max-turns|test-command)'/gi, '--$1');
}


/***/ }),

/***/ 58353:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseRepoConfig: () => (/* binding */ parseRepoConfig)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _schema_dsl_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(75893);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(90131);
/**
 * The YAML side of `.github/pitcrew.yml`: text -> validated RepoConfig, each problem with its
 * line. Its own module so a run without a config file never loads the YAML parser (cold start);
 * the schema and its validation stay in schema.ts.
 */



/**
 * Parses the text of `.github/pitcrew.yml`. An empty file (or one with only comments) means all
 * defaults. Throws a ConfigValidationError listing every problem with its key path and line.
 */
function parseRepoConfig(text, source = _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_CONFIG_FILE */ .Cu) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter, prettyErrors: false });
    if (doc.errors.length > 0) {
        const problems = doc.errors.map((e) => {
            const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
            return {
                key: '',
                message: `YAML syntax error: ${e.message.split('\n')[0]}`,
                line: pos.line,
                column: pos.col,
            };
        });
        throw (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .configErrorFrom */ .bq)(source, problems);
    }
    const value = doc.toJS({ maxAliasCount: 100 });
    const ctx = { issues: [], root: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .repoConfigSchema */ .wF };
    const result = (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .validateRepoConfigValue */ .iR)(value, ctx);
    if (ctx.issues.length > 0 || result === _schema_dsl_js__WEBPACK_IMPORTED_MODULE_1__/* .INVALID */ .uY) {
        throw (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .configErrorFrom */ .bq)(source, ctx.issues.map((i) => {
            const pos = locate(doc.contents, i, lineCounter);
            return { key: (0,_schema_dsl_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .jV)(i.path), message: i.message, ...pos };
        }));
    }
    return result;
}
/** Finds the line/column of the YAML node an issue is about (the key itself for unknown keys). */
function locate(root, issue, lc) {
    let node = root;
    let target = root;
    for (let i = 0; i < issue.path.length; i++) {
        const seg = issue.path[i];
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
            const pair = node.items.find((p) => (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(p) && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(p.key) && String(p.key.value) === String(seg));
            if (!pair)
                break;
            const last = i === issue.path.length - 1;
            target = last && issue.at === 'key' ? pair.key : (pair.value ?? pair.key);
            node = pair.value;
        }
        else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node) && typeof seg === 'number') {
            const item = node.items[seg];
            if (!item)
                break;
            target = item;
            node = item;
        }
        else
            break;
    }
    const range = target?.range;
    if (!range)
        return {};
    const pos = lc.linePos(range[0]);
    return { line: pos.line, column: pos.col };
}


/***/ }),

/***/ 48029:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ey: () => (/* binding */ describeStep),
/* harmony export */   IQ: () => (/* binding */ patchComment),
/* harmony export */   pD: () => (/* binding */ prTitle),
/* harmony export */   pv: () => (/* binding */ prBody),
/* harmony export */   qW: () => (/* binding */ runMarker),
/* harmony export */   yP: () => (/* binding */ linkComment),
/* harmony export */   yp: () => (/* binding */ notFixedReport)
/* harmony export */ });
/* unused harmony exports FIX_MARKER, formatUsage, failingList, evidenceTable, TOKEN_NOTE, newFilesList */
const FIX_MARKER = '<!-- pitcrew:fix -->';
/** Marker of the comment for one run on the failing PR: a rerun edits it instead of adding one. */
function runMarker(runId) {
    return `<!-- pitcrew:fix-run:${runId} -->`;
}
function formatUsage(u, stopReason) {
    const cost = u.costUsd === null ? 'unknown (model not in the price table)' : `$${u.costUsd.toFixed(4)}`;
    return (`${u.inputTokens} input, ${u.outputTokens} output, ${u.cacheReadTokens} cache-read, ` +
        `${u.cacheWriteTokens} cache-write tokens; cost ${cost}; ${u.turns} turns; stop reason \`${stopReason}\``);
}
function oneLine(s, max = 200) {
    const t = s.replace(/\s+/g, ' ').trim();
    return t.length > max ? t.slice(0, max) + '\u2026' : t;
}
/** Text of untrusted origin (test names, messages) inside Markdown: no HTML, no mentions. */
function md(s) {
    return s.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/@(\w)/g, '@\u200b$1');
}
function failingList(failures, max = 30) {
    const lines = failures
        .slice(0, max)
        .map((f) => `- \`${oneLine(f.id, 150).replace(/`/g, "'")}\`${f.message ? ` \u2014 ${md(oneLine(f.message))}` : ''}`);
    if (failures.length > max)
        lines.push(`- \u2026 and ${failures.length - max} more`);
    return lines.join('\n');
}
/**
 * One verification step in words: what ran, how it exited, its test counts and the verdict
 * (with the step's note). The PR body's table and the CLI's evidence list say the same thing.
 */
function describeStep(s) {
    const counts = s.total !== undefined || s.passed !== undefined
        ? `${s.passed ?? '?'} passed, ${s.failed ?? 0} failed${s.total !== undefined ? ` of ${s.total}` : ''}`
        : `${s.failed ?? 0} failed`;
    const verdict = s.ok
        ? s.kind === 'failing-tests'
            ? 'pass'
            : 'no new failure'
        : s.newFailures.length
            ? `new failures: ${s.newFailures.slice(0, 5).join(', ')}`
            : 'failed';
    return {
        what: s.kind === 'failing-tests' ? 'failing tests re-run' : 'full suite',
        exit: s.timedOut ? 'timeout' : String(s.exitCode),
        counts,
        verdict: `${verdict}${s.note ? ` (${s.note})` : ''}`,
    };
}
function evidenceTable(v) {
    const rows = v.steps.map((s) => {
        const d = describeStep(s);
        return `| ${d.what} | \`${s.command.replace(/`/g, "'").replace(/\|/g, '\\|')}\` | ${d.exit} | ${d.counts} | ${d.verdict} |`;
    });
    return ['| step | command | exit | tests | result |', '|---|---|---|---|---|', ...rows].join('\n');
}
const TOKEN_NOTE = '> [!NOTE]\n' +
    "> Pushes and pull requests made with the workflow's `GITHUB_TOKEN` do not trigger workflows, so CI " +
    'does not run on this branch by itself. To have it run, give pitcrew a GitHub App installation token ' +
    '(for example from `actions/create-github-app-token`) as its `github-token` input, or push an empty ' +
    'commit to this branch yourself.';
/** The "New files" list: each name in code, JSON-escaped when it holds anything unusual. */
function newFilesList(paths) {
    return paths
        .map((p) => {
        const plain = /^[\x20-\x7e]*$/.test(p) && !p.includes('`');
        return `- \`${plain ? p : JSON.stringify(p).replace(/`/g, '\\u0060')}\``;
    })
        .join('\n');
}
function prTitle(headRef, failures) {
    const n = failures.length;
    return `pitcrew: fix ${n} failing test${n === 1 ? '' : 's'} on ${headRef}`;
}
function prBody(f) {
    return [
        FIX_MARKER,
        `Fixes the tests failing on \`${f.headRef}\` at ${f.headSha.slice(0, 7)}${f.prNumber ? ` (#${f.prNumber})` : ''}${f.runUrl ? `, found by [this run](${f.runUrl})` : ''}.`,
        '### Failing tests before',
        failingList(f.failingBefore),
        '### Root cause',
        md(f.rootCause.trim() || '(not stated)'),
        '### Change',
        md(f.summary.trim() || '(no summary)'),
        '```\n' + f.diffStat + '\n```',
        ...(f.newFiles?.length ? ['### New files', newFilesList(f.newFiles)] : []),
        '### Evidence',
        'Verified by pitcrew in code before pushing: the failing tests were re-run and pass; the full suite has no failure that was not failing before.',
        evidenceTable(f.verification),
        '### Usage',
        formatUsage(f.usage, f.stopReason),
        TOKEN_NOTE,
    ].join('\n\n');
}
function linkComment(runId, pr, failures, dry = false) {
    return [
        runMarker(runId),
        `pitcrew ${dry ? 'would open' : 'opened'} #${pr.number} (${pr.url}) fixing ${failures.length} failing test${failures.length === 1 ? '' : 's'}; the fix was verified by re-running the tests.`,
    ].join('\n');
}
function patchComment(opts) {
    const maxDiff = 50_000;
    const diff = opts.diff.length > maxDiff ? opts.diff.slice(0, maxDiff) + '\n\u2026 (diff cut)' : opts.diff;
    return [
        runMarker(opts.runId),
        `### pitcrew: verified fix (not pushed: ${opts.why})`,
        '**Failing tests before**',
        failingList(opts.failingBefore),
        `**Root cause:** ${md(opts.rootCause)}`,
        `**Change:** ${md(opts.summary)}`,
        'Apply it with `git apply` (save the block below as `fix.patch`):',
        '```diff\n' + diff.replace(/```/g, '`\u200b``') + '\n```',
        '**Evidence**',
        evidenceTable(opts.verification),
        `**Usage:** ${formatUsage(opts.usage, opts.stopReason)}`,
    ].join('\n\n');
}
function notFixedReport(opts) {
    return [
        runMarker(opts.runId),
        '### pitcrew could not fix the failing tests',
        'Nothing was pushed.',
        '**Failing tests**',
        failingList(opts.failingBefore),
        `**Best diagnosis:** ${md(opts.diagnosis || '(none given)')}`,
        '**What was tried**',
        opts.tried.length ? opts.tried.map((t) => `- ${md(t)}`).join('\n') : '- (nothing)',
        ...(opts.lastRefusal
            ? ['**Last rejection**', '```\n' + opts.lastRefusal.slice(0, 3000) + '\n```']
            : []),
        `**Stopped:** ${opts.stopReason}${opts.detail ? ` \u2014 ${md(opts.detail)}` : ''}`,
        `**Usage:** ${formatUsage(opts.usage, opts.stopReason)}`,
    ].join('\n\n');
}


/***/ })

};
