export const id = 528;
export const ids = [528];
export const modules = {

/***/ 83911:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C7: () => (/* binding */ formatElapsed),
/* harmony export */   tI: () => (/* binding */ startHeartbeat)
/* harmony export */ });
/* unused harmony export DEFAULT_HEARTBEAT_MS */
/** At least this often a long wait says it is still going (PITCREW_HEARTBEAT_MS in tests). */
const DEFAULT_HEARTBEAT_MS = 30_000;
/** A shorter interval would flood the log. */
const MIN_HEARTBEAT_MS = 10;
/**
 * Logs `line(elapsedMs)` every `everyMs` until the returned stop is called. The timer does not
 * keep the process alive.
 */
function startHeartbeat(log, everyMs, line) {
    const started = Date.now();
    const timer = setInterval(() => log.info(line(Date.now() - started)), Math.max(MIN_HEARTBEAT_MS, everyMs ?? DEFAULT_HEARTBEAT_MS));
    timer.unref();
    return () => clearInterval(timer);
}
/** `95s` as `1m 35s`, for heartbeat lines. */
function formatElapsed(ms) {
    const s = Math.floor(ms / 1000);
    return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${s % 60}s`;
}


/***/ }),

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

/***/ 85528:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  APPROVE_DEPLOYMENT_ENV: () => (/* reexport */ APPROVE_DEPLOYMENT_ENV),
  APPROVE_TARGET_ENV: () => (/* reexport */ APPROVE_TARGET_ENV),
  runRollback: () => (/* binding */ runRollback)
});

// EXTERNAL MODULE: ./src/github/idempotent.ts
var idempotent = __webpack_require__(97636);
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
async function createDeployment(octokit, opts, extra = {}) {
    const res = await octokit.rest.repos.createDeployment({
        ...extra,
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
    return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}\u2026`;
}
/** Adds a status to a deployment (description cut to GitHub's 140-character limit). */
async function createDeploymentStatus(octokit, opts, extra = {}) {
    const res = await octokit.rest.repos.createDeploymentStatus({
        ...extra,
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
/**
 * Non-idempotent writes go out once per call: the Octokit retry plugin would resend a POST whose
 * answer was lost (a second deployment is a second rollback), so only `writeOnce` decides.
 */
const NO_BLIND_RETRY = { request: { retries: 0 } };
/**
 * Creates a deployment at most once in effect. `isOurs` is its key (e.g. `payload.pitcrew`): after
 * an unknown outcome the deployments of that environment and ref are looked up, and the write is
 * sent again only when none of them is ours. A deploy workflow listening to `deployment` events
 * acts on each one, so two would mean two deploys.
 */
async function createDeploymentOnce(octokit, opts, key) {
    return (0,idempotent/* writeOnce */.Fq)({
        what: `the deployment of ${opts.ref.slice(0, 12)} to '${opts.environment}'`,
        log: key.log,
        delayMs: key.delayMs,
        create: () => createDeployment(octokit, opts, NO_BLIND_RETRY),
        find: async () => (await listDeployments(octokit, {
            owner: opts.owner,
            repo: opts.repo,
            environment: opts.environment,
            sha: opts.ref,
            max: 100,
        })).find(key.isOurs),
    });
}
/**
 * Adds a status at most once in effect: after an unknown outcome the deployment's statuses are
 * read, and one that `matches` (default: the same state) counts as this write.
 */
async function createDeploymentStatusOnce(octokit, opts, key) {
    const matches = key.matches ?? ((s) => s.state === opts.state);
    return (0,idempotent/* writeOnce */.Fq)({
        what: `the '${opts.state}' status of deployment ${opts.deploymentId}`,
        log: key.log,
        delayMs: key.delayMs,
        create: () => createDeploymentStatus(octokit, opts, NO_BLIND_RETRY),
        find: async () => (await listDeploymentStatuses(octokit, {
            owner: opts.owner,
            repo: opts.repo,
            deploymentId: opts.deploymentId,
        })).find(matches),
    });
}

// EXTERNAL MODULE: ./src/github/errors.ts
var errors = __webpack_require__(73116);
// EXTERNAL MODULE: ./src/safety/command.ts
var safety_command = __webpack_require__(33867);
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
            const { deployment: rollbackDeployment, statusError } = await recordRollback(method.type, ctx);
            return {
                ok: true,
                details: `${method.type} rolled back; recorded as deployment ${rollbackDeployment.id} of ${ctx.target.sha.slice(0, 7)}`,
                commands,
                rollbackDeployment,
                ...(statusError ? { statusError } : {}),
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
    // For github-deployment the deployment IS the rollback: once it exists (its creation is
    // confirmed), the rollback happened, whatever becomes of its statuses.
    const { deployment: rollbackDeployment, statusError } = await recordRollback(method.type, ctx);
    return {
        ok: true,
        details: `created deployment ${rollbackDeployment.id} of ${ctx.target.sha.slice(0, 7)} in '${ctx.bad.environment}'`,
        commands,
        rollbackDeployment,
        ...(statusError ? { statusError } : {}),
    };
}
/** The payload key of a rollback deployment: the deployment it rolls back, and the run. */
function rollbackPayload(ctx, reason, methodType) {
    const short = reason.length > 300 ? `${reason.slice(0, 297)}...` : reason;
    return {
        pitcrew: {
            rollback_of: ctx.bad.id,
            run: ctx.runId,
            reason: ctx.redactor.redact(short),
            method: methodType,
        },
    };
}
/** The statuses a rollback deployment is given, in order; a rerun completes the missing ones. */
function rollbackStatuses(badId, targetSha, methodType) {
    return [
        { state: 'in_progress', description: `Rolling back deployment ${badId}` },
        { state: 'success', description: `Rolled back to ${targetSha.slice(0, 7)} (${methodType})` },
    ];
}
/**
 * Records the rollback as a deployment of the target sha whose payload names the bad deployment
 * (the key: never two for one bad deployment, even when GitHub's answer is lost), then its
 * statuses, each once. Throws only when the deployment itself was not created.
 */
async function recordRollback(methodType, ctx) {
    const repo = { owner: ctx.owner, repo: ctx.repo };
    const { value: dep } = await createDeploymentOnce(ctx.octokit, {
        ...repo,
        ref: ctx.target.sha,
        environment: ctx.bad.environment,
        task: 'deploy',
        description: `pitcrew rollback of deployment ${ctx.bad.id}`,
        payload: rollbackPayload(ctx, ctx.reason, methodType),
    }, 
    // Any rollback deployment of this bad one counts, whichever run wrote it: a second one would
    // be a second rollback.
    { ...ctx.once, isOurs: (d) => rollbackOf(d) === ctx.bad.id });
    try {
        for (const s of rollbackStatuses(ctx.bad.id, ctx.target.sha, methodType)) {
            await createDeploymentStatusOnce(ctx.octokit, { ...repo, deploymentId: dep.id, ...s }, { ...ctx.once });
        }
    }
    catch (err) {
        return { deployment: dep, statusError: ctx.redactor.redact((0,errors/* errorMessage */.gJ)(err)) };
    }
    return { deployment: dep };
}
function lastLines(text, n = 5) {
    return text.split('\n').slice(-n).join(' | ');
}

// EXTERNAL MODULE: ./src/github/comments.ts
var comments = __webpack_require__(66645);
;// CONCATENATED MODULE: ./src/github/issues.ts
/**
 * Issues pitcrew opens (rollback's incident issue): one per key. The key is a marker in the body
 * (e.g. `<!-- pitcrew:rollback:<deployment id> -->`) on an issue by pitcrew's token, so a rerun
 * finds the issue an earlier run opened and a create whose answer is lost is not repeated.
 */


/**
 * The issue (open or closed, newest first) whose body carries `marker`, written by pitcrew's
 * token; pull requests are skipped. Searches `maxPages` pages of 100.
 */
async function findIssue(octokit, opts) {
    if (!opts.marker)
        throw new Error(`Invalid marker ''. Expected a non-empty string such as <!-- pitcrew:rollback:42 -->.`);
    const trusted = opts.trusted ?? (0,comments/* tokenAuthorCheck */.ZZ)(octokit);
    const maxPages = opts.maxPages ?? 10;
    let pageCount = 0;
    const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
        owner: opts.owner,
        repo: opts.repo,
        state: 'all',
        sort: 'created',
        direction: 'desc',
        per_page: 100,
    });
    for await (const page of pages) {
        for (const i of page.data) {
            if (i.pull_request)
                continue;
            const author = { login: i.user?.login ?? null, type: i.user?.type ?? null };
            if (i.body?.includes(opts.marker) && (await trusted(author))) {
                return {
                    number: i.number,
                    url: i.html_url,
                    labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
                };
            }
        }
        if (++pageCount >= maxPages)
            break;
    }
    return undefined;
}
/**
 * Opens the issue for `marker` unless it exists (`created: false` then, nothing is written).
 * The create is sent once: when its answer is lost (5xx, dropped connection, timeout), the
 * issue is looked up by the marker before it is sent again.
 */
async function createIssueOnce(octokit, spec) {
    if (!spec.body.includes(spec.marker)) {
        throw new Error(`Invalid issue body: it does not contain the marker '${spec.marker}'. Expected the marker inside the body, so a rerun finds the issue.`);
    }
    const trusted = spec.trusted ?? (0,comments/* tokenAuthorCheck */.ZZ)(octokit);
    const existing = await findIssue(octokit, { ...spec, trusted });
    if (existing)
        return { ...existing, created: false };
    const res = await (0,idempotent/* writeOnceOn */.ay)(octokit, {
        what: `the issue '${spec.title.slice(0, 80)}'`,
        create: async () => {
            const res = await octokit.rest.issues.create({
                owner: spec.owner,
                repo: spec.repo,
                title: spec.title,
                body: spec.body,
                ...(spec.labels?.length ? { labels: spec.labels } : {}),
            });
            return { number: res.data.number, url: res.data.html_url, labels: spec.labels ?? [] };
        },
        find: () => findIssue(octokit, { ...spec, trusted, maxPages: 1 }),
    });
    return { ...res.value, created: true };
}

// EXTERNAL MODULE: ./src/config/tuning.ts
var tuning = __webpack_require__(92401);
;// CONCATENATED MODULE: ./src/rollback/records.ts
/**
 * What a rollback leaves on GitHub besides the rollback itself: the statuses of the bad
 * deployment, the incident issue and its label, the comment on the pull request. Each write that
 * is not idempotent by nature carries its own key and goes through `writeOnce`: after a lost
 * answer it is looked up by that key and sent again only when it is not there, so a deploy
 * workflow, a subscriber to the issue or the PR's author sees it exactly once.
 *
 * A write that fails for good is not a warning: it is named in `NotDone`, the summary lists it
 * and the step fails, and a rerun completes it (see complete.ts).
 */





/** The step's failure for a rollback that happened but is not fully recorded. */
function notDoneFailure(badId, notDone) {
    return `Deployment ${badId} was rolled back, but not everything was recorded: ${notDone.join('; ')}. Re-run the job: it completes what is missing without rolling back again.`;
}
/** The writes' retry timing: GitHub's unit (1 s), or the one the tests and the demo tune. */
function onceOptions(deps) {
    let unit;
    try {
        unit = (0,tuning/* readTuning */.m)(deps.env).githubRetryUnitMs;
    }
    catch {
        unit = undefined; // a bad value was already refused when the run started
    }
    return { log: deps.log, ...(unit !== undefined ? { delayMs: unit } : {}) };
}
/** The link to this run, for statuses and the incident issue. */
function runUrl({ deps, repo }) {
    return `${deps.ctx.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${deps.ctx.runId}`;
}
/** GitHub's message for a failed write, redacted, one line. */
function why(deps, err) {
    return deps.redactor.redact((0,errors/* errorMessage */.gJ)(err)).replace(/\s+/g, ' ').slice(0, 300);
}
/**
 * A `failure` status on the bad deployment, written once: after a lost answer a status with the
 * same state and description counts (a `failure` the deploy workflow wrote itself does not).
 */
async function markBad(scope, badId, description) {
    const { deps, octokit, repo } = scope;
    const text = truncate(deps.redactor.redact(description), 140);
    await createDeploymentStatusOnce(octokit, { ...repo, deploymentId: badId, state: 'failure', description: text, logUrl: runUrl(scope) }, {
        ...onceOptions(deps),
        matches: (s) => s.state === 'failure' && s.description === text,
    });
}
/** The hidden key of the incident issue of deployment `badId`, in its body. */
const incidentMarker = (badId) => `<!-- pitcrew:rollback:${badId} -->`;
/** Issues looked at for the key, newest first: an incident issue is opened after its deploy. */
const ISSUE_PAGES = 5;
/**
 * Opens the incident issue once (key: the marker in its body), or, when one exists (the
 * approval follow-up, a rerun), comments `update` on it once (key: `updateKey`), then makes sure
 * it carries the label. Returns its number; every write that failed for good is added to
 * `notDone` instead of being thrown.
 */
async function ensureIncidentIssue(scope, opts, notDone, 
/** Told each write this call made, for the summary of a rerun that completes records. */
done = () => undefined) {
    const { deps, cfg, octokit, repo } = scope;
    const marker = incidentMarker(opts.badId);
    let issue;
    let existed;
    try {
        // An issue of pitcrew's holding the marker, open or closed (a closed one was handled: it is
        // not opened again); not looked up by label, which may be the missing part. Opened without
        // labels: the label is its own write below, so a label GitHub refuses does not cost the
        // issue, and a rerun adds the label to the issue it finds.
        const made = await createIssueOnce(octokit, {
            ...repo,
            title: truncate(deps.redactor.redact(opts.title), 200),
            body: deps.redactor.redact(`${marker}\n${opts.body}`),
            marker,
            maxPages: ISSUE_PAGES,
        });
        issue = made;
        existed = !made.created;
        if (made.created) {
            deps.log.info(`Incident issue: #${issue.number}.`);
            done(`the incident issue #${issue.number}`);
        }
    }
    catch (err) {
        notDone.push(`the incident issue was not opened (${why(deps, err)})`);
        return undefined;
    }
    if (existed && opts.update) {
        const key = `<!-- pitcrew:rollback-update:${opts.badId}:${opts.update.key} -->`;
        try {
            const c = await commentOnce(scope, issue.number, key, opts.update.body);
            if (c.posted)
                done(`the update on incident issue #${issue.number}`);
        }
        catch (err) {
            notDone.push(`the update on incident issue #${issue.number} was not posted (${why(deps, err)})`);
        }
    }
    if (!issue.labels.some((l) => l.toLowerCase() === cfg.issueLabel.toLowerCase())) {
        try {
            // Adding a label is idempotent by nature: a retry of a lost answer adds nothing twice.
            await octokit.rest.issues.addLabels({
                ...repo,
                issue_number: issue.number,
                labels: [cfg.issueLabel],
            });
            done(`the label '${cfg.issueLabel}' on incident issue #${issue.number}`);
        }
        catch (err) {
            notDone.push(`the label '${cfg.issueLabel}' was not added to incident issue #${issue.number} (${why(deps, err)})`);
        }
    }
    return issue.number;
}
/**
 * Posts a comment once: `key` (a hidden marker) goes into the body, and after a lost answer a
 * comment of pitcrew's holding it counts as this one. An existing one is not posted again.
 */
async function commentOnce({ deps, octokit, repo }, issueNumber, key, body) {
    const before = await (0,comments/* findComment */.h1)(octokit, { ...repo, issueNumber, marker: key });
    if (before)
        return { id: before.id, posted: false };
    const made = await (0,comments/* createComment */.eT)(octokit, {
        ...repo,
        issueNumber,
        marker: key,
        body: deps.redactor.redact(`${key}\n${body}`),
    });
    return { id: made.id, posted: true };
}
/** The hidden key of the comment telling the PR of the bad sha about the rollback. */
const pullCommentMarker = (badId) => `<!-- pitcrew:rollback-pr:${badId} -->`;

// EXTERNAL MODULE: ./src/rollback/analysis.ts + 1 modules
var analysis = __webpack_require__(55965);
;// CONCATENATED MODULE: ./src/rollback/report.ts

const VERDICT_ICON = {
    pass: '\u2705 pass',
    fail: '\u274c fail',
    inconclusive: '\u2754 inconclusive',
    ignored: '\u2796 ignored',
};
/**
 * A measurement as a person reads it: the number, `+\u221e`/`-\u221e` for infinities (kept apart from any
 * bound), or what happened instead of a value: never an internal name such as `noData`.
 */
function valueText(e) {
    if (e.value !== undefined) {
        if (e.value === Number.POSITIVE_INFINITY)
            return '+\u221e';
        if (e.value === Number.NEGATIVE_INFINITY)
            return '-\u221e';
        if (Number.isNaN(e.value))
            return 'not a number';
        return (0,analysis/* fmt */.Sc)(e.value);
    }
    return e.kind === 'noData' ? 'no data' : e.kind === 'error' ? 'provider error' : e.kind;
}
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
/** The baseline lines of a metric's chart: the pre-deploy median and the `max-ratio` level. */
function baselineLines(metric, report) {
    const check = report.evaluations.find((e) => e.baseline)?.baseline;
    if (!metric.baseline || !check || !Number.isFinite(check.beforeMedian))
        return [];
    const out = [{ label: 'baseline median', value: check.beforeMedian }];
    const r = metric.baseline.maxRatio;
    if (r !== undefined && r > 0) {
        const level = metric.baseline.direction === 'increase' ? check.beforeMedian * r : check.beforeMedian / r;
        out.push({
            label: `baseline median ${metric.baseline.direction === 'increase' ? '\u00d7' : '\u00f7'} max-ratio ${r}`,
            value: level,
        });
    }
    return out;
}
/**
 * A Mermaid xychart-beta of one metric: its values, its bounds and (for a baseline metric) the
 * baseline median and `max-ratio` level as flat lines. A line cannot have holes and the grammar
 * takes only plain numbers, so measurements without a value (no data, provider errors, NaN) are
 * left out and listed under the chart. +/-Inf are drawn in a band of their own, half the chart's
 * span beyond every finite value and bound, so an infinite value never sits on a bound line.
 * Returns '' when no measurement has a value.
 */
function mermaidChart(metric, report) {
    const evs = report.evaluations;
    const plotted = evs.filter((e) => e.value !== undefined && !Number.isNaN(e.value));
    const skipped = evs.filter((e) => !plotted.includes(e));
    const notes = [];
    if (skipped.length)
        notes.push(`_Not charted (no value): ${skipped.map((e) => `#${e.n} (${e.kind === 'value' ? 'not a number' : valueText(e)})`).join(', ')}; see the table._`);
    if (!plotted.length)
        return notes.join('\n\n');
    const finite = plotted.flatMap((e) => (Number.isFinite(e.value) ? [e.value] : []));
    const bounds = [
        ...(metric.condition.min !== undefined
            ? [{ label: `min ${(0,analysis/* fmt */.Sc)(metric.condition.min)}`, value: metric.condition.min }]
            : []),
        ...(metric.condition.max !== undefined
            ? [{ label: `max ${(0,analysis/* fmt */.Sc)(metric.condition.max)}`, value: metric.condition.max }]
            : []),
    ].filter((b) => Number.isFinite(b.value));
    const base = baselineLines(metric, report);
    const levels = [...bounds, ...base];
    const all = [...finite, ...levels.map((l) => l.value)];
    const lo = Math.min(0, ...all);
    const hiRaw = Math.max(lo, ...all);
    const span = hiRaw === lo ? 1 : hiRaw - lo;
    const plusInf = plotted.some((e) => e.value === Number.POSITIVE_INFINITY);
    const minusInf = plotted.some((e) => e.value === Number.NEGATIVE_INFINITY);
    const infHi = hiRaw + span * 0.5;
    const infLo = lo - span * 0.5;
    const hi = (plusInf ? infHi : hiRaw) + span * 0.1;
    const bottom = minusInf ? infLo - span * 0.1 : lo;
    const ys = plotted.map((e) => Number.isFinite(e.value) ? e.value : e.value > 0 ? infHi : infLo);
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
        `  y-axis "value" ${mermaidNumber(bottom)} --> ${mermaidNumber(hi)}`,
        `  line ${series(ys)}`,
        ...levels.map((b) => `  line ${series(plotted.map(() => b.value))}`),
        '```',
    ].join('\n');
    if (levels.length)
        notes.unshift(`_Lines, in order: the measured value; ${levels.map((l) => `${l.label} (${(0,analysis/* fmt */.Sc)(l.value)})`).join('; ')}._`);
    for (const e of plotted.filter((x) => !Number.isFinite(x.value))) {
        const up = e.value > 0;
        notes.push(`_#${e.n} is ${valueText(e)}: drawn at ${mermaidNumber(up ? infHi : infLo)}, in a band of its own ${up ? 'above' : 'below'} every finite value and bound; not a measured level._`);
    }
    return notes.length ? `${chart}\n\n${notes.join('\n\n')}` : chart;
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
        out.push(`**Triggering measurement**: \`${trig.metric.name}\` #${trig.ev.n} at ${at}: ${valueText(trig.ev)} (${trig.ev.reason})`);
    }
    out.push('');
    out.push(`**Action**: ${facts.action}`);
    if (facts.notDone?.length)
        out.push('', '**Not done** (the step fails; re-run the job to complete it, nothing is rolled back twice):', ...facts.notDone.map((n) => `- ${n}`));
    if (d.kind === 'inconclusive') {
        out.push('', '**What to check next**:', ...nextSteps(facts).map((x) => `- ${x}`));
    }
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
        out.push('', ...measurementTable(report, Boolean(metric.baseline)));
    }
    if (facts.recovery?.metrics?.length) {
        out.push('', `### Recovery check: ${facts.recovery.decision}`, '', `After the rollback, each metric against its absolute condition (no baseline): ${facts.recovery.detail}.`);
        for (const report of facts.recovery.metrics)
            out.push('', `\`${report.name}\``, '', ...measurementTable(report, false));
    }
    if (facts.commits?.length) {
        out.push('', `### Commits between \`${facts.target?.sha.slice(0, 7) ?? '?'}\` and \`${facts.deployment.sha.slice(0, 7)}\``, '');
        for (const c of facts.commits.slice(0, 50))
            out.push(`- \`${c.sha.slice(0, 7)}\` ${escapeCell(c.message)} (${c.author})`);
    }
    return out.join('\n');
}
/** The table of one metric's measurements; a baseline column for baseline metrics. */
function measurementTable(report, withBaseline) {
    const head = withBaseline
        ? ['| # | time (UTC) | value | vs baseline | verdict | why |', '|---|---|---|---|---|---|']
        : ['| # | time (UTC) | value | verdict | why |', '|---|---|---|---|---|'];
    return [
        ...head,
        ...report.evaluations.map((e) => {
            const cells = [
                String(e.n),
                new Date(e.at).toISOString().slice(11, 19),
                valueText(e),
                ...(withBaseline ? [baselineCell(e)] : []),
                VERDICT_ICON[e.verdict],
                escapeCell(e.reason),
            ];
            return `| ${cells.join(' | ')} |`;
        }),
    ];
}
/** The baseline comparison after one measurement, in words: medians, ratio, p. */
function baselineCell(e) {
    const b = e.baseline;
    if (!b)
        return '\u2014';
    return `median ${(0,analysis/* fmt */.Sc)(b.afterMedian)} vs ${(0,analysis/* fmt */.Sc)(b.beforeMedian)} before, ratio ${(0,analysis/* fmt */.Sc)(b.ratio)}, p=${b.p.toPrecision(3)}`;
}
/**
 * For an inconclusive result, what a person should look at before trusting or re-running the
 * watch, from what made it inconclusive: missing data, provider errors, the deadline, a
 * cancelled step, or a metric that never passed.
 */
