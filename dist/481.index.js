export const id = 481;
export const ids = [481];
export const modules = {

/***/ 46481:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MEMORY_BRANCH: () => (/* binding */ MEMORY_BRANCH),
/* harmony export */   MEMORY_PATH: () => (/* binding */ MEMORY_PATH),
/* harmony export */   memoryMarker: () => (/* binding */ memoryMarker),
/* harmony export */   pendingLines: () => (/* binding */ pendingLines),
/* harmony export */   runRemember: () => (/* binding */ runRemember),
/* harmony export */   withMemoryLine: () => (/* binding */ withMemoryLine)
/* harmony export */ });
/* harmony import */ var _agent_types_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(50016);
/* harmony import */ var _github_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(73116);
/* harmony import */ var _github_pulls_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74487);
/* harmony import */ var _tools_git_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6154);
/* harmony import */ var _tools_git_tree_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(40664);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(19412);






const MEMORY_BRANCH = 'pitcrew/memory';
const MEMORY_PATH = '.github/pitcrew/MEMORY.md';
const MEMORY_HEADER = '# Project memory\n\nNotes for pitcrew reviews, added with `/pitcrew remember <text>`.\n\n';
/** Pushes tried when another run moved the branch meanwhile. */
const PUSH_ATTEMPTS = 3;
/** The hidden key of the line added for comment `commentId`. */
function memoryMarker(commentId) {
    return `<!-- pitcrew:memory:${commentId} -->`;
}
/** The memory file with the line for `commentId` appended (unchanged when it is there). */
function withMemoryLine(current, text, commentId) {
    const marker = memoryMarker(commentId);
    if (current?.includes(marker))
        return current;
    const start = current === null || current.trim() === '' ? MEMORY_HEADER : current;
    const sep = start.endsWith('\n') ? '' : '\n';
    return `${start}${sep}- ${text} ${marker}\n`;
}
/** Lines of `branch` the default branch does not have yet: the PR body lists them. */
function pendingLines(branchText, defaultText) {
    const have = new Set((defaultText ?? '').split('\n'));
    return branchText
        .split('\n')
        .filter((l) => /^- .*<!-- pitcrew:memory:\d+ -->$/.test(l) && !have.has(l));
}
/** Adds the line and opens or updates the memory pull request. */
async function runRemember(deps, cmd) {
    const { ctx, log, settings, redactor, route } = deps;
    const octokit = deps.octokit;
    if (!octokit)
        return (0,_commands_js__WEBPACK_IMPORTED_MODULE_2__.conversationSkip)(deps, 'No GitHub token: nothing is remembered.');
    const { owner, repo } = ctx;
    const marker = memoryMarker(cmd.commentId);
    const git = new _tools_git_js__WEBPACK_IMPORTED_MODULE_1__/* .Git */ .TU(ctx.workspace, { authToken: settings.inputs.githubToken, redactor });
    const base = { commentId: cmd.commentId, branch: MEMORY_BRANCH, path: MEMORY_PATH };
    log.startGroup('pitcrew remember');
    try {
        const defaultBranch = await defaultBranchOf(deps);
        if (defaultBranch === MEMORY_BRANCH) {
            throw new Error(`The default branch is '${MEMORY_BRANCH}': pitcrew never writes the default branch, so it cannot keep its memory there.`);
        }
        let commit = null;
        let added = false;
        let lines = [];
        for (let attempt = 1;; attempt++) {
            const defaultHead = await fetchTip(git, defaultBranch);
            if (!defaultHead)
                throw new Error(`The default branch '${defaultBranch}' was not found on origin.`);
            const memoryHead = await fetchTip(git, MEMORY_BRANCH);
            const defaultText = await (0,_tools_git_tree_js__WEBPACK_IMPORTED_MODULE_3__/* .readAt */ .m)(git, defaultHead, MEMORY_PATH);
            // A branch already merged (its tip is in the default branch) starts again from the default.
            const parent = memoryHead && !(await git.isAncestor(memoryHead, defaultHead)) ? memoryHead : defaultHead;
            const current = await (0,_tools_git_tree_js__WEBPACK_IMPORTED_MODULE_3__/* .readAt */ .m)(git, parent, MEMORY_PATH);
            if (defaultText?.includes(marker)) {
                return (0,_commands_js__WEBPACK_IMPORTED_MODULE_2__.conversationSkip)(deps, `Comment ${cmd.commentId} is remembered already: its line is in ${MEMORY_PATH} on '${defaultBranch}'.`, { ...base, added: false });
            }
            const next = withMemoryLine(current, cmd.text, cmd.commentId);
            lines = pendingLines(next, defaultText);
            if (next === current) {
                log.info(`The line of comment ${cmd.commentId} is on '${MEMORY_BRANCH}' already: not added again.`);
                commit = parent;
                break;
            }
            if (settings.inputs.dryRun) {
                log.info(`Dry run: would add to ${MEMORY_PATH} on '${MEMORY_BRANCH}': - ${cmd.text}`);
                return {
                    mode: 'review',
                    outcome: 'dry-run',
                    result: { ...base, added: false, wouldAdd: cmd.text },
                    usage: (0,_agent_types_js__WEBPACK_IMPORTED_MODULE_4__/* .emptyUsage */ .l)(),
                    stopReason: 'none',
                    summary: `### pitcrew would remember (dry run)\n\n- ${cmd.text}\n`,
                };
            }
            const sha = await (0,_tools_git_tree_js__WEBPACK_IMPORTED_MODULE_3__/* .commitFile */ .w)(git, {
                parent,
                path: MEMORY_PATH,
                content: next,
                message: `pitcrew: remember "${cmd.text.slice(0, 60)}"\n\nAsked by ${route.triggeringActor ?? 'a user'} in comment ${cmd.commentId} on #${route.prNumber ?? '?'}.`,
                identity: {
                    name: settings.config.fix.commitName,
                    email: settings.config.fix.commitEmail,
                },
            });
            if (await pushMemory(git, sha, memoryHead)) {
                commit = sha;
                added = true;
                log.info(`Added the line to ${MEMORY_PATH} on '${MEMORY_BRANCH}' (${sha.slice(0, 7)}).`);
                break;
            }
            if (attempt >= PUSH_ATTEMPTS) {
                throw new Error(`Could not push '${MEMORY_BRANCH}' after ${PUSH_ATTEMPTS} attempts: the branch kept moving.`);
            }
            log.info(`'${MEMORY_BRANCH}' moved meanwhile; adding the line on its new tip.`);
        }
        const pull = await (0,_github_pulls_js__WEBPACK_IMPORTED_MODULE_0__/* .createOrUpdatePull */ .IG)(octokit, {
            owner,
            repo,
            head: MEMORY_BRANCH,
            base: defaultBranch,
            title: 'pitcrew: project memory',
            body: pullBody(lines),
            draft: false,
            labels: ['pitcrew'],
        }).catch((err) => {
            // The line is on the branch; only the pull request is missing, and a rerun of the job
            // finds the line there and opens (or updates) the one pull request.
            throw new Error(`The memory pull request from '${MEMORY_BRANCH}' was not opened or updated: ${(0,_github_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(err)}. The line is on '${MEMORY_BRANCH}' (${commit?.slice(0, 7) ?? '?'}); re-run the job to open the pull request.`, { cause: err });
        });
        // The pull request stays; the label is a write that did not happen: the step fails, and a
        // rerun (which finds the line on the branch and updates this pull request) adds it.
        const labelFailure = pull.labelError &&
            `Could not add the label 'pitcrew' to the memory pull request #${pull.number}: ${pull.labelError}. Re-run the job to add it.`;
        if (labelFailure)
            log.warning(labelFailure);
        log.info(`${pull.created ? 'Opened' : 'Updated'} the memory pull request #${pull.number}.`);
        return {
            mode: 'review',
            outcome: 'remembered',
            result: {
                ...base,
                added,
                commit,
                lines: lines.length,
                pullNumber: pull.number,
                pullUrl: pull.url,
                pullCreated: pull.created,
            },
            usage: (0,_agent_types_js__WEBPACK_IMPORTED_MODULE_4__/* .emptyUsage */ .l)(),
            stopReason: 'none',
            summary: `### pitcrew remembered\n\n${labelFailure ? `> ${labelFailure}\n\n` : ''}${added ? 'Added' : 'Already there'}: \`${cmd.text.replace(/`/g, "'")}\`\n\nMemory pull request: ${pull.url} (${lines.length} line${lines.length === 1 ? '' : 's'} to merge).\n`,
            ...(labelFailure ? { failure: labelFailure } : {}),
        };
    }
    finally {
        log.endGroup();
    }
}
/** The repository's default branch: from the payload, else from GitHub. */
async function defaultBranchOf(deps) {
    const fromPayload = deps.ctx.payload.repository
        ?.default_branch;
    if (typeof fromPayload === 'string' && fromPayload)
        return fromPayload;
    const res = await deps.octokit.rest.repos.get({ owner: deps.ctx.owner, repo: deps.ctx.repo });
    return res.data.default_branch;
}
/** The tip of `branch` on origin, fetched into the checkout; null when the branch is absent. */
async function fetchTip(git, branch) {
    const ref = `refs/heads/${branch}`;
    const listed = await git.run(['ls-remote', 'origin', ref], { timeoutMs: 120_000 });
    if (!listed.stdout.split('\n').some((l) => l.endsWith(`\t${ref}`)))
        return null;
    await git.run(['fetch', '--no-tags', 'origin', ref], { timeoutMs: 120_000 });
    return (await git.run(['rev-parse', '--verify', 'FETCH_HEAD^{commit}'])).stdout.trim();
}
/**
 * Pushes `sha` to the memory branch only (never any other ref), as a fast-forward of `expected`
 * (the tip it was built on; null: the branch must not exist yet). False when another run moved
 * the branch meanwhile; a push whose answer was lost counts when the branch now has `sha`.
 */
