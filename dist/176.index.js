export const id = 176;
export const ids = [176];
export const modules = {

/***/ 70336:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rj: () => (/* binding */ fingerprint),
/* harmony export */   Tr: () => (/* binding */ parseFingerprints),
/* harmony export */   fQ: () => (/* binding */ normalizeText),
/* harmony export */   jy: () => (/* binding */ distinctFingerprint),
/* harmony export */   kz: () => (/* binding */ titleKey),
/* harmony export */   nn: () => (/* binding */ fingerprintMarker),
/* harmony export */   q4: () => (/* binding */ outsideFingerprint),
/* harmony export */   yr: () => (/* binding */ FP_MARKER_RE)
/* harmony export */ });
/* unused harmony exports normalizeTitle, normalizeCode */
/* harmony import */ var _builtins_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4786);
/**
 * Fingerprints that survive line shifts: a finding is identified by its file, what it says
 * (normalized title) and the code it points at (whitespace-insensitive), never by its line
 * number. A rerun after commits that only moved the code therefore recognises what was posted.
 */

const FP_MARKER_RE = /<!-- pitcrew:fp:([0-9a-f]{8,64}) -->/g;
/** Lower-case words only: casing, punctuation, quotes and numbers (often line numbers) vary. */
function normalizeTitle(title) {
    return title
        .toLowerCase()
        .replace(/[`'"\u201c\u201d\u2018\u2019]/g, '')
        .replace(/\d+/g, '#')
        .replace(/[^\p{L}\p{N}#]+/gu, ' ')
        .trim();
}
/** Code compared without any whitespace (re-indentation, CRLF and trailing spaces do not count). */
function normalizeCode(lines) {
    return lines
        .map((l) => l.replace(/\s+/g, ''))
        .filter((l) => l !== '')
        .join('\n');
}
/**
 * The fingerprint of a finding: 16 hex characters (64 bits) of SHA-256, short enough to keep
 * hundreds in the summary's state block.
 */
function fingerprint(input) {
    const h = (0,_builtins_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeCrypto */ .S)().createHash('sha256');
    h.update(input.path);
    h.update('\0');
    h.update(normalizeTitle(input.title));
    h.update('\0');
    h.update(normalizeCode(input.code));
    return h.digest('hex').slice(0, 16);
}
/**
 * A finding's file and title, without the code: a thread whose code changed is not called
 * addressed while this run still raises the same title in the same file (its code fingerprint
 * changed with the code, the finding did not).
 */
function titleKey(path, title) {
    return `${path}\0${normalizeTitle(title.replace(/\s+/g, ' ').trim().slice(0, 150))}`;
}
/** Title and body text with digits kept: what tells two findings apart within one run. */
function normalizeText(text) {
    return text
        .toLowerCase()
        .replace(/[`'"\u201c\u201d\u2018\u2019]/g, '')
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
}
/**
 * The fingerprint of a finding outside the diff. There is no diff code to pin it to, so the
 * title without digits (as for inline findings) would make "Unused variable tmp1" and "Unused
 * variable tmp2" in one file the same finding: the title keeps its digits here, and the line
 * or range the model gave is part of it.
 */
function outsideFingerprint(input) {
    const h = (0,_builtins_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeCrypto */ .S)().createHash('sha256');
    h.update('outside\0');
    h.update(input.path);
    h.update('\0');
    h.update(`${String(input.startLine ?? '')}-${String(input.line ?? '')}`);
    h.update('\0');
    h.update(normalizeText(input.title));
    return h.digest('hex').slice(0, 16);
}
/**
 * A second fingerprint for a finding that shares `fp` with a different finding of the same run
 * (same anchored code, titles differing only in digits, or different bodies): derived from the
 * first and the finding's full text, so it is stable across reruns and never equal to `fp`.
 */
function distinctFingerprint(fp, text) {
    const h = (0,_builtins_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeCrypto */ .S)().createHash('sha256');
    h.update(fp);
    h.update('\0distinct\0');
    h.update(normalizeText(text.title));
    h.update('\0');
    h.update(normalizeText(text.body));
    return h.digest('hex').slice(0, 16);
}
/** The hidden marker carried by each inline comment. */
function fingerprintMarker(fp) {
    return `<!-- pitcrew:fp:${fp} -->`;
}
/** Every fingerprint found in a text (a review comment, a review body). */
function parseFingerprints(text) {
    if (!text)
        return [];
    return [...text.matchAll(FP_MARKER_RE)].map((m) => m[1]);
}


/***/ }),