function nextSteps(facts) {
    const d = facts.analysis.decision;
    if (d.kind !== 'inconclusive')
        return [];
    const out = [];
    const named = d.metric ? facts.analysis.metrics.filter((m) => m.name === d.metric) : [];
    const suspects = named.length ? named : facts.analysis.metrics.filter((m) => !m.dryRun);
    for (const m of suspects) {
        const noData = m.evaluations.filter((e) => e.kind === 'noData');
        const errors = m.evaluations.filter((e) => e.kind === 'error');
        if (noData.length)
            out.push(`\`${m.name}\` returned no data ${noData.length} time(s): check that its query matches this deployment's series (labels, environment, time range) and that the service received traffic; the \`no-data\` policy decides how it counts.`);
        if (errors.length)
            out.push(`\`${m.name}\`: the metrics provider failed ${errors.length} time(s) (last: ${escapeCell(errors.at(-1).reason)}): check its URL, credentials and that it is reachable from the runner.`);
        if (!noData.length && !errors.length && m.passes === 0 && m.evaluations.length)
            out.push(`\`${m.name}\` never passed: compare its values in the table with its condition; the deployment was neither proven healthy nor rolled back.`);
    }
    if (/timeout-minutes/.test(d.reason))
        out.push('The watch did not fit in `timeout-minutes`: raise it, or shorten `analysis` (initial-delay + count \u00d7 interval).');
    if (/the runner sent SIG/.test(d.reason))
        out.push('The step was cancelled during the watch: re-run the job to watch again.');
    if (!out.length)
        out.push('The measurements in the tables below, against each condition.');
    out.push('Nothing was rolled back: decide by hand, or re-run the job to watch again.');
    return out;
}
/** One line for the deployment status (GitHub allows 140 characters; truncated by the caller). */
function statusLine(facts) {
    const t = triggering(facts);
    const d = facts.analysis.decision;
    const what = t ? `${t.metric.name} #${t.ev.n}=${valueText(t.ev)}` : d.kind;
    return `${what}; rolled back to ${facts.target?.sha.slice(0, 7) ?? '?'}`;
}
/** The incident summary used when the model is unavailable: every number, no speculation. */
function templatedIncident(facts) {
    const d = facts.analysis.decision;
    const t = triggering(facts);
    const lines = [
        `Deployment ${facts.deployment.id} (\`${facts.deployment.sha.slice(0, 7)}\`) to ${facts.environment}: decision **${d.kind}** at measurement ${d.n}.`,
        'reason' in d ? `Why: ${d.reason}.` : '',
        t ? `Triggering measurement: ${t.metric.name} #${t.ev.n} = ${valueText(t.ev)}.` : '',
    ];
    for (const m of facts.analysis.metrics) {
        const vals = m.evaluations.map((e) => valueText(e)).join(', ');
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
            ? `Triggering measurement: ${t.metric.name} #${t.ev.n} at ${new Date(t.ev.at).toISOString()} = ${valueText(t.ev)}`
            : '',
        `Action taken: ${facts.action}`,
        '',
        'Measurements:',
    ];
    for (const m of facts.analysis.metrics) {
        const cfg = facts.metrics.find((x) => x.name === m.name);
        lines.push(`- ${m.name} (${cfg ? boundText(cfg) : ''}${m.dryRun ? ', dry run' : ''}):`);
        for (const e of m.evaluations)
            lines.push(`  #${e.n} ${new Date(e.at).toISOString()} ${valueText(e)} ${e.verdict}: ${e.reason}`);
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
                values.add((0,analysis/* fmt */.Sc)(e.value));
    return [...values].some((v) => text.includes(v));
}
/** Wording that asserts a cause: "the root cause is", "caused by", "was due to", "broke". */
const CAUSAL_CLAIM = /\b(?:root cause (?:is|was)|(?:is|was|were) caused by|caused (?:the|this)|(?:is|was|were) due to|(?:broke|introduced) (?:the|this)\b)/i;
/** Wording that keeps a lead a lead: a sentence with one of these claims nothing. */
const HEDGE = /\b(?:may|might|could|possibl[ey]|perhaps|worth checking|not (?:established|known)|unknown|no evidence)\b/i;
/**
 * True when a sentence of `text` claims a cause without hedging. pitcrew has measurements and a
 * list of commits, not evidence of causation, so such a summary is replaced by the template.
 */
function claimsRootCause(text) {
    return text
        .split(/(?<=[.!?])\s+|\n+/)
        .some((sentence) => CAUSAL_CLAIM.test(sentence) && !HEDGE.test(sentence));
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
            runId: deps.ctx.runId,
            once: onceOptions(deps),
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
        // The step fails anyway (no rollback happened): a missing status is only worth a warning.
        await markBad(scope, bad.id, `[pitcrew] metrics failed; rollback via ${cfg.method.type} FAILED`).catch((err) => log.warning(`Could not mark deployment ${bad.id} failed: ${why(deps, err)}`));
        return { kind: 'failed', method, target };
    }
    facts.action = `rolled back to deployment ${target.id} (${target.sha.slice(0, 7)}) with ${cfg.method.type}: ${method.details}`;
    log.notice(facts.action);
    // The rollback happened: from here on a GitHub failure is reported, never thrown, so the
    // outputs still say `rolled-back`; what was not written is named and fails the step.
    const notDone = [];
    if (method.statusError && method.rollbackDeployment)
        notDone.push(`the rollback deployment ${method.rollbackDeployment.id} got no 'success' status (${method.statusError})`);
    // The marker status is the second record the guards read, and what people see on the bad
    // deployment.
    let marked = false;
    try {
        await markBad(scope, bad.id, `${ROLLED_BACK_MARKER}: ${statusLine(facts)}`);
        marked = true;
    }
    catch (err) {
        notDone.push(`deployment ${bad.id} was not marked 'failure' (${why(deps, err)})`);
    }
    const unrecorded = method.recordError && !marked
        ? `Deployment ${bad.id} was rolled back with ${cfg.method.type}, but GitHub could not record it (${method.recordError}): a rerun's loop guards will not see this rollback. Record it or disable the workflow before re-running.`
        : undefined;
    return { kind: 'rolled-back', method, target, unrecorded, notDone };
}

