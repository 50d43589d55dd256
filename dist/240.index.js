export const id = 240;
export const ids = [240];
export const modules = {

/***/ 55965:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ns: () => (/* binding */ analyze),
  r9: () => (/* binding */ conditionFailures),
  Sc: () => (/* binding */ fmt)
});

// UNUSED EXPORTS: MIN_BASELINE_SAMPLES, baselineCheck

// EXTERNAL MODULE: ./src/rollback/expr.ts
var rollback_expr = __webpack_require__(40653);
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
            const ev = evaluate(metric, analysis, all[n - 1], n, all.slice(0, n), input.baselines?.[metric.name]);
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
function evaluate(metric, analysis, m, n, upTo, baseline) {
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
    if (expr !== undefined && !(0,rollback_expr/* compileExpr */.P)(expr)(value))
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


/***/ }),

/***/ 21026:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ parseDurationSeconds)
/* harmony export */ });
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


/***/ }),

/***/ 40653:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ compileExpr)
/* harmony export */ });
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


/***/ }),

/***/ 24156:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  o: () => (/* binding */ createMetricProvider),
  H: () => (/* binding */ requiredEnv)
});

// EXTERNAL MODULE: ./src/rollback/duration.ts
var duration = __webpack_require__(21026);
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
        const window = (0,duration/* parseDurationSeconds */.l)(cfg.window);
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
                start: String(atSec - Math.max(deps.lookbackSeconds, (0,duration/* parseDurationSeconds */.l)(cfg.range))),
                end: String(atSec),
                step: String((0,duration/* parseDurationSeconds */.l)(cfg.range)),
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
        const step = cfg.range ? (0,duration/* parseDurationSeconds */.l)(cfg.range) : Math.max(1, deps.lookbackSeconds);
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


/***/ })

};