/***/ 70176:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Br: () => (/* binding */ renderSummary),
/* harmony export */   Bu: () => (/* binding */ parseState),
/* harmony export */   IY: () => (/* binding */ toStateFinding),
/* harmony export */   Ot: () => (/* binding */ countBySeverity),
/* harmony export */   P7: () => (/* binding */ renderInlineComment),
/* harmony export */   Qi: () => (/* binding */ SUMMARY_MARKER),
/* harmony export */   de: () => (/* binding */ renderReviewBody),
/* harmony export */   oC: () => (/* binding */ SEVERITIES),
/* harmony export */   rF: () => (/* binding */ carriedSections)
/* harmony export */ });
/* unused harmony exports defuseMarkers, MAX_COMMENT_CHARS, MAX_STATE_FINGERPRINTS, MAX_STATE_FINDINGS, encodeState */
/* harmony import */ var _fingerprint_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(70336);

const SUMMARY_MARKER = '<!-- pitcrew:summary -->';
const STATE_RE = /<!-- pitcrew:state (\{[\s\S]*?\}) -->/g;
/**
 * Text pitcrew did not write (model output, file names from the PR) cannot carry pitcrew's
 * hidden markers: a title or a file name holding `<!-- pitcrew:state ... -->` or a fingerprint
 * marker would otherwise be read back by the next run as its own state. The `<` is escaped,
 * so the text shows literally instead of hiding.
 */
function defuseMarkers(text) {
    return text.replace(/<!--(\s*)pitcrew:/gi, '&lt;!--$1pitcrew:');
}
/** GitHub refuses comment bodies over 65,536 characters; keep a margin. */
const MAX_COMMENT_CHARS = 60_000;
/** Fingerprints kept in the state block (16 hex each): the newest win. */
const MAX_STATE_FINGERPRINTS = 1500;
/** Findings listed in the state block (about 200 characters each): the most severe, then newest. */
const MAX_STATE_FINDINGS = 100;
const SEVERITIES = ['critical', 'major', 'minor', 'nit'];
/** A placed finding in the short form of the state block. */
function toStateFinding(p) {
    const f = {
        fp: p.fp,
        severity: p.finding.severity,
        title: oneLine(p.finding.title, 100),
        path: String(p.finding.path).slice(0, 200),
    };
    const line = p.line ?? p.finding.line;
    if (typeof line === 'number' && Number.isInteger(line) && line > 0)
        f.line = line;
    return f;
}
/** The state block's size limit, leaving most of the comment to the visible summary. */
const MAX_STATE_CHARS = 45_000;
/** The `keep` most important findings (most severe, then newest), in their original order. */
function topFindings(list, keep) {
    if (list.length <= keep)
        return list;
    const rank = (f) => SEVERITIES.indexOf(f.severity);
    return list
        .map((f, i) => ({ f, i }))
        .sort((a, b) => rank(a.f) - rank(b.f) || b.i - a.i)
        .slice(0, keep)
        .sort((a, b) => a.i - b.i)
        .map((x) => x.f);
}
function parseStateFinding(raw) {
    if (typeof raw !== 'object' || raw === null)
        return null;
    const r = raw;
    if (typeof r.fp !== 'string' || !/^[0-9a-f]{8,64}$/.test(r.fp))
        return null;
    if (!SEVERITIES.includes(r.severity))
        return null;
    if (typeof r.title !== 'string' || typeof r.path !== 'string')
        return null;
    const f = {
        fp: r.fp,
        severity: r.severity,
        title: oneLine(r.title, 100),
        path: r.path.slice(0, 200),
    };
    if (typeof r.line === 'number' && Number.isInteger(r.line) && r.line > 0)
        f.line = r.line;
    return f;
}
/**
 * The state as an HTML comment. `--` cannot occur in JSON outside strings, and inside strings it
 * is written as `-\u002d`, so nothing in the state can close the comment early.
 */