// EXTERNAL MODULE: ./src/prompts.ts
var prompts = __webpack_require__(66224);
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
/** The pull request that shipped `sha` (merged first), read best-effort. */
async function pullOfSha({ deps, octokit, repo }, sha) {
    const res = await safely(deps, 'find the PR of the bad sha', () => octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha }));
    const pulls = res?.data ?? [];
    const p = pulls.find((x) => x.merged_at) ?? pulls[0];
    return p ? { number: p.number, title: p.title } : null;
}
/**
 * The incident summary, then the incident issue (when configured). Writes that fail for good are
 * added to `notDone`.
 */
async function explain(scope, facts, useClient, notDone) {
    const incident = await incidentSummary(scope.deps, facts, useClient);
    const issue = await postIssue(scope, facts, incident, notDone);
    return { incident, issue };
}
/** The model's incident summary, or the template when the model is unavailable or uncited. */
async function incidentSummary(deps, facts, setClient) {
    const fallback = templatedIncident(facts);
    try {
        // Only the summary waits on the repository budget; the decision was taken before it.
        const refused = await deps.budget?.reserve();
        if (refused) {
            deps.log.warning(`The incident summary is not written by the model: ${refused.message} Posting the templated summary; the decision stands.`);
            return fallback;
        }
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
        if (claimsRootCause(text)) {
            deps.log.warning('The incident summary claims a root cause pitcrew has no evidence for; posting the templated summary instead.');
            return fallback;
        }
        return deps.redactor.redact(text);
    }
    catch (err) {
        deps.log.warning(`Incident summary by the model unavailable (${deps.redactor.redact(err.message)}); posting the templated summary. The decision stands.`);
        return fallback;
    }
}
/**
 * Opens the incident issue once, or, when it exists (the approval follow-up job), comments the
 * action on it once. Returns its number.
 */
