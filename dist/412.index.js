export const id = 412;
export const ids = [412];
export const modules = {

/***/ 19412:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   conversationSkip: () => (/* binding */ conversationSkip),
/* harmony export */   runConversation: () => (/* binding */ runConversation)
/* harmony export */ });
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(68460);

/** Runs the conversation command the router found (`route.conversation`). */
async function runConversation(deps) {
    const c = deps.route.conversation;
    if (!c)
        return conversationSkip(deps, 'No conversation command in this event.');
    if (c.kind === 'ask')
        return (await Promise.all(/* import() */[__webpack_require__.e(6), __webpack_require__.e(58), __webpack_require__.e(809)]).then(__webpack_require__.bind(__webpack_require__, 21809))).runAsk(deps, c);
    return (await __webpack_require__.e(/* import() */ 481).then(__webpack_require__.bind(__webpack_require__, 46481))).runRemember(deps, c);
}
/** A conversation command that does nothing, with the reason as a notice and as the summary. */
function conversationSkip(deps, reason, extra = {}) {
    deps.log.notice(reason);
    return (0,_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .skippedResult */ .ky)(reason, '### pitcrew: nothing to do', extra);
}


/***/ }),

/***/ 79639:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ localPullText),
/* harmony export */   J: () => (/* binding */ localResult)
/* harmony export */ });
/** The branch's commit messages play the part of the PR description. */
async function localPullText(git, local) {
    const title = `Branch '${local.headRef}' against '${local.baseRef}'`;
    const subjects = await git
        .run(['log', '--no-merges', '--format=- %s', `${local.baseSha}..${local.headSha}`], {
        allowFail: true,
    })
        .catch(() => null);
    const body = subjects?.code === 0 ? `Commits:\n${subjects.stdout.slice(0, 8000)}` : '';
    return { title, body };
}
/** What the CLI prints for a local review: every finding, the packing, the notes. */
function localResult(o) {
    return {
        verdict: o.verdict,
        complete: o.complete,
        notes: o.notes,
        reviewedFiles: o.pack.reviewed,
        parts: o.pack.parts.map((p) => ({ files: p.files, tokens: p.tokens })),
        items: o.placed.map((p) => ({
            path: String(p.finding.path),
            line: p.line ?? (typeof p.finding.line === 'number' ? p.finding.line : null),
            ...(p.startLine !== undefined ? { startLine: p.startLine } : {}),
            side: p.finding.side ?? 'RIGHT',
            severity: p.finding.severity,
            title: p.finding.title,
            body: p.finding.body,
            ...(p.finding.suggestion !== undefined ? { suggestion: p.finding.suggestion } : {}),
            placement: p.placement,
            ...(p.reason ? { reason: p.reason } : {}),
            fingerprint: p.fp,
        })),
    };
}


/***/ }),

/***/ 68460:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cw: () => (/* binding */ reviewResult),
/* harmony export */   GT: () => (/* binding */ coverageGaps),
/* harmony export */   MU: () => (/* binding */ reviewCompleted),
/* harmony export */   VK: () => (/* binding */ nextState),
/* harmony export */   Vj: () => (/* binding */ verdictOf),
/* harmony export */   kE: () => (/* binding */ gapLines),
/* harmony export */   ky: () => (/* binding */ skippedResult),
/* harmony export */   wj: () => (/* binding */ incompleteMessage)
/* harmony export */ });
/* unused harmony exports NOT_REVIEWED, stopCause */
/* harmony import */ var _agent_retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76163);
/* harmony import */ var _agent_types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50016);
/* harmony import */ var _local_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(79639);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(70176);
/**
 * What a review run concludes, as pure functions: whether it is complete, its verdict line, the
 * state the next run starts from, and the structured `result` output.
 */




/**
 * A review-mode run that does nothing (no PR to review, a conversation command with nothing to
 * act on): `reason` as the result and, under `heading`, as the summary.
 */
function skippedResult(reason, heading, extra = {}) {
    return {
        mode: 'review',
        outcome: 'skipped',
        result: { reason, ...extra },
        usage: (0,_agent_types_js__WEBPACK_IMPORTED_MODULE_2__/* .emptyUsage */ .l)(),
        stopReason: 'none',
        summary: `${heading}\n\n${reason}\n`,
    };
}
/** Complete: nothing to review, or every call ended with submit_review. */
function reviewCompleted(kind, results) {
    return (kind === 'unchanged' ||
        results.length === 0 ||
        results.every((r) => r?.stopReason === 'final_tool'));
}
/** The head recorded when no head was ever reviewed completely: it matches no commit. */
const NOT_REVIEWED = '0000000';
/**
 * The state block for the next run, recorded after the fact: only findings whose review GitHub
 * confirmed (`posted`) become fingerprints, and the head counts as reviewed only when the review
 * completed and nothing failed (a review POST that failed for good, for one). Otherwise the
 * previous head stays (or none, `NOT_REVIEWED`), so the next run reviews these changes again
 * and posts what this one could not.
 */