function encodeState(state) {
    const fingerprints = state.fingerprints.slice(-MAX_STATE_FINGERPRINTS);
    const findings = (state.findings ?? [])
        .map(parseStateFinding)
        .filter((f) => f !== null);
    let keep = Math.min(findings.length, MAX_STATE_FINDINGS);
    let json;
    for (;;) {
        json = JSON.stringify({
            ...state,
            fingerprints,
            ...(state.findings ? { findings: topFindings(findings, keep) } : {}),
        });
        // Long titles and paths: fewer findings rather than a state block crowding out the text.
        if (json.length <= MAX_STATE_CHARS || keep === 0)
            break;
        keep = Math.floor(keep * 0.8);
    }
    return `<!-- pitcrew:state ${json.replace(/--/g, '-\\u002d').replace(/>/g, '\\u003e')} -->`;
}
/** Reads the state back from a summary comment; null when absent or not ours. */
function parseState(body) {
    if (!body)
        return null;
    // The last block: pitcrew writes its state at the very end of the comment.
    const m = [...body.matchAll(STATE_RE)].pop();
    if (!m)
        return null;
    try {
        const raw = JSON.parse(m[1]);
        if (typeof raw.headSha !== 'string' || !/^[0-9a-f]{7,64}$/.test(raw.headSha))
            return null;
        const fingerprints = Array.isArray(raw.fingerprints)
            ? raw.fingerprints.filter((f) => typeof f === 'string' && /^[0-9a-f]{8,64}$/.test(f))
            : [];
        const state = { v: 1, headSha: raw.headSha, fingerprints };
        if (typeof raw.baseSha === 'string')
            state.baseSha = raw.baseSha;
        if (Array.isArray(raw.findings)) {
            state.findings = raw.findings
                .map(parseStateFinding)
                .filter((f) => f !== null);
        }
        if (Array.isArray(raw.unresolved)) {
            const unresolved = raw.unresolved.filter((f) => typeof f === 'string' && /^[0-9a-f]{8,64}$/.test(f));
            if (unresolved.length > 0)
                state.unresolved = unresolved;
        }
        return state;
    }
    catch {
        return null;
    }
}
const SEVERITY_ICON = {
    critical: '\ud83d\uded1',
    major: '\u26a0\ufe0f',
    minor: '\ud83d\udca1',
    nit: '\ud83d\udd39',
};
function oneLine(text, max = 200) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
}
/** Inline comment text: severity, title, body, repairs, code block, fingerprint marker. */
function renderInlineComment(p) {
    const f = p.finding;
    const parts = [
        `${SEVERITY_ICON[f.severity]} **${f.severity}: ${oneLine(f.title)}**`,
        '',
        f.body.trim(),
    ];
    if (p.repairs && p.repairs.length > 0)
        parts.push('', `<sub>Note: ${p.repairs.join('; ')}.</sub>`);
    if (p.codeBlock)
        parts.push('', p.codeBlock);
    return `${defuseMarkers(parts.join('\n'))}\n\n${(0,_fingerprint_js__WEBPACK_IMPORTED_MODULE_0__/* .fingerprintMarker */ .nn)(p.fp)}`;
}
function lineRef(p) {
    const line = p.line ?? p.finding.line;
    const start = p.startLine ?? p.finding.start_line;
    if (typeof line !== 'number' || !Number.isFinite(line))
        return '';
    return start !== undefined && start !== line ? ` lines ${start}-${line}` : ` line ${line}`;
}
function bodyEntry(p) {
    const f = p.finding;
    const head = `- ${SEVERITY_ICON[f.severity]} **${f.severity}: ${oneLine(f.title)}** \u2014 \`${oneLine(String(f.path), 300)}\`${lineRef(p)}`;
    const lines = [head];
    if (p.reason)
        lines.push(`  <sub>${oneLine(p.reason, 300)}</sub>`);
    const body = f.body.trim();
    if (body)
        lines.push(...body.split('\n').map((l) => `  ${l}`));
    if (p.codeBlock)
        lines.push(...p.codeBlock.split('\n').map((l) => `  ${l}`));
    return `${defuseMarkers(lines.join('\n'))}\n  ${(0,_fingerprint_js__WEBPACK_IMPORTED_MODULE_0__/* .fingerprintMarker */ .nn)(p.fp)}`;
}
/**
 * The review body: a one-line overview, then the findings that are not inline comments:
 * "Outside the diff" and the ones over max-comments. Cut to fit GitHub's limit.
 */
