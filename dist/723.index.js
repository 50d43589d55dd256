export const id = 723;
export const ids = [723];
export const modules = {

/***/ 6645:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZZ: () => (/* binding */ tokenAuthorCheck),
/* harmony export */   eT: () => (/* binding */ createComment),
/* harmony export */   oW: () => (/* binding */ updateOrCreateComment),
/* harmony export */   qD: () => (/* binding */ upsertStickyComment)
/* harmony export */ });
/* unused harmony export findComment */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3116);

/**
 * The trust rule for pitcrew's own comments: markers are plain text anyone can paste, so only a
 * comment whose author is the token's identity counts: a Bot account (GITHUB_TOKEN is
 * `github-actions[bot]`, an App token `<app>[bot]`; `GET /user` refuses both) or, for a personal
 * token, the login `GET /user` returns. The identity is looked up lazily, at most once.
 */
function tokenAuthorCheck(octokit) {
    let identity = null;
    return async (c) => {
        if (c.type === 'Bot')
            return true;
        if (!c.login)
            return false;
        identity ??= octokit.rest.users
            .getAuthenticated()
            .then((r) => r.data.login)
            .catch(() => null); // installation tokens: 403 "Resource not accessible by integration"
        return (await identity) === c.login;
    };
}
/**
 * The first comment on an issue or PR whose body contains `marker` and whose author passes
 * `trusted` (default: pitcrew's token, see `tokenAuthorCheck`), searching every page (a busy PR
 * has hundreds of comments; the sticky one may be on page 3). A forged marker is never matched,
 * so it is never edited.
 */
async function findComment(octokit, opts) {
    const trusted = opts.trusted ?? tokenAuthorCheck(octokit);
    if (!opts.marker)
        throw new Error(`Invalid marker ''. Expected a non-empty string such as <!-- pitcrew:summary -->.`);
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner: opts.owner,
        repo: opts.repo,
        issue_number: opts.issueNumber,
        per_page: 100,
    });
    for await (const page of pages) {
        for (const c of page.data) {
            const author = { login: c.user?.login ?? null, type: c.user?.type ?? null };
            if (c.body?.includes(opts.marker) && (await trusted(author))) {
                return { id: c.id, body: c.body, url: c.html_url, user: c.user?.login ?? null };
            }
        }
    }
    return undefined;
}
/** Posts a new comment; returns its id and browser URL. */
async function createComment(octokit, opts) {
    const res = await octokit.rest.issues.createComment({
        owner: opts.owner,
        repo: opts.repo,
        issue_number: opts.issueNumber,
        body: opts.body,
    });
    return { id: res.data.id, url: res.data.html_url };
}
/**
 * One comment per PR that is edited in place on every run: found by `marker` (which must appear
 * in `body`, or the next run could not find it and would post a duplicate).
 */
async function upsertStickyComment(octokit, opts) {
    if (!opts.body.includes(opts.marker)) {
        throw new Error(`Invalid sticky comment body: it does not contain the marker '${opts.marker}'. Expected the marker inside the body so the next run finds this comment.`);
    }
    const existing = await findComment(octokit, opts);
    return updateOrCreateComment(octokit, { ...opts, id: existing?.id ?? null });
}
/**
 * Edits comment `id` in place, or posts a new one when there is none (`id` null) or it was
 * deleted meanwhile (404): a rerun replaces pitcrew's comment rather than adding another.
 */
async function updateOrCreateComment(octokit, opts) {
    if (opts.id !== null) {
        try {
            const res = await octokit.rest.issues.updateComment({
                owner: opts.owner,
                repo: opts.repo,
                comment_id: opts.id,
                body: opts.body,
            });
            return { id: res.data.id, url: res.data.html_url, created: false };
        }
        catch (err) {
            if (!(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isStatus */ .zM)(err, 404))
                throw err;
        }
    }
    const made = await createComment(octokit, opts);
    return { ...made, created: true };
}


/***/ }),

/***/ 6224:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ loadPrompt)
/* harmony export */ });
/* unused harmony export promptPath */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3136);
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

/***/ 5723:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  APPROVE_DEPLOYMENT_ENV: () => (/* reexport */ APPROVE_DEPLOYMENT_ENV),
  APPROVE_TARGET_ENV: () => (/* reexport */ APPROVE_TARGET_ENV),
  runRollback: () => (/* binding */ runRollback)
});

;// CONCATENATED MODULE: ./src/github/deployments.ts
function toStatus(s) {
    return {
        id: s.id,
        state: s.state,
        description: s.description ?? '',
        environment: s.environment ?? '',
        logUrl: s.log_url ?? '',
        environmentUrl: s.environment_url ?? '',
        createdAt: s.created_at,
    };
}
function toDeployment(d) {
    let payload = {};
    if (typeof d.payload === 'string') {
        // GitHub hands back a payload sent as a string verbatim; ours are JSON objects.
        try {
            const parsed = d.payload ? JSON.parse(d.payload) : {};
            if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
                payload = parsed;
        }
        catch {
            payload = { raw: d.payload };
        }
    }
    else if (d.payload && typeof d.payload === 'object') {
        payload = d.payload;
    }
    return {
        id: d.id,
        sha: d.sha,
        ref: d.ref,
        environment: d.environment,
        task: d.task,
        description: d.description ?? null,
        payload,
        creator: d.creator?.login ?? null,
        createdAt: d.created_at,
    };
}
/** One deployment by id. */
async function getDeployment(octokit, opts) {
    const res = await octokit.rest.repos.getDeployment({
        owner: opts.owner,
        repo: opts.repo,
        deployment_id: opts.deploymentId,
    });
    return toDeployment(res.data);
}
/** Deployments of an environment, newest first (GitHub's order), up to `max`. */
async function listDeployments(octokit, opts) {
    const max = opts.max ?? 100;
    const out = [];
    const pages = octokit.paginate.iterator(octokit.rest.repos.listDeployments, {
        owner: opts.owner,
        repo: opts.repo,
        per_page: Math.min(100, max),
        ...(opts.environment ? { environment: opts.environment } : {}),
        ...(opts.sha ? { sha: opts.sha } : {}),
    });
    for await (const page of pages) {
        for (const d of page.data)
            out.push(toDeployment(d));
        if (out.length >= max)
            break;
    }
    return out.slice(0, max);
}
/** Statuses of a deployment, newest first: the first one is its current state. */
async function listDeploymentStatuses(octokit, opts) {
    const raw = await octokit.paginate(octokit.rest.repos.listDeploymentStatuses, {
        owner: opts.owner,
        repo: opts.repo,
        deployment_id: opts.deploymentId,
        per_page: 100,
    });
    return raw.map(toStatus);
}
/**
 * Creates a deployment of exactly `ref`: `auto_merge: false` (GitHub would otherwise merge the
 * default branch into it, or answer 202 without deploying) and `required_contexts: []` (a
 * rollback must not wait on the status checks of the commit it returns to).
 */