function nextState(o) {
    const { prev } = o;
    const fingerprints = [
        ...(prev?.fingerprints ?? []),
        ...(o.posted ? o.placed.map((p) => p.fp) : []),
    ];
    const findings = new Map((prev?.findings ?? []).map((f) => [f.fp, f]));
    if (o.posted)
        for (const p of o.placed)
            findings.set(p.fp, (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .toStateFinding */ .IY)(p));
    const confirmed = o.completed && !o.failed;
    const unresolved = [...new Set(o.unresolved ?? prev?.unresolved ?? [])];
    return {
        v: 1,
        headSha: confirmed ? o.headSha : (prev?.headSha ?? NOT_REVIEWED),
        baseSha: o.baseSha,
        fingerprints: [...new Set(fingerprints)],
        findings: [...findings.values()],
        ...(unresolved.length > 0 ? { unresolved } : {}),
    };
}
/** Why one review call ended without `submit_review`, in a few words. */
function stopCause(r) {
    if (!r)
        return { kind: 'model-api', reason: 'the review call failed' };
    const detail = r.detail ? `: ${r.detail}` : '';
    if (r.apiFailure && Object.keys(r.apiFailure.counts).length > 0) {
        return { kind: 'model-api', reason: (0,_agent_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .describeCounts */ .wv)(r.apiFailure.counts) };
    }
    switch (r.stopReason) {
        case 'api_error':
            return { kind: 'model-api', reason: `model API error${detail}` };
        case 'max_turns':
            return { kind: 'budget', reason: `turn budget used before submit_review${detail}` };
        case 'max_cost':
            return { kind: 'budget', reason: `cost ceiling reached before submit_review${detail}` };
        case 'max_tokens':
            return { kind: 'budget', reason: `token budget used before submit_review${detail}` };
        case 'timeout':
            return { kind: 'budget', reason: `time ran out before submit_review${detail}` };
        case 'loop_detected':
            return { kind: 'budget', reason: `the loop detector stopped the model${detail}` };
        case 'circuit_open':
            return { kind: 'budget', reason: `the failed-tool-call breaker stopped the model${detail}` };
        case 'aborted':
            return { kind: 'budget', reason: `the run was cancelled${detail}` };
        default:
            return { kind: 'budget', reason: `the model stopped without submit_review${detail}` };
    }
}
/**
 * Everything a run did not cover (contract \u00a78): calls that did not end with `submit_review`,
 * files that should have been shown but did not fit (`capacity`), changed lines not shown, and
 * GitHub writes that failed. Files the user ignored, generated and binary files are skipped by
 * choice and are not gaps. `stopsCount` false (a dry run's stand-in client) ignores call stops.
 */
function coverageGaps(o) {
    const gaps = [];
    if (o.kind !== 'unchanged') {
        if (o.parts.length > 0 && o.results.length === 0) {
            gaps.push({
                kind: 'model-api',
                reason: o.noModel ?? 'the model could not be used',
                files: [...new Set(o.parts.flatMap((p) => p.files))],
            });
        }
        // Calls that failed the same way are one gap, listing their files together.
        const byReason = new Map();
        o.results.forEach((r, i) => {
            if (r?.stopReason === 'final_tool')
                return;
            if (o.ignoreAborted && r?.stopReason === 'aborted')
                return;
            const cause = stopCause(r);
            const gap = byReason.get(cause.reason) ?? { ...cause, files: [] };
            byReason.set(cause.reason, gap);
            for (const f of o.parts[i]?.files ?? [])
                if (!gap.files.includes(f))
                    gap.files.push(f);
        });
        gaps.push(...byReason.values());
        const capacity = o.skipped.filter((s) => s.capacity);
        const byWhy = new Map();
        for (const s of capacity)
            byWhy.set(s.reason, [...(byWhy.get(s.reason) ?? []), s.path]);
        for (const [reason, files] of byWhy)
            gaps.push({ kind: 'capacity', reason, files });
        const c = o.coverage;
        const unexplained = c.changedLinesReviewable - c.changedLinesShown;
        if (unexplained > 0 && capacity.length === 0) {
            gaps.push({
                kind: 'capacity',
                reason: `${unexplained} of ${c.changedLinesReviewable} reviewable changed lines were not shown to the model`,
                files: [],
            });
        }
    }
    if (o.githubFailure)
        gaps.push({ kind: 'github', reason: o.githubFailure, files: [] });
    return gaps;
}
/** Share of reviewable changed lines shown, as "43.5%". */
function percentShown(c) {
    if (c.changedLinesReviewable === 0)
        return '100%';
    return `${Math.floor((1000 * c.changedLinesShown) / c.changedLinesReviewable) / 10}%`;
}
function fileList(files, max = 8) {
    const shown = files.slice(0, max).map((f) => `\`${f.replace(/`/g, "'")}\``);
    if (files.length > max)
        shown.push(`and ${files.length - max} more`);
    return shown.join(', ');
}
/**
 * The lines right under the verdict of an incomplete review: what was not covered and why,
 * naming the files, so a maintainer knows in five seconds what still needs a look.
 */