function renderReviewBody(opts) {
    const outside = opts.placed.filter((p) => p.placement === 'outside');
    const overflow = opts.placed.filter((p) => p.placement === 'overflow');
    const out = [
        `**pitcrew review**: ${countBySeverity(opts.placed.map((p) => p.finding))}.`,
    ];
    if (opts.summary.trim())
        out.push('', defuseMarkers(opts.summary.trim()));
    if (opts.degraded)
        out.push('', `> ${opts.degraded}`);
    if (outside.length > 0) {
        out.push('', '### Outside the diff', '', ...outside.map(bodyEntry));
    }
    if (overflow.length > 0) {
        out.push('', opts.degraded
            ? '### Findings'
            : `### More findings (over the limit of ${opts.maxComments} inline comments)`, '', ...overflow.map(bodyEntry));
    }
    return cap(out.join('\n'), MAX_COMMENT_CHARS);
}
function cap(text, max) {
    if (text.length <= max)
        return text;
    return `${text.slice(0, max - 80)}\n\n\u2026 (${text.length - max + 80} characters cut to fit GitHub's limit)`;
}
/** "2 major, 1 nit" or "no findings". */
function countBySeverity(findings) {
    if (findings.length === 0)
        return 'no findings';
    return SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ');
}
function conversationLines(c) {
    if (c.error)
        return [
            '',
            `> Reviewed without the conversation: the review threads could not be read (${oneLine(c.error, 300)}). Findings pitcrew posted before are still not repeated (their fingerprints are in its own comments), but dismissed findings are not listed and addressed threads were not resolved.`,
        ];
    const out = [];
    if (c.addressed.length > 0) {
        out.push('', `Resolved ${c.addressed.length} thread${c.addressed.length === 1 ? '' : 's'} addressed in \`${short(c.head)}\`:`, ...c.addressed.map((a) => `- ${oneLine(a.title)} \u2014 \`${oneLine(a.path, 200)}\``));
    }
    out.push(...listBlock('Dismissed on this PR, not posted again', c.dismissed, (d) => `- ${oneLine(d.title)} \u2014 \`${oneLine(d.path, 200)}\` \u2014 dismissed by @${d.by} (${d.how === 'resolved' ? 'resolved the thread' : 'replied'})`, 100));
    return out;
}
/**
 * The parts of a previous summary that a rerun on the same head cannot recompute (it packs
 * nothing): the review link, the coverage line and the lists of files reviewed and skipped.
 */