async function createDeployment(octokit, opts) {
    const res = await octokit.rest.repos.createDeployment({
        owner: opts.owner,
        repo: opts.repo,
        ref: opts.ref,
        environment: opts.environment,
        payload: opts.payload,
        auto_merge: false,
        required_contexts: [],
        ...(opts.task ? { task: opts.task } : {}),
        ...(opts.description !== undefined ? { description: truncate(opts.description, 140) } : {}),
        ...(opts.transientEnvironment !== undefined
            ? { transient_environment: opts.transientEnvironment }
            : {}),
        ...(opts.productionEnvironment !== undefined
            ? { production_environment: opts.productionEnvironment }
            : {}),
    });
    if (res.status !== 201 || !('id' in res.data)) {
        const message = res.data.message ?? `status ${res.status}`;
        throw new Error(`GitHub did not create the deployment of '${opts.ref}': ${message}`);
    }
    return toDeployment(res.data);
}
/** GitHub rejects status descriptions over 140 characters; cut with an ellipsis instead. */
function truncate(text, max) {
    const chars = [...text];
    return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
/** Adds a status to a deployment (description cut to GitHub's 140-character limit). */
async function createDeploymentStatus(octokit, opts) {
    const res = await octokit.rest.repos.createDeploymentStatus({
        owner: opts.owner,
        repo: opts.repo,
        deployment_id: opts.deploymentId,
        state: opts.state,
        ...(opts.description !== undefined ? { description: truncate(opts.description, 140) } : {}),
        ...(opts.logUrl ? { log_url: opts.logUrl } : {}),
        ...(opts.environmentUrl ? { environment_url: opts.environmentUrl } : {}),
        ...(opts.environment ? { environment: opts.environment } : {}),
        ...(opts.autoInactive !== undefined ? { auto_inactive: opts.autoInactive } : {}),
    });
    return toStatus(res.data);
}

;// CONCATENATED MODULE: ./src/rollback/best-effort.ts
/**
 * Runs a GitHub read or write whose failure must not end the run (the decision, or the rollback,
 * already stands): a failure is logged as a warning, redacted, and yields undefined.
 */
async function safely(deps, what, fn) {
    try {
        return await fn();
    }
    catch (err) {
        deps.log.warning(`Could not ${what}: ${deps.redactor.redact(err.message)}`);
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/safety/command.ts
var safety_command = __webpack_require__(3867);
;// CONCATENATED MODULE: ./src/rollback/methods/index.ts


/** POSIX single-quoting: arguments reach the tool verbatim whatever they contain. */
function shellQuote(arg) {
    return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
/** The commands a tool method runs: [check, act, wait]; exported for the docs and tests. */
function methodCommands(method) {
    const ns = method.namespace ? ['-n', method.namespace] : [];
    switch (method.type) {
        case 'kubectl': {
            const ctx = method.context ? ['--context', method.context] : [];
            const rev = method.revision !== undefined ? [`--to-revision=${method.revision}`] : [];
            const undo = ['kubectl', ...ctx, 'rollout', 'undo', method.resource, ...ns, ...rev];
            return {
                check: [...undo, '--dry-run=server'],
                act: undo,
                wait: [
                    'kubectl',
                    ...ctx,
                    'rollout',
                    'status',
                    method.resource,
                    ...ns,
                    `--timeout=${method.timeoutSeconds}s`,
                ],
            };
        }
        case 'helm': {
            const rev = method.revision !== undefined ? [String(method.revision)] : [];
            const base = ['helm', 'rollback', method.release, ...rev, ...ns];
            return {
                check: [...base, '--dry-run'],
                // --wait makes helm itself wait for the resources to be ready: no separate status step.
                act: [...base, '--wait', `--timeout=${method.timeoutSeconds}s`],
                wait: null,
            };
        }
        case 'argo-rollouts': {
            const rev = method.revision !== undefined ? [`--to-revision=${method.revision}`] : [];
            // `undo`, not `abort`: abort only stops a canary in progress; undo returns a completed
            // rollout to the previous (or given) revision. The plugin has no dry-run.
            return {
                check: null,
                act: ['kubectl', 'argo', 'rollouts', 'undo', method.rollout, ...ns, ...rev],
                wait: [
                    'kubectl',
                    'argo',
                    'rollouts',
                    'status',
                    method.rollout,
                    ...ns,
                    `--timeout=${method.timeoutSeconds}s`,
                ],
            };
        }
    }
}
/** Environment a `command` method (and the tools) get: the scrubbed env plus the rollback facts. */
function rollbackEnv(ctx) {
    return {
        PITCREW_TARGET_SHA: ctx.target.sha,
        PITCREW_TARGET_REF: ctx.target.ref,
        PITCREW_DEPLOYMENT_ID: String(ctx.bad.id),
        PITCREW_BAD_SHA: ctx.bad.sha,
        PITCREW_TARGET_DEPLOYMENT_ID: String(ctx.target.id),
        PITCREW_ENVIRONMENT: ctx.bad.environment,
    };
}
/**
 * Performs the rollback with the configured method, then (for every method) records it in
 * GitHub as a deployment of the target sha whose payload names the bad deployment: the marker
 * the loop guards read. github-deployment is exactly that record plus its statuses.
 */
async function performRollback(method, ctx) {
    const commands = [];
    if (method.type !== 'github-deployment') {
        const steps = method.type === 'command'
            ? { check: null, act: null, wait: null, script: method.run }
            : { ...methodCommands(method), script: null };
        const timeoutMs = method.timeoutSeconds * 1000;
        const run = async (label, command) => {
            commands.push(command);
            ctx.log.info(`rollback ${label}: ${command}`);
            const r = await (0,safety_command/* runCommand */.d1)({
                command,
                cwd: ctx.cwd,
                // The step's env without credentials (metric provider keys included): deploy tools keep
                // KUBECONFIG, HELM_* and PATH; tokens never reach them.
                env: (0,safety_command/* scrubbedEnv */.wS)(ctx.env),
                extraEnv: rollbackEnv(ctx),
                // The tool's own time limit plus a margin: `rollout status --timeout` should fire first.
                timeoutMs: timeoutMs + 30_000,
                redactor: ctx.redactor,
                signal: ctx.signal,
                maxOutputChars: 8000,
            });
            const out = r.output.trim();
            if (out)
                ctx.log.info(out);
            const ok = r.exitCode === 0 && !r.timedOut;
            const why = r.error ?? (r.timedOut ? 'timed out' : `exit code ${r.exitCode ?? r.signal}`);
            return { ok, message: ok ? '' : `${label} failed (${why}): ${lastLines(out)}` };
        };
        const seq = [
            ['check', steps.check ? steps.check.map(shellQuote).join(' ') : null],
            ['action', steps.act ? steps.act.map(shellQuote).join(' ') : steps.script],
            ['wait', steps.wait ? steps.wait.map(shellQuote).join(' ') : null],
        ];
        for (const [label, command] of seq) {
            if (!command)
                continue;
            const r = await run(label, command);
            if (!r.ok)
                return { ok: false, details: ctx.redactor.redact(`${method.type} ${r.message}`), commands };
        }
    }
    if (method.type !== 'github-deployment') {
        // The tool has acted: a failure to record it must not be reported as a failed rollback.
        try {
            const rollbackDeployment = await recordRollback(method.type, ctx);
            return {
                ok: true,
                details: `${method.type} rolled back; recorded as deployment ${rollbackDeployment.id} of ${ctx.target.sha.slice(0, 7)}`,
                commands,
                rollbackDeployment,
            };
        }
        catch (err) {
            const why = ctx.redactor.redact(err.message);
            return {
                ok: true,
                details: `${method.type} rolled back; recording it in GitHub FAILED (${why})`,
                commands,
                recordError: why,
            };
        }
    }
    const rollbackDeployment = await recordRollback(method.type, ctx);
    return {
        ok: true,
        details: `created deployment ${rollbackDeployment.id} of ${ctx.target.sha.slice(0, 7)} in '${ctx.bad.environment}'`,
        commands,
        rollbackDeployment,
    };
}
async function recordRollback(methodType, ctx) {
    const repo = { owner: ctx.owner, repo: ctx.repo };
    const short = ctx.reason.length > 300 ? `${ctx.reason.slice(0, 297)}...` : ctx.reason;
    const dep = await createDeployment(ctx.octokit, {
        ...repo,
        ref: ctx.target.sha,
        environment: ctx.bad.environment,
        task: 'deploy',
        description: `pitcrew rollback of deployment ${ctx.bad.id}`,
        payload: {
            pitcrew: { rollback_of: ctx.bad.id, reason: ctx.redactor.redact(short), method: methodType },
        },
    });
    await createDeploymentStatus(ctx.octokit, {
        ...repo,
        deploymentId: dep.id,
        state: 'in_progress',
        description: `Rolling back deployment ${ctx.bad.id}`,
    });
    await createDeploymentStatus(ctx.octokit, {
        ...repo,
        deploymentId: dep.id,
        state: 'success',
        description: `Rolled back to ${ctx.target.sha.slice(0, 7)} (${methodType})`,
    });
    return dep;
}
function lastLines(text, n = 5) {
    return text.split('\n').slice(-n).join(' | ');
}

;// CONCATENATED MODULE: ./src/rollback/expr.ts
/**
 * A tiny, safe expression language for metric conditions, e.g. `result < 0.05` or
 * `result >= 10 && !(result > 500)`. It is parsed by hand (no eval, no Function) and type-checked
 * at compile time, so a typo in `.github/pitcrew.yml` is a configuration error before the watch
 * starts, not an exception in the middle of it.
 *
 * Grammar (lowest precedence first):
 *   or      := and ('||' and)*
 *   and     := not ('&&' not)*
 *   not     := '!' not | cmp
 *   cmp     := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := '-' unary | primary
 *   primary := NUMBER | 'result' | 'true' | 'false' | '(' or ')'
 * `!` binds looser than comparison, so `!result > 5` means `!(result > 5)`. The whole expression
 * must be boolean; `&&`, `||`, `!` take booleans; arithmetic and comparison take numbers.
 */
const OPS = ['<=', '>=', '==', '!=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '(', ')'];
function tokenize(src) {
    const out = [];
    let i = 0;
    while (i < src.length) {
        const c = src[i];
        if (/\s/.test(c)) {
            i++;
            continue;
        }
        const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
        if (num) {
            out.push({ t: 'num', s: num[0], pos: i });
            i += num[0].length;
            continue;
        }
        const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
        if (id) {
            out.push({ t: 'id', s: id[0], pos: i });
            i += id[0].length;
            continue;
        }
        const op = OPS.find((o) => src.startsWith(o, i));
        if (op) {
            out.push({ t: 'op', s: op, pos: i });
            i += op.length;
            continue;
        }
        throw exprError(src, i, `unexpected character '${c}'`);
    }
    out.push({ t: 'end', s: '', pos: src.length });
    return out;
}
function exprError(src, pos, what) {
    return new Error(`Invalid expression '${src}' at position ${pos}: ${what}. Expected a condition over 'result' using numbers, comparisons (< <= > >= == !=), && || !, + - * / and parentheses, e.g. 'result < 0.05'.`);
}
function parse(src) {
    const toks = tokenize(src);
    let p = 0;
    const peek = () => toks[p];
    const isOp = (...ops) => peek().t === 'op' && ops.includes(peek().s);
    const or = () => {
        let a = and();
        while (isOp('||')) {
            p++;
            a = { k: 'bin', op: '||', a, b: and() };
        }
        return a;
    };
    const and = () => {
        let a = not();
        while (isOp('&&')) {
            p++;
            a = { k: 'bin', op: '&&', a, b: not() };
        }
        return a;
    };
    const not = () => {
        if (isOp('!')) {
            p++;
            return { k: 'not', a: not() };
        }
        return cmp();
    };
    const cmp = () => {
        const a = sum();
        if (isOp('<', '<=', '>', '>=', '==', '!=')) {
            const op = toks[p++].s;
            return { k: 'bin', op, a, b: sum() };
        }
        return a;
    };
    const sum = () => {
        let a = product();
        while (isOp('+', '-')) {
            const op = toks[p++].s;
            a = { k: 'bin', op, a, b: product() };
        }
        return a;
    };
    const product = () => {
        let a = unary();
        while (isOp('*', '/')) {
            const op = toks[p++].s;
            a = { k: 'bin', op, a, b: unary() };
        }
        return a;
    };
    const unary = () => {
        if (isOp('-')) {
            p++;
            return { k: 'neg', a: unary() };
        }
        return primary();
    };
    const primary = () => {
        const t = peek();
        if (t.t === 'num') {
            p++;
            return { k: 'num', v: Number(t.s) };
        }
        if (t.t === 'id') {
            p++;
            if (t.s === 'result')
                return { k: 'result' };
            if (t.s === 'true' || t.s === 'false')
                return { k: 'bool', v: t.s === 'true' };
            throw exprError(src, t.pos, `unknown name '${t.s}' (only 'result', 'true', 'false')`);
        }
        if (isOp('(')) {
            p++;
            const e = or();
            if (!isOp(')'))
                throw exprError(src, peek().pos, `missing ')'`);
            p++;
            return e;
        }
        throw exprError(src, t.pos, t.t === 'end' ? 'unexpected end' : `unexpected '${t.s}'`);
    };
    const node = or();
    if (peek().t !== 'end')
        throw exprError(src, peek().pos, `unexpected '${peek().s}'`);
    return node;
}
function typeOf(src, n) {
    const want = (node, ty, op) => {
        const got = typeOf(src, node);
        if (got !== ty)
            throw exprError(src, 0, `'${op}' needs ${ty} operands, got ${got}`);
    };
    switch (n.k) {
        case 'num':
        case 'result':
            return 'number';
        case 'bool':
            return 'boolean';
        case 'not':
            want(n.a, 'boolean', '!');
            return 'boolean';
        case 'neg':
            want(n.a, 'number', '-');
            return 'number';
        case 'bin':
            if (n.op === '&&' || n.op === '||') {
                want(n.a, 'boolean', n.op);
                want(n.b, 'boolean', n.op);
                return 'boolean';
            }
            want(n.a, 'number', n.op);
            want(n.b, 'number', n.op);
            return ['+', '-', '*', '/'].includes(n.op) ? 'number' : 'boolean';
    }
}
function evaluate(n, result) {
    switch (n.k) {
        case 'num':
        case 'bool':
            return n.v;
        case 'result':
            return result;
        case 'not':
            return !evaluate(n.a, result);
        case 'neg':
            return -evaluate(n.a, result);
        case 'bin': {
            // Short-circuit like every language users know.
            if (n.op === '&&')
                return evaluate(n.a, result) && evaluate(n.b, result);
            if (n.op === '||')
                return evaluate(n.a, result) || evaluate(n.b, result);
            const a = evaluate(n.a, result);
            const b = evaluate(n.b, result);
            switch (n.op) {
                case '+':
                    return a + b;
                case '-':
                    return a - b;
                case '*':
                    return a * b;
                case '/':
                    return a / b;
                case '<':
                    return a < b;
                case '<=':
                    return a <= b;
                case '>':
                    return a > b;
                case '>=':
                    return a >= b;
                case '==':
                    return a === b;
                default:
                    return a !== b;
            }
        }
    }
}
const compiled = new Map();
/**
 * Compiles a condition once; throws `Invalid expression ...` naming the position when it does not
 * parse or is not a boolean condition, so config validation can call it up front.
 */
function compileExpr(src) {
    const hit = compiled.get(src);
    if (hit)
        return hit;
    const node = parse(src);
    if (typeOf(src, node) !== 'boolean') {
        throw exprError(src, 0, 'the expression is a number, not a condition');
    }
    const fn = (result) => evaluate(node, result) === true;
    compiled.set(src, fn);
    return fn;
}

;// CONCATENATED MODULE: ./src/rollback/stats.ts
/**
 * Mann-Whitney U test, one-sided, for "did the metric move in the bad direction after the deploy?"
 * (Kayenta's judge uses the same test). Exact distribution when both samples are small and have
 * no ties; otherwise the normal approximation with tie and continuity correction.
 */
/** Largest n1*n2 for which the exact distribution is computed (a table of n1*n2 cells per row). */
const EXACT_MAX_CELLS = 2500;
/**
 * Tests whether `after` is shifted in `direction` relative to `before`. Returns p = 1 when either
 * sample is empty (no evidence is never a regression).
 */
function mannWhitneyU(before, after, direction) {
    const n1 = before.length;
    const n2 = after.length;
    if (n1 === 0 || n2 === 0)
        return { u: 0, p: 1, method: 'normal', n1, n2 };
    // Rank the pooled sample, averaging ranks over ties.
    const pooled = [...before.map((v) => ({ v, g: 0 })), ...after.map((v) => ({ v, g: 1 }))].sort((a, b) => a.v - b.v);
    const ranks = new Array(pooled.length);
    const tieSizes = [];
    for (let i = 0; i < pooled.length;) {
        let j = i;
        while (j + 1 < pooled.length && pooled[j + 1].v === pooled[i].v)
            j++;
        const avg = (i + j) / 2 + 1;
        for (let k = i; k <= j; k++)
            ranks[k] = avg;
        if (j > i)
            tieSizes.push(j - i + 1);
        i = j + 1;
    }
    let r2 = 0;
    pooled.forEach((x, i) => {
        if (x.g === 1)
            r2 += ranks[i];
    });
    const uAfter = r2 - (n2 * (n2 + 1)) / 2;
    // For "decrease" the statistic of interest counts pairs where after < before.
    const u = direction === 'increase' ? uAfter : n1 * n2 - uAfter;
    if (tieSizes.length === 0 && n1 * n2 <= EXACT_MAX_CELLS) {
        return { u, p: exactUpperTail(n1, n2, u), method: 'exact', n1, n2 };
    }
    const n = n1 + n2;
    const tieTerm = tieSizes.reduce((s, t) => s + (t ** 3 - t), 0) / (n * (n - 1));
    const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm);
    if (variance <= 0)
        return { u, p: 1, method: 'normal', n1, n2 }; // every value equal
    const z = (u - (n1 * n2) / 2 - 0.5) / Math.sqrt(variance);
    return { u, p: 1 - normalCdf(z), method: 'normal', n1, n2 };
}
/** P(U >= u) under H0 for samples of sizes m and n, by counting arrangements. */
function exactUpperTail(m, n, u) {
    // f[i][j][k] = arrangements of i "before" and j "after" values with U = k; roll over i.
    const max = m * n;
    let prev = []; // prev[j] for i-1
    for (let i = 0; i <= m; i++) {
        const cur = [];
        for (let j = 0; j <= n; j++) {
            const row = new Float64Array(max + 1);
            if (i === 0 || j === 0)
                row[0] = 1;
            else {
                // Largest value is an "after" (beats all i befores: +i) or a "before" (+0).
                const a = cur[j - 1];
                const b = prev[j];
                for (let k = 0; k <= i * j; k++)
                    row[k] = (k >= i ? a[k - i] : 0) + b[k];
            }
            cur.push(row);
        }
        prev = cur;
    }
    const dist = prev[n];
    let total = 0;
    let tail = 0;
    const threshold = Math.ceil(u - 1e-9);
    for (let k = 0; k <= max; k++) {
        total += dist[k];
        if (k >= threshold)
            tail += dist[k];
    }
    return tail / total;
}
/** Standard normal CDF via erfc (W. J. Cody's rational approximation is overkill; 1e-7 suffices). */
function normalCdf(z) {
    return 0.5 * erfc(-z / Math.SQRT2);
}
function erfc(x) {
    // Numerical Recipes erfcc: fractional error < 1.2e-7 everywhere.
    const z = Math.abs(x);
    const t = 1 / (1 + 0.5 * z);
    const r = t *
        Math.exp(-z * z -
            1.26551223 +
            t *
                (1.00002368 +
                    t *
                        (0.37409196 +
                            t *
                                (0.09678418 +
                                    t *
                                        (-0.18628806 +
                                            t *
                                                (0.27886807 +
                                                    t *
                                                        (-1.13520398 +
                                                            t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
}
/** Median; NaN for an empty list. */
function median(values) {
    if (values.length === 0)
        return Number.NaN;
    const s = [...values].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

;// CONCATENATED MODULE: ./src/rollback/analysis.ts


/** Baselines with fewer samples than this are reported and not compared: too little to rank. */
const MIN_BASELINE_SAMPLES = 3;
/**
 * Decides, from the measurements so far, whether to keep watching, roll back, call the deploy
 * healthy, or give up as inconclusive. Pure: the watch loop calls it after every round.
 *
 * Exact semantics (docs/rollback-analysis.md says the same):
 * - Rounds: every metric is measured once per round; measurement n is round n (1-based). Only
 *   rounds that every metric has completed are judged.
 * - Condition: `min` and `max` are inclusive (a value equal to a bound passes); `expr` must be
 *   true. All given parts must hold. A metric with no condition passes unless its baseline fails.
 *   NaN never passes a bound; +Inf fails `max`, -Inf fails `min`.
 * - Baseline (optional): after measurement n, the n post-deploy values so far are compared with
 *   the pre-deploy samples by a one-sided Mann-Whitney U test; measurement n fails when
 *   p <= 1 - confidence AND (when `max-ratio` is set) the bad-direction ratio of medians exceeds
 *   `max-ratio`. Fewer than MIN_BASELINE_SAMPLES baseline samples: not compared, noted.
 * - No data / provider error: policy `fail` makes the measurement a failure, `inconclusive`
 *   makes it inconclusive, `ignore` makes it count for nothing. Default `inconclusive`. Neither
 *   is ever a pass.
 * - `consecutive-failures: N` rolls back AT the N-th failure in a row. A pass resets the run;
 *   inconclusive and ignored measurements neither extend nor reset it.
 * - `max-failures: N` rolls back AT the N-th failure in total (not after N; Argo's
 *   `failureLimit: N` rolls back at N+1, ours does not).
 * - `critical: true` rolls back at the metric's first failure.
 * - `max-inconclusive: N` ends the watch as inconclusive AT a metric's N-th inconclusive
 *   measurement (counted per metric).
 * - A limit of 0 turns that rule off.
 * - Precedence within one round: rollback beats inconclusive (a failure is evidence, an
 *   inconclusive is its absence); among rollbacks, critical first, then config order.
 * - Dry-run metrics are measured and judged, and what they would have decided is reported in
 *   `wouldDecide`, but they never decide and never block healthy.
 * - Healthy: after `count` rounds with no decision, provided every deciding metric passed at
 *   least once; a metric with no pass at all makes the result inconclusive (no silent pass).
 */
function analyze(input) {
    const { analysis, metrics } = input;
    const rounds = metrics.length
        ? Math.min(...metrics.map((m) => input.measurements[m.name]?.length ?? 0))
        : 0;
    const reports = metrics.map((m) => ({
        name: m.name,
        dryRun: m.dryRun,
        critical: m.critical,
        evaluations: [],
        passes: 0,
        failures: 0,
        consecutiveFailures: 0,
        inconclusive: 0,
        limits: {
            consecutiveFailures: m.consecutiveFailures ?? analysis.consecutiveFailures,
            maxFailures: m.maxFailures ?? analysis.maxFailures,
            maxInconclusive: analysis.maxInconclusive,
        },
    }));
    for (let n = 1; n <= rounds; n++) {
        const rollbacks = [];
        const inconclusives = [];
        metrics.forEach((metric, i) => {
            const report = reports[i];
            const all = input.measurements[metric.name];
            const ev = analysis_evaluate(metric, analysis, all[n - 1], n, all.slice(0, n), input.baselines?.[metric.name]);
            if (ev.note)
                report.baselineNote = ev.note;
            report.evaluations.push(ev.evaluation);
            const verdict = ev.evaluation.verdict;
            if (verdict === 'pass') {
                report.passes++;
                report.consecutiveFailures = 0;
            }
            else if (verdict === 'fail') {
                report.failures++;
                report.consecutiveFailures++;
            }
            else if (verdict === 'inconclusive') {
                report.inconclusive++;
            }
            const { limits } = report;
            let rb;
            if (verdict === 'fail') {
                if (metric.critical) {
                    rb = rollback(n, metric.name, 'critical', `critical metric '${metric.name}' failed: ${ev.evaluation.reason}`);
                }
                else if (limits.consecutiveFailures > 0 &&
                    report.consecutiveFailures >= limits.consecutiveFailures) {
                    rb = rollback(n, metric.name, 'consecutive-failures', `'${metric.name}' failed ${report.consecutiveFailures} measurements in a row (consecutive-failures: ${limits.consecutiveFailures}); last: ${ev.evaluation.reason}`);
                }
                else if (limits.maxFailures > 0 && report.failures >= limits.maxFailures) {
                    rb = rollback(n, metric.name, 'max-failures', `'${metric.name}' failed ${report.failures} measurements in total (max-failures: ${limits.maxFailures}); last: ${ev.evaluation.reason}`);
                }
            }
            let inc;
            if (verdict === 'inconclusive' &&
                limits.maxInconclusive > 0 &&
                report.inconclusive >= limits.maxInconclusive) {
                inc = {
                    kind: 'inconclusive',
                    n,
                    metric: metric.name,
                    reason: `'${metric.name}' was inconclusive ${report.inconclusive} times (max-inconclusive: ${limits.maxInconclusive}); last: ${ev.evaluation.reason}`,
                };
            }
            if (metric.dryRun) {
                const would = rb ?? inc;
                if (would && !report.wouldDecide)
                    report.wouldDecide = { kind: would.kind, n, reason: would.reason };
                return;
            }
            if (rb)
                rollbacks.push(rb);
            if (inc)
                inconclusives.push(inc);
        });
        if (rollbacks.length) {
            const critical = rollbacks.find((r) => r.rule === 'critical');
            return { decision: critical ?? rollbacks[0], metrics: reports };
        }
        if (inconclusives.length)
            return { decision: inconclusives[0], metrics: reports };
        if (n >= analysis.count) {
            const silent = reports.filter((r) => !r.dryRun && r.passes === 0);
            if (silent.length) {
                return {
                    decision: {
                        kind: 'inconclusive',
                        n,
                        metric: silent[0].name,
                        reason: `no passing measurement of ${silent.map((r) => `'${r.name}'`).join(', ')} in ${n} rounds: no evidence the deploy is healthy`,
                    },
                    metrics: reports,
                };
            }
            return {
                decision: {
                    kind: 'healthy',
                    n,
                    reason: `${n} of ${analysis.count} measurements taken; no limit reached`,
                },
                metrics: reports,
            };
        }
    }
    return { decision: { kind: 'continue', n: rounds }, metrics: reports };
}
function rollback(n, metric, rule, reason) {
    return { kind: 'rollback', n, metric, rule, reason };
}
function policyVerdict(policy) {
    return policy === 'fail' ? 'fail' : policy === 'ignore' ? 'ignored' : 'inconclusive';
}
/** Judges one measurement; `upTo` is every measurement of the metric up to and including it. */
function analysis_evaluate(metric, analysis, m, n, upTo, baseline) {
    if (m.kind === 'noData') {
        const policy = metric.noData ?? analysis.noData;
        return {
            evaluation: {
                n,
                at: m.at,
                kind: m.kind,
                verdict: policyVerdict(policy),
                reason: `no data (${m.reason}); no-data policy: ${policy}`,
            },
        };
    }
    if (m.kind === 'error') {
        const policy = metric.providerError ?? analysis.providerError;
        return {
            evaluation: {
                n,
                at: m.at,
                kind: m.kind,
                verdict: policyVerdict(policy),
                reason: `provider error (${m.error}); provider-error policy: ${policy}`,
            },
        };
    }
    const failed = conditionFailures(metric, m.value);
    const evaluation = {
        n,
        at: m.at,
        value: m.value,
        kind: 'value',
        verdict: failed.length ? 'fail' : 'pass',
        reason: failed.length ? failed.join(' and ') : `${fmt(m.value)} within the condition`,
    };
    let note;
    if (metric.baseline && baseline) {
        if (baseline.length < MIN_BASELINE_SAMPLES) {
            note = `baseline not compared: ${baseline.length} pre-deploy samples (need ${MIN_BASELINE_SAMPLES})`;
        }
        else {
            const after = upTo.flatMap((x) => x.kind === 'value' && !Number.isNaN(x.value) ? [x.value] : []);
            const check = baselineCheck(baseline, after, metric.baseline);
            evaluation.baseline = check;
            if (check.regression) {
                const why = `${metric.baseline.direction} vs baseline: median ${fmt(check.afterMedian)} vs ${fmt(check.beforeMedian)} (ratio ${fmt(check.ratio)}${metric.baseline.maxRatio !== undefined ? ` > ${metric.baseline.maxRatio}` : ''}), Mann-Whitney p=${check.p.toPrecision(3)} <= ${fmt(1 - metric.baseline.confidence)}`;
                evaluation.verdict = 'fail';
                evaluation.reason = failed.length ? `${evaluation.reason}; ${why}` : why;
            }
        }
    }
    return { evaluation, note };
}
/** The parts of the condition a value breaks, as human-readable reasons (empty: it passes). */
function conditionFailures(metric, value) {
    const out = [];
    const { min, max, expr } = metric.condition;
    // Written as !(x >= min) so NaN fails a bound instead of slipping through.
    if (min !== undefined && !(value >= min))
        out.push(`${fmt(value)} < min ${fmt(min)}`);
    if (max !== undefined && !(value <= max))
        out.push(`${fmt(value)} > max ${fmt(max)}`);
    if (expr !== undefined && !compileExpr(expr)(value))
        out.push(`${fmt(value)} fails '${expr}'`);
    return out;
}
/** Compares post-deploy values with the pre-deploy samples (pure; exported for the summary). */
function baselineCheck(before, after, cfg) {
    const mw = mannWhitneyU(before, after, cfg.direction);
    const beforeMedian = median(before);
    const afterMedian = median(after);
    const [num, den] = cfg.direction === 'increase' ? [afterMedian, beforeMedian] : [beforeMedian, afterMedian];
    // 0 -> 0 is "no change"; x -> 0 (or 0 -> x) is an unbounded change.
    const ratio = den === 0 ? (num === 0 ? 1 : Number.POSITIVE_INFINITY) : num / den;
    const significant = after.length > 0 && mw.p <= 1 - cfg.confidence + 1e-12;
    const regression = significant && (cfg.maxRatio === undefined || ratio > cfg.maxRatio);
    return {
        n1: mw.n1,
        n2: mw.n2,
        p: mw.p,
        ratio,
        beforeMedian,
        afterMedian,
        significant,
        regression,
        method: mw.method,
    };
}
/** Compact number formatting for reasons and tables. */
function fmt(v) {
    if (!Number.isFinite(v))
        return String(v);
    if (Number.isInteger(v))
        return String(v);
    return Number(v.toPrecision(4)).toString();
}

;// CONCATENATED MODULE: ./src/rollback/report.ts

const VERDICT_ICON = {
    pass: '✅ pass',
    fail: '❌ fail',
    inconclusive: '❔ inconclusive',
    ignored: '➖ ignored',
};
/** The triggering evaluation of a decision, when it names one. */
function triggering(facts) {
    const d = facts.analysis.decision;
    if ((d.kind !== 'rollback' && d.kind !== 'inconclusive') || !d.metric)
        return null;
    const metric = facts.analysis.metrics.find((m) => m.name === d.metric);
    const ev = metric?.evaluations.find((e) => e.n === d.n);
    return metric && ev ? { metric, ev } : null;
}
function boundText(m) {
    const c = m.condition;
    const parts = [
        c.min !== undefined ? `min ${c.min}` : '',
        c.max !== undefined ? `max ${c.max}` : '',
        c.expr ? `\`${c.expr}\`` : '',
    ];
    if (m.baseline)
        parts.push(`baseline ${m.baseline.direction}${m.baseline.maxRatio !== undefined ? ` > ${m.baseline.maxRatio}x` : ''} (confidence ${m.baseline.confidence})`);
    return parts.filter(Boolean).join(', ') || 'no bound';
}
/**
 * A number as Mermaid's xychart grammar reads it: `[+-]?(\d+(\.\d+)?|\.\d+)`, so no exponent
 * (`1e-7` would end the chart with a parse error), 6 significant digits. Finite values only.
 */
function mermaidNumber(v) {
    const s = Number(v.toPrecision(6)).toString();
    const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
    if (!m)
        return s;
    const [, sign, int, frac = '', exp] = m;
    const digits = `${int}${frac}`;
    const point = int.length + Number(exp);
    const body = point <= 0
        ? `0.${'0'.repeat(-point)}${digits}`
        : point >= digits.length
            ? `${digits}${'0'.repeat(point - digits.length)}`
            : `${digits.slice(0, point)}.${digits.slice(point)}`;
    return `${sign}${body}`;
}
/** Text inside a Mermaid quoted string: the grammar has no escapes, so no `"`, no newline. */
function mermaidText(s) {
    return s.replace(/["`]/g, "'").replace(/[\r\n]+/g, ' ');
}
/**
 * A Mermaid xychart-beta of one metric: its values and its bounds as flat lines. A line cannot
 * have holes and the grammar takes only plain numbers, so measurements without a value (no data,
 * provider errors, NaN) are left out of the chart and listed under it; +/-Inf are drawn at the
 * edge of the axis and labelled. Returns '' when no measurement has a value.
 */
function mermaidChart(metric, report) {
    const evs = report.evaluations;
    const plotted = evs.filter((e) => e.value !== undefined && !Number.isNaN(e.value));
    const skipped = evs.filter((e) => !plotted.includes(e));
    const note = skipped.length
        ? `_Not charted (no value): ${skipped.map((e) => `#${e.n} (${e.kind === 'value' ? 'NaN' : e.kind === 'noData' ? 'no data' : 'error'})`).join(', ')}; see the table._`
        : '';
    if (!plotted.length)
        return note;
    const finite = plotted.flatMap((e) => (Number.isFinite(e.value) ? [e.value] : []));
    const bounds = [metric.condition.min, metric.condition.max].filter((b) => b !== undefined && Number.isFinite(b));
    const all = [...finite, ...bounds];
    const lo = Math.min(0, ...all);
    const hiRaw = Math.max(lo, ...all);
    const hi = hiRaw === lo ? lo + 1 : hiRaw + (hiRaw - lo) * 0.1;
    const ys = plotted.map((e) => (Number.isFinite(e.value) ? e.value : e.value > 0 ? hi : lo));
    const labels = plotted.map((e) => {
        const tag = !Number.isFinite(e.value)
            ? ` ${e.value > 0 ? '+' : ''}${e.value}`
            : e.verdict === 'fail'
                ? ' fail'
                : '';
        return `"#${e.n}${tag}"`;
    });
    const series = (values) => `[${values.map(mermaidNumber).join(', ')}]`;
    const chart = [
        '```mermaid',
        'xychart-beta',
        `  title "${mermaidText(`${metric.name} (${boundText(metric)})`)}"`,
        `  x-axis [${labels.join(', ')}]`,
        `  y-axis "value" ${mermaidNumber(lo)} --> ${mermaidNumber(hi)}`,
        `  line ${series(ys)}`,
        ...bounds.map((b) => `  line ${series(plotted.map(() => b))}`),
        '```',
    ].join('\n');
    return note ? `${chart}\n\n${note}` : chart;
}
function escapeCell(s) {
    return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
/** The job summary: decision, triggering measurement, then a chart and a table per metric. */
function renderSummary(facts, incident) {
    const d = facts.analysis.decision;
    const out = [];
    const title = {
        continue: 'still watching',
        healthy: 'healthy',
        rollback: 'roll back',
        inconclusive: 'inconclusive',
    };
    out.push(`## pitcrew rollback: ${title[d.kind]}`);
    out.push('');
    out.push(`Deployment ${facts.deployment.id} of \`${facts.deployment.sha.slice(0, 7)}\` to **${facts.environment}**` +
        (facts.target
            ? `; rollback target: deployment ${facts.target.id} of \`${facts.target.sha.slice(0, 7)}\``
            : ''));
    out.push('');
    out.push(`**Decision** after measurement ${d.n}: ${'reason' in d ? d.reason : 'no decision yet'}`);
    const trig = triggering(facts);
    if (trig) {
        const at = new Date(trig.ev.at).toISOString();
        out.push('');
        out.push(`**Triggering measurement**: \`${trig.metric.name}\` #${trig.ev.n} at ${at}: ${trig.ev.value !== undefined ? fmt(trig.ev.value) : trig.ev.kind} (${trig.ev.reason})`);
    }
    out.push('');
    out.push(`**Action**: ${facts.action}`);
    if (facts.recovery)
        out.push('', `**Recovery check**: ${facts.recovery.decision} (${facts.recovery.detail})`);
    const dry = facts.analysis.metrics.filter((m) => m.dryRun && m.wouldDecide);
    for (const m of dry)
        out.push('', `Dry-run metric \`${m.name}\` would have decided ${m.wouldDecide.kind} at #${m.wouldDecide.n}: ${m.wouldDecide.reason}`);
    if (incident)
        out.push('', '### Incident summary', '', incident);
    for (const metric of facts.metrics) {
        const report = facts.analysis.metrics.find((r) => r.name === metric.name);
        if (!report)
            continue;
        out.push('', `### \`${metric.name}\`${metric.dryRun ? ' (dry run)' : ''}${metric.critical ? ' (critical)' : ''}: ${boundText(metric)}`);
        out.push('', `passes ${report.passes}, failures ${report.failures}, inconclusive ${report.inconclusive}; limits: consecutive-failures ${report.limits.consecutiveFailures || 'off'}, max-failures ${report.limits.maxFailures || 'off'}, max-inconclusive ${report.limits.maxInconclusive || 'off'}`);
        if (report.baselineNote)
            out.push('', `_${report.baselineNote}_`);
        const chart = mermaidChart(metric, report);
        if (chart)
            out.push('', chart);
        out.push('', '| # | time (UTC) | value | verdict | why |', '|---|---|---|---|---|');
        for (const e of report.evaluations) {
            out.push(`| ${e.n} | ${new Date(e.at).toISOString().slice(11, 19)} | ${e.value !== undefined ? fmt(e.value) : e.kind} | ${VERDICT_ICON[e.verdict]} | ${escapeCell(e.reason)} |`);
        }
    }
    if (facts.commits?.length) {
        out.push('', `### Commits between \`${facts.target?.sha.slice(0, 7) ?? '?'}\` and \`${facts.deployment.sha.slice(0, 7)}\``, '');
        for (const c of facts.commits.slice(0, 50))
            out.push(`- \`${c.sha.slice(0, 7)}\` ${escapeCell(c.message)} (${c.author})`);
    }
    return out.join('\n');
}
/** One line for the deployment status (GitHub allows 140 characters; truncated by the caller). */
function statusLine(facts) {
    const t = triggering(facts);
    const d = facts.analysis.decision;
    const what = t
        ? `${t.metric.name} #${t.ev.n}=${t.ev.value !== undefined ? fmt(t.ev.value) : t.ev.kind}`
        : d.kind;
    return `${what}; rolled back to ${facts.target?.sha.slice(0, 7) ?? '?'}`;
}
/** The incident summary used when the model is unavailable: every number, no speculation. */
function templatedIncident(facts) {
    const d = facts.analysis.decision;
    const t = triggering(facts);
    const lines = [
        `Deployment ${facts.deployment.id} (\`${facts.deployment.sha.slice(0, 7)}\`) to ${facts.environment}: decision **${d.kind}** at measurement ${d.n}.`,
        'reason' in d ? `Why: ${d.reason}.` : '',
        t
            ? `Triggering measurement: ${t.metric.name} #${t.ev.n} = ${t.ev.value !== undefined ? fmt(t.ev.value) : t.ev.kind}.`
            : '',
    ];
    for (const m of facts.analysis.metrics) {
        const vals = m.evaluations
            .map((e) => (e.value !== undefined ? fmt(e.value) : e.kind))
            .join(', ');
        lines.push(`- ${m.name}: ${vals} (${m.failures} failed, ${m.inconclusive} inconclusive)`);
    }
    lines.push(`Action: ${facts.action}.`);
    if (facts.commits?.length)
        lines.push(`${facts.commits.length} commit(s) between the target and the deployed sha; the cause has not been determined.`);
    return lines.filter(Boolean).join('\n');
}
/** The user prompt for the incident summary: only measured facts, in a compact, citable form. */
function incidentPrompt(facts) {
    const d = facts.analysis.decision;
    const t = triggering(facts);
    const lines = [
        `Environment: ${facts.environment}`,
        `Deployment: ${facts.deployment.id}, sha ${facts.deployment.sha}, created ${facts.deployment.createdAt}`,
        facts.target
            ? `Rollback target: deployment ${facts.target.id}, sha ${facts.target.sha}`
            : 'Rollback target: none',
        `Decision: ${d.kind} at measurement ${d.n}${'reason' in d ? `: ${d.reason}` : ''}`,
        t
            ? `Triggering measurement: ${t.metric.name} #${t.ev.n} at ${new Date(t.ev.at).toISOString()} = ${t.ev.value !== undefined ? fmt(t.ev.value) : t.ev.kind}`
            : '',
        `Action taken: ${facts.action}`,
        '',
        'Measurements:',
    ];
    for (const m of facts.analysis.metrics) {
        const cfg = facts.metrics.find((x) => x.name === m.name);
        lines.push(`- ${m.name} (${cfg ? boundText(cfg) : ''}${m.dryRun ? ', dry run' : ''}):`);
        for (const e of m.evaluations)
            lines.push(`  #${e.n} ${new Date(e.at).toISOString()} ${e.value !== undefined ? fmt(e.value) : e.kind} ${e.verdict}: ${e.reason}`);
    }
    lines.push('', `Commits between the target and the deployed sha (${facts.commits?.length ?? 0}):`);
    for (const c of (facts.commits ?? []).slice(0, 50))
        lines.push(`- ${c.sha.slice(0, 7)} ${c.message} (${c.author})`);
    return lines.filter((l, i, a) => l !== '' || a[i - 1] !== '').join('\n');
}
/**
 * Accepts a model-written summary only when it cites at least one measured value (the contract:
 * cite the numbers). Otherwise the caller posts the template.
 */
function citesMeasurements(text, facts) {
    const values = new Set();
    for (const m of facts.analysis.metrics)
        for (const e of m.evaluations)
            if (e.value !== undefined && Number.isFinite(e.value))
                values.add(fmt(e.value));
    return [...values].some((v) => text.includes(v));
}

;// CONCATENATED MODULE: ./src/rollback/safety.ts

/**
 * Loop guards and target selection. The state lives in GitHub (deployments, their payloads and
 * statuses), not in the runner, so a rerun, a second workflow or the rollback deployment's own
 * `deployment_status` event all see what was already done.
 *
 * Markers pitcrew writes:
 * - the rollback deployment's payload `{ pitcrew: { rollback_of: <bad id>, reason, method } }`;
 * - a status on the bad deployment whose description starts with ROLLED_BACK_MARKER, written
 *   only after the rollback succeeded (a failed attempt leaves no marker, so a rerun retries).
 */
const ROLLED_BACK_MARKER = '[pitcrew] rolled back';
/** The deployment id a deployment rolls back, from its payload; null when it is not a rollback. */
function rollbackOf(d) {
    const p = d.payload?.pitcrew;
    if (!p || typeof p !== 'object')
        return null;
    const id = p.rollback_of;
    const n = typeof id === 'string' ? Number(id) : id;
    return typeof n === 'number' && Number.isInteger(n) ? n : null;
}
/**
 * Pure: may `bad` be rolled back at all? Not when it is itself a rollback (never roll back a
 * rollback: that is how deploy/rollback cycles start), and not when a rollback of it exists
 * (a deployment whose payload names it, or our marker status on it).
 */
function checkLoopGuards(bad, badStatuses, deployments) {
    const of = rollbackOf(bad);
    if (of !== null) {
        return {
            ok: false,
            reason: 'is-rollback',
            message: `Deployment ${bad.id} is itself a rollback (of deployment ${of}); pitcrew never rolls back a rollback.`,
        };
    }
    const prior = deployments.find((d) => d.id !== bad.id && rollbackOf(d) === bad.id);
    if (prior) {
        return {
            ok: false,
            reason: 'already-rolled-back',
            existing: prior.id,
            message: `Deployment ${bad.id} was already rolled back by deployment ${prior.id} (sha ${prior.sha.slice(0, 7)}); nothing to do.`,
        };
    }
    const marked = badStatuses.find((s) => s.description.startsWith(ROLLED_BACK_MARKER));
    if (marked) {
        return {
            ok: false,
            reason: 'already-rolled-back',
            message: `Deployment ${bad.id} was already rolled back (its status says '${marked.description}'); nothing to do.`,
        };
    }
    return { ok: true };
}
/**
 * Pure: is `candidate` a deployment we may return to? Same environment, created before `bad`,
 * a different sha, and known good: its newest status is `success`, or `inactive` right after a
 * `success` (GitHub marks superseded non-production deployments inactive). `statuses` newest first.
 */
function isTargetCandidate(bad, candidate, statuses) {
    if (candidate.id === bad.id || candidate.environment !== bad.environment)
        return false;
    if (candidate.sha === bad.sha)
        return false;
    const earlier = candidate.createdAt < bad.createdAt ||
        (candidate.createdAt === bad.createdAt && candidate.id < bad.id);
    if (!earlier)
        return false;
    const [latest, previous] = statuses;
    if (latest?.state === 'success')
        return true;
    return latest?.state === 'inactive' && previous?.state === 'success';
}
/** Reads the environment's deployments and the bad deployment's statuses; applies the guards. */
async function readGuardState(octokit, repo, bad) {
    const [deployments, badStatuses] = await Promise.all([
        listDeployments(octokit, { ...repo, environment: bad.environment, max: 100 }),
        listDeploymentStatuses(octokit, { ...repo, deploymentId: bad.id }),
    ]);
    return { deployments, badStatuses, guard: checkLoopGuards(bad, badStatuses, deployments) };
}
/**
 * The latest earlier successful deployment of another sha, newest first; statuses are read
 * lazily and at most `maxLookups` deployments are examined. null: nothing to return to.
 */
async function findTarget(octokit, repo, bad, deployments, maxLookups = 30) {
    const candidates = deployments
        .filter((d) => d.id !== bad.id && d.environment === bad.environment && d.sha !== bad.sha)
        .filter((d) => d.createdAt < bad.createdAt || (d.createdAt === bad.createdAt && d.id < bad.id))
        .sort((a, b) => a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1)
        .slice(0, maxLookups);
    for (const c of candidates) {
        const statuses = await listDeploymentStatuses(octokit, { ...repo, deploymentId: c.id });
        if (isTargetCandidate(bad, c, statuses))
            return c;
    }
    return null;
}

;// CONCATENATED MODULE: ./src/rollback/act.ts





/**
 * Rolls `bad` back: re-checks the loop guards and the target (another run may have acted, or a
 * newer good deployment appeared, while we watched), runs the configured method, and records the
 * result on the bad deployment's statuses, where the guards of later runs read it. Sets
 * `facts.action` (and `facts.target` when the target changed).
 */
async function act(scope, rt, bad, target, decision, facts) {
    const { deps, cfg, octokit, repo } = scope;
    const { log } = deps;
    const again = await readGuardState(octokit, repo, bad);
    if (!again.guard.ok)
        return { kind: 'refused', message: again.guard.message, guard: again.guard.reason };
    const fresh = await findTarget(octokit, repo, bad, again.deployments);
    if (!fresh) {
        return {
            kind: 'refused',
            message: `Deployment ${target.id} (${target.sha.slice(0, 7)}) is no longer a good deployment to return to, and no other earlier successful deployment is: not acting.`,
            guard: 'no-target',
        };
    }
    if (fresh.id !== target.id) {
        log.warning(`The rollback target changed during the watch: deployment ${fresh.id} (${fresh.sha.slice(0, 7)}) instead of ${target.id}.`);
        target = fresh;
        facts.target = { id: target.id, sha: target.sha };
    }
    rt.onRollback?.({ decision, at: rt.now() });
    let method;
    try {
        method = await performRollback(cfg.method, {
            bad,
            target,
            reason: decision.reason,
            octokit,
            ...repo,
            cwd: deps.ctx.workspace,
            env: deps.env,
            log,
            redactor: deps.redactor,
            signal: rt.signal,
        });
    }
    catch (err) {
        method = {
            ok: false,
            details: `${cfg.method.type} failed: ${deps.redactor.redact(err.message)}`,
            commands: [],
        };
    }
    if (!method.ok) {
        facts.action = `rollback FAILED: ${method.details}`;
        await safely(deps, 'mark the deployment failed', () => markBad(scope, bad, `[pitcrew] metrics failed; rollback via ${cfg.method.type} FAILED`));
        return { kind: 'failed', method, target };
    }
    facts.action = `rolled back to deployment ${target.id} (${target.sha.slice(0, 7)}) with ${cfg.method.type}: ${method.details}`;
    log.notice(facts.action);
    // The rollback happened: from here on a GitHub failure is reported, never thrown, so the
    // outputs still say `rolled-back`. The marker status is the second record the guards read.
    const marked = await safely(deps, 'mark the deployment rolled back', () => markBad(scope, bad, `${ROLLED_BACK_MARKER}: ${statusLine(facts)}`).then(() => true));
    const unrecorded = method.recordError && !marked
        ? `Deployment ${bad.id} was rolled back with ${cfg.method.type}, but GitHub could not record it (${method.recordError}): a rerun's loop guards will not see this rollback. Record it or disable the workflow before re-running.`
        : undefined;
    return { kind: 'rolled-back', method, target, unrecorded };
}
/** A failure status on the bad deployment, linking to this run. */
async function markBad({ deps, octokit, repo }, bad, description) {
    await createDeploymentStatus(octokit, {
        ...repo,
        deploymentId: bad.id,
        state: 'failure',
        description: truncate(deps.redactor.redact(description), 140),
        logUrl: `${deps.ctx.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${deps.ctx.runId}`,
    });
}

// EXTERNAL MODULE: ./src/github/comments.ts
var comments = __webpack_require__(6645);
// EXTERNAL MODULE: ./src/prompts.ts
var prompts = __webpack_require__(6224);
;// CONCATENATED MODULE: ./src/rollback/explain.ts




/**
 * What changed between the good and the bad sha, and the PR that shipped it: context for the
 * explanation, read best-effort (an unavailable API leaves it out).
 */
async function gatherContext(scope, bad, target) {
    const commits = await compareCommits(scope, target.sha, bad.sha);
    const pull = await pullOfSha(scope, bad.sha);
    return { commits, pull };
}
async function compareCommits({ deps, octokit, repo }, base, head) {
    const res = await safely(deps, 'compare the good and bad sha', () => octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}` }));
    return (res?.data.commits ?? []).map((c) => ({
        sha: c.sha,
        message: (c.commit.message ?? '').split('\n')[0],
        author: c.author?.login ?? c.commit.author?.name ?? 'unknown',
    }));
}
async function pullOfSha({ deps, octokit, repo }, sha) {
    const res = await safely(deps, 'find the PR of the bad sha', () => octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha }));
    const pulls = res?.data ?? [];
    const p = pulls.find((x) => x.merged_at) ?? pulls[0];
    return p ? { number: p.number, title: p.title } : null;
}
/** The incident summary, then the incident issue (when configured). */
async function explain(scope, facts, useClient) {
    const incident = await incidentSummary(scope.deps, facts, useClient);
    const issue = await postIssue(scope, facts, incident);
    return { incident, issue };
}
/** The model's incident summary, or the template when the model is unavailable or uncited. */
async function incidentSummary(deps, facts, setClient) {
    const fallback = templatedIncident(facts);
    try {
        const client = deps.agentClient();
        setClient(client);
        const res = await client.complete({
            model: deps.settings.inputs.smallModel,
            system: (0,prompts/* loadPrompt */.h)('rollback'),
            prompt: incidentPrompt(facts),
            maxTokens: 800,
        });
        const text = res.text.trim();
        if (!text || !citesMeasurements(text, facts)) {
            deps.log.warning('The incident summary cites no measured value; posting the templated summary instead.');
            return fallback;
        }
        return deps.redactor.redact(text);
    }
    catch (err) {
        deps.log.warning(`Incident summary by the model unavailable (${deps.redactor.redact(err.message)}); posting the templated summary. The decision stands.`);
        return fallback;
    }
}
/** Opens (or, for the approval follow-up, comments on) the incident issue. Returns its number. */
async function postIssue({ deps, cfg, octokit, repo }, facts, incident) {
    if (!cfg.incidentIssue)
        return undefined;
    const marker = `<!-- pitcrew:rollback:${facts.deployment.id} -->`;
    const body = deps.redactor.redact(`${marker}\n${renderSummary(facts, incident)}`);
    // The lookup may fail where listing issues is unavailable; then a new issue is opened.
    const open = await safely(deps, 'list open incident issues', () => octokit.rest.issues.listForRepo({
        ...repo,
        labels: cfg.issueLabel,
        state: 'open',
        per_page: 100,
    }));
    return safely(deps, 'post the incident issue', async () => {
        const existing = open?.data.find((i) => i.body?.includes(marker));
        if (existing) {
            await (0,comments/* createComment */.eT)(octokit, {
                ...repo,
                issueNumber: existing.number,
                body: deps.redactor.redact(`**Update**: ${facts.action}\n\n${incident}`),
            });
            return existing.number;
        }
        const created = await octokit.rest.issues.create({
            ...repo,
            title: `pitcrew: deployment ${facts.deployment.id} (${facts.deployment.sha.slice(0, 7)}) to ${facts.environment}: ${facts.action.split(':')[0]}`.slice(0, 200),
            body,
            labels: [cfg.issueLabel],
        });
        return created.data.number;
    });
}
/** Tells the PR that shipped the bad sha that it was rolled back, and where the incident is. */
async function commentOnPull({ deps, octokit, repo }, pull, bad, incident, issue) {
    await safely(deps, 'comment on the PR', () => (0,comments/* createComment */.eT)(octokit, {
        ...repo,
        issueNumber: pull.number,
        body: deps.redactor.redact(`### pitcrew rolled back \`${bad.sha.slice(0, 7)}\` in ${bad.environment}\n\n${incident}${issue ? `\n\nIncident: #${issue}` : ''}`),
    }));
}

;// CONCATENATED MODULE: ./src/rollback/approval.ts


/**
 * Manual approval (docs/rollback.md, "Manual approval"): the watch job prepares the rollback and
 * stops; a follow-up job in a protected environment, approved by a person, performs it. These env
 * vars of the follow-up job name the deployment and the target the watch job prepared.
 */
const APPROVE_DEPLOYMENT_ENV = 'PITCREW_APPROVE_ROLLBACK_OF';
const APPROVE_TARGET_ENV = 'PITCREW_APPROVE_TARGET_SHA';
/**
 * The follow-up job acts only on the target a person approved: when the latest good deployment is
 * no longer that one, it refuses, as a failure (doing nothing must not look like success).
 * Null when the approved target still stands (or none was named).
 */
function refuseChangedTarget(env, bad, target, finish) {
    const want = env[APPROVE_TARGET_ENV]?.trim();
    if (!want || want === target.sha)
        return null;
    const message = `The approved rollback target ${want.slice(0, 7)} is no longer the latest good deployment before deployment ${bad.id} (now ${target.sha.slice(0, 7)}); not acting. Re-run the watch to prepare a new rollback.`;
    return finish('skipped', {
        reason: message,
        deploymentId: bad.id,
        guard: 'target-changed',
        approvedTargetSha: want,
        target: { deploymentId: target.id, sha: target.sha },
    }, `## pitcrew rollback: not done\n\n${message}`, message);
}
/** The follow-up job does not watch again: the decision was made by the watch job. */
function approvedAnalysis(bad) {
    return {
        decision: {
            kind: 'rollback',
            n: 0,
            metric: '',
            rule: 'critical',
            reason: `approved rollback of deployment ${bad.id} (prepared by the watch job)`,
        },
        metrics: [],
    };
}
/** The watch job's end under manual approval: explain, and name what the follow-up job needs. */
async function awaitApproval(scope, results, facts, base, bad, target) {
    facts.action = `awaiting approval: the follow-up job in the protected environment rolls back to ${target.sha.slice(0, 7)} (set ${APPROVE_DEPLOYMENT_ENV}=${bad.id}, ${APPROVE_TARGET_ENV}=${target.sha})`;
    const { incident } = await explain(scope, facts, results.useClient);
    return results.finish('awaiting-approval', {
        ...base,
        method: scope.cfg.method.type,
        approval: { deploymentId: bad.id, targetSha: target.sha },
    }, renderSummary(facts, incident));
}

// EXTERNAL MODULE: ./src/agent/types.ts
var types = __webpack_require__(16);
;// CONCATENATED MODULE: ./src/rollback/result.ts

function createResults(deps) {
    let client = null;
    const finish = (outcome, result, summary, failure) => ({
        mode: 'rollback',
        outcome,
        result: deps.redactor.redactDeep(result),
        usage: client ? client.usage() : (0,types/* emptyUsage */.l)(),
        stopReason: 'none',
        summary: deps.redactor.redact(summary),
        ...(failure ? { failure: deps.redactor.redact(failure) } : {}),
    });
    return {
        finish,
        skip: (message, extra = {}) => {
            deps.log.notice(message);
            return finish('skipped', { reason: message, ...extra }, `## pitcrew rollback: skipped\n\n${message}`);
        },
        useClient: (c) => {
            client = c;
        },
    };
}
/** The per-metric part of the result: values and verdicts per round, for outputs and the CLI. */
function metricsResult(analysis) {
    return analysis.metrics.map((m) => ({
        name: m.name,
        passes: m.passes,
        failures: m.failures,
        inconclusive: m.inconclusive,
        values: m.evaluations.map((e) => e.value ?? null),
        verdicts: m.evaluations.map((e) => e.verdict),
        wouldDecide: m.wouldDecide,
    }));
}
/**
 * The facts the explanation is built from and the base of the result, after the watch. Both are
 * filled in further as the run goes (the action taken, the commits, a changed target).
 */
function describeWatch(cfg, bad, target, analysis) {
    const facts = {
        environment: bad.environment,
        deployment: { id: bad.id, sha: bad.sha, createdAt: bad.createdAt },
        target: { id: target.id, sha: target.sha },
        metrics: cfg.metrics,
        analysis,
        action: '',
    };
    const base = {
        deploymentId: bad.id,
        sha: bad.sha,
        environment: bad.environment,
        decision: { ...analysis.decision },
        target: { deploymentId: target.id, sha: target.sha },
        metrics: metricsResult(analysis),
    };
    return { facts, base };
}

;// CONCATENATED MODULE: ./src/rollback/duration.ts
/**
 * Parses a Prometheus-style duration (`90s`, `5m`, `1h30m`, `2d`, `500ms`) or a bare number of
 * seconds into seconds. Throws `Invalid duration ...` naming the value.
 */
function parseDurationSeconds(text) {
    if (typeof text === 'number') {
        if (Number.isFinite(text) && text >= 0)
            return text;
    }
    else {
        const s = text.trim();
        if (/^\d+(\.\d+)?$/.test(s))
            return Number(s);
        const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;
        let total = 0;
        let matched = 0;
        let m;
        while ((m = re.exec(s))) {
            const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[m[2]];
            total += Number(m[1]) * unit;
            matched = re.lastIndex;
        }
        if (s.length > 0 && matched === s.length)
            return total;
    }
    throw new Error(`Invalid duration '${text}'. Expected a number of seconds or a duration like 30s, 5m, 1h30m.`);
}

;// CONCATENATED MODULE: ./src/rollback/providers/http-util.ts
/** Thrown inside providers and turned into an `error` measurement at their boundary. */
class ProviderError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ProviderError';
    }
}
/**
 * Reads a secret from the environment variable named in the config and registers it with the
 * Redactor before it is used anywhere, so no error message can carry it.
 */
function secretFromEnv(deps, name, key) {
    const value = deps.env[name];
    if (!value) {
        throw new ProviderError(`Environment variable '${name}' (${key}) is not set. Expected it to hold the secret, e.g. from \${{ secrets.X }}.`);
    }
    deps.redactor.add(value);
    return value;
}
/**
 * Expands `${NAME}` in configured header values from the environment (so tokens stay out of the
 * repository's config file) and registers each expanded value as a secret.
 */
function expandHeaders(deps, headers) {
    const out = {};
    for (const [k, v] of Object.entries(headers)) {
        out[k] = v.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name) => secretFromEnv(deps, name, `header ${k}`));
        if (out[k] !== v)
            deps.redactor.add(out[k]);
    }
    return out;
}
/**
 * One HTTP request with a timeout, combined with the caller's abort signal. Network failures and
 * timeouts become ProviderError; any HTTP status is returned for the provider to interpret.
 */
async function request(deps, url, init) {
    const timeout = AbortSignal.timeout(Math.max(1, init.timeoutSeconds * 1000));
    const signal = init.signal ? AbortSignal.any([timeout, init.signal]) : timeout;
    const doFetch = deps.fetch ?? fetch;
    let res;
    try {
        res = await doFetch(url, {
            method: init.method ?? 'GET',
            headers: init.headers,
            body: init.body,
            signal,
        });
    }
    catch (err) {
        const e = err;
        if (timeout.aborted)
            throw new ProviderError(`request to ${safeUrl(url)} timed out after ${init.timeoutSeconds}s`);
        const cause = e.cause?.code ?? e.cause?.message ?? e.message;
        throw new ProviderError(`request to ${safeUrl(url)} failed: ${cause}`);
    }
    let text;
    try {
        text = await res.text();
    }
    catch (err) {
        throw new ProviderError(`reading the response of ${safeUrl(url)} failed: ${err.message}`);
    }
    let json;
    try {
        json = text ? JSON.parse(text) : undefined;
    }
    catch {
        json = undefined;
    }
    return { status: res.status, text, json };
}
/** A URL for messages: without query string (queries may be long) or credentials. */
function safeUrl(url) {
    try {
        const u = new URL(url);
        return `${u.origin}${u.pathname}`;
    }
    catch {
        return url;
    }
}
/** Shortens a response body for an error message. */
function snippet(text, max = 200) {
    const t = text.replace(/\s+/g, ' ').trim();
    return t.length > max ? `${t.slice(0, max)}...` : t;
}
/** Parses a numeric sample the way Prometheus writes them ("NaN", "+Inf", "-Inf", "1e-3"). */
function parseSample(v) {
    if (typeof v === 'number')
        return v;
    if (typeof v !== 'string')
        return Number.NaN;
    if (v === '+Inf' || v === 'Inf')
        return Number.POSITIVE_INFINITY;
    if (v === '-Inf')
        return Number.NEGATIVE_INFINITY;
    const s = v.trim();
    return s === '' ? Number.NaN : Number(s);
}

;// CONCATENATED MODULE: ./src/rollback/providers/datadog.ts


/** `datadoghq.com` -> `https://api.datadoghq.com`; a full URL (tests, proxies) is used as given. */
function datadogBaseUrl(site) {
    if (/^https?:\/\//.test(site))
        return site.replace(/\/+$/, '');
    return `https://api.${site.replace(/^api\./, '')}`;
}
/**
 * Datadog metrics query API v1: `GET /api/v1/query?from&to&query` over the last `window`.
 *
 * The still-filling bucket: Datadog returns the current, incomplete rollup bucket last; its
 * value moves (a rate looks low, a count looks small) until the bucket closes. We drop every
 * point whose bucket [t, t + interval) has not ended by `to`; when the series carries no
 * `interval` we drop the last point whenever there are two or more. The measurement is the
 * newest complete, non-null point. Empty series or only nulls: no data. Several series: error.
 */
async function measureDatadog(deps, metric, cfg, at, signal) {
    const t = at.getTime();
    try {
        const window = parseDurationSeconds(cfg.window);
        const points = await query(deps, metric, cfg, t - window * 1000, t, signal);
        if (points === null)
            return { kind: 'noData', at: t, reason: 'empty series' };
        const last = points[points.length - 1];
        if (!last)
            return { kind: 'noData', at: t, reason: 'no complete non-null point in the window' };
        return { kind: 'value', at: t, value: last };
    }
    catch (err) {
        return { kind: 'error', at: t, error: deps.redactor.redact(err.message) };
    }
}
/** Complete points over [from, to) for the baseline comparison. */
async function baselineDatadog(deps, metric, cfg, from, to, signal) {
    try {
        const points = await query(deps, metric, cfg, from.getTime(), to.getTime(), signal);
        if (!points?.length)
            return { kind: 'noData', reason: 'no complete points in the baseline window' };
        return { kind: 'values', values: points };
    }
    catch (err) {
        return { kind: 'error', error: deps.redactor.redact(err.message) };
    }
}
async function query(deps, metric, cfg, fromMs, toMs, signal) {
    const headers = {
        accept: 'application/json',
        'DD-API-KEY': secretFromEnv(deps, cfg.apiKeyEnv, 'api-key-env'),
        'DD-APPLICATION-KEY': secretFromEnv(deps, cfg.appKeyEnv, 'app-key-env'),
    };
    const params = new URLSearchParams({
        from: String(Math.floor(fromMs / 1000)),
        to: String(Math.floor(toMs / 1000)),
        query: cfg.query,
    });
    const res = await request(deps, `${datadogBaseUrl(cfg.site)}/api/v1/query?${params}`, {
        headers,
        timeoutSeconds: cfg.timeoutSeconds,
        signal,
    });
    const body = (res.json ?? {});
    if (res.status < 200 || res.status >= 300 || body.status === 'error') {
        const what = body.errors?.join('; ') ?? body.error ?? (snippet(res.text) || 'empty body');
        throw new ProviderError(`Datadog HTTP ${res.status} for '${metric.name}': ${what}`);
    }
    const series = body.series ?? [];
    if (series.length === 0)
        return null;
    if (series.length > 1) {
        throw new ProviderError(`the query returned ${series.length} series (${series
            .slice(0, 3)
            .map((s) => s.scope ?? '?')
            .join(', ')}). Expected one: aggregate it, e.g. sum:metric{...}.`);
    }
    const s = series[0];
    let points = s.pointlist ?? [];
    if (s.interval && s.interval > 0) {
        points = points.filter(([ts]) => ts + s.interval * 1000 <= toMs);
    }
    else if (points.length >= 2) {
        points = points.slice(0, -1);
    }
    return points.flatMap(([, v]) => (v === null || v === undefined || Number.isNaN(v) ? [] : [v]));
}

;// CONCATENATED MODULE: ./src/rollback/providers/http.ts

/**
 * Any JSON endpoint. Non-2xx, invalid JSON, a path that walks into a non-object and a
 * non-numeric value are errors; a path that ends at a missing key, `null` or an empty array
 * element is no data. Numeric strings ("0.03") are accepted, as many APIs quote numbers.
 */
async function measureHttp(deps, metric, cfg, at, signal) {
    const t = at.getTime();
    try {
        const headers = { accept: 'application/json', ...expandHeaders(deps, cfg.headers) };
        const res = await request(deps, cfg.url, {
            method: cfg.method,
            headers,
            body: cfg.method === 'POST' ? cfg.body : undefined,
            timeoutSeconds: cfg.timeoutSeconds,
            signal,
        });
        if (res.status < 200 || res.status >= 300) {
            throw new ProviderError(`HTTP ${res.status} for '${metric.name}': ${snippet(res.text) || 'empty body'}`);
        }
        if (res.json === undefined) {
            throw new ProviderError(`the response of '${metric.name}' is not JSON: ${snippet(res.text) || 'empty body'}`);
        }
        const v = selectPath(res.json, cfg.jsonPath);
        if (v === undefined || v === null)
            return { kind: 'noData', at: t, reason: `nothing at '${cfg.jsonPath}'` };
        const num = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
        if (typeof v === 'string' && /^NaN$/i.test(v.trim()))
            return { kind: 'noData', at: t, reason: 'NaN' };
        if (Number.isNaN(num)) {
            throw new ProviderError(`the value at '${cfg.jsonPath}' is ${snippet(JSON.stringify(v), 80)}. Expected a number.`);
        }
        return { kind: 'value', at: t, value: num };
    }
    catch (err) {
        return { kind: 'error', at: t, error: deps.redactor.redact(err.message) };
    }
}
/**
 * Walks `data.items[0].value`, `[0].value`, `data["key.with.dots"]`. Returns undefined when a key
 * or index is missing; throws when the path itself is malformed or walks into a scalar.
 */
function selectPath(root, path) {
    const steps = parsePath(path);
    let cur = root;
    for (const step of steps) {
        if (cur === undefined || cur === null)
            return undefined;
        if (typeof step === 'number') {
            if (!Array.isArray(cur))
                throw new ProviderError(`'${path}': [${step}] applied to a non-array`);
            cur = cur[step < 0 ? cur.length + step : step];
        }
        else {
            if (typeof cur !== 'object' || Array.isArray(cur))
                throw new ProviderError(`'${path}': '.${step}' applied to a non-object`);
            cur = Object.prototype.hasOwnProperty.call(cur, step)
                ? cur[step]
                : undefined;
        }
    }
    return cur;
}
/** Parses a path once; exported so config validation can reject a bad path early. */
function parsePath(path) {
    const out = [];
    const re = /(?:^|\.)([A-Za-z_$][\w$-]*)|\[(-?\d+)\]|\["((?:[^"\\]|\\.)*)"\]/y;
    let m;
    let pos = 0;
    while (pos < path.length && (m = re.exec(path))) {
        out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3].replace(/\\(.)/g, '$1')));
        pos = re.lastIndex;
    }
    if (pos !== path.length || out.length === 0) {
        throw new ProviderError(`Invalid json-path '${path}' at position ${pos}. Expected a path like data.items[0].value or data["a.b"].`);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/rollback/providers/newrelic.ts

const GRAPHQL = `query ($accountId: Int!, $nrql: Nrql!) { actor { account(id: $accountId) { nrql(query: $nrql) { results } } } }`;
/** Keys NRQL adds to results that are timestamps, not the measured value. */
const TIME_KEYS = new Set(['beginTimeSeconds', 'endTimeSeconds', 'timestamp']);
/**
 * New Relic NerdGraph (POST GraphQL with an `API-Key` header), NRQL in a variable. The NRQL
 * carries its own time window (`SINCE 5 minutes ago`); the value is the first numeric field of
 * `results[0]`, timestamps skipped (or a nested `{ "percentile": { "95": x } }`'s first number).
 * GraphQL `errors`: error. Empty `results` or a null value: no data.
 */
async function measureNewRelic(deps, metric, cfg, at, signal) {
    const t = at.getTime();
    try {
        const accountId = Number(cfg.accountId);
        if (!Number.isInteger(accountId))
            throw new ProviderError(`Invalid account-id '${cfg.accountId}'. Expected a number.`);
        const res = await request(deps, cfg.endpoint, {
            method: 'POST',
            headers: {
                'content-type': 'application/json',
                'API-Key': secretFromEnv(deps, cfg.apiKeyEnv, 'api-key-env'),
            },
            body: JSON.stringify({ query: GRAPHQL, variables: { accountId, nrql: cfg.nrql } }),
            timeoutSeconds: cfg.timeoutSeconds,
            signal,
        });
        const body = (res.json ?? {});
        if (res.status < 200 || res.status >= 300 || body.errors?.length) {
            const what = body.errors?.map((e) => e.message).join('; ') || snippet(res.text) || 'empty body';
            throw new ProviderError(`New Relic HTTP ${res.status} for '${metric.name}': ${what}`);
        }
        const results = body.data?.actor?.account?.nrql?.results;
        if (!results?.length)
            return { kind: 'noData', at: t, reason: 'empty results' };
        const value = firstNumber(results[0]);
        if (value === null)
            return { kind: 'noData', at: t, reason: 'no numeric value in results[0]' };
        return { kind: 'value', at: t, value };
    }
    catch (err) {
        return { kind: 'error', at: t, error: deps.redactor.redact(err.message) };
    }
}
function firstNumber(v) {
    if (typeof v === 'number')
        return Number.isNaN(v) ? null : v;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const [k, x] of Object.entries(v)) {
            if (TIME_KEYS.has(k))
                continue;
            const n = firstNumber(x);
            if (n !== null)
                return n;
        }
    }
    return null;
}

;// CONCATENATED MODULE: ./src/rollback/providers/prometheus.ts


/**
 * Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`).
 *
 * Value policy (documented in docs/rollback.md):
 * - the query must yield ONE series (vector/matrix) or a scalar; more than one series is an
 *   error ("aggregate it, e.g. with sum()") rather than a silent pick;
 * - an empty result is no data; a `NaN` sample (0/0 on an idle service) is no data;
 *   `+Inf`/`-Inf` are real values and fail `max`/`min`;
 * - with `range` (a step), the measurement is a `query_range` over the last analysis interval
 *   and its value is the newest non-NaN sample; a matrix from an instant query is read the same;
 * - HTTP 400/422/503 and every other non-2xx, `status: error`, timeouts: error, quoting Prometheus's
 *   `errorType: error`; `warnings` are logged and do not change the value.
 */
async function measurePrometheus(deps, metric, cfg, at, signal) {
    const t = at.getTime();
    try {
        const atSec = t / 1000;
        const body = cfg.range
            ? await call(deps, metric, cfg, 'query_range', {
                query: cfg.query,
                start: String(atSec - Math.max(deps.lookbackSeconds, parseDurationSeconds(cfg.range))),
                end: String(atSec),
                step: String(parseDurationSeconds(cfg.range)),
            }, signal)
            : await call(deps, metric, cfg, 'query', { query: cfg.query, time: String(atSec) }, signal);
        const samples = samplesOf(body);
        if (samples === null)
            return { kind: 'noData', at: t, reason: 'empty result' };
        const finite = samples.filter(([, v]) => !Number.isNaN(parseSample(v)));
        const last = finite[finite.length - 1];
        if (!last)
            return { kind: 'noData', at: t, reason: 'only NaN samples (e.g. 0/0 with no traffic)' };
        return { kind: 'value', at: t, value: parseSample(last[1]) };
    }
    catch (err) {
        return { kind: 'error', at: t, error: deps.redactor.redact(err.message) };
    }
}
/** Pre-deploy samples for the baseline: a query_range over [from, to). */
async function baselinePrometheus(deps, metric, cfg, from, to, signal) {
    try {
        const step = cfg.range ? parseDurationSeconds(cfg.range) : Math.max(1, deps.lookbackSeconds);
        const body = await call(deps, metric, cfg, 'query_range', {
            query: cfg.query,
            start: String(from.getTime() / 1000),
            // query_range is inclusive of `end`; stop one step early so the deploy itself is excluded.
            end: String(to.getTime() / 1000 - step / 2),
            step: String(step),
        }, signal);
        const samples = samplesOf(body) ?? [];
        const values = samples.map(([, v]) => parseSample(v)).filter((v) => Number.isFinite(v));
        if (!values.length)
            return { kind: 'noData', reason: 'no samples in the baseline window' };
        return { kind: 'values', values };
    }
    catch (err) {
        return { kind: 'error', error: deps.redactor.redact(err.message) };
    }
}
async function call(deps, metric, cfg, endpoint, params, signal) {
    const headers = {
        accept: 'application/json',
        ...expandHeaders(deps, cfg.headers),
    };
    if (cfg.bearerTokenEnv) {
        headers.authorization = `Bearer ${secretFromEnv(deps, cfg.bearerTokenEnv, 'bearer-token-env')}`;
    }
    else if (cfg.basicAuthUserEnv || cfg.basicAuthPasswordEnv) {
        const user = cfg.basicAuthUserEnv
            ? secretFromEnv(deps, cfg.basicAuthUserEnv, 'basic-auth-user-env')
            : '';
        const pass = cfg.basicAuthPasswordEnv
            ? secretFromEnv(deps, cfg.basicAuthPasswordEnv, 'basic-auth-password-env')
            : '';
        const b64 = Buffer.from(`${user}:${pass}`).toString('base64');
        deps.redactor.add(b64);
        headers.authorization = `Basic ${b64}`;
    }
    const base = cfg.address.replace(/\/+$/, '');
    // POST with a form body: long PromQL does not hit URL length limits, and Prometheus accepts it.
    headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await request(deps, `${base}/api/v1/${endpoint}`, {
        method: 'POST',
        headers,
        body: new URLSearchParams(params).toString(),
        timeoutSeconds: cfg.timeoutSeconds,
        signal,
    });
    const body = (res.json ?? {});
    for (const w of body.warnings ?? [])
        deps.log.warning(`Prometheus warning for '${metric.name}': ${w}`);
    if (res.status < 200 || res.status >= 300 || body.status !== 'success') {
        const what = body.error
            ? `${body.errorType ?? 'error'}: ${body.error}`
            : snippet(res.text) || 'empty body';
        throw new ProviderError(`Prometheus HTTP ${res.status} for '${metric.name}': ${what}`);
    }
    return body;
}
/** The samples of the single series in a response; null when the result is empty. */
function samplesOf(body) {
    const type = body.data?.resultType;
    const result = body.data?.result;
    if (type === 'scalar')
        return [result];
    if (type === 'vector' || type === 'matrix') {
        const series = (result ?? []);
        if (series.length === 0)
            return null;
        if (series.length > 1) {
            const labels = series
                .slice(0, 3)
                .map((s) => JSON.stringify(s.metric ?? {}))
                .join(', ');
            throw new ProviderError(`the query returned ${series.length} series (${labels}${series.length > 3 ? ', ...' : ''}). Expected one: aggregate it, e.g. sum(...) or max(...).`);
        }
        const s = series[0];
        return type === 'vector' ? (s.value ? [s.value] : []) : (s.values ?? []);
    }
    throw new ProviderError(`unsupported resultType '${String(type)}'. Expected vector, matrix or scalar.`);
}

;// CONCATENATED MODULE: ./src/rollback/providers/index.ts




/**
 * The provider for every configured metric: dispatches on `metric.provider.type`. Baselines are
 * available for prometheus and datadog; for the others `baseline` answers with an error that
 * names the limitation (reported, never a silent pass).
 */
function createMetricProvider(deps) {
    return {
        measure(metric, at, signal) {
            const p = metric.provider;
            switch (p.type) {
                case 'prometheus':
                    return measurePrometheus(deps, metric, p, at, signal);
                case 'datadog':
                    return measureDatadog(deps, metric, p, at, signal);
                case 'http':
                    return measureHttp(deps, metric, p, at, signal);
                case 'newrelic':
                    return measureNewRelic(deps, metric, p, at, signal);
            }
        },
        async baseline(metric, from, to, signal) {
            const p = metric.provider;
            if (p.type === 'prometheus')
                return baselinePrometheus(deps, metric, p, from, to, signal);
            if (p.type === 'datadog')
                return baselineDatadog(deps, metric, p, from, to, signal);
            return {
                kind: 'error',
                error: `baseline comparison is not supported for provider '${p.type}'. Expected prometheus or datadog.`,
            };
        },
    };
}
/** Env var names a metric's provider needs; checked before the watch so a typo fails fast. */
function requiredEnv(metric) {
    const p = metric.provider;
    const fromHeaders = (h) => Object.values(h).flatMap((v) => [...v.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]));
    switch (p.type) {
        case 'prometheus':
            return [
                p.bearerTokenEnv,
                p.basicAuthUserEnv,
                p.basicAuthPasswordEnv,
                ...fromHeaders(p.headers),
            ].filter((x) => !!x);
        case 'datadog':
            return [p.apiKeyEnv, p.appKeyEnv];
        case 'http':
            return fromHeaders(p.headers);
        case 'newrelic':
            return [p.apiKeyEnv];
    }
}

;// CONCATENATED MODULE: ./src/rollback/runtime.ts

const realRuntime = {
    processSignals: true,
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (ms <= 0)
            return resolve();
        const onAbort = () => {
            clearTimeout(t);
            reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
        };
        const t = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
/** The provider the runtime brings (tests, the CLI), else the one the environment configures. */
function metricProvider(deps, cfg, rt) {
    return (rt.provider ??
        createMetricProvider({
            env: deps.env,
            redactor: deps.redactor,
            log: deps.log,
            lookbackSeconds: cfg.analysis.intervalSeconds,
        }));
}

;// CONCATENATED MODULE: ./src/rollback/watch.ts


/** The watch ends by the run's own ceiling, so there is always time left to report. */
function watchLimit(rt, timeoutMinutes) {
    return { deadline: rt.now() + timeoutMinutes * 60_000, timeoutMinutes };
}
/**
 * Measures every metric each interval and stops at the first decision. A watch that cannot finish
 * (the deadline of `timeout-minutes` comes first, or the runner cancels the step) ends early as
 * `inconclusive` with the measurements taken so far: partial evidence is reported, never a pass.
 */
async function watch(deps, cfg, metrics, provider, rt, bad, limit) {
    const { log } = deps;
    const a = cfg.analysis;
    const stop = new AbortController();
    const onSignal = (sig) => stop.abort(new Error(`the runner sent ${sig} (the step was cancelled or timed out)`));
    const signals = rt.processSignals ? ['SIGINT', 'SIGTERM'] : [];
    for (const sig of signals)
        process.on(sig, onSignal);
    const signal = rt.signal ? AbortSignal.any([rt.signal, stop.signal]) : stop.signal;
    const measurements = Object.fromEntries(metrics.map((m) => [m.name, []]));
    const baselines = {};
    let result = analyze({ analysis: a, metrics, measurements, baselines });
    const cut = (why) => {
        const n = result.decision.n;
        const reason = `watch ended after ${n} of ${a.count} measurements: ${why}; no evidence the deploy is healthy`;
        log.warning(`Inconclusive: ${reason}.`);
        return { ...result, decision: { kind: 'inconclusive', n, reason } };
    };
    const stopped = () => {
        const r = signal.reason;
        return r instanceof Error ? r.message : 'the watch was aborted';
    };
    const timedOut = `timeout-minutes (${limit.timeoutMinutes}) reached`;
    const planned = a.initialDelaySeconds * 1000 + (a.count - 1) * a.intervalSeconds * 1000;
    if (rt.now() + planned >= limit.deadline) {
        log.warning(`The watch (initial delay ${a.initialDelaySeconds}s + ${a.count} measurements every ${a.intervalSeconds}s) does not fit in timeout-minutes (${limit.timeoutMinutes}): it will end early, as inconclusive unless a rollback is decided before.`);
    }
    log.startGroup(`Watch ${metrics.length} metric(s): ${a.count} x ${a.intervalSeconds}s after ${a.initialDelaySeconds}s`);
    try {
        if (bad)
            await readBaselines(deps, metrics, provider, bad, baselines, signal);
        if (signal.aborted)
            return cut(stopped());
        if (a.initialDelaySeconds > 0) {
            if (rt.now() + a.initialDelaySeconds * 1000 >= limit.deadline)
                return cut(timedOut);
            if (!(await pause(rt, a.initialDelaySeconds * 1000, signal)))
                return cut(stopped());
        }
        const start = rt.now();
        for (let n = 1; n <= a.count; n++) {
            if (rt.now() >= limit.deadline)
                return cut(timedOut);
            const at = new Date(rt.now());
            const round = await Promise.all(metrics.map((m) => provider.measure(m, at, signal)));
            // A round interrupted by the stop is not evidence: its errors are ours, not the provider's.
            if (signal.aborted)
                return cut(stopped());
            round.forEach((r, i) => measurements[metrics[i].name].push(r));
            rt.onRound?.(n, at.getTime());
            result = analyze({ analysis: a, metrics, measurements, baselines });
            const line = result.metrics
                .map((m) => {
                const e = m.evaluations[n - 1];
                return `${m.name}=${e.value ?? e.kind} ${e.verdict}`;
            })
                .join(', ');
            log.info(`#${n}: ${line}`);
            if (result.decision.kind !== 'continue')
                return result;
            // Schedule against the start, not the previous round, so slow queries do not drift.
            const next = start + n * a.intervalSeconds * 1000;
            if (next >= limit.deadline)
                return cut(timedOut);
            if (!(await pause(rt, Math.max(0, next - rt.now()), signal)))
                return cut(stopped());
        }
        return result;
    }
    finally {
        for (const sig of signals)
            process.removeListener(sig, onSignal);
        log.endGroup();
    }
}
/** Sleeps; false when the stop signal ended the sleep (or had already fired). */
async function pause(rt, ms, signal) {
    if (signal.aborted)
        return false;
    try {
        await rt.sleep(ms, signal);
    }
    catch (err) {
        if (signal.aborted)
            return false;
        throw err;
    }
    return !signal.aborted;
}
/** The pre-deploy samples of every metric with a baseline (missing ones are noted, not fatal). */
async function readBaselines(deps, metrics, provider, bad, into, signal) {
    const deployedAt = new Date(bad.createdAt);
    for (const m of metrics.filter((x) => x.baseline)) {
        const from = new Date(deployedAt.getTime() - parseDurationSeconds(m.baseline.window) * 1000);
        const b = provider.baseline
            ? await provider.baseline(m, from, deployedAt, signal)
            : { kind: 'error', error: 'provider has no baseline' };
        if (b.kind === 'values') {
            into[m.name] = b.values;
            deps.log.info(`Baseline of '${m.name}': ${b.values.length} samples over ${m.baseline.window} before the deploy.`);
        }
        else {
            into[m.name] = [];
            deps.log.warning(`Baseline of '${m.name}' unavailable (${b.kind === 'noData' ? b.reason : b.error}); only its absolute condition applies.`);
        }
    }
}

;// CONCATENATED MODULE: ./src/rollback/local.ts




/** The watch and the decision on their own, for the CLI: nothing is read from GitHub or done. */
async function localAnalysis(deps, cfg, rt, local, limit, finish) {
    const provider = metricProvider(deps, cfg, rt);
    const deployment = {
        id: 0,
        sha: local.sha,
        ref: '',
        environment: local.environment,
        task: 'deploy',
        description: null,
        payload: {},
        creator: null,
        // Baselines are read from the window before this instant (default: now).
        createdAt: local.deployedAt ?? new Date(rt.now()).toISOString(),
    };
    const analysis = await watch(deps, cfg, cfg.metrics, provider, rt, deployment, limit);
    const decision = analysis.decision;
    const facts = {
        environment: local.environment,
        deployment: { id: 0, sha: local.sha, createdAt: deployment.createdAt },
        target: null,
        metrics: cfg.metrics,
        analysis,
        action: decision.kind === 'rollback'
            ? `local dry run: would roll back with ${cfg.method.type}; nothing done`
            : 'none (local dry run)',
    };
    const outcome = decision.kind === 'rollback'
        ? 'would-roll-back'
        : decision.kind === 'healthy'
            ? 'healthy'
            : 'inconclusive';
    return finish(outcome, {
        sha: local.sha,
        environment: local.environment,
        local: true,
        decision: { ...decision },
        method: cfg.method.type,
        metrics: metricsResult(analysis),
    }, renderSummary(facts));
}

;// CONCATENATED MODULE: ./src/rollback/recovery.ts

/**
 * After a rollback, watches the metrics again for `confirm-recovery-seconds`, on their absolute
 * conditions only (no baseline). Reported, never acted on; undefined when disabled.
 */
async function confirmRecovery(deps, cfg, provider, rt, limit) {
    if (!(cfg.confirmRecoverySeconds > 0))
        return undefined;
    const rounds = Math.max(1, Math.ceil(cfg.confirmRecoverySeconds / cfg.analysis.intervalSeconds));
    const rec = await watch(deps, 
    // The first check one interval after the rollback, as the watch's initial delay.
    {
        ...cfg,
        analysis: {
            ...cfg.analysis,
            initialDelaySeconds: cfg.analysis.intervalSeconds,
            count: rounds,
        },
    }, cfg.metrics.map((m) => ({ ...m, baseline: undefined })), provider, rt, null, limit);
    const recovery = {
        decision: rec.decision.kind,
        detail: rec.decision.kind === 'healthy'
            ? `metrics back within bounds over ${rounds} measurements`
            : 'reason' in rec.decision
                ? rec.decision.reason
                : '',
    };
    deps.log.info(`Recovery check: ${recovery.decision} (${recovery.detail})`);
    return recovery;
}

// EXTERNAL MODULE: ./src/config/types.ts
var config_types = __webpack_require__(2143);
;// CONCATENATED MODULE: ./src/rollback/select.ts

/**
 * Which deployment rollback mode watches (or, for an approved rollback, acts on). Pure.
 *
 * Precedence, most specific first (docs/rollback-analysis.md, "Which deployment"):
 * 1. `PITCREW_APPROVE_ROLLBACK_OF`: the follow-up job of a manual approval names the deployment
 *    the watch job prepared the rollback of; nothing else may redirect an approved rollback.
 * 2. The event's deployment (`deployment_status`: the deployment that just succeeded). The
 *    repository's config is static, so a `rollback.deployment-id` in it cannot name the
 *    deployment each event is about: when both are set and differ, the event wins, with a
 *    warning.
 * 3. `rollback.deployment-id` from the config: an explicit id beats any lookup.
 * 4. The latest deployment of the environment (the event's, else `rollback.environment`).
 */
function chooseDeployment(opts) {
    const { approvedOf, eventDeploymentId, config } = opts;
    if (approvedOf) {
        const id = Number(approvedOf);
        if (!Number.isInteger(id) || id < 1) {
            throw new config_types/* ConfigError */.x(`Invalid PITCREW_APPROVE_ROLLBACK_OF '${approvedOf}'. Expected a deployment id (a number).`);
        }
        return { kind: 'id', id, source: 'approval' };
    }
    if (eventDeploymentId !== undefined) {
        const warning = config.deploymentId !== undefined && config.deploymentId !== eventDeploymentId
            ? `rollback.deployment-id ${config.deploymentId} is ignored: the event names deployment ${eventDeploymentId}, the one that just succeeded.`
            : undefined;
        return { kind: 'id', id: eventDeploymentId, source: 'event', ...(warning ? { warning } : {}) };
    }
    if (config.deploymentId !== undefined)
        return { kind: 'id', id: config.deploymentId, source: 'config' };
    const environment = opts.eventEnvironment ?? config.environment;
    return environment ? { kind: 'latest', environment } : { kind: 'none' };
}

;// CONCATENATED MODULE: ./src/rollback/resolve.ts




/**
 * Which deployment to watch, whether it may be rolled back at all (loop guards) and to what: all
 * that would make the watch pointless is found before the watch is spent.
 */
async function resolveDeployment({ deps, cfg, octokit, repo }) {
    const { log } = deps;
    log.startGroup('Resolve the deployment');
    const approvedOf = deps.env[APPROVE_DEPLOYMENT_ENV]?.trim();
    const pick = chooseDeployment({
        approvedOf,
        eventDeploymentId: deps.route.deploymentId,
        eventEnvironment: deps.route.environment,
        config: cfg,
    });
    if (pick.warning)
        log.warning(pick.warning);
    let bad;
    if (pick.kind === 'id') {
        bad = await getDeployment(octokit, { ...repo, deploymentId: pick.id });
    }
    else if (pick.kind === 'latest') {
        bad = (await listDeployments(octokit, { ...repo, environment: pick.environment, max: 1 }))[0];
    }
    log.endGroup();
    if (!bad) {
        return {
            kind: 'skip',
            message: pick.kind === 'latest'
                ? `No deployment found in environment '${pick.environment}': nothing to watch.`
                : 'No deployment to watch: the event names none and rollback.environment / rollback.deployment-id are not set.',
        };
    }
    // The metrics, thresholds and method are configured for `rollback.environment`: a deployment
    // to another environment (a preview, staging) must not be judged by them, let alone be acted on.
    if (cfg.environment && bad.environment !== cfg.environment) {
        return {
            kind: 'skip',
            message: `Deployment ${bad.id} is to '${bad.environment}', but rollback.environment is '${cfg.environment}': pitcrew watches only that environment, so it does nothing here.`,
            extra: { deploymentId: bad.id, guard: 'other-environment' },
        };
    }
    log.info(`Watching deployment ${bad.id} of ${bad.sha.slice(0, 7)} in '${bad.environment}'.`);
    const guard = await readGuardState(octokit, repo, bad);
    if (!guard.guard.ok) {
        return {
            kind: 'skip',
            message: guard.guard.message,
            extra: { deploymentId: bad.id, guard: guard.guard.reason },
        };
    }
    const target = await findTarget(octokit, repo, bad, guard.deployments);
    if (!target) {
        return {
            kind: 'skip',
            message: `No earlier successful deployment of a different sha in '${bad.environment}' before deployment ${bad.id}: there is nothing to roll back to, so pitcrew does not watch or act.`,
            extra: { deploymentId: bad.id, guard: 'no-target' },
        };
    }
    log.info(`Rollback target if needed: deployment ${target.id} of ${target.sha.slice(0, 7)}.`);
    return { kind: 'watch', bad, target, approvedOf };
}

;// CONCATENATED MODULE: ./src/rollback/validate.ts




/** Throws a ConfigError for what would otherwise fail every measurement the same way. */
function validateRollbackConfig(cfg, env) {
    if (!cfg.metrics.length)
        throw new config_types/* ConfigError */.x(`Invalid rollback.metrics '[]'. Expected at least one metric to watch.`);
    if (cfg.analysis.intervalSeconds <= 0 || cfg.analysis.count < 1) {
        throw new config_types/* ConfigError */.x(`Invalid rollback.analysis interval ${cfg.analysis.intervalSeconds}s / count ${cfg.analysis.count}. Expected interval > 0 and count >= 1.`);
    }
    for (const m of cfg.metrics) {
        if (m.condition.expr !== undefined) {
            try {
                compileExpr(m.condition.expr);
            }
            catch (err) {
                throw new config_types/* ConfigError */.x(`rollback.metrics '${m.name}'.condition.expr: ${err.message}`);
            }
        }
        const missing = requiredEnv(m).filter((n) => !env[n]);
        if (missing.length) {
            throw new config_types/* ConfigError */.x(`rollback.metrics '${m.name}' needs environment variable(s) ${missing.map((n) => `'${n}'`).join(', ')}, which are not set. Expected them in the step's env, e.g. from secrets.`);
        }
        if (m.baseline)
            parseDurationSeconds(m.baseline.window);
    }
}

;// CONCATENATED MODULE: ./src/rollback/index.ts












/**
 * Rollback mode: watch the configured metrics after a deployment, decide in code (analysis.ts),
 * roll back with the configured method behind GitHub-state loop guards, and explain it.
 */
async function runRollback(deps, runtimeOverrides = {}) {
    const rt = { ...realRuntime, ...runtimeOverrides };
    const cfg = deps.settings.config.rollback;
    const { log } = deps;
    validateRollbackConfig(cfg, deps.env);
    const limit = watchLimit(rt, deps.settings.inputs.timeoutMinutes);
    const results = createResults(deps);
    if (rt.local)
        return localAnalysis(deps, cfg, rt, rt.local, limit, results.finish);
    const octokit = deps.octokit;
    if (!octokit)
        return results.skip('No GitHub token: rollback mode reads and writes deployments, so it cannot run without one.');
    const scope = {
        deps,
        cfg,
        octokit,
        repo: { owner: deps.ctx.owner, repo: deps.ctx.repo },
    };
    // 1. Which deployment; 2. loop guards and target, before spending the watch.
    const resolved = await resolveDeployment(scope);
    if (resolved.kind === 'skip')
        return results.skip(resolved.message, resolved.extra);
    const { bad, target, approvedOf } = resolved;
    const provider = metricProvider(deps, cfg, rt);
    // 3. Watch (skipped for an approved, prepared rollback: the decision was made by the watch job).
    let analysis;
    if (approvedOf) {
        const refused = refuseChangedTarget(deps.env, bad, target, results.finish);
        if (refused)
            return refused;
        analysis = approvedAnalysis(bad);
    }
    else {
        analysis = await watch(deps, cfg, cfg.metrics, provider, rt, bad, limit);
    }
    const decision = analysis.decision;
    const { facts, base } = describeWatch(cfg, bad, target, analysis);
    if (decision.kind !== 'rollback') {
        facts.action =
            decision.kind === 'healthy'
                ? 'none: the deployment is healthy'
                : 'none: inconclusive, no rollback';
        if (decision.kind === 'inconclusive')
            log.warning(`Inconclusive: ${decision.reason}. Not rolling back.`);
        else
            log.info(`Healthy: ${'reason' in decision ? decision.reason : 'no decision'}.`);
        return results.finish(decision.kind === 'healthy' ? 'healthy' : 'inconclusive', base, renderSummary(facts));
    }
    // 4. A rollback is due.
    log.warning(`Roll back: ${decision.reason}`);
    const context = await gatherContext(scope, bad, target);
    facts.commits = context.commits;
    facts.pull = context.pull;
    if (deps.settings.inputs.dryRun) {
        facts.action = `dry run: would roll back to deployment ${target.id} (${target.sha.slice(0, 7)}) with ${cfg.method.type}; nothing written`;
        return results.finish('would-roll-back', { ...base, method: cfg.method.type }, renderSummary(facts, templatedIncident(facts)), 
        // fail-on-rollback covers a rollback that would be done: a dry run shows red as the real one would.
        cfg.failOnRollback
            ? `Dry run: deployment ${bad.id} would have been rolled back: ${decision.reason}`
            : undefined);
    }
    if (cfg.approval === 'manual' && !approvedOf)
        return awaitApproval(scope, results, facts, base, bad, target);
    // Act: guards re-checked (another run may have acted while we watched), then the method.
    const acted = await act(scope, rt, bad, target, decision, facts);
    if (acted.kind === 'refused')
        return results.skip(acted.message, { ...base, guard: acted.guard });
    base.target = { deploymentId: acted.target.id, sha: acted.target.sha };
    const { method } = acted;
    const result = {
        ...base,
        method: cfg.method.type,
        commands: method.commands,
        rollbackDeploymentId: method.rollbackDeployment?.id ?? null,
        ...(method.recordError ? { recordError: method.recordError } : {}),
    };
    if (acted.kind === 'failed') {
        const { incident } = await explain(scope, facts, results.useClient);
        // No rollback happened: never claim one. The step fails whatever fail-on-rollback says.
        return results.finish('would-roll-back', { ...result, rollbackError: method.details }, renderSummary(facts, incident), `Rollback of deployment ${bad.id} failed: ${method.details}`);
    }
    // 5. Confirm recovery (reported, never acted on).
    const recovery = await confirmRecovery(deps, cfg, provider, rt, limit);
    if (recovery)
        facts.recovery = recovery;
    // 6. Explain.
    const { incident, issue } = await explain(scope, facts, results.useClient);
    if (facts.pull)
        await commentOnPull(scope, facts.pull, bad, incident, issue);
    return results.finish('rolled-back', {
        ...result,
        recovery: facts.recovery ?? null,
        issue: issue ?? null,
        pull: facts.pull?.number ?? null,
    }, renderSummary(facts, incident), acted.unrecorded ??
        (cfg.failOnRollback ? `Deployment ${bad.id} was rolled back: ${decision.reason}` : undefined));
}


/***/ })

};
