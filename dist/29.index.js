export const id = 29;
export const ids = [29];
export const modules = {

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