async function postIssue(scope, facts, incident, notDone) {
    if (!scope.cfg.incidentIssue)
        return undefined;
    return ensureIncidentIssue(scope, {
        badId: facts.deployment.id,
        title: `pitcrew: deployment ${facts.deployment.id} (${facts.deployment.sha.slice(0, 7)}) to ${facts.environment}: ${facts.action.split(':')[0]}`,
        body: renderSummary(facts, incident),
        update: {
            // One update per kind of action: the follow-up job's rollback (or its failure).
            key: facts.action.startsWith('rolled back')
                ? 'rolled-back'
                : facts.action.startsWith('rollback FAILED')
                    ? 'rollback-failed'
                    : 'update',
            body: `**Update**: ${facts.action}\n\n${incident}`,
        },
    }, notDone);
}
/**
 * Tells the PR that shipped the bad sha that it was rolled back, and where the incident is: once
 * (a hidden key in the comment), even when GitHub's answer is lost or the run is re-run.
 */
async function commentOnPull(scope, pull, bad, incident, issue, notDone) {
    try {
        await commentOnce(scope, pull.number, pullCommentMarker(bad.id), `### pitcrew rolled back \`${bad.sha.slice(0, 7)}\` in ${bad.environment}\n\n${incident}${issue ? `\n\nIncident: #${issue}` : ''}`);
    }
    catch (err) {
        notDone.push(`the comment on pull request #${pull.number} was not posted (${why(scope.deps, err)})`);
    }
}

;// CONCATENATED MODULE: ./src/rollback/complete.ts
/**
 * A rerun completes what an earlier run left half done. The loop guards refuse a second rollback
 * of a deployment that already has one (a rollback deployment whose payload names it), and that
 * stays so: a deploy workflow listening to `deployment` events must never roll back twice. But
 * the records of that rollback may be missing (GitHub failed for good, the job was killed between
 * two writes): the rollback deployment's statuses, the bad deployment's `failure`, the incident
 * issue and its label, the comment on the pull request. Each is read first and written, once,
 * only when absent.
 */





const TERMINAL = new Set(['success', 'failure', 'error', 'inactive']);
/** What `payload.pitcrew` of a rollback deployment says about the rollback. */
function rollbackInfo(d) {
    const p = (d.payload.pitcrew ?? {});
    return {
        ...(typeof p.run === 'string' && p.run ? { run: p.run } : {}),
        reason: typeof p.reason === 'string' ? p.reason : 'not recorded',
        method: typeof p.method === 'string' ? p.method : 'github-deployment',
    };
}
/**
 * Completes the records of the rollback of `bad` by `rollback`. Null when nothing was missing
 * (the caller then skips as before: already rolled back, nothing to do).
 */
async function completeRollback(scope, results, bad, rollback, badStatuses) {
    const { deps, cfg, octokit, repo } = scope;
    const { log } = deps;
    const info = rollbackInfo(rollback);
    const completed = [];
    const notDone = [];
    log.startGroup(`Check the records of rollback deployment ${rollback.id}`);
    try {
        // 1. The rollback deployment's statuses, up to its terminal one.
        const statuses = await listDeploymentStatuses(octokit, { ...repo, deploymentId: rollback.id });
        if (!statuses.some((s) => TERMINAL.has(s.state))) {
            for (const s of rollbackStatuses(bad.id, rollback.sha, info.method)) {
                if (statuses.some((x) => x.state === s.state))
                    continue;
                try {
                    await createDeploymentStatusOnce(octokit, { ...repo, deploymentId: rollback.id, ...s, logUrl: runUrl(scope) }, onceOptions(deps));
                    completed.push(`status '${s.state}' on rollback deployment ${rollback.id}`);
                }
                catch (err) {
                    notDone.push(`rollback deployment ${rollback.id} got no '${s.state}' status (${why(deps, err)})`);
                    break;
                }
            }
        }
        // 2. The bad deployment's `failure`, with the marker the guards read.
        if (!badStatuses.some((s) => s.description.startsWith(ROLLED_BACK_MARKER))) {
            try {
                await markBad(scope, bad.id, `${ROLLED_BACK_MARKER}: by deployment ${rollback.id} to ${rollback.sha.slice(0, 7)}`);
                completed.push(`status 'failure' on deployment ${bad.id}`);
            }
            catch (err) {
                notDone.push(`deployment ${bad.id} was not marked 'failure' (${why(deps, err)})`);
            }
        }
        // 3 and 4. The incident issue and the PR comment, keyed by markers this version writes: a
        // rollback recorded by an older version (no `run` in its payload) had no PR comment key, and
        // a second comment must not be posted on its account.
        let issue;
        if (info.run) {
            const runLink = `${deps.ctx.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${info.run}`;
            const text = [
                `Deployment ${bad.id} (\`${bad.sha.slice(0, 7)}\`) to ${bad.environment} was rolled back by deployment ${rollback.id} to \`${rollback.sha.slice(0, 7)}\` with ${info.method}.`,
                `Why: ${info.reason}.`,
                `The measurements are in the job summary of the run that decided it: ${runLink}`,
            ].join('\n\n');
            if (cfg.incidentIssue) {
                issue = await ensureIncidentIssue(scope, {
                    badId: bad.id,
                    title: `pitcrew: deployment ${bad.id} (${bad.sha.slice(0, 7)}) to ${bad.environment}: rolled back`,
                    body: `## pitcrew rollback: roll back\n\n${text}`,
                }, notDone, (what) => completed.push(what));
            }
            const pull = await pullOfSha(scope, bad.sha);
            if (pull) {
                try {
                    const c = await commentOnce(scope, pull.number, pullCommentMarker(bad.id), `### pitcrew rolled back \`${bad.sha.slice(0, 7)}\` in ${bad.environment}\n\n${text}${issue ? `\n\nIncident: #${issue}` : ''}`);
                    if (c.posted)
                        completed.push(`the comment on pull request #${pull.number}`);
                }
                catch (err) {
                    notDone.push(`the comment on pull request #${pull.number} was not posted (${why(deps, err)})`);
                }
            }
        }
        if (!completed.length && !notDone.length)
            return null;
        for (const c of completed)
            log.info(`Completed: ${c}.`);
        const summary = [
            `## pitcrew rollback: completed the records of an earlier rollback`,
            '',
            `Deployment ${bad.id} of \`${bad.sha.slice(0, 7)}\` to **${bad.environment}** was already rolled back by deployment ${rollback.id} of \`${rollback.sha.slice(0, 7)}\`${info.run ? ` ([run ${info.run}](${deps.ctx.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${info.run}))` : ''}: not rolled back again.`,
            '',
            `**Why it was rolled back**: ${info.reason}`,
            ...(completed.length
                ? ['', '**Completed by this run**:', ...completed.map((c) => `- ${c}`)]
                : []),
            ...(notDone.length
                ? [
                    '',
                    '**Not done** (the step fails; re-run the job to complete it, nothing is rolled back twice):',
                    ...notDone.map((n) => `- ${n}`),
                ]
                : []),
        ].join('\n');
        return results.finish('rolled-back', {
            deploymentId: bad.id,
            sha: bad.sha,
            environment: bad.environment,
            guard: 'already-rolled-back',
            rollbackDeploymentId: rollback.id,
            target: { sha: rollback.sha },
            method: info.method,
            completed,
            issue: issue ?? null,
            ...(notDone.length ? { notDone } : {}),
        }, summary, notDone.length
            ? notDoneFailure(bad.id, notDone)
            : cfg.failOnRollback
                ? `Deployment ${bad.id} was rolled back by deployment ${rollback.id}; this run completed its records: ${completed.join('; ')}.`
                : undefined);
    }
    finally {
        log.endGroup();
    }
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
    const notDone = [];
    const { incident } = await explain(scope, facts, results.useClient, notDone);
    facts.notDone = notDone;
    return results.finish('awaiting-approval', {
        ...base,
        method: scope.cfg.method.type,
        approval: { deploymentId: bad.id, targetSha: target.sha },
        ...(notDone.length ? { notDone } : {}),
    }, renderSummary(facts, incident), notDone.length
        ? `The rollback of deployment ${bad.id} awaits approval, but not everything was written: ${notDone.join('; ')}. Re-run the job to complete it.`
        : undefined);
}

// EXTERNAL MODULE: ./src/agent/types.ts
var types = __webpack_require__(50016);
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

// EXTERNAL MODULE: ./src/rollback/providers/index.ts + 5 modules
var providers = __webpack_require__(24156);
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
        (0,providers/* createMetricProvider */.o)({
            env: deps.env,
            redactor: deps.redactor,
            log: deps.log,
            lookbackSeconds: cfg.analysis.intervalSeconds,
        }));
}

// EXTERNAL MODULE: ./src/heartbeat.ts
var heartbeat = __webpack_require__(83911);
// EXTERNAL MODULE: ./src/rollback/duration.ts
var duration = __webpack_require__(21026);
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
    let result = (0,analysis/* analyze */.ns)({ analysis: a, metrics, measurements, baselines });
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
    let taken = 0;
    // The pauses between rounds can be minutes long: the log says the watch is still going.
    const stopHeartbeat = (0,heartbeat/* startHeartbeat */.tI)(log, deps.heartbeatMs, (ms) => `watch: ${taken} of ${a.count} measurements taken; ${(0,heartbeat/* formatElapsed */.C7)(ms)} elapsed`);
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
            taken = n;
            rt.onRound?.(n, at.getTime());
            result = (0,analysis/* analyze */.ns)({ analysis: a, metrics, measurements, baselines });
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
        stopHeartbeat();
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
        const from = new Date(deployedAt.getTime() - (0,duration/* parseDurationSeconds */.l)(m.baseline.window) * 1000);
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
        metrics: rec.metrics,
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
var config_types = __webpack_require__(22143);
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
            throw new config_types/* ConfigError */.xL(`Invalid PITCREW_APPROVE_ROLLBACK_OF '${approvedOf}'. Expected a deployment id (a number).`);
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
        const existing = guard.guard.existing;
        const rollback = guard.deployments.find((d) => d.id === existing);
        if (rollback) {
            return {
                kind: 'rolled-back-before',
                bad,
                rollback,
                badStatuses: guard.badStatuses,
                skip: {
                    message: guard.guard.message,
                    extra: { deploymentId: bad.id, guard: guard.guard.reason },
                },
            };
        }
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

// EXTERNAL MODULE: ./src/rollback/expr.ts
var expr = __webpack_require__(40653);
;// CONCATENATED MODULE: ./src/rollback/validate.ts




/** Throws a ConfigError for what would otherwise fail every measurement the same way. */
function validateRollbackConfig(cfg, env) {
    if (!cfg.metrics.length)
        throw new config_types/* ConfigError */.xL(`Invalid rollback.metrics '[]'. Expected at least one metric to watch.`);
    if (cfg.analysis.intervalSeconds <= 0 || cfg.analysis.count < 1) {
        throw new config_types/* ConfigError */.xL(`Invalid rollback.analysis interval ${cfg.analysis.intervalSeconds}s / count ${cfg.analysis.count}. Expected interval > 0 and count >= 1.`);
    }
    for (const m of cfg.metrics) {
        if (m.condition.expr !== undefined) {
            try {
                (0,expr/* compileExpr */.P)(m.condition.expr);
            }
            catch (err) {
                throw new config_types/* ConfigError */.xL(`rollback.metrics '${m.name}'.condition.expr: ${err.message}`);
            }
        }
        const missing = (0,providers/* requiredEnv */.H)(m).filter((n) => !env[n]);
        if (missing.length) {
            throw new config_types/* ConfigError */.xL(`rollback.metrics '${m.name}' needs environment variable(s) ${missing.map((n) => `'${n}'`).join(', ')}, which are not set. Expected them in the step's env, e.g. from secrets.`);
        }
        if (m.baseline)
            (0,duration/* parseDurationSeconds */.l)(m.baseline.window);
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
    if (resolved.kind === 'rolled-back-before') {
        const { bad, rollback, badStatuses, skip } = resolved;
        if (deps.settings.inputs.dryRun)
            return results.skip(skip.message, skip.extra);
        const completed = await completeRollback(scope, results, bad, rollback, badStatuses);
        return completed ?? results.skip(skip.message, skip.extra);
    }
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
        const notDone = [];
        const { incident } = await explain(scope, facts, results.useClient, notDone);
        facts.notDone = notDone;
        // No rollback happened: never claim one. The step fails whatever fail-on-rollback says.
        return results.finish('would-roll-back', { ...result, rollbackError: method.details, ...(notDone.length ? { notDone } : {}) }, renderSummary(facts, incident), `Rollback of deployment ${bad.id} failed: ${method.details}${notDone.length ? `. Also not done: ${notDone.join('; ')}` : ''}`);
    }
    // 5. Confirm recovery (reported, never acted on).
    const recovery = await confirmRecovery(deps, cfg, provider, rt, limit);
    if (recovery)
        facts.recovery = recovery;
    // 6. Explain.
    const notDone = [...acted.notDone];
    const { incident, issue } = await explain(scope, facts, results.useClient, notDone);
    if (facts.pull)
        await commentOnPull(scope, facts.pull, bad, incident, issue, notDone);
    facts.notDone = notDone;
    return results.finish('rolled-back', {
        ...result,
        // The recovery measurements go to the summary; the result keeps its values per metric.
        recovery: facts.recovery
            ? {
                decision: facts.recovery.decision,
                detail: facts.recovery.detail,
                metrics: metricsResult({ metrics: facts.recovery.metrics ?? [] }),
            }
            : null,
        issue: issue ?? null,
        pull: facts.pull?.number ?? null,
        ...(notDone.length ? { notDone } : {}),
    }, renderSummary(facts, incident), acted.unrecorded ??
        (notDone.length
            ? notDoneFailure(bad.id, notDone)
            : cfg.failOnRollback
                ? `Deployment ${bad.id} was rolled back: ${decision.reason}`
                : undefined));
}


/***/ })

};