function gapLines(gaps, coverage) {
    if (gaps.length === 0)
        return [];
    const out = [];
    if (coverage && coverage.changedLinesReviewable > 0) {
        out.push(`Covered: ${coverage.filesShown}/${coverage.filesReviewable} reviewable files, ${coverage.changedLinesShown}/${coverage.changedLinesReviewable} changed lines (${percentShown(coverage)}) shown to the model.`);
    }
    for (const g of gaps) {
        const what = g.kind === 'github' ? 'Not posted' : 'Not reviewed';
        out.push(`- ${what}${g.files.length ? `: ${fileList(g.files)}` : ''} (${oneLine(g.reason)})`);
    }
    return out;
}
/** The failure message of an incomplete review (the step fails unless fail-on-incomplete: false). */
function incompleteMessage(gaps) {
    const parts = gaps.map((g) => `${g.files.length ? `${g.files.slice(0, 5).join(', ')}${g.files.length > 5 ? ', ...' : ''}: ` : ''}${oneLine(g.reason, 160)}`);
    return `Review incomplete: ${parts.join('; ')}. The summary comment says what was not covered; set review.fail-on-incomplete: false to let the step pass.`;
}
function oneLine(text, max = 300) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}
/** The one-line verdict at the top of the summary. */
function verdictOf(o) {
    const listed = `${o.earlier} finding${o.earlier === 1 ? '' : 's'} from earlier reviews listed below`;
    if (o.kind === 'unchanged')
        return `Already reviewed: no new commits${o.earlier ? `; ${listed}` : ''}.`;
    if (o.noModel)
        return `Review not done: ${o.gap ?? 'the model could not be used'}.`;
    const counts = (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .countBySeverity */ .Ot)(o.placed.map((p) => p.finding));
    // Before "nothing to review": files that did not fit leave zero parts but are not reviewed.
    if (!o.reviewCompleted)
        return `Review incomplete: ${o.gap ?? 'not every change was shown to the model'}; ${counts} so far.`;
    if (o.parts === 0) {
        const none = o.kind === 'incremental'
            ? 'Nothing new to review: the new commits change no reviewable line of this PR'
            : o.reviewFiles === 0
                ? 'Nothing to review: no changed files'
                : 'Nothing to review: every changed file was skipped (see below)';
        return `${none}${o.earlier ? `; ${listed}` : ''}.`;
    }
    const blocking = o.placed.some((p) => p.finding.severity === 'critical' || p.finding.severity === 'major');
    return o.placed.length === 0
        ? o.earlier
            ? `No new issues found; ${listed}.`
            : 'No issues found.'
        : blocking
            ? `Changes recommended: ${counts}.`
            : `Looks reasonable, with ${counts}.`;
}
/** The `result` output (and, for a local review, what the CLI prints). */
function reviewResult(o) {
    const { placed, repeated, belowMin } = o.placement;
    const { pack, posting } = o;
    return {
        prNumber: o.prNumber,
        headSha: o.headSha,
        baseSha: o.baseSha,
        range: o.range.kind,
        ...(o.range.from ? { from: o.range.from } : {}),
        findings: Object.fromEntries(_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .SEVERITIES */ .oC.map((s) => [s, placed.filter((p) => p.finding.severity === s).length])),
        inline: placed.filter((p) => p.placement === 'inline').length,
        outsideDiff: placed.filter((p) => p.placement === 'outside').length,
        overflow: placed.filter((p) => p.placement === 'overflow').length,
        repeated,
        belowMinSeverity: belowMin,
        calls: pack.parts.length,
        coverage: pack.coverage,
        complete: o.gaps.length === 0,
        // Each gap: its kind, why, and the files it leaves unreviewed (contract \u00a78 `incomplete`).
        notCovered: o.gaps,
        skippedFiles: pack.skipped.map((s) => ({ path: s.path, reason: s.reason })),
        source: o.source,
        event: posting.wanted ? posting.event : null,
        posted: posting.posted,
        readOnly: o.readOnly,
        dryRun: o.dryRun,
        ...(posting.reviewUrl ? { reviewUrl: posting.reviewUrl } : {}),
        ...(o.local ? (0,_local_js__WEBPACK_IMPORTED_MODULE_3__/* .localResult */ .J)({ placed, pack, ...o.local }) : {}),
    };
}


/***/ })

};