async function pushMemory(git, sha, expected) {
    const target = `refs/heads/${MEMORY_BRANCH}`;
    const r = await git.run([
        'push',
        '--porcelain',
        `--force-with-lease=${target}:${expected ?? ''}`,
        'origin',
        `${sha}:${target}`,
    ], { allowFail: true, timeoutMs: 120_000 });
    if (r.code === 0)
        return true;
    const now = await git.run(['ls-remote', 'origin', target], { allowFail: true });
    return now.stdout.startsWith(sha);
}
function pullBody(lines) {
    return [
        'Lines pitcrew was asked to remember with `/pitcrew remember <text>` by people with write access. Merged, they are read as project memory by every review (`context.files`).',
        '',
        ...(lines.length > 0
            ? lines.map((l) => l.replace(/ <!-- pitcrew:memory:\d+ -->$/, ''))
            : ['(no line is waiting: the branch holds what the default branch has)']),
        '',
        'This pull request is updated in place by each `/pitcrew remember`; pitcrew never writes the default branch.',
    ].join('\n');
}


/***/ }),

/***/ 40664:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ readAt),
/* harmony export */   w: () => (/* binding */ commitFile)
/* harmony export */ });
/** The text of `path` at `commit`, or null when the file is not there. */
async function readAt(git, commit, path) {
    const r = await git.run(['show', `${commit}:${path}`], { allowFail: true });
    return r.code === 0 ? r.stdout : null;
}
/**
 * A new commit whose parent is `parent` and whose tree is the parent's with `path` set to
 * `content`; returns its sha. `identity` is the author and committer.
 */