function carriedSections(previous) {
    if (!previous)
        return '';
    const out = [];
    const review = /^Review: \S+$/m.exec(previous);
    if (review)
        out.push(review[0]);
    const coverage = /^Coverage: .*$/m.exec(previous);
    if (coverage)
        out.push(coverage[0]);
    for (const m of previous.matchAll(/<details><summary>Files (?:reviewed|skipped) \(\d+\)<\/summary>[\s\S]*?<\/details>/g))
        out.push(m[0]);
    return out.join('\n\n');
}
function short(sha) {
    return sha.slice(0, 7);
}
function listBlock(title, items, render, max) {
    if (items.length === 0)
        return [];
    const shown = items.slice(0, max).map(render);
    if (items.length > max)
        shown.push(`- \u2026 and ${items.length - max} more`);
    return [
        '',
        `<details><summary>${title} (${items.length})</summary>`,
        '',
        ...shown,
        '',
        '</details>',
    ];
}
function formatUsage(u, calls) {
    const cost = u.costUsd === null ? 'unknown cost' : `$${u.costUsd.toFixed(4)}`;
    return `${calls} model call${calls === 1 ? '' : 's'}, ${u.turns} turn${u.turns === 1 ? '' : 's'}, ${u.inputTokens} input + ${u.cacheReadTokens} cache-read + ${u.cacheWriteTokens} cache-write tokens, ${u.outputTokens} output tokens, ${cost}`;
}
/** The sticky summary comment (also the job summary's review section). */
function renderSummary(input) {
    const out = [SUMMARY_MARKER, '## pitcrew review', '', `**${input.verdict}**`, ''];
    // The first lines say what was not covered, before anything else (counts, lists).
    if (input.gaps?.length)
        out.push(...input.gaps, '');
    const r = input.range;
    if (r.kind === 'incremental' && r.from) {
        out.push(`Reviewed the changes from \`${short(r.from)}\` to \`${short(r.head)}\` (new commits since the last review); anchors checked against the whole PR (\`${short(r.base)}...${short(r.head)}\`).`);
    }
    else if (r.kind === 'unchanged') {
        out.push(`No new commits since the last review of \`${short(r.head)}\`: nothing new posted.`);
    }
    else {
        out.push(`Reviewed \`${short(r.base)}...${short(r.head)}\`.`);
    }
    const counts = SEVERITIES.map((s) => `${SEVERITY_ICON[s]} ${s}: ${input.placed.filter((p) => p.finding.severity === s).length}`);
    out.push('', `Findings: ${counts.join(' \u00b7 ')}`);
    const inline = input.placed.filter((p) => p.placement === 'inline').length;
    const outside = input.placed.filter((p) => p.placement === 'outside').length;
    const overflow = input.placed.filter((p) => p.placement === 'overflow').length;
    const where = [];
    if (inline)
        where.push(`${inline} inline`);
    if (outside)
        where.push(`${outside} outside the diff`);
    if (overflow)
        where.push(`${overflow} in the review body (over max-comments)`);
    if (input.repeated)
        where.push(`${input.repeated} already posted earlier (not repeated)`);
    const offCategory = Object.entries(input.offCategory ?? {}).filter(([, n]) => (n ?? 0) > 0);
    const outsideCategories = offCategory.reduce((a, [, n]) => a + (n ?? 0), 0);
    if (outsideCategories)
        where.push(`${outsideCategories} outside review.categories (${offCategory.map(([c, n]) => `${c}: ${n}`).join(', ')}; counted, not posted)`);
    if (input.belowMinSeverity)
        where.push(`${input.belowMinSeverity} below min-severity (not posted, listed below)`);
    if (input.dismissed)
        where.push(`${input.dismissed} dismissed earlier on this PR (not posted again)`);
    if (input.duplicates)
        where.push(`${input.duplicates} submitted twice in this run (posted once)`);
    if (where.length > 0) {
        const of = input.submitted !== undefined
            ? `${input.submitted} finding${input.submitted === 1 ? '' : 's'} submitted: `
            : '';
        out.push(`(${of}${where.join(', ')})`);
    }
    if (input.reviewUrl)
        out.push('', `Review: ${input.reviewUrl}`);
    if (input.coverage) {
        const c = input.coverage;
        const pct = c.changedLinesReviewable === 0
            ? 100
            : Math.floor((1000 * c.changedLinesShown) / c.changedLinesReviewable) / 10;
        out.push('', `Coverage: ${c.filesShown}/${c.filesReviewable} reviewable files and ${c.changedLinesShown}/${c.changedLinesReviewable} changed lines (${pct}%) shown to the model; ${c.filesTotal} file${c.filesTotal === 1 ? '' : 's'} in the change.`);
    }
    for (const n of input.notes)
        out.push('', `> ${n}`);
    if (input.conversation)
        out.push(...conversationLines(input.conversation));
    const top = input.placed.filter((p) => p.finding.severity === 'critical' || p.finding.severity === 'major');
    if (top.length > 0) {
        out.push('', '### Critical and major findings', '');
        for (const p of top.slice(0, 30)) {
            out.push(`- ${SEVERITY_ICON[p.finding.severity]} **${oneLine(p.finding.title)}** \u2014 \`${oneLine(String(p.finding.path), 200)}\`${lineRef(p)}`);
        }
        if (top.length > 30)
            out.push(`- \u2026 and ${top.length - 30} more`);
    }
    const earlier = input.earlier ?? [];
    if (earlier.length > 0) {
        out.push('', `### Findings from earlier reviews (${countBySeverity(earlier)})`, '');
        const sorted = [...earlier].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
        for (const f of sorted.slice(0, 50)) {
            const at = f.line !== undefined ? ` line ${f.line}` : '';
            out.push(`- ${SEVERITY_ICON[f.severity]} **${f.severity}: ${oneLine(f.title)}** \u2014 \`${oneLine(f.path, 200)}\`${at}`);
        }
        if (sorted.length > 50)
            out.push(`- \u2026 and ${sorted.length - 50} more`);
    }
    if (input.carried)
        out.push('', `From the review of \`${short(r.head)}\`:`, '', input.carried);
    const below = [...(input.below ?? [])].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
    out.push(...listBlock(`Below min-severity${input.minSeverity ? ` (${input.minSeverity})` : ''}, not posted`, below, (f) => `- ${SEVERITY_ICON[f.severity]} ${f.severity}: ${oneLine(f.title)} \u2014 \`${oneLine(String(f.path), 200)}\`${lineRef({ finding: f })}`, 100));
    out.push(...listBlock('Files reviewed', input.reviewed, (f) => `- \`${f}\``, 300));
    out.push(...listBlock('Files skipped', input.skipped, (s) => `- \`${s.path}\`: ${s.reason}`, 300));
    const run = input.runUrl ? ` \u00b7 [workflow run](${input.runUrl})` : '';
    out.push('', `<sub>Usage: ${formatUsage(input.usage, input.calls)}.${run}</sub>`);
    const stateBlock = encodeState(input.state);
    let unposted = '';
    if (input.unposted) {
        const u = input.unposted;
        const comments = u.comments.map((c) => `#### \`${c.path}\` line ${c.line}\n\n${c.body}`);
        unposted = ['', `### Review not posted (${u.why})`, '', u.body, '', ...comments].join('\n');
    }
    // Everything after the marker line is text that may quote the model or the PR: defused.
    const head = `${SUMMARY_MARKER}\n${defuseMarkers(out.slice(1).join('\n'))}`;
    const budget = MAX_COMMENT_CHARS - stateBlock.length - 10;
    const body = cap(head + unposted, budget);
    return `${body}\n\n${stateBlock}\n`;
}


/***/ })

};