async function commitFile(git, o) {
    const parts = o.path.split('/').filter(Boolean);
    if (parts.length === 0 || parts.some((p) => p === '.' || p === '..')) {
        throw new Error(`Invalid path '${o.path}'. Expected a relative file path such as docs/x.md.`);
    }
    const blob = (await git.run(['hash-object', '-w', '--stdin'], { input: o.content })).stdout.trim();
    const rootTree = (await git.run(['rev-parse', `${o.parent}^{tree}`])).stdout.trim();
    const tree = await putEntry(git, rootTree, parts, blob);
    const { name, email } = o.identity;
    const commit = await git.run([
        '-c',
        `user.name=${name}`,
        '-c',
        `user.email=${email}`,
        'commit-tree',
        tree,
        '-p',
        o.parent,
        '-F',
        '-',
    ], { input: o.message });
    return commit.stdout.trim();
}
/** `tree` (null: an empty one) with `parts` set to `blob`, subtrees rewritten on the way. */
async function putEntry(git, tree, parts, blob) {
    const entries = tree ? await listTree(git, tree) : [];
    const [name, ...rest] = parts;
    const at = entries.findIndex((e) => e.name === name);
    const existing = at === -1 ? undefined : entries[at];
    let entry;
    if (rest.length === 0) {
        entry = { mode: '100644', type: 'blob', sha: blob, name };
    }
    else {
        const sub = existing?.type === 'tree' ? existing.sha : null;
        entry = { mode: '040000', type: 'tree', sha: await putEntry(git, sub, rest, blob), name };
    }
    if (at === -1)
        entries.push(entry);
    else
        entries[at] = entry;
    const input = entries.map((e) => `${e.mode} ${e.type} ${e.sha}\t${e.name}\0`).join('');
    return (await git.run(['mktree', '-z'], { input })).stdout.trim();
}
async function listTree(git, tree) {
    const out = (await git.run(['ls-tree', '-z', tree])).stdout;
    return out
        .split('\0')
        .filter(Boolean)
        .map((line) => {
        const tab = line.indexOf('\t');
        const [mode = '', type = '', sha = ''] = line.slice(0, tab).split(' ');
        return { mode, type, sha, name: line.slice(tab + 1) };
    });
}


/***/ })

};
