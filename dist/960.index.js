export const id = 960;
export const ids = [960];
export const modules = {

/***/ 11960:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runFix: () => (/* binding */ runFix)
});

// EXTERNAL MODULE: ./src/agent/types.ts
var types = __webpack_require__(50016);
// EXTERNAL MODULE: ./src/config/types.ts
var config_types = __webpack_require__(22143);
// EXTERNAL MODULE: ./src/tools/git.ts + 2 modules
var tools_git = __webpack_require__(6154);
// EXTERNAL MODULE: ./src/prompts.ts
var prompts = __webpack_require__(66224);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/safety/jail.ts
var jail = __webpack_require__(85992);
;// CONCATENATED MODULE: ./src/tools/edit.ts
/**
 * edit_file: the one tool that writes. An exact, unique text replacement (the str_replace
 * editor that works best for agents), a new file only when asked for explicitly, never a
 * deletion. The path goes through the jail, then through the mode's guard (protected paths,
 * test files), so what may change is decided by code, not by the prompt.
 */



const DEFAULT_MAX_FILE_BYTES = 1_000_000;
const SNIPPET_CONTEXT = 3;
function fail(content) {
    return { content, isError: true };
}
function countOccurrences(haystack, needle) {
    let count = 0;
    let at = haystack.indexOf(needle);
    while (at !== -1) {
        count++;
        at = haystack.indexOf(needle, at + needle.length);
    }
    return count;
}
/** A few numbered lines around the edited region, so the model sees the result without a read. */
function snippet(text, startLine, lineCount) {
    const lines = text.split('\n');
    const from = Math.max(1, startLine - SNIPPET_CONTEXT);
    const to = Math.min(lines.length, startLine + Math.max(lineCount, 1) - 1 + SNIPPET_CONTEXT);
    const width = String(to).length;
    const out = [];
    for (let n = from; n <= to; n++)
        out.push(`${String(n).padStart(width)}\t${lines[n - 1]}`);
    return out.join('\n');
}
/** The contract's edit_file tool; the fix mode supplies the guard. */
function editFileTool(opts) {
    const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    return {
        name: 'edit_file',
        description: 'Edit a file by replacing old_text with new_text. old_text must match the file exactly ' +
            '(whitespace and indentation included, without the line numbers read_file shows) and ' +
            'exactly once: include enough surrounding lines to make it unique. To create a new file, ' +
            'give an empty old_text and the whole content as new_text. Files cannot be deleted.',
        inputSchema: {
            type: 'object',
            properties: {
                path: { type: 'string', description: 'Path relative to the workspace root.' },
                old_text: { type: 'string', description: 'Exact text to replace; empty to create a file.' },
                new_text: { type: 'string', description: 'Replacement text.' },
            },
            required: ['path', 'old_text', 'new_text'],
            additionalProperties: false,
        },
        async run(input, ctx) {
            const { path: p, old_text: oldText, new_text: newText } = input;
            if (typeof p !== 'string' || p === '') {
                return fail(`Invalid path '${JSON.stringify(p)}'. Expected a relative file path.`);
            }
            if (typeof oldText !== 'string' || typeof newText !== 'string') {
                return fail('Invalid input. Expected old_text and new_text to be strings.');
            }
            const jailed = (0,jail/* resolveInWorkspace */.z1)(ctx.workspace, p);
            if (!jailed.ok)
                return fail(jailed.error);
            if (jailed.rel === '.' || (0,jail/* isGitInternal */.ep)(jailed.rel)) {
                return fail(`Refused '${p}': git internals and the workspace root cannot be edited.`);
            }
            const refusal = opts.guard(jailed.rel);
            if (refusal !== null)
                return fail(`Refused '${jailed.rel}': ${refusal}`);
            const exists = await promises_.lstat(jailed.abs).then(() => true, () => false);
            if (oldText === '') {
                if (exists) {
                    return fail(`${jailed.rel} already exists. To change it, give old_text: the exact text to replace.`);
                }
                const badName = opts.newFileGuard?.(jailed.rel) ?? null;
                if (badName !== null)
                    return fail(`Refused to create ${JSON.stringify(jailed.rel)}: ${badName}`);
                if (Buffer.byteLength(newText) > maxBytes) {
                    return fail(`new_text is over the file size cap of ${maxBytes} bytes.`);
                }
                try {
                    await promises_.mkdir(external_node_path_.dirname(jailed.abs), { recursive: true });
                    // 'wx': fails if anything (a symlink included) appeared at the path meanwhile.
                    await promises_.writeFile(jailed.abs, newText, { flag: 'wx' });
                }
                catch (err) {
                    return fail(`Could not create ${jailed.rel}: ${err.message}`);
                }
                opts.onEdit?.(jailed.rel);
                const lines = newText === '' ? 0 : newText.split('\n').length;
                return `Created ${jailed.rel} (${lines} lines).`;
            }
            if (!exists) {
                return fail(`${jailed.rel} does not exist. To create it, give an empty old_text and the content as new_text.`);
            }
            if (oldText === newText)
                return fail('old_text and new_text are identical: nothing to change.');
            const read = await (0,jail/* readFileCapped */.uh)(jailed.abs, { maxBytes });
            if (!read.ok)
                return fail(read.error.split(jailed.abs).join(jailed.rel));
            const content = read.text;
            let from = oldText;
            let to = newText;
            let count = countOccurrences(content, from);
            // The model writes \n; a CRLF file needs \r\n to match, and keeps its line endings.
            if (count === 0 && content.includes('\r\n') && !oldText.includes('\r\n')) {
                const crlf = (s) => s.replace(/\r?\n/g, '\r\n');
                const n = countOccurrences(content, crlf(oldText));
                if (n > 0) {
                    from = crlf(oldText);
                    to = crlf(newText);
                    count = n;
                }
            }
            if (count === 0) {
                const trimmedHit = oldText.trim() !== '' && content.includes(oldText.trim());
                const hint = trimmedHit
                    ? ' It does match once leading/trailing whitespace is trimmed: check the indentation and line ends.'
                    : ' Read the file again and copy the text exactly, without line numbers.';
                return fail(`old_text was not found in ${jailed.rel} (0 matches).${hint}`);
            }
            if (count > 1) {
                return fail(`old_text matches ${count} places in ${jailed.rel}; it must match exactly one. ` +
                    'Include more surrounding lines to make it unique.');
            }
            const at = content.indexOf(from);
            // Slicing, not String.replace: `$&` and `$1` in new_text must stay literal.
            const updated = content.slice(0, at) + to + content.slice(at + from.length);
            try {
                await promises_.writeFile(jailed.abs, updated);
            }
            catch (err) {
                return fail(`Could not write ${jailed.rel}: ${err.message}`);
            }
            opts.onEdit?.(jailed.rel);
            const startLine = content.slice(0, at).split('\n').length;
            const removed = from.split('\n').length;
            const added = to === '' ? 0 : to.split('\n').length;
            return (`Edited ${jailed.rel}: replaced ${removed} line(s) at line ${startLine} with ${added} line(s).\n` +
                snippet(updated.replace(/\r\n/g, '\n'), startLine, added));
        },
    };
}

// EXTERNAL MODULE: ./src/tools/workspace.ts + 1 modules
var workspace = __webpack_require__(90309);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(14006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
;// CONCATENATED MODULE: ./src/fix/test-config.ts
/**
 * Test configuration: everything that decides which tests run and how. Loosening it is the
 * cheapest way to make a failing test "pass" (`"test": "echo ok"`, `jest || true`,
 * `passWithNoTests`), so a change to it is judged like a test edit. Whole files (vitest.config,
 * pytest.ini, tox.ini\u2026) are refused by path in guards.ts; the files that also hold other things
 * (package.json, pyproject.toml, setup.cfg, pom.xml) are judged here by the keys or sections
 * that changed, so a dependency bump stays possible. Pure functions over file contents.
 */
/** package.json keys read by test runners and coverage tools. */
const RUNNER_KEYS = ['jest', 'mocha', 'ava', 'vitest', 'c8', 'nyc'];
/** Files judged by content: the test configuration is only a part of them. */
function isMixedConfigFile(path) {
    return /(^|\/)(package\.json|pyproject\.toml|setup\.cfg|pom\.xml)$/.test(path);
}
/** Script names a command line runs directly: `npm test`, `npm run x`, `yarn x`, `pnpm run x`. */
function scriptsInvoked(command) {
    const out = [];
    // each simple command of the line (&&, ||, ;, |)
    for (const part of command.split(/&&|\|\||[;|\n]/)) {
        const words = part.trim().split(/\s+/).filter(Boolean);
        // skip env assignments and wrappers (`CI=1 npm test`, `npx cross-env X=1 npm test`)
        while (words.length && /^\w+=/.test(words[0]))
            words.shift();
        const tool = words[0]?.replace(/^.*\//, '');
        if (!tool)
            continue;
        const rest = words.slice(1).filter((w) => !w.startsWith('-'));
        if (tool === 'npm' || tool === 'pnpm' || tool === 'bun') {
            const sub = rest[0];
            if (sub === 'test' || sub === 't' || sub === 'tst')
                out.push('test');
            else if (sub === 'run' || sub === 'run-script' || sub === 'rum' || sub === 'urn') {
                if (rest[1])
                    out.push(rest[1]);
            }
            else if (tool === 'pnpm' && sub && !PNPM_BUILTINS.has(sub))
                out.push(sub);
        }
        else if (tool === 'yarn') {
            const sub = rest[0];
            if (sub === 'run') {
                if (rest[1])
                    out.push(rest[1]);
            }
            else if (sub && !YARN_BUILTINS.has(sub))
                out.push(sub);
        }
    }
    return out;
}
const YARN_BUILTINS = new Set(['add', 'install', 'remove', 'upgrade', 'exec', 'dlx', 'workspace']);
const PNPM_BUILTINS = new Set(['add', 'install', 'i', 'remove', 'update', 'exec', 'dlx', 'why']);
/**
 * Every script the command reaches, following script references (`"test": "npm run unit"`) and
 * npm's pre/post hooks. `scripts` of several versions of package.json may be given: a script the
 * fix adds or removes on the way counts too.
 */
function scriptsReached(command, ...versions) {
    const defined = (n) => versions.some((s) => typeof s[n] === 'string');
    const seen = new Set();
    const queue = scriptsInvoked(command);
    const visit = (name) => {
        if (seen.has(name))
            return;
        seen.add(name);
        for (const scripts of versions) {
            const body = scripts[name];
            if (typeof body === 'string')
                queue.push(...scriptsInvoked(body));
        }
    };
    while (queue.length) {
        const name = queue.shift();
        if (seen.has(name))
            continue;
        visit(name);
        // npm runs pre<name> and post<name> around it (hooks of hooks are not run)
        for (const hook of [`pre${name}`, `post${name}`])
            if (defined(hook))
                visit(hook);
    }
    return [...seen];
}
function parseJson(text) {
    if (text === null)
        return null;
    try {
        const v = JSON.parse(text);
        return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
    }
    catch {
        return 'invalid';
    }
}
function scriptsOf(pkg) {
    const s = pkg?.scripts;
    if (!s || typeof s !== 'object')
        return {};
    const out = {};
    for (const [k, v] of Object.entries(s))
        if (typeof v === 'string')
            out[k] = v;
    return out;
}
/** Order-independent JSON text, so reformatting a key is not a change of it. */
function canonical(v) {
    if (Array.isArray(v))
        return `[${v.map(canonical).join(',')}]`;
    if (v && typeof v === 'object') {
        const o = v;
        return `{${Object.keys(o)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
            .join(',')}}`;
    }
    return JSON.stringify(v) ?? 'undefined';
}
/**
 * The test-configuration keys of package.json that differ between two versions, as
 * `scripts.<name>` and runner keys (`jest`). Only scripts the test command reaches count: a new
 * `lint` script is not test configuration.
 */
function packageJsonChanges(before, after, testCommand) {
    const a = parseJson(before);
    const b = parseJson(after);
    if (a === 'invalid' || b === 'invalid')
        return b === 'invalid' && a !== 'invalid' ? ['(the whole file: not valid JSON)'] : [];
    const changed = [];
    const sa = scriptsOf(a);
    const sb = scriptsOf(b);
    // with no known command the `test` script is what `npm test` runs
    for (const name of scriptsReached(testCommand ?? 'npm test', sa, sb)) {
        if (sa[name] !== sb[name])
            changed.push(`scripts.${name}`);
    }
    for (const key of RUNNER_KEYS) {
        if (canonical(a?.[key]) !== canonical(b?.[key]))
            changed.push(key);
    }
    return changed;
}
/**
 * The text of INI/TOML sections whose header matches, by header: `[tool.pytest.ini_options]`
 * in pyproject.toml, `[tool:pytest]` in setup.cfg. Lines are trimmed and blank or comment lines
 * dropped, so only a change of a setting counts.
 */
function sections(text, header) {
    const out = new Map();
    if (text === null)
        return out;
    let current = null;
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        const h = /^\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
        if (h) {
            current = header.test(h[1]) ? h[1] : null;
            if (current !== null && !out.has(current))
                out.set(current, '');
            continue;
        }
        if (current === null || line === '' || line.startsWith('#') || line.startsWith(';'))
            continue;
        out.set(current, `${out.get(current)}${line}\n`);
    }
    return out;
}
function sectionChanges(before, after, header) {
    const a = sections(before, header);
    const b = sections(after, header);
    const changed = [];
    for (const name of new Set([...a.keys(), ...b.keys()])) {
        if (a.get(name) !== b.get(name))
            changed.push(`[${name}]`);
    }
    return changed;
}
/**
 * surefire/failsafe configuration in pom.xml: the plugin blocks and the properties that skip or
 * select tests (`skipTests`, `maven.test.skip`, `surefire.*`, `failsafe.*`, `test`).
 */
function pomChanges(before, after) {
    const blocks = (text) => {
        if (text === null)
            return '';
        const plugins = [...text.matchAll(/<plugin>[\s\S]*?<\/plugin>/g)]
            .map((m) => m[0])
            .filter((p) => /<artifactId>\s*maven-(surefire|failsafe)[\w-]*\s*<\/artifactId>/.test(p));
        const props = [
            ...text.matchAll(/<(skipTests|skipITs|maven\.test\.[\w.]+|surefire\.[\w.]+|failsafe\.[\w.]+|test|it\.test)>[\s\S]*?<\/\1>/g),
        ].map((m) => m[0]);
        return [...plugins, ...props].map((s) => s.replace(/\s+/g, ' ')).join('\n');
    };
    return blocks(before) === blocks(after) ? [] : ['surefire/failsafe configuration'];
}
/**
 * What of the test configuration one file's change touches: the keys or sections, named for
 * the refusal; empty when none (a dependency bump). `before`/`after` are null for a file that
 * does not exist in that version.
 */
function testConfigChanges(path, before, after, testCommand) {
    const name = path.replace(/^.*\//, '');
    if (before === after)
        return [];
    switch (name) {
        case 'package.json':
            return packageJsonChanges(before, after, testCommand);
        case 'pyproject.toml':
            return sectionChanges(before, after, /^tool\.pytest/);
        case 'setup.cfg':
            return sectionChanges(before, after, /^tool:pytest$/);
        case 'pom.xml':
            return pomChanges(before, after);
        default:
            return [];
    }
}
/** The refusal for a change of test configuration (guards.ts words the test-file refusals alike). */
function testConfigRefusal(path, keys) {
    return `it changes test configuration (${keys.join(', ')} in ${path}), which decides which tests run and how, and test edits are not allowed (fix.allow-test-edits is false). Fix the code under test so the existing tests pass with the configuration as it is.`;
}

;// CONCATENATED MODULE: ./src/fix/guards.ts
/**
 * What a fix may change, decided by code: protected paths, test files, deletions and the size of
 * the diff. The same rules run on every edit_file call and again on the final diff, so a change
 * that reached the tree by another route (a test command writing files) is still refused.
 */


const matchers = new Map();
function matcher(glob) {
    let m = matchers.get(glob);
    if (!m) {
        m = picomatch_default()(glob, { dot: true });
        matchers.set(glob, m);
    }
    return m;
}
function norm(path) {
    return path.replace(/\\/g, '/').replace(/^\.\/+/, '');
}
/** True when the path matches one of the protected globs (default `.github/**`). */
function isProtected(path, globs = ['.github/**']) {
    const p = norm(path);
    return globs.some((g) => matcher(g)(p));
}
const TEST_DIR = /(^|\/)(tests?|__tests__|__mocks__|spec|specs|testdata|__snapshots__|e2e|cypress|playwright)\//;
const TEST_NAME = /(\.(test|spec|e2e-spec)\.[cm]?[jt]sx?$|\.(test|spec)\.(vue|svelte)$|(^|\/)test_[^/]*\.py$|_test\.py$|(^|\/)conftest\.py$|_test\.go$|(^|\/)[^/]*Tests?\.(java|kt|cs|scala)$|_spec\.rb$|\.snap$)/;
/**
 * Files that are test configuration as a whole (package.json and co are judged by key). pytest
 * reads `.pytest.ini`, and since 9.0 `pytest.toml` and `.pytest.toml`, like `pytest.ini`.
 */
const TEST_CONFIG = /(^|\/)((vitest|vite|jest|playwright|cypress|karma|mocha|ava)\.config\.([cm]?[jt]s|json)|vitest\.(workspace|projects)\.[cm]?[jt]s|karma\.conf\.[cm]?[jt]s|\.?pytest\.(ini|toml)|tox\.ini|\.mocharc\.[a-z]+|conftest\.py|jest\.setup\.[cm]?[jt]s)$/;
/**
 * A test file, by path conventions or by being the file of a failing test. Test configuration
 * (vitest.config.ts, pytest.ini) counts too: loosening it is a way of editing the tests.
 */
function isTestFile(path, failingTestFiles = []) {
    const p = norm(path);
    for (const f of failingTestFiles)
        if (norm(f) === p)
            return true;
    return TEST_DIR.test(p) || TEST_NAME.test(p) || TEST_CONFIG.test(p);
}
/** The files of the failing tests, and every file their ids name (pytest node ids, vitest ids). */
function failingTestFiles(failures) {
    const out = new Set();
    for (const f of failures) {
        if (f.file)
            out.add(norm(f.file));
        const fromId = /^([^\s:>]+\.[A-Za-z]+)(?:::| > )/.exec(f.id);
        if (fromId)
            out.add(norm(fromId[1]));
    }
    return [...out];
}
function guardConfig(fix, failures, testCommand) {
    return {
        protectedPaths: fix.protectedPaths,
        allowTestEdits: fix.allowTestEdits,
        maxChangedLines: fix.maxChangedLines,
        testFiles: failingTestFiles(failures),
        testCommand: testCommand ?? fix.testCommand,
    };
}
/**
 * Why a change of one file's content may not be kept, or null: package.json, pyproject.toml,
 * setup.cfg and pom.xml are test configuration only in part, so they are judged by what changed
 * between the failing commit (`before`, null: absent) and now (`after`).
 */
function contentRefusal(path, before, after, cfg) {
    if (cfg.allowTestEdits || !isMixedConfigFile(norm(path)))
        return null;
    const keys = testConfigChanges(norm(path), before, after, cfg.testCommand);
    return keys.length ? testConfigRefusal(norm(path), keys) : null;
}
/**
 * The content refusals of a whole diff (see contentRefusal), as checkDiff words them. Files that
 * changed by any route are judged, not only those edit_file wrote.
 */
async function checkDiffContent(entries, cfg, read) {
    const reasons = [];
    if (cfg.allowTestEdits)
        return reasons;
    for (const e of entries) {
        if (!isMixedConfigFile(norm(e.path)) || e.binary)
            continue;
        const before = await read.base(e.oldPath ?? e.path);
        const after = await read.current(e.path);
        const r = contentRefusal(e.path, before, after, cfg);
        if (r)
            reasons.push(`Refused '${e.path}': ${r}`);
    }
    return reasons;
}
/** Why one path may not be changed (edit_file prefixes "Refused '<path>': "), or null. */
function pathRefusal(path, cfg) {
    if (isProtected(path, cfg.protectedPaths)) {
        return `it is a protected path (${cfg.protectedPaths.join(', ')}). Fix the code under test instead.`;
    }
    if (!cfg.allowTestEdits && TEST_CONFIG.test(norm(path))) {
        return `it is test configuration (it decides which tests run and how) and test edits are not allowed (fix.allow-test-edits is false). Fix the code under test so the existing tests pass.`;
    }
    if (!cfg.allowTestEdits && isTestFile(path, cfg.testFiles)) {
        return `it is a test file and test edits are not allowed (fix.allow-test-edits is false). Fix the code under test so the existing tests pass.`;
    }
    return null;
}
/** The guard function for editFileTool (src/tools/edit.ts). */
function editGuard(cfg) {
    return (rel) => pathRefusal(rel, cfg);
}
/**
 * Parses `git diff -z --name-status -M` and `git diff -z --numstat -M` into one entry per file.
 * The -z forms keep odd file names (spaces, quotes, newlines) intact.
 */
function parseDiffEntries(nameStatusZ, numstatZ) {
    const entries = [];
    const byPath = new Map();
    const ns = nameStatusZ.split('\0');
    for (let i = 0; i < ns.length;) {
        const code = ns[i++];
        if (!code)
            continue;
        const status = code[0];
        let e;
        if (status === 'R' || status === 'C') {
            const oldPath = ns[i++] ?? '';
            const path = ns[i++] ?? '';
            e = { status, path, oldPath, added: 0, deleted: 0, binary: false };
        }
        else {
            e = { status, path: ns[i++] ?? '', added: 0, deleted: 0, binary: false };
        }
        entries.push(e);
        byPath.set(e.path, e);
    }
    const nm = numstatZ.split('\0');
    for (let i = 0; i < nm.length;) {
        const head = nm[i++];
        if (!head)
            continue;
        const m = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(head.replace(/^\n/, ''));
        if (!m)
            continue;
        let path = m[3];
        if (path === '') {
            // rename: the two paths follow as separate fields
            i++;
            path = nm[i++] ?? '';
        }
        const e = byPath.get(path);
        if (!e)
            continue;
        e.binary = m[1] === '-';
        e.added = m[1] === '-' ? 0 : Number(m[1]);
        e.deleted = m[2] === '-' ? 0 : Number(m[2]);
    }
    return entries;
}
function changedLines(entries) {
    return entries.reduce((n, e) => n + e.added + e.deleted, 0);
}
/**
 * Every reason the whole diff is refused; empty when it may be delivered. Renames are judged by
 * both names: moving a test file away is editing it.
 */
function checkDiff(entries, cfg) {
    const reasons = [];
    if (entries.length === 0)
        reasons.push('The diff is empty: nothing was changed.');
    for (const e of entries) {
        const paths = e.oldPath ? [e.oldPath, e.path] : [e.path];
        if (e.status === 'D')
            reasons.push(`Refused: '${e.path}' is deleted. A fix may not delete files.`);
        for (const p of paths) {
            const r = pathRefusal(p, cfg);
            if (r)
                reasons.push(`Refused '${p}': ${r}`);
        }
    }
    const total = changedLines(entries);
    if (total > cfg.maxChangedLines) {
        reasons.push(`Refused: the diff changes ${total} lines, more than max-changed-lines (${cfg.maxChangedLines}). Make a smaller, focused fix.`);
    }
    return [...new Set(reasons)];
}

;// CONCATENATED MODULE: ./src/fix/paths.ts
/** The characters `core.quotePath` (git's default) quotes, and what the refusal calls them. */
function quotedByGit(ch) {
    const code = ch.codePointAt(0);
    if (code < 0x20 || code === 0x7f)
        return `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
    if (ch === '"')
        return 'a double quote';
    if (ch === '\\')
        return 'a backslash';
    if (code > 0x7e)
        return `a non-ASCII character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
    return null;
}
/**
 * Why a path may not be created or be the target of a rename, or null when it may. The path is
 * workspace-relative with `/` separators. The reason quotes the path JSON-escaped, so a newline
 * shows as `\n` instead of breaking the message.
 */
function newPathRefusal(path) {
    const shown = JSON.stringify(path);
    for (const ch of path) {
        const what = quotedByGit(ch);
        if (what)
            return `the new path ${shown} contains ${what}; git would quote it (core.quotePath). New files need plain ASCII names without control characters, quotes or backslashes.`;
    }
    const dash = path.split('/').find((s) => s.startsWith('-'));
    if (dash !== undefined)
        return `the new path ${shown} has a segment starting with '-' ('${dash}'), which commands read as an option. Choose a name that starts with a letter, digit, '.' or '_'.`;
    return null;
}
/** The paths a diff adds: created files, and the targets of renames and copies. */
function addedPaths(entries) {
    return entries
        .filter((e) => e.status === 'A' || e.status === 'R' || e.status === 'C')
        .map((e) => e.path);
}
/** Every refusal for the paths a diff adds (empty when all may be committed). */
function checkNewPaths(entries) {
    return addedPaths(entries).flatMap((p) => {
        const r = newPathRefusal(p);
        return r ? [`Refused ${JSON.stringify(p)}: ${r}`] : [];
    });
}

// EXTERNAL MODULE: external "node:path/posix"
var posix_ = __webpack_require__(53916);
;// CONCATENATED MODULE: ./src/fix/code-under-test.ts
/**
 * The code under test for a failing test: the source of the functions it exercises. An assertion
 * failure's stack often names only the test file, so the model would start from the test lines
 * alone; this finds the functions (stack frames into non-test files, else the names the failing
 * assertion uses that the test file imports) and shows their source, capped. Pure over a file
 * reader.
 */


const JS_EXT = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_INDEX = ['/index.ts', '/index.js', '/index.mjs'];
/** Names a test file imports, with the module path as written. */
function importsOf(source, file) {
    const out = new Map();
    const py = file.endsWith('.py');
    if (py) {
        for (const m of source.matchAll(/^\s*from\s+([.\w]+)\s+import\s+\(?([^)\n]+)\)?/gm)) {
            for (const part of m[2].split(',')) {
                const [name, alias] = part.trim().split(/\s+as\s+/);
                if (name && /^\w+$/.test(name))
                    out.set((alias ?? name).trim(), `${m[1]}:${name}`);
            }
        }
        return out;
    }
    for (const m of source.matchAll(/import\s+([^'";]+?)\s+from\s+['"]([^'"]+)['"]/g)) {
        const spec = m[1];
        const braces = /\{([^}]*)\}/.exec(spec);
        for (const part of braces ? braces[1].split(',') : []) {
            const [name, alias] = part.trim().split(/\s+as\s+/);
            if (name)
                out.set((alias ?? name).trim(), `${m[2]}:${name.trim()}`);
        }
        const def = /^([A-Za-z_$][\w$]*)/.exec(spec.trim());
        if (def && !spec.trim().startsWith('{'))
            out.set(def[1], `${m[2]}:default`);
    }
    for (const m of source.matchAll(/(?:const|let|var)\s+(\{[^}]*\}|[A-Za-z_$][\w$]*)\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const lhs = m[1];
        if (lhs.startsWith('{')) {
            for (const part of lhs.slice(1, -1).split(',')) {
                const [name, alias] = part.trim().split(/\s*:\s*/);
                if (name)
                    out.set((alias ?? name).trim(), `${m[2]}:${name.trim()}`);
            }
        }
        else
            out.set(lhs, `${m[2]}:default`);
    }
    return out;
}
/** Candidate workspace paths of a module named in a test file. */
function modulePaths(spec, testFile) {
    if (testFile.endsWith('.py')) {
        const rel = spec.startsWith('.')
            ? (0,posix_.join)((0,posix_.dirname)(testFile), spec.replace(/^\.+/, '').replace(/\./g, '/'))
            : spec.replace(/\./g, '/');
        return [`${rel}.py`, `${rel}/__init__.py`];
    }
    if (!spec.startsWith('.'))
        return [];
    const base = (0,posix_.normalize)((0,posix_.join)((0,posix_.dirname)(testFile), spec)).replace(/\.(js|mjs|cjs)$/, '');
    const withJs = (0,posix_.normalize)((0,posix_.join)((0,posix_.dirname)(testFile), spec));
    return [withJs, ...JS_EXT.map((e) => base + e), ...JS_INDEX.map((e) => base + e)];
}
/** 1-based line where `name` is defined in a source file, or 0. */
function definitionLine(lines, name, py) {
    const n = name.replace(/[$]/g, '\\$');
    const re = py
        ? new RegExp(`^\\s*(async\\s+)?(def|class)\\s+${n}\\b`)
        : new RegExp(`^\\s*(export\\s+)?(default\\s+)?(async\\s+)?(function\\*?\\s+${n}\\b|class\\s+${n}\\b|(const|let|var)\\s+${n}\\s*[=:])`);
    const i = lines.findIndex((l) => re.test(l));
    return i + 1;
}
/** The line where the function holding `line` starts (a def/function/arrow above it), or 0. */
function enclosingStart(lines, line, py) {
    const re = py
        ? /^\s*(async\s+)?(def|class)\s+\w+/
        : /^\s*(export\s+)?(default\s+)?(async\s+)?(function\b|class\b|(const|let|var)\s+[\w$]+\s*=\s*(async\s*)?(\([^)]*\)|[\w$]+)\s*=>|[\w$]+\s*\([^)]*\)\s*\{)/;
    for (let i = Math.min(line, lines.length) - 1; i >= 0; i--)
        if (re.test(lines[i]))
            return i + 1;
    return 0;
}
/** From a definition line to its end: brace balance (JS) or indentation (Python), capped. */
function functionLines(lines, start, py, max) {
    const out = [];
    const first = lines[start - 1] ?? '';
    const indent = first.length - first.trimStart().length;
    let depth = 0;
    let opened = false;
    for (let i = start - 1; i < lines.length && out.length < max; i++) {
        const l = lines[i];
        if (py && i > start - 1 && l.trim() !== '' && l.length - l.trimStart().length <= indent)
            break;
        out.push(l.length > 300 ? l.slice(0, 300) + ' \u2026' : l);
        if (!py) {
            for (const ch of l.replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '')) {
                if (ch === '{') {
                    depth++;
                    opened = true;
                }
                else if (ch === '}')
                    depth--;
            }
            if (opened && depth <= 0)
                break;
            // a one-line arrow without braces
            if (!opened && i > start - 1 && /[;)]\s*$/.test(l) && !/[{(,]\s*$/.test(l))
                break;
        }
    }
    while (out.length && out.at(-1).trim() === '')
        out.pop();
    return out;
}
/** The text of the failing assertion: the test file's top frame line, or pytest's `>` line. */
function assertionText(f, testLines) {
    const frame = f.frames.find((fr) => fr.file === f.file);
    if (frame && testLines?.[frame.line - 1])
        return testLines[frame.line - 1];
    const marked = f.details
        .split('\n')
        .find((l) => /^>\s{2,}\S/.test(l) || /^\s*>\s+\d+\s*\|/.test(l));
    return marked ?? f.message;
}
/**
 * Attaches `code` to each failure: the source of the functions it exercises, at most
 * `maxFunctions` of `maxLines` lines each. Files are read once.
 */
async function attachCodeUnderTest(failures, opts) {
    const maxFunctions = opts.maxFunctions ?? 3;
    const maxLines = opts.maxLines ?? 40;
    const cache = new Map();
    const read = async (file) => {
        if (!cache.has(file)) {
            const text = await opts.readFile(file).catch(() => null);
            cache.set(file, text === null ? null : text.split('\n'));
        }
        return cache.get(file) ?? null;
    };
    for (const f of failures) {
        const code = [];
        const testFiles = f.file ? [f.file] : [];
        const add = (file, start, lines, fn) => {
            if (code.length >= maxFunctions || start < 1 || lines.length === 0)
                return;
            if (code.some((c) => c.file === file && c.startLine === start))
                return;
            code.push({ file, line: start, startLine: start, lines, ...(fn ? { fn } : {}) });
        };
        // stack frames into the code: the functions the failure passed through
        for (const fr of f.frames) {
            if (code.length >= maxFunctions)
                break;
            if (isTestFile(fr.file, testFiles))
                continue;
            const src = await read(fr.file);
            if (!src)
                continue;
            const py = fr.file.endsWith('.py');
            const start = enclosingStart(src, fr.line, py);
            if (start)
                add(fr.file, start, functionLines(src, start, py, maxLines), fr.fn);
        }
        // else: what the failing assertion calls, found through the test file's imports
        if (code.length === 0 && f.file) {
            const testSrc = await read(f.file);
            if (testSrc) {
                const imports = importsOf(testSrc.join('\n'), f.file);
                const used = new Set(assertionText(f, testSrc).match(/[A-Za-z_$][\w$]*/g) ?? []);
                for (const [local, target] of imports) {
                    if (!used.has(local))
                        continue;
                    const [spec, exported] = [
                        target.slice(0, target.lastIndexOf(':')),
                        target.slice(target.lastIndexOf(':') + 1),
                    ];
                    for (const path of modulePaths(spec, f.file)) {
                        const src = await read(path);
                        if (!src)
                            continue;
                        const py = path.endsWith('.py');
                        const name = exported === 'default' ? local : exported;
                        const start = definitionLine(src, name, py);
                        if (start)
                            add(path, start, functionLines(src, start, py, maxLines), name);
                        break;
                    }
                }
            }
        }
        if (code.length)
            f.code = code;
    }
}

;// CONCATENATED MODULE: ./src/fix/context.ts
/**
 * The failure context the model starts from: the failing tests' own sections (message, trimmed
 * stack, assertion diff) and a few source lines around their top frames. Nothing else of the log
 * goes to the model, so a 50,000-line log costs the tokens of its failures, not of its size.
 */

/**
 * Adds \u00b1radius lines of source around each failure's top frames (files read once each), and the
 * code under test: the functions the failing test exercises.
 */
async function attachExcerpts(failures, opts) {
    const radius = opts.radius ?? 5;
    const perFailure = opts.framesPerFailure ?? 3;
    const cache = new Map();
    const lines = async (file) => {
        if (!cache.has(file)) {
            const text = await opts.readFile(file).catch(() => null);
            cache.set(file, text === null ? null : text.split('\n'));
        }
        return cache.get(file) ?? null;
    };
    for (const f of failures) {
        const excerpts = [];
        for (const frame of f.frames) {
            if (excerpts.length >= perFailure)
                break;
            const src = await lines(frame.file);
            if (!src || frame.line < 1 || frame.line > src.length)
                continue;
            // a frame inside an excerpt already shown adds nothing
            if (excerpts.some((e) => e.file === frame.file &&
                frame.line >= e.startLine &&
                frame.line < e.startLine + e.lines.length))
                continue;
            const start = Math.max(1, frame.line - radius);
            const end = Math.min(src.length, frame.line + radius);
            excerpts.push({
                file: frame.file,
                line: frame.line,
                startLine: start,
                lines: src.slice(start - 1, end).map((l) => (l.length > 300 ? l.slice(0, 300) + ' \u2026' : l)),
            });
        }
        f.excerpts = excerpts;
    }
    await attachCodeUnderTest(failures, { readFile: opts.readFile });
}
function excerptText(e) {
    const width = String(e.startLine + e.lines.length - 1).length;
    const body = e.lines
        .map((l, i) => {
        const n = e.startLine + i;
        return `${n === e.line ? '>' : ' '} ${String(n).padStart(width)} | ${l}`;
    })
        .join('\n');
    return `${e.file}:${e.line}\n\`\`\`\n${body}\n\`\`\``;
}
function codeText(c) {
    const width = String(c.startLine + c.lines.length - 1).length;
    const body = c.lines
        .map((l, i) => `  ${String(c.startLine + i).padStart(width)} | ${l}`)
        .join('\n');
    return `${c.file}:${c.startLine}${c.fn ? ` (${c.fn})` : ''}\n\`\`\`\n${body}\n\`\`\``;
}
function cap(text, max) {
    if (text.length <= max)
        return text;
    const head = Math.floor(max * 0.7);
    const tail = max - head - 40;
    return `${text.slice(0, head)}\n\u2026 [${text.length - head - tail} characters cut] \u2026\n${text.slice(text.length - tail)}`;
}
/** One failure as Markdown: id, file, message, section, excerpts. */
function formatFailure(f, maxChars = 4_000) {
    const parts = [`### ${f.id}`];
    if (f.file)
        parts.push(`Test file: ${f.file}`);
    if (f.message)
        parts.push(`Error: ${f.message}`);
    if (f.details)
        parts.push('```\n' + cap(f.details, maxChars) + '\n```');
    const frames = f.frames
        .slice(0, 6)
        .map((fr) => `${fr.file}:${fr.line}${fr.fn ? ` (${fr.fn})` : ''}`);
    if (frames.length)
        parts.push(`Frames: ${frames.join(', ')}`);
    for (const e of f.excerpts ?? [])
        parts.push(excerptText(e));
    const code = f.code ?? [];
    if (code.length) {
        parts.push('Code under test:');
        for (const c of code)
            parts.push(codeText(c));
    }
    return parts.join('\n');
}
/**
 * The failure context for the prompt. Failures are listed in order until the cap; the rest are
 * named only, so the model knows they exist.
 */
function buildFailureContext(summary, opts = {}) {
    const maxChars = opts.maxChars ?? 24_000;
    const counts = summary.counts;
    const head = [
        `${summary.failures.length} failing test${summary.failures.length === 1 ? '' : 's'}` +
            (summary.runner !== 'unknown' ? ` (parsed from ${summary.runner} output)` : '') +
            (counts.total !== undefined ? `; ${counts.passed ?? 0} passed of ${counts.total}` : '') +
            (summary.truncated ? '; more failures were cut by the caps' : '') +
            '.',
    ];
    let used = head[0].length;
    const out = [...head];
    const omitted = [];
    for (const f of summary.failures) {
        const text = formatFailure(f, opts.maxCharsPerFailure ?? 4_000);
        if (used + text.length + 2 > maxChars) {
            omitted.push(f.id);
            continue;
        }
        out.push(text);
        used += text.length + 2;
    }
    if (omitted.length) {
        const list = omitted.slice(0, 50).join(', ');
        out.push(`Also failing (details omitted for size): ${list}${omitted.length > 50 ? `, and ${omitted.length - 50} more` : ''}`);
    }
    return out.join('\n\n');
}

;// CONCATENATED MODULE: ./src/fix/parsers/types.ts
/**
 * Shapes shared by every failure parser. A parser sees a test run (a runner's output or a JUnit
 * XML report) as a stream and keeps only what a fixer needs: the failing tests' sections, capped.
 */
/** Passing ids kept per run: enough for any suite a fix re-runs, bounded for a huge one. */
const MAX_PASSED_IDS = 20_000;
const DEFAULT_CAPS = {
    maxFailures: 100,
    maxSectionLines: 120,
    maxSectionChars: 12_000,
    maxLineChars: 2_000,
    maxFrames: 12,
};

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/fix/parsers/common.ts


// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
/** Removes terminal colour and cursor codes: CI logs are often coloured (FORCE_COLOR). */
function stripAnsi(text) {
    return text.includes('\u001b') ? text.replace(ANSI, '') : text;
}
function resolveCaps(caps) {
    return { ...DEFAULT_CAPS, ...caps };
}
const SOURCE_EXT = '(?:[cm]?[jt]sx?|py|go|java|kt|kts|scala|rb|rs|cs|php|vue|svelte|swift|ex|exs)';
// path:line[:col] with an optional file:// prefix; paths never contain spaces, quotes or parens here.
const FRAME_RE = new RegExp(`(?:file://)?((?:[A-Za-z]:)?[^\\s()'"<>\\[\\]]+\\.${SOURCE_EXT}):(\\d+)(?::(\\d+))?`, 'g');
const PY_TRACEBACK_RE = /File "([^"]+\.py)", line (\d+)(?:, in (\S+))?/;
const JAVA_FRAME_RE = /at ([\w$.<>]+)\(([\w$]+\.(?:java|kt|scala)):(\d+)\)/;
const V8_FN_RE = /(?:at|\u276f)\s+(?:async\s+)?([^\s(]+)\s+\(?/;
// `at fn (path:1:2)`, `at path:1:2`, TAP's `fn (path:1:2)`, `node:internal/...:1:2`, pytest's `path.py:12: in fn`
const FRAME_LINE = /^\s*(?:at\s+\S.*|\S+(?: \S+)? \((?:file:\/\/|node:|\/|<anonymous>)[^)]*\)|node:[\w/]+:\d+:\d+|\/\S+\.py:\d+: in \S+|File "\/[^"]+", line \d+.*)$/;
/** Paths that are never the project's own code: dependencies and runtime internals. */
function isForeignPath(path) {
    return (path.startsWith('node:') ||
        path.includes('node_modules/') ||
        path.includes('/internal/') ||
        path.startsWith('internal/') ||
        path.includes('site-packages/') ||
        path.includes('dist-packages/') ||
        path.includes('/lib/python') ||
        path.includes('/usr/local/go/') ||
        path.includes('/go/pkg/mod/') ||
        path.includes('<anonymous>'));
}
/**
 * Maps a path printed by a runner to a workspace-relative one. Absolute paths outside the
 * workspace and dependency paths give null: the model cannot and should not fix them.
 */
function toWorkspacePath(raw, workspace) {
    let p = raw.replace(/\\/g, '/');
    if (p.startsWith('file://'))
        p = p.slice('file://'.length);
    try {
        if (p.includes('%'))
            p = decodeURIComponent(p);
    }
    catch {
        // keep the raw path: a literal % in a file name
    }
    if (isForeignPath(p))
        return null;
    const ws = workspace.replace(/\\/g, '/').replace(/\/+$/, '');
    if (p.startsWith('/') || /^[A-Za-z]:\//.test(p)) {
        if (ws && (p === ws || p.startsWith(ws + '/')))
            return p.slice(ws.length + 1);
        return null;
    }
    while (p.startsWith('./'))
        p = p.slice(2);
    if (p.startsWith('../') || p === '')
        return null;
    return p;
}
/** Stack frames found in one line, workspace-relative, foreign ones dropped. */
function framesInLine(line, workspace) {
    const out = [];
    const py = PY_TRACEBACK_RE.exec(line);
    if (py) {
        const file = toWorkspacePath(py[1], workspace);
        if (file)
            out.push({ file, line: Number(py[2]), fn: py[3] });
        return out;
    }
    const java = JAVA_FRAME_RE.exec(line);
    if (java) {
        out.push({ file: java[2], line: Number(java[3]), fn: java[1] });
        return out;
    }
    if (!line.includes(':'))
        return out;
    FRAME_RE.lastIndex = 0;
    let m;
    while ((m = FRAME_RE.exec(line))) {
        const file = toWorkspacePath(m[1], workspace);
        if (!file)
            continue;
        const frame = { file, line: Number(m[2]) };
        if (m[3])
            frame.column = Number(m[3]);
        const fn = V8_FN_RE.exec(line);
        if (fn && fn[1] && !fn[1].includes(file) && !fn[1].includes(':'))
            frame.fn = fn[1];
        out.push(frame);
    }
    return out;
}
/**
 * A failure section being collected: its lines are capped as they arrive, so a test printing a
 * million lines costs no more memory than one printing a hundred.
 */
class Section {
    caps;
    workspace;
    lines = [];
    chars = 0;
    dropped = 0;
    foreignFrames = 0;
    frames = [];
    constructor(caps, workspace) {
        this.caps = caps;
        this.workspace = workspace;
    }
    add(line, scanFrames = true) {
        const found = scanFrames || FRAME_LINE.test(line) ? framesInLine(line, this.workspace) : [];
        // a stack line of a dependency or the runtime: noise the model should not pay for
        if (found.length === 0 && FRAME_LINE.test(line)) {
            this.foreignFrames++;
            return;
        }
        if (scanFrames && this.frames.length < this.caps.maxFrames) {
            for (const f of found) {
                if (this.frames.length >= this.caps.maxFrames)
                    break;
                if (!this.frames.some((g) => g.file === f.file && g.line === f.line))
                    this.frames.push(f);
            }
        }
        if (this.lines.length >= this.caps.maxSectionLines || this.chars >= this.caps.maxSectionChars) {
            this.dropped++;
            return;
        }
        const cut = line.length > this.caps.maxLineChars ? line.slice(0, this.caps.maxLineChars) + ' \u2026' : line;
        this.lines.push(cut);
        this.chars += cut.length + 1;
    }
    text() {
        const lines = trimBlankEdges(dedent(this.lines));
        if (this.foreignFrames > 0)
            lines.push(`(${this.foreignFrames} frames in dependencies or the runtime omitted)`);
        if (this.dropped > 0)
            lines.push(`\u2026 ${this.dropped} more lines`);
        return lines.join('\n');
    }
}
function trimBlankEdges(lines) {
    let a = 0;
    let b = lines.length;
    while (a < b && lines[a].trim() === '')
        a++;
    while (b > a && lines[b - 1].trim() === '')
        b--;
    return lines.slice(a, b);
}
/** Removes the common leading indentation, which runners add for nesting and we pay for in tokens. */
function dedent(lines) {
    let min = Infinity;
    for (const l of lines) {
        if (l.trim() === '')
            continue;
        const n = l.length - l.trimStart().length;
        if (n < min)
            min = n;
    }
    if (!Number.isFinite(min) || min === 0)
        return [...lines];
    return lines.map((l) => l.slice(min));
}
/** The first meaningful line of a section: the error message. */
function firstMessage(lines) {
    for (const l of lines) {
        const t = l.trim();
        if (t)
            return t.length > 500 ? t.slice(0, 500) + ' \u2026' : t;
    }
    return '';
}
/** Collects failures under the caps, dropping duplicates (runners often print a failure twice). */
class FailureList {
    caps;
    items = [];
    ids = new Set();
    truncated = false;
    constructor(caps) {
        this.caps = caps;
    }
    add(f) {
        if (this.ids.has(f.id))
            return;
        if (this.items.length >= this.caps.maxFailures) {
            this.truncated = true;
            return;
        }
        this.ids.add(f.id);
        this.items.push(f);
    }
    has(id) {
        return this.ids.has(id);
    }
    remove(id) {
        const i = this.items.findIndex((f) => f.id === id);
        if (i >= 0)
            this.items.splice(i, 1);
        this.ids.delete(id);
    }
}
function makeFailure(runner, fields, section) {
    const f = {
        id: fields.id,
        name: fields.name,
        message: fields.message ?? firstMessage(dedent(section.lines)),
        details: section.text(),
        frames: section.frames,
        runner,
    };
    if (fields.file)
        f.file = fields.file;
    if (fields.suite)
        f.suite = fields.suite;
    return f;
}
/** Parses an integer after a label in a summary line, e.g. `(\d+) passed`. */
function countOf(line, label) {
    const m = new RegExp(`(\\d+) ${label}`).exec(line);
    return m ? Number(m[1]) : undefined;
}
/** Reads `failed`, `passed` and `skipped` from a runner's totals line; absent ones are kept. */
function readCounts(line, counts) {
    counts.failed = countOf(line, 'failed') ?? counts.failed;
    counts.passed = countOf(line, 'passed') ?? counts.passed;
    counts.skipped = countOf(line, 'skipped') ?? counts.skipped;
}
/** The summary every parser ends with. */
function summaryOf(runner, failures, counts, linesSeen, passed) {
    const s = {
        runner,
        failures: failures.items,
        counts,
        truncated: failures.truncated,
        linesSeen,
    };
    if (passed?.length)
        s.passed = [...new Set(passed)];
    return s;
}
/**
 * The bookkeeping every line parser shares (caps, failures, counts, whether the runner was
 * recognised, lines seen), so a parser holds only its position in the runner's output.
 */
class ParserState {
    counts;
    caps;
    failures;
    detected = false;
    /** Ids of the tests seen passing (see ParseSummary.passed). */
    passed = [];
    linesSeen = 0;
    constructor(opts, counts = {}) {
        this.counts = counts;
        this.caps = resolveCaps(opts.caps);
        this.failures = new FailureList(this.caps);
    }
    /** Records a test seen passing. */
    pass(id) {
        if (this.passed.length < MAX_PASSED_IDS)
            this.passed.push(id);
    }
    /**
     * Whether another passing test would still be recorded: a parser checks before building the
     * id, so a log of millions of passing tests does not build millions of strings to drop.
     */
    wantsPassed() {
        return this.passed.length < MAX_PASSED_IDS;
    }
    /**
     * The LineParser around a runner's reading: every line is counted, and one matching `detect`
     * marks the runner recognised before `push` sees it; `end` runs before the summary is made.
     */
    parser(runner, impl) {
        const isDetected = () => this.detected;
        return {
            runner,
            get detected() {
                return isDetected();
            },
            push: (line) => {
                this.linesSeen++;
                if (!this.detected && impl.detect?.test(line))
                    this.detected = true;
                impl.push(line);
            },
            end: () => {
                impl.end();
                return summaryOf(runner, this.failures, this.counts, this.linesSeen, this.passed);
            },
        };
    }
}
/**
 * Feeds a file to a streaming parser in 64 KB chunks: a 1 GB log is never held whole. Each line
 * is a slice of its chunk and keeps the whole chunk alive until it is collected, so smaller
 * chunks hold less: on a 60 MB slice of the 1 GB jest log, peak RSS was 105 MB with 256 KB
 * chunks, 90 MB with 64 KB and 89 MB with 16 KB (no slower).
 */
async function streamFile(path, parser) {
    for await (const chunk of (0,external_node_fs_.createReadStream)(path, {
        encoding: 'utf8',
        highWaterMark: 64 * 1024,
    })) {
        parser.write(chunk);
    }
    return parser.end();
}

;// CONCATENATED MODULE: ./src/fix/parsers/vitest.ts

const FAIL_HEADER = /^\s*FAIL\s+(\S.*?)\s*$/;
const SECTION_HEADER = /^\u23af+\s*(Failed Tests|Failed Suites|Unhandled Errors?|Unhandled Rejection)[^\u23af]*\u23af+$/;
const SEPARATOR = /^\u23af+(\[\d+\/\d+\])?\u23af*$/;
/** verbose reporter: ` \u2713 test/a.spec.ts > suite > name 3ms` */
const PASS_LINE = /^\s*(?:\u2713|\u221a) ([^\s>]+\.[cm]?[jt]sx?) > (.+?)(?: \d+(?:\.\d+)?m?s)?$/;
const DETECT = /^\s*(RUN\s+v\d|Test Files\s+\d|\u23af+ Failed Tests \d)/;
/**
 * vitest's default reporter: failures are printed after the run under "Failed Tests N", one block
 * per `FAIL  file > suite > test` header, ended by a `\u23af\u23af[1/3]\u23af` rule. Identical errors share a
 * block with several headers.
 */
function createVitestParser(opts) {
    const state = new ParserState(opts);
    const { caps, failures, counts } = state;
    let inFailures = false;
    let headers = [];
    let section = null;
    let unhandled = false;
    const flush = () => {
        if (section && headers.length) {
            for (const h of headers)
                failures.add(makeFailure('vitest', h, section));
        }
        headers = [];
        section = null;
    };
    const header = (text) => {
        // `test/a.spec.ts > suite > name` or, for a suite that failed to load, `test/a.spec.ts [ test/a.spec.ts ]`
        const suite = /^(\S+?)\s+\[\s*\S+\s*\]$/.exec(text);
        if (suite) {
            const file = toWorkspacePath(suite[1], opts.workspace) ?? suite[1];
            return { file, name: '(suite failed to load)', id: file };
        }
        const parts = text.split(' > ');
        const rawFile = parts.length > 1 ? parts.shift() : undefined;
        const file = rawFile ? (toWorkspacePath(rawFile, opts.workspace) ?? rawFile) : undefined;
        const name = parts.join(' > ');
        return { file, name, id: file ? `${file} > ${name}` : name };
    };
    return state.parser('vitest', {
        detect: DETECT,
        push(line) {
            const t = line.trim();
            if (t.startsWith('\u23af')) {
                const sh = SECTION_HEADER.exec(t);
                if (sh) {
                    flush();
                    inFailures = true;
                    unhandled = sh[1].startsWith('Unhandled');
                    if (unhandled) {
                        headers = [{ name: sh[1], id: `(${sh[1].toLowerCase()})` }];
                        section = new Section(caps, opts.workspace);
                    }
                    return;
                }
                if (SEPARATOR.test(t)) {
                    if (!unhandled)
                        flush();
                    return;
                }
            }
            if (t.startsWith('Test Files ') || t.startsWith('Tests ')) {
                flush();
                inFailures = false;
                unhandled = false;
                if (t.startsWith('Tests ')) {
                    readCounts(t, counts);
                    const total = /\((\d+)\)/.exec(t);
                    if (total)
                        counts.total = Number(total[1]);
                }
                return;
            }
            if (!inFailures) {
                const p = PASS_LINE.exec(line);
                if (p) {
                    const file = toWorkspacePath(p[1], opts.workspace) ?? p[1];
                    if (state.wantsPassed())
                        state.pass(`${file} > ${p[2].replace(/ \[[^\]]*\]$/, '')}`);
                }
                return;
            }
            const fh = FAIL_HEADER.exec(line);
            if (fh && !unhandled) {
                // consecutive headers share one error block
                if (section && section.lines.some((l) => l.trim() !== ''))
                    flush();
                headers.push(header(fh[1]));
                section ??= new Section(caps, opts.workspace);
                return;
            }
            section?.add(line);
        },
        end: flush,
    });
}

;// CONCATENATED MODULE: ./src/fix/parsers/jest.ts

const FILE_HEADER = /^\s*(FAIL|PASS)\s+(?:\[[^\]]+\]\s+)?(\S+?)(?:\s+\([\d.]+ m?s\))?\s*$/;
const TEST_HEADER = /^\s*\u25cf (.+?)\s*$/;
const jest_DETECT = /^(Test Suites:|Tests:\s+\d|Summary of all failing tests)/;
/** A test in the verbose tree: `    \u2713 name (3 ms)`; \u2715 failed, \u25cb skipped, \u270e todo (\u221a/\u00d7 on Windows). */
const TREE_TEST = /^(\s+)(\u2713|\u221a|\u2715|\u00d7|\u25cb|\u270e) (?:skipped |todo )?(.+?)(?: \(\d+(?:\.\d+)? m?s\))?$/;
/**
 * jest's default reporter: `FAIL path` per test file, then a `\u25cf suite \u203a test` block per failed
 * test. "Summary of all failing tests" repeats them; duplicates are dropped by id.
 */
function createJestParser(opts) {
    const state = new ParserState(opts);
    const { caps, failures, counts } = state;
    let file;
    let current = null;
    // the verbose tree under a file header: describe names by level, until a blank line
    let inTree = false;
    const tree = [];
    const flush = () => {
        if (current) {
            const name = current.name;
            const suiteError = name === 'Test suite failed to run';
            const id = file ? `${file} > ${suiteError ? '(suite failed to run)' : name}` : name;
            failures.add(makeFailure('jest', { id, name, file }, current.section));
        }
        current = null;
    };
    return state.parser('jest', {
        detect: jest_DETECT,
        push(line) {
            const fh = FILE_HEADER.exec(line);
            if (fh && !line.startsWith('  ')) {
                flush();
                file = toWorkspacePath(fh[2], opts.workspace) ?? fh[2];
                inTree = true;
                tree.length = 0;
                return;
            }
            if (inTree && !current) {
                if (line.trim() === '' || line.trimStart().startsWith('\u25cf'))
                    inTree = false;
                else {
                    const indent = line.length - line.trimStart().length;
                    const level = Math.max(0, Math.floor(indent / 2) - 1);
                    const t = TREE_TEST.exec(line);
                    if (t) {
                        if ((t[2] === '\u2713' || t[2] === '\u221a') && state.wantsPassed()) {
                            const name = [...tree.slice(0, level), t[3]].join(' > ');
                            state.pass(file ? `${file} > ${name}` : name);
                        }
                    }
                    else {
                        tree.length = level;
                        tree[level] = line.trim();
                    }
                    return;
                }
            }
            if (line.startsWith('Test Suites:') || line.startsWith('Summary of all failing tests')) {
                flush();
                return;
            }
            if (line.startsWith('Tests:')) {
                flush();
                readCounts(line, counts);
                counts.total = countOf(line, 'total');
                return;
            }
            const th = TEST_HEADER.exec(line);
            if (th) {
                flush();
                // `\u25cf Console` heads the console output jest captured from a suite (passing or not)
                if (th[1] === 'Console')
                    return;
                current = {
                    name: th[1].replace(/ \u203a /g, ' > '),
                    section: new Section(caps, opts.workspace),
                };
                return;
            }
            current?.section.add(line);
        },
        end: flush,
    });
}

;// CONCATENATED MODULE: ./src/fix/parsers/pytest.ts

const BANNER = /^=+ (.*?) =+$/;
const pytest_TEST_HEADER = /^_{3,} (.+?) _{3,}$/;
const SUMMARY_LINE = /^(FAILED|ERROR) (\S+)(?: - (.*))?$/;
/** `-rA`: `PASSED tests/test_x.py::test_a`; `-v`: `tests/test_x.py::test_a PASSED [ 50%]` */
const PASSED_SUMMARY = /^PASSED (\S+::\S.*?)\s*$/;
const PASSED_VERBOSE = /^(\S+\.py::\S.*?) PASSED(?:\s+\[\s*\d+%\])?\s*$/;
const FRAME = /^(\S+\.py):(\d+):/;
const pytest_DETECT = /^=+ (test session starts|FAILURES|ERRORS|short test summary info) =+$/;
/**
 * pytest's terminal output: sections under `=== FAILURES ===` / `=== ERRORS ===`, each headed
 * `___ Class.test_name ___`; the `short test summary info` lists the node ids
 * (`FAILED tests/test_x.py::Class::test_name - message`), which name the tests for a rerun.
 */
function createPytestParser(opts) {
    const state = new ParserState(opts);
    const { caps, counts } = state;
    let zone = 'none';
    // sections by their header title ("TestParse.test_bad", "ERROR at setup of test_x")
    const sections = [];
    let current = null;
    const summary = [];
    let sectionsDropped = false;
    return state.parser('pytest', {
        detect: pytest_DETECT,
        push(line) {
            const banner = BANNER.exec(line);
            if (banner) {
                const title = banner[1];
                current = null;
                if (title === 'FAILURES' || title === 'ERRORS')
                    zone = 'failures';
                else if (title === 'short test summary info')
                    zone = 'summary';
                else {
                    zone = 'none';
                    pytest_readCounts(title, counts);
                }
                return;
            }
            if (zone === 'failures') {
                const h = pytest_TEST_HEADER.exec(line);
                if (h && !/^(_ )+_?$/.test(line)) {
                    if (sections.length >= caps.maxFailures) {
                        sectionsDropped = true;
                        current = null;
                        return;
                    }
                    current = new Section(caps, opts.workspace);
                    sections.push({ title: h[1], section: current });
                    return;
                }
                current?.add(line);
                return;
            }
            const pv = PASSED_VERBOSE.exec(line);
            if (pv) {
                state.pass(pv[1]);
                return;
            }
            if (zone === 'summary') {
                const ps = PASSED_SUMMARY.exec(line);
                if (ps) {
                    state.pass(ps[1]);
                    return;
                }
                const s = SUMMARY_LINE.exec(line);
                if (s) {
                    if (summary.length < caps.maxFailures * 2)
                        summary.push({ kind: s[1], nodeId: s[2], message: s[3] });
                    return;
                }
            }
            // `-q` runs end with a bare `2 failed, 1 passed in 0.51s`
            if (/^\d+ (failed|passed|error)/.test(line) && / in [\d.]+s/.test(line))
                pytest_readCounts(line, counts);
        },
        end() {
            // failures are made only here, once the summary has named the tests
            const failures = state.failures;
            failures.truncated = sectionsDropped;
            const used = new Set();
            for (const s of summary) {
                const idx = sections.findIndex((sec, i) => !used.has(i) && titleMatches(sec.title, s.nodeId));
                const section = idx >= 0 ? sections[idx].section : new Section(caps, opts.workspace);
                if (idx >= 0)
                    used.add(idx);
                const file = s.nodeId.split('::')[0];
                const name = s.nodeId.slice(file.length + 2) || file;
                const f = makeFailure('pytest', { id: s.nodeId, name, file, message: s.message }, section);
                if (!s.message || s.message.endsWith('...'))
                    f.message = errorLine(section) ?? f.message;
                failures.add(f);
            }
            // sections the summary did not name (`-rN`, or the summary was cut off)
            sections.forEach((sec, i) => {
                if (used.has(i))
                    return;
                failures.add(fromSection(sec.title, sec.section));
            });
        },
    });
}
function fromSection(title, section) {
    const setup = /^ERROR (?:at (?:setup|teardown) of|collecting) (.+)$/.exec(title);
    const name = setup ? setup[1] : title;
    const testFrame = section.lines.map((l) => FRAME.exec(l)).find((m) => m !== null);
    const file = testFrame ? testFrame[1] : undefined;
    const id = file && !name.endsWith('.py') ? `${file}::${name.replace(/\./g, '::')}` : name;
    const f = makeFailure('pytest', { id, name, file }, section);
    f.message = errorLine(section) ?? f.message;
    return f;
}
/** The `E   ValueError: ...` line is pytest's statement of the error. */
function errorLine(section) {
    const e = section.lines.find((l) => /^\s*E\s+\S/.test(l));
    return e?.replace(/^\s*E\s+/, '').trim();
}
/** `TestParse.test_bad` names `tests/test_x.py::TestParse::test_bad`; parametrized ids keep brackets. */
function titleMatches(title, nodeId) {
    const setup = /^ERROR (?:at (?:setup|teardown) of|collecting) (.+)$/.exec(title);
    const t = setup ? setup[1] : title;
    if (t === nodeId)
        return true;
    const rest = nodeId.split('::').slice(1).join('.');
    return rest === t || nodeId.endsWith(`::${t}`);
}
function pytest_readCounts(text, counts) {
    if (!/ in [\d.]+s/.test(text))
        return;
    counts.failed = (countOf(text, 'failed') ?? 0) + (countOf(text, 'errors?') ?? 0);
    counts.passed = countOf(text, 'passed') ?? 0;
    counts.skipped = countOf(text, 'skipped');
    counts.total = counts.failed + counts.passed + (counts.skipped ?? 0);
}

;// CONCATENATED MODULE: ./src/fix/parsers/node.ts

const SUBTEST = /^(\s*)# Subtest: (.+)$/;
const RESULT = /^(\s*)(not ok|ok) \d+ - (.+?)(?:\s+#\s*(?:SKIP|TODO).*)?$/;
const TAP_COUNT = /^# (tests|pass|fail|skipped|todo|cancelled) (\d+)$/;
/** One of node's totals by its label: `# pass 3` in TAP, `\u2139 pass 3` from the spec reporter. */
function readCount(counts, label, value) {
    const n = Number(value);
    if (label === 'tests')
        counts.total = n;
    else if (label === 'pass')
        counts.passed = n;
    else if (label === 'fail')
        counts.failed = n;
    else if (label === 'skipped')
        counts.skipped = n;
}
/**
 * TAP as node's test runner prints it (also other TAP producers): `not ok N - name` followed by
 * an indented YAML block (`---` \u2026 `...`) with `location`, `error` and `stack`. Suites whose only
 * error is a failed subtest are not failures of their own.
 */
function createTapParser(opts) {
    const state = new ParserState(opts);
    const { caps, failures, counts } = state;
    // names of the enclosing subtests, by indentation level
    const path = [];
    let current = null;
    const flush = () => {
        const c = current;
        current = null;
        if (!c || c.subtests)
            return;
        const loc = c.location ? /^(.*?):\d+:\d+$/.exec(c.location)?.[1] : undefined;
        const file = loc ? (toWorkspacePath(loc, opts.workspace) ?? undefined) : undefined;
        const level = c.indent / 4;
        const name = [...path.slice(0, level), c.name].join(' > ');
        const id = file ? `${file} > ${name}` : name;
        const err = c.section.lines.find((l) => /^\s*error:/.test(l));
        let message;
        if (err) {
            const value = err.replace(/^\s*error:\s*/, '');
            if (value && !/^[|>]/.test(value))
                message = value.replace(/^'(.*)'$|^"(.*)"$/, '$1$2');
            else {
                const i = c.section.lines.indexOf(err);
                message = c.section.lines[i + 1]?.trim();
            }
        }
        failures.add(makeFailure('node-tap', { id, name, file, message }, c.section));
    };
    return state.parser('node-tap', {
        push(line) {
            if (line.startsWith('TAP version')) {
                state.detected = true;
                return;
            }
            const st = SUBTEST.exec(line);
            if (st) {
                if (current && !current.inYaml)
                    flush();
                const level = Math.floor(st[1].length / 4);
                path.length = level;
                path[level] = st[2];
                return;
            }
            const r = RESULT.exec(line);
            if (r && !current?.inYaml) {
                flush();
                state.detected = true;
                if (r[2] === 'ok' && !/#\s*(SKIP|TODO)/i.test(line)) {
                    // node prints no location for a passing test: its id is the suite path
                    const level = Math.floor(r[1].length / 4);
                    if (state.wantsPassed())
                        state.pass([...path.slice(0, level), r[3]].join(' > '));
                }
                if (r[2] === 'not ok') {
                    current = {
                        name: r[3],
                        indent: r[1].length,
                        section: new Section(caps, opts.workspace),
                        subtests: false,
                        inYaml: false,
                    };
                }
                return;
            }
            const tc = TAP_COUNT.exec(line);
            if (tc) {
                flush();
                readCount(counts, tc[1], tc[2]);
                return;
            }
            if (!current)
                return;
            const t = line.trim();
            if (t === '---') {
                current.inYaml = true;
                return;
            }
            if (t === '...') {
                current.inYaml = false;
                flush();
                return;
            }
            if (/^failureType: '?subtestsFailed'?$/.test(t))
                current.subtests = true;
            const loc = /^location: '?(.*?)'?$/.exec(t);
            if (loc) {
                current.location = loc[1];
                return;
            }
            if (/^duration_ms:/.test(t) || /^type: '?(suite|test)'?$/.test(t))
                return;
            current.section.add(line);
        },
        end: flush,
    });
}
const SPEC_FAIL = /^(\s*)\u2716 (.+?)(?: \([\d.]+m?s\))?$/;
const SPEC_COUNT = /^\u2139 (tests|pass|fail|skipped|cancelled|todo) (\d+)$/;
const SPEC_AT = /^test at (.+?):\d+:\d+$/;
/**
 * node's spec reporter. Since Node 20 it ends with `\u2716 failing tests:` listing each failure as
 * `test at file:line:col` + `\u2716 name` + the error; that list is used when present. Older output:
 * `\u2716 name` lines followed by a more-indented error (suites have no error of their own).
 */
function createNodeSpecParser(opts) {
    const state = new ParserState(opts);
    const { caps, counts } = state;
    let inList = false;
    let pendingFile;
    let current = null;
    const stack = [];
    const flush = () => {
        const c = current;
        current = null;
        if (!c || c.section.lines.every((l) => l.trim() === ''))
            return;
        const file = c.file ??
            c.section.frames.find((f) => /(^|\/)(tests?|__tests__)\/|\.test\.|\.spec\./.test(f.file))
                ?.file;
        const id = file ? `${file} > ${c.name}` : c.name;
        state.failures.add(makeFailure('node-spec', { id, name: c.name, file }, c.section));
    };
    return state.parser('node-spec', {
        push(line) {
            if (line.startsWith('\u2716 failing tests:')) {
                flush();
                state.detected = true;
                inList = true;
                state.failures = new FailureList(caps);
                return;
            }
            const cnt = SPEC_COUNT.exec(line);
            if (cnt) {
                flush();
                state.detected = true;
                readCount(counts, cnt[1], cnt[2]);
                return;
            }
            if (inList) {
                const at = SPEC_AT.exec(line);
                if (at) {
                    flush();
                    pendingFile = toWorkspacePath(at[1], opts.workspace) ?? undefined;
                    return;
                }
            }
            const sf = SPEC_FAIL.exec(line);
            if (sf && (!current || sf[1].length <= current.indent)) {
                flush();
                const indent = sf[1].length;
                const level = indent / 2;
                const name = inList ? sf[2] : [...stack.slice(0, level), sf[2]].join(' > ');
                current = {
                    name,
                    indent,
                    file: inList ? pendingFile : undefined,
                    section: new Section(caps, opts.workspace),
                };
                pendingFile = undefined;
                return;
            }
            const suite = /^(\s*)\u25b6 (.+)$/.exec(line);
            if (suite && !inList) {
                flush();
                const level = Math.floor(suite[1].length / 2);
                stack.length = level;
                stack[level] = suite[2];
                return;
            }
            const ok = /^(\s*)\u2714 (.+?)(?: \([\d.]+m?s\))?$/.exec(line);
            if (ok) {
                flush();
                if (!inList && !/ # (SKIP|TODO)\b/i.test(ok[2])) {
                    const level = Math.floor(ok[1].length / 2);
                    if (state.wantsPassed())
                        state.pass([...stack.slice(0, level), ok[2]].join(' > '));
                }
                return;
            }
            if (current) {
                if (line.trim() !== '' && line.length - line.trimStart().length <= current.indent) {
                    flush();
                    return;
                }
                current.section.add(line);
            }
        },
        end: flush,
    });
}

;// CONCATENATED MODULE: ./src/fix/parsers/mocha.ts

const FAILING = /^\s*(\d+) failing\s*$/;
const PASSING = /^\s*(\d+) passing \(/;
const PENDING = /^\s*(\d+) pending\s*$/;
const ITEM = /^(\s*)(\d+)\) (.+?)\s*$/;
/**
 * mocha's spec reporter: after `N passing` / `N failing`, one block per failure, headed
 * `1) suite` with the rest of the title on the following indented lines, the last ending in `:`.
 */
function createMochaParser(opts) {
    const state = new ParserState(opts);
    const { caps, failures, counts } = state;
    let inFailures = false;
    let current = null;
    // the spec tree before the totals: suite titles by level; a pass is `\u2714 title`
    const tree = [];
    const flush = () => {
        if (current) {
            const name = current.parts.join(' ').trim();
            const file = current.section.frames.find((f) => /(^|\/)(tests?|spec|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(f.file))?.file;
            failures.add(makeFailure('mocha', { id: name, name, file }, current.section));
        }
        current = null;
    };
    return state.parser('mocha', {
        push(line) {
            const p = PASSING.exec(line);
            if (p) {
                state.detected = true;
                counts.passed = Number(p[1]);
                return;
            }
            const pe = PENDING.exec(line);
            if (pe && !inFailures) {
                counts.skipped = Number(pe[1]);
                return;
            }
            const f = FAILING.exec(line);
            if (f && !inFailures) {
                counts.failed = Number(f[1]);
                counts.total = (counts.passed ?? 0) + counts.failed + (counts.skipped ?? 0);
                inFailures = true;
                return;
            }
            if (!inFailures) {
                const indent = line.length - line.trimStart().length;
                const t = line.trim();
                if (!t || indent < 2)
                    return;
                const level = Math.floor(indent / 2) - 1;
                const ok = /^(?:\u2714|\u2713) (.+?)(?: \(\d+ms\))?$/.exec(t);
                if (ok && state.wantsPassed())
                    state.pass([...tree.slice(0, level), ok[1]].join(' '));
                else if (!/^\d+\) /.test(t) && !/^- /.test(t)) {
                    tree.length = level;
                    tree[level] = t;
                }
                return;
            }
            const item = ITEM.exec(line);
            if (item && (!current || current.titleDone || item[1].length <= 4)) {
                flush();
                const title = item[3];
                const done = title.endsWith(':');
                current = {
                    parts: [done ? title.slice(0, -1) : title],
                    titleDone: done,
                    section: new Section(caps, opts.workspace),
                };
                return;
            }
            if (!current)
                return;
            if (!current.titleDone) {
                const t = line.trim();
                if (t === '') {
                    current.titleDone = true;
                    return;
                }
                current.parts.push(t.endsWith(':') ? t.slice(0, -1) : t);
                if (t.endsWith(':'))
                    current.titleDone = true;
                return;
            }
            current.section.add(line);
        },
        end: flush,
    });
}

;// CONCATENATED MODULE: ./src/fix/parsers/go.ts

const RUN = /^=== (RUN|CONT|PAUSE|NAME)\s+(\S+)/;
const go_RESULT = /^(\s*)--- (FAIL|PASS|SKIP): (\S+) \(/;
const PKG_FAIL = /^FAIL\s+(\S+)\s+(?:[\d.]+s|\[(build failed|setup failed)\])/;
const PKG_OK = /^ok\s+(\S+)\s/;
const BUILD_HEADER = /^# (\S+)$/;
const PANIC = /^panic: (.*)$/;
const MAX_PENDING = 64;
/**
 * `go test` (with or without -v). Output of a running test is buffered by name until its
 * `--- FAIL`/`--- PASS` line (capped, and only for a few tests at once); the package comes from
 * the `FAIL\tpkg\t0.01s` line that ends it. Build failures (`# pkg` + compiler errors) and panics
 * are failures too.
 */
function createGoParser(opts) {
    const state = new ParserState(opts, { passed: 0, failed: 0, skipped: 0 });
    const { caps, failures, counts } = state;
    const pending = new Map();
    let running = null;
    // failures of the package being run (the package is named only at its end)
    let unassigned = [];
    let current = null;
    let build = null;
    let panic = null;
    // tests of the running package seen passing (`-v`), named once the package is
    let passedNames = [];
    const take = (pkg) => {
        for (const n of passedNames)
            state.pass(pkg ? `${pkg}::${n}` : n);
        passedNames = [];
        const names = new Set(unassigned.map((u) => u.name));
        for (const u of unassigned) {
            // a parent whose subtests failed adds nothing but its name
            const hasChild = [...names].some((n) => n.startsWith(u.name + '/'));
            if (hasChild && u.section.lines.every((l) => !l.trim()))
                continue;
            failures.add(goFailure(pkg, u.name, u.section));
        }
        if (panic) {
            failures.add(goFailure(pkg, running ?? '(panic)', panic));
            panic = null;
        }
        unassigned = [];
        pending.clear();
        running = null;
        current = null;
    };
    const section = () => new Section(caps, opts.workspace);
    return state.parser('go', {
        push(line) {
            const run = RUN.exec(line);
            if (run) {
                state.detected = true;
                current = null;
                const name = run[2];
                running = name;
                if (run[1] === 'RUN' && !pending.has(name)) {
                    if (pending.size >= MAX_PENDING)
                        pending.delete(pending.keys().next().value);
                    pending.set(name, section());
                }
                return;
            }
            const res = go_RESULT.exec(line);
            if (res) {
                state.detected = true;
                const [, indent, status, name] = res;
                const buffered = pending.get(name);
                pending.delete(name);
                current = null;
                if (status === 'PASS') {
                    counts.passed++;
                    if (passedNames.length < 20_000)
                        passedNames.push(name);
                }
                else if (status === 'SKIP')
                    counts.skipped++;
                else {
                    counts.failed++;
                    const s = buffered ?? section();
                    if (unassigned.length < caps.maxFailures) {
                        unassigned.push({ name, section: s });
                        current = { name, section: s, indent: indent.length };
                    }
                    else
                        failures.truncated = true;
                }
                return;
            }
            const pf = PKG_FAIL.exec(line);
            if (pf) {
                state.detected = true;
                if (pf[2] && build) {
                    failures.add(makeFailure('go', { id: `${pf[1]}::(build)`, name: '(build failed)', suite: pf[1] }, build.section));
                    build = null;
                }
                take(pf[1]);
                return;
            }
            const ok = PKG_OK.exec(line);
            if (ok) {
                state.detected = true;
                take(ok[1]);
                return;
            }
            const bh = BUILD_HEADER.exec(line);
            if (bh) {
                build = { pkg: bh[1], section: section() };
                return;
            }
            if (build && /^\S+\.go:\d+:\d+: /.test(line)) {
                build.section.add(line);
                return;
            }
            const p = PANIC.exec(line);
            if (p) {
                panic = section();
                panic.add(line);
                return;
            }
            if (panic) {
                panic.add(line);
                return;
            }
            if (line === 'FAIL' || line === 'PASS') {
                current = null;
                return;
            }
            if (current && line.startsWith(' '.repeat(current.indent + 4))) {
                current.section.add(line);
                return;
            }
            current = null;
            if (running)
                pending.get(running)?.add(line);
        },
        end() {
            if (unassigned.length || panic || passedNames.length)
                take('');
            counts.total = counts.passed + counts.failed + counts.skipped;
        },
    });
}
function goFailure(pkg, name, section) {
    const id = pkg ? `${pkg}::${name}` : name;
    const f = makeFailure('go', { id, name, suite: pkg || undefined }, section);
    // `    calc_test.go:8: want 3` \u2014 the message follows the position
    f.message = f.message.replace(/^\S+\.go:\d+:\s*/, '');
    const testFile = section.frames.find((fr) => fr.file.endsWith('_test.go'));
    if (testFile)
        f.file = testFile.file;
    return f;
}

;// CONCATENATED MODULE: ./src/fix/parsers/xml.ts
/**
 * A small streaming XML tokenizer: enough XML for test reports (elements, attributes, text,
 * CDATA, comments, processing instructions, a DOCTYPE without an internal subset). Chunks go in,
 * events come out; memory is bounded by the caps whatever the document's size.
 */
class XmlTokenizer {
    handler;
    state = 'text';
    buf = '';
    tagQuote = '';
    tagDropped = false;
    maxTag;
    flushAt;
    constructor(handler, opts = {}) {
        this.handler = handler;
        this.maxTag = opts.maxTagChars ?? 256 * 1024;
        this.flushAt = opts.textFlushChars ?? 64 * 1024;
    }
    write(chunk) {
        let i = 0;
        const n = chunk.length;
        while (i < n) {
            switch (this.state) {
                case 'text': {
                    const lt = chunk.indexOf('<', i);
                    const end = lt === -1 ? n : lt;
                    if (end > i)
                        this.textPiece(chunk.slice(i, end));
                    if (lt === -1)
                        return;
                    this.flushText();
                    this.state = 'bang';
                    this.buf = '';
                    i = lt + 1;
                    break;
                }
                case 'bang': {
                    // decide what `<` opens; may need a few more characters across chunks
                    this.buf += chunk[i];
                    i++;
                    const b = this.buf;
                    if (b === '?') {
                        this.state = 'pi';
                        this.buf = '';
                    }
                    else if (b.startsWith('!')) {
                        if ('![CDATA['.startsWith(b) ||
                            '!--'.startsWith(b) ||
                            '!DOCTYPE'.startsWith(b.toUpperCase())) {
                            const next = b === '![CDATA['
                                ? 'cdata'
                                : b === '!--'
                                    ? 'comment'
                                    : b.toUpperCase() === '!DOCTYPE'
                                        ? 'doctype'
                                        : null;
                            if (next) {
                                this.state = next;
                                this.buf = '';
                            }
                        }
                        else {
                            this.state = 'doctype';
                            this.buf = '';
                        }
                    }
                    else {
                        this.state = 'tag';
                        this.tagQuote = '';
                        this.tagDropped = false;
                        if (b === '>') {
                            this.state = 'text';
                            this.buf = '';
                        }
                        else if (b === '"' || b === "'")
                            this.tagQuote = b;
                    }
                    break;
                }
                case 'tag': {
                    const start = i;
                    while (i < n) {
                        const c = chunk[i];
                        if (this.tagQuote) {
                            if (c === this.tagQuote)
                                this.tagQuote = '';
                        }
                        else if (c === '"' || c === "'")
                            this.tagQuote = c;
                        else if (c === '>')
                            break;
                        i++;
                    }
                    this.appendTag(chunk.slice(start, i));
                    if (i < n) {
                        i++;
                        this.state = 'text';
                        const tag = this.buf;
                        this.buf = '';
                        this.emitTag(tag);
                    }
                    break;
                }
                case 'comment':
                case 'cdata':
                case 'pi': {
                    const term = this.state === 'comment' ? '-->' : this.state === 'cdata' ? ']]>' : '?>';
                    // keep a short tail so a terminator split across chunks is still found
                    const joined = this.buf + chunk.slice(i);
                    const at = joined.indexOf(term);
                    if (at === -1) {
                        const keep = term.length - 1;
                        if (this.state === 'cdata') {
                            const emit = joined.slice(0, Math.max(0, joined.length - keep));
                            if (emit)
                                this.handler.text(emit);
                        }
                        this.buf = joined.slice(Math.max(0, joined.length - keep));
                        i = n;
                    }
                    else {
                        if (this.state === 'cdata' && at > 0)
                            this.handler.text(joined.slice(0, at));
                        const consumed = at + term.length - this.buf.length;
                        i += consumed;
                        this.buf = '';
                        this.state = 'text';
                    }
                    break;
                }
                case 'doctype': {
                    const gt = chunk.indexOf('>', i);
                    if (gt === -1)
                        return;
                    i = gt + 1;
                    this.state = 'text';
                    this.buf = '';
                    break;
                }
            }
        }
    }
    end() {
        this.flushText();
    }
    pendingText = '';
    textPiece(raw) {
        this.pendingText += raw;
        if (this.pendingText.length >= this.flushAt) {
            // never split an entity: keep from the last '&' without its ';'
            const amp = this.pendingText.lastIndexOf('&');
            const cut = amp !== -1 && this.pendingText.indexOf(';', amp) === -1 ? amp : this.pendingText.length;
            const out = this.pendingText.slice(0, cut);
            this.pendingText = this.pendingText.slice(cut);
            if (out)
                this.handler.text(decodeEntities(out));
        }
    }
    flushText() {
        if (this.pendingText)
            this.handler.text(decodeEntities(this.pendingText));
        this.pendingText = '';
    }
    appendTag(piece) {
        if (this.tagDropped)
            return;
        if (this.buf.length + piece.length > this.maxTag) {
            this.buf += piece.slice(0, this.maxTag - this.buf.length);
            this.tagDropped = true;
            return;
        }
        this.buf += piece;
    }
    emitTag(raw) {
        if (raw.startsWith('/')) {
            this.handler.close(raw.slice(1).trim());
            return;
        }
        let body = raw;
        const selfClosing = body.endsWith('/');
        if (selfClosing)
            body = body.slice(0, -1);
        const m = /^([^\s/>]+)/.exec(body);
        if (!m)
            return;
        const name = m[1];
        const attrs = {};
        const re = /([^\s=]+)\s*=\s*(?:"([^"]*)"?|'([^']*)'?)/g;
        re.lastIndex = name.length;
        let a;
        while ((a = re.exec(body)))
            attrs[a[1]] = decodeEntities(a[2] ?? a[3] ?? '');
        this.handler.open(name, attrs, selfClosing);
        if (selfClosing)
            this.handler.close(name);
    }
}
const NAMED = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decodeEntities(s) {
    if (!s.includes('&'))
        return s;
    return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (all, e) => {
        if (e[0] === '#') {
            const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
            try {
                return String.fromCodePoint(code);
            }
            catch {
                return all;
            }
        }
        return NAMED[e] ?? all;
    });
}

;// CONCATENATED MODULE: ./src/fix/parsers/junit.ts



/**
 * JUnit XML as written by jest-junit, vitest's junit reporter, pytest --junitxml,
 * go-junit-report and Maven Surefire, parsed as a stream: only failing test cases keep text.
 */
function createJUnitParser(opts) {
    const caps = resolveCaps(opts.caps);
    const failures = new FailureList(caps);
    const counts = { passed: 0, failed: 0, skipped: 0, total: 0 };
    let elements = 0;
    const passed = [];
    const suiteFiles = [];
    let tc = null;
    // depth inside <failure>/<error>: only their text is kept
    let capture = false;
    let partial = '';
    const addText = (t) => {
        if (!tc?.section)
            return;
        const text = partial + t;
        const lines = text.split('\n');
        partial = lines.pop() ?? '';
        if (partial.length > caps.maxLineChars) {
            tc.section.add(partial);
            partial = '';
        }
        for (const l of lines)
            tc.section.add(l.replace(/\r$/, ''));
    };
    const tokenizer = new XmlTokenizer({
        open(name, attrs) {
            elements++;
            if (name === 'testsuite')
                suiteFiles.push(attrs.file ?? attrs.filepath);
            else if (name === 'testcase') {
                tc = {
                    name: attrs.name ?? '',
                    classname: attrs.classname ?? attrs.class ?? '',
                    file: attrs.file ?? attrs.filepath,
                    suiteFile: suiteFiles.at(-1),
                    failed: false,
                    section: null,
                    skipped: false,
                };
            }
            else if (tc && (name === 'failure' || name === 'error')) {
                if (!tc.failed) {
                    tc.failed = true;
                    tc.message = attrs.message;
                    tc.type = attrs.type;
                    tc.section = new Section(caps, opts.workspace);
                }
                capture = true;
                partial = '';
            }
            else if (tc && name === 'skipped')
                tc.skipped = true;
        },
        close(name) {
            if (name === 'testsuite')
                suiteFiles.pop();
            else if ((name === 'failure' || name === 'error') && capture) {
                if (partial && tc?.section)
                    tc.section.add(partial);
                partial = '';
                capture = false;
            }
            else if (name === 'testcase' && tc) {
                const c = tc;
                tc = null;
                counts.total++;
                if (c.skipped && !c.failed)
                    counts.skipped++;
                else if (!c.failed) {
                    counts.passed++;
                    if (passed.length < MAX_PASSED_IDS)
                        passed.push(toFailure(c).id);
                }
                else {
                    counts.failed++;
                    failures.add(toFailure(c));
                }
            }
        },
        text(t) {
            if (capture)
                addText(t);
        },
    });
    const toFailure = (c) => {
        const section = c.section ?? new Section(caps, opts.workspace);
        const rawFile = c.file ??
            c.suiteFile ??
            (/[\\/]/.test(c.classname) && /\.\w+$/.test(c.classname) ? c.classname : undefined);
        let file = rawFile ? (toWorkspacePath(rawFile, opts.workspace) ?? undefined) : undefined;
        let id;
        let name = c.name;
        let suite = c.classname || undefined;
        const py = !file ? pythonNodeId(c.classname, c.name, section) : null;
        if (py) {
            ;
            ({ id, file } = py);
            name = py.id.slice(py.file.length + 2);
        }
        else if (file && c.classname === rawFile) {
            // vitest: classname is the file, name the suite path: same id as its console output
            id = `${file} > ${c.name}`;
            suite = undefined;
        }
        else if (c.classname && c.classname !== c.name) {
            id = `${c.classname} > ${c.name}`;
        }
        else
            id = c.name;
        let message = c.message?.split('\n')[0]?.trim();
        if (!message)
            message = firstMessage(section.lines);
        if (c.type &&
            message &&
            !message.startsWith(c.type) &&
            !/^[\w.]+(Error|Exception)\b/.test(message)) {
            message = `${c.type}: ${message}`;
        }
        return makeFailure('junit', { id, name, file, suite, message }, section);
    };
    return {
        write(chunk) {
            tokenizer.write(chunk);
        },
        end() {
            tokenizer.end();
            return summaryOf('junit', failures, counts, elements, passed);
        },
    };
}
/**
 * pytest writes `classname="tests.test_calc.TestParse" name="test_bad"` and no file; the traceback
 * names the file (`tests/test_calc.py:14:`). When the dotted module matches it, rebuild the node id
 * `tests/test_calc.py::TestParse::test_bad` that pytest's own output uses and accepts for a rerun.
 */
function pythonNodeId(classname, name, section) {
    if (!classname || classname.includes('/'))
        return null;
    for (const f of section.frames) {
        if (!f.file.endsWith('.py'))
            continue;
        const mod = f.file.slice(0, -3).replace(/\//g, '.');
        if (classname === mod || classname.startsWith(mod + '.')) {
            const rest = classname.slice(mod.length + 1);
            const parts = [f.file, ...(rest ? rest.split('.') : []), name];
            return { id: parts.join('::'), file: f.file };
        }
    }
    return null;
}
/** Parses one JUnit XML file as a stream. */
async function parseJUnitFile(path, opts) {
    return streamFile(path, createJUnitParser(opts));
}

;// CONCATENATED MODULE: ./src/fix/parsers/index.ts











const FACTORIES = {
    vitest: createVitestParser,
    jest: createJestParser,
    pytest: createPytestParser,
    'node-tap': createTapParser,
    'node-spec': createNodeSpecParser,
    mocha: createMochaParser,
    go: createGoParser,
};
/** Lines read before auto-detection settles on the runners that recognised their output. */
const DETECT_LINES = 5_000;
/**
 * Guesses the runner from the test command; undefined when the command hides it (`npm test`,
 * `make test`), and the output decides.
 */
function detectRunner(command) {
    const c = command.toLowerCase();
    if (/\bvitest\b/.test(c))
        return ['vitest'];
    if (/\bjest\b/.test(c))
        return ['jest'];
    if (/\bpy\.?test\b/.test(c))
        return ['pytest'];
    if (/\bgo\s+test\b/.test(c))
        return ['go'];
    if (/\bmocha\b/.test(c))
        return ['mocha'];
    if (/\bnode\b.*\s--test\b/.test(c))
        return ['node-spec', 'node-tap'];
    return undefined;
}
/**
 * Parses a test runner's output as a stream of chunks. With `runners` unset every parser reads
 * the first lines and those that recognise their runner's output carry on alone; memory stays
 * bounded by the parsers' caps, never by the log's size.
 */
function createOutputParser(opts) {
    const caps = resolveCaps(opts.caps);
    const kinds = opts.runners?.length ? opts.runners : Object.keys(FACTORIES);
    let parsers = kinds.map((k) => FACTORIES[k]({ ...opts, caps }));
    const auto = !opts.runners?.length;
    let settled = !auto;
    let lines = 0;
    let partial = '';
    const pushLine = (raw) => {
        let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (line.length > caps.maxLineChars * 4)
            line = line.slice(0, caps.maxLineChars * 4);
        line = stripAnsi(line);
        // carriage-return progress bars: only the last repaint is visible
        const cr = line.lastIndexOf('\r');
        if (cr !== -1)
            line = line.slice(cr + 1);
        for (const p of parsers)
            p.push(line);
        lines++;
        if (!settled && (lines >= DETECT_LINES || parsers.some((p) => p.detected))) {
            const hits = parsers.filter((p) => p.detected);
            if (hits.length)
                parsers = hits;
            settled = lines >= DETECT_LINES || hits.length > 0;
        }
    };
    return {
        write(chunk) {
            let start = 0;
            let nl = chunk.indexOf('\n');
            if (nl === -1) {
                partial += chunk;
                // a line without end: cut it so one giant line cannot take the memory
                if (partial.length > caps.maxLineChars * 8)
                    partial = partial.slice(0, caps.maxLineChars * 4);
                return;
            }
            pushLine(partial + chunk.slice(0, nl));
            partial = '';
            start = nl + 1;
            while ((nl = chunk.indexOf('\n', start)) !== -1) {
                pushLine(chunk.slice(start, nl));
                start = nl + 1;
            }
            partial = chunk.slice(start);
            if (partial.length > caps.maxLineChars * 8)
                partial = partial.slice(0, caps.maxLineChars * 4);
        },
        end() {
            if (partial)
                pushLine(partial);
            partial = '';
            const results = parsers.map((p) => p.end());
            return pickBest(results, lines);
        },
    };
}
/** When several parsers claim the output (TAP inside a spec log\u2026), the one with most findings wins. */
function pickBest(results, lines) {
    let best;
    const score = (r) => r.failures.length * 10 +
        ((r.counts.total ?? r.counts.passed ?? 0) ? 1 : 0) +
        (r.passed?.length ? 1 : 0);
    for (const r of results)
        if (!best || score(r) > score(best))
            best = r;
    if (!best || score(best) === 0) {
        return {
            runner: best && score(best) > 0 ? best.runner : 'unknown',
            failures: [],
            counts: best?.counts ?? {},
            truncated: false,
            linesSeen: lines,
        };
    }
    return { ...best, linesSeen: lines };
}
/** Parses a log file line by line; a 1 GB log is read in 64 KB chunks and never held whole. */
async function parseLogFile(path, opts) {
    return streamFile(path, createOutputParser(opts));
}
/** Parses a complete output held in memory (tests, short runs). */
function parseOutput(text, opts) {
    const p = createOutputParser(opts);
    p.write(text);
    return p.end();
}
/**
 * Merges the summaries of several report files into one, keeping at most `maxFailures` failures
 * in all (hundreds of report files must not add up to more than one report may hold).
 */
function mergeSummaries(list, maxFailures = DEFAULT_CAPS.maxFailures) {
    if (list.length === 1)
        return list[0];
    const failures = [];
    const seen = new Set();
    const counts = { passed: 0, failed: 0, skipped: 0, total: 0 };
    let truncated = false;
    let linesSeen = 0;
    const passed = new Set();
    for (const s of list) {
        for (const id of s.passed ?? [])
            if (passed.size < MAX_PASSED_IDS)
                passed.add(id);
        for (const f of s.failures) {
            if (seen.has(f.id))
                continue;
            seen.add(f.id);
            if (failures.length < maxFailures)
                failures.push(f);
            else
                truncated = true;
        }
        counts.passed += s.counts.passed ?? 0;
        counts.failed += s.counts.failed ?? 0;
        counts.skipped += s.counts.skipped ?? 0;
        counts.total += s.counts.total ?? 0;
        truncated ||= s.truncated;
        linesSeen += s.linesSeen;
    }
    const merged = {
        runner: list[0]?.runner ?? 'unknown',
        failures,
        counts,
        truncated,
        linesSeen,
    };
    if (passed.size)
        merged.passed = [...passed];
    return merged;
}

;// CONCATENATED MODULE: ./src/fix/verify.ts
/**
 * Verification in code, not by the model, bound to the reproduction: each test that failed must
 * be seen passing by id (an exit code 0 proves nothing: a filtered, skipped or emptied run exits
 * 0 too), then the full suite must run at least as many tests as at reproduction and show no
 * failure that was not already failing before the fix.
 */

/** Quotes one shell word. */
function shellQuote(s) {
    return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
function escapeRegex(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/**
 * The failing-tests run for a command that hides its runner behind an npm script (`npm test`,
 * `npm run unit`) whose body is one runner invocation (`jest`, `vitest run`): the selectors and
 * the listing flag go after `--`, which npm hands to the script. Anything else is left as is.
 */
function narrowScript(command, scripts, targets) {
    const m = /^\s*npm\s+(?:(test|t)|run(?:-script)?\s+([\w:.-]+))\s*$/.exec(command);
    if (!m)
        return null;
    const body = scripts[m[1] ? 'test' : m[2]];
    if (!body || /&&|\|\||[;|<>`$]/.test(body) || !detectRunner(body))
        return null;
    if (scripts[`pre${m[1] ? 'test' : m[2]}`] || scripts[`post${m[1] ? 'test' : m[2]}`])
        return null;
    const flag = listingFlag(body);
    const base = flag ? `${body} ${flag}` : body;
    const n = narrowCommand(base, targets);
    if (!n.narrowed)
        return null;
    return {
        command: `${command.trim()} -- ${n.command.slice(body.length).trim()}`,
        narrowed: true,
        selectors: n.selectors,
    };
}
/** Tests a run reports: its total, else passed + failed, else undefined (nothing parsed). */
function totalOf(s) {
    if (s.counts.total !== undefined)
        return s.counts.total;
    if (s.counts.passed !== undefined || s.counts.failed !== undefined)
        return (s.counts.passed ?? 0) + (s.counts.failed ?? 0) + (s.counts.skipped ?? 0);
    return undefined;
}
/**
 * The configured command restricted to some tests, per runner: vitest/jest/mocha/node get the
 * test files, pytest the node ids, go test a `-run` pattern of the top-level test names. Anything
 * else runs the full command. Only the configured command ever runs; selectors are quoted words
 * and never options.
 */
function narrowCommand(command, targets) {
    const kinds = detectRunner(command);
    const full = { command, narrowed: false, selectors: [] };
    if (!kinds || targets.length === 0)
        return full;
    const kind = kinds[0];
    const selectors = new Set();
    for (const t of targets) {
        if (typeof t === 'string') {
            const s = t.trim();
            if (!s || s.startsWith('-'))
                continue;
            if (kind === 'pytest')
                selectors.add(s);
            else if (kind === 'go')
                selectors.add((s.includes('::') ? s.split('::').pop() : s).split('/')[0]);
            else
                selectors.add(s.split(' > ')[0]);
            continue;
        }
        if (kind === 'pytest') {
            const id = t.id.includes('::') || t.id.endsWith('.py') ? t.id : t.file;
            if (id)
                selectors.add(id);
        }
        else if (kind === 'go') {
            selectors.add(t.name.split('/')[0]);
        }
        else if (t.file)
            selectors.add(t.file);
    }
    const list = [...selectors].filter((s) => !s.startsWith('-'));
    if (list.length === 0)
        return full;
    if (kind === 'go') {
        if (list.some((n) => n.startsWith('(')))
            return full;
        const pattern = `^(${list.map(escapeRegex).join('|')})$`;
        return { command: `${command} -run ${shellQuote(pattern)}`, narrowed: true, selectors: list };
    }
    return {
        command: `${command} ${list.map(shellQuote).join(' ')}`,
        narrowed: true,
        selectors: list,
    };
}
/**
 * The option that makes a runner list every test it ran (its passing ids), for the narrowed run
 * of the failing tests; runners that list them by default need none.
 */
function listingFlag(command) {
    const kind = detectRunner(command)?.[0];
    if (kind === 'jest' && !/\s--verbose\b/.test(command))
        return '--verbose';
    if (kind === 'vitest' && !/\s--reporter\b/.test(command))
        return '--reporter=verbose';
    if (kind === 'pytest' && !/\s-r\w*A/.test(command))
        return '-rA';
    if (kind === 'go' && !/\s-v\b/.test(command))
        return '-v';
    return undefined;
}
/** The id of the command-level failure (no test id: a compile or collection error). */
const COMMAND_FAILURE_ID = '(test command)';
function leafMatch(target, passedId) {
    const withFile = /^(\S+\.[A-Za-z]+) > (.+)$/.exec(passedId);
    if (withFile && target.file && withFile[1] !== target.file)
        return false;
    const p = withFile ? withFile[2] : passedId;
    const name = target.name;
    return p === name || p.endsWith(` > ${name}`) || name.endsWith(` > ${p}`);
}
/**
 * True when the test is among the run's passing ids: the same id, or (runners that print no file
 * for a passing test, node's reporters) the same suite path in the same or an unnamed file.
 */
function seenPassing(target, passed = []) {
    if (passed.includes(target.id))
        return true;
    return passed.some((p) => leafMatch(target, p));
}
/** Tests of the reproduction run that the verification run does not show at all. */
function disappeared(baseline, run) {
    const seen = new Set([...run.failures.map((f) => f.id), ...(run.passed ?? [])]);
    const known = [
        ...baseline.failures,
        ...(baseline.passed ?? []).map((id) => ({
            id,
            name: id.replace(/^\S+\.[A-Za-z]+ > /, ''),
            file: /^(\S+\.[A-Za-z]+) > /.exec(id)?.[1],
            message: '',
            details: '',
            frames: [],
            runner: 'junit',
        })),
    ].filter((t) => t.id !== COMMAND_FAILURE_ID);
    return known.filter((t) => !seen.has(t.id) && !seenPassing(t, [...seen])).map((t) => t.id);
}
function step(kind, run, targets, baseline) {
    const ids = run.summary.failures.map((f) => f.id);
    return {
        kind,
        command: run.command,
        exitCode: run.exitCode,
        timedOut: run.timedOut,
        durationMs: run.durationMs,
        passed: run.summary.counts.passed,
        failed: run.summary.counts.failed ?? run.summary.failures.length,
        total: run.summary.counts.total,
        stillFailing: ids.filter((id) => targets.has(id)),
        newFailures: ids.filter((id) => !baseline.has(id)),
        ok: false,
    };
}
function describeFailures(run, ids) {
    const byId = new Map(run.summary.failures.map((f) => [f.id, f]));
    return ids
        .slice(0, 10)
        .map((id) => {
        const f = byId.get(id);
        return `- ${id}${f?.message ? `: ${f.message}` : ''}`;
    })
        .join('\n');
}
/**
 * Re-runs the failing tests, then the full suite. `baseline` is the reproduction run: failures it
 * already had do not count against the fix (they were failing before), every other one does.
 */
async function verifyFix(opts) {
    const targets = new Set(opts.targets.map((f) => f.id));
    const baseline = new Set(opts.baseline.failures.map((f) => f.id));
    const steps = [];
    const plain = narrowCommand(opts.command, opts.targets);
    const flag = plain.narrowed ? listingFlag(opts.command) : undefined;
    const narrowed = (!plain.narrowed && opts.scripts && narrowScript(opts.command, opts.scripts, opts.targets)) ||
        (flag ? narrowCommand(`${opts.command} ${flag}`, opts.targets) : plain);
    const first = await opts.runTests(narrowed.command, 'verify-failing');
    const s1 = step('failing-tests', first, targets, baseline);
    // narrowed to the failing tests, any failure at all is a failure of the fix
    const failingNow = first.summary.failures.map((f) => f.id);
    s1.ok = !first.timedOut && first.exitCode === 0 && failingNow.length === 0 && !first.error;
    // each test that failed must be seen passing, by id
    const byId = opts.targets.filter((t) => t.id !== COMMAND_FAILURE_ID);
    const notSeen = byId.filter((t) => !seenPassing(t, first.summary.passed)).map((t) => t.id);
    if (s1.ok && notSeen.length) {
        s1.ok = false;
        s1.notSeen = notSeen;
    }
    if (s1.ok && first.summary.counts.passed === 0) {
        s1.ok = false;
        s1.note = 'no test ran';
    }
    steps.push(s1);
    if (!s1.ok) {
        const why = first.timedOut
            ? `the test command timed out`
            : first.error
                ? `the test command could not run: ${first.error}`
                : failingNow.length
                    ? `these tests still fail:\n${describeFailures(first, failingNow)}`
                    : s1.note === 'no test ran'
                        ? 'no test ran'
                        : s1.notSeen
                            ? `the command exited 0, but these tests that failed at reproduction were not seen passing in its results (skipped, filtered out, not run, or the output lists no test ids; pitcrew needs per-test results: a runner it can narrow, or JUnit reports in fix.reports):\n${s1.notSeen
                                .slice(0, 20)
                                .map((id) => `- ${id}`)
                                .join('\n')}`
                            : `the command exited with code ${first.exitCode} without a parsable test failure (a compile or collection error?). Output tail:\n${first.output.slice(-1500)}`;
        return {
            ok: false,
            reason: `Verification failed: re-running the failing tests (\`${first.command}\`): ${why}`,
            steps,
        };
    }
    const full = narrowed.narrowed ? await opts.runTests(opts.command, 'verify-full') : first;
    const s2 = step('full-suite', full, targets, baseline);
    if (!narrowed.narrowed)
        s2.note = 'same run as the failing tests (the command cannot be narrowed)';
    const allBaseline = full.summary.failures.every((f) => baseline.has(f.id) && !targets.has(f.id));
    s2.ok =
        !full.timedOut &&
            !full.error &&
            s2.newFailures.length === 0 &&
            s2.stillFailing.length === 0 &&
            (full.exitCode === 0 || (full.summary.failures.length > 0 && allBaseline));
    // fewer tests than at reproduction, or none parsed at all, is not a pass
    const before = totalOf(opts.baseline);
    const after = totalOf(full.summary);
    const shrank = before !== undefined && (after === undefined || after < before);
    if (s2.ok && shrank) {
        s2.ok = false;
        s2.disappeared = disappeared(opts.baseline, full.summary);
    }
    steps.push(s2);
    if (!s2.ok) {
        const why = full.timedOut
            ? 'the full suite timed out'
            : shrank && s2.disappeared
                ? `${after === undefined ? 'no test results could be parsed from it' : `${after} tests ran, fewer than the ${before} at reproduction`}${s2.disappeared.length
                    ? `; these tests are gone:\n${s2.disappeared
                        .slice(0, 20)
                        .map((id) => `- ${id}`)
                        .join('\n')}${s2.disappeared.length > 20 ? `\n\u2026 and ${s2.disappeared.length - 20} more` : ''}`
                    : ''}`
                : s2.newFailures.length
                    ? `the change breaks tests that passed before:\n${describeFailures(full, s2.newFailures)}`
                    : s2.stillFailing.length
                        ? `in the full suite these tests still fail:\n${describeFailures(full, s2.stillFailing)}`
                        : `the full suite exited with code ${full.exitCode} without a parsable test failure. Output tail:\n${full.output.slice(-1500)}`;
        return {
            ok: false,
            reason: `Verification failed: full suite (\`${full.command}\`): ${why}`,
            steps,
        };
    }
    return { ok: true, steps };
}

;// CONCATENATED MODULE: ./src/fix/tools.ts
/**
 * The fix-mode tools besides the shared workspace ones: run_tests (only the configured command,
 * optionally narrowed), git_diff, and the final `finish`, whose `fixed` runs the guards on the
 * whole diff and the verification in code before the loop may end.
 */






function runTestsTool(opts) {
    return {
        name: 'run_tests',
        description: 'Run the configured test command, optionally narrowed to some tests (test ids or test files ' +
            "from the failure context). Returns the exit code, the counts and the failing tests' sections.",
        inputSchema: {
            type: 'object',
            properties: {
                tests: {
                    type: 'array',
                    items: { type: 'string' },
                    description: 'Test ids or test files to run; all tests when omitted.',
                },
            },
            additionalProperties: false,
        },
        // the tests get their own timeout through the runner
        timeoutMs: 60 * 60 * 1000,
        // the latest failures are what the model works on, however long ago it ran them
        keepLatest: true,
        async run(input) {
            const targets = (input.tests ?? []).map((t) => opts.known.find((f) => f.id === t) ?? t);
            const n = narrowCommand(opts.command, targets);
            const run = await opts.runTests(n.command, 'agent');
            const s = run.summary;
            const counts = s.counts;
            opts.state.tried.push(`ran \`${n.command}\`: exit ${run.timedOut ? 'timeout' : run.exitCode}, ${s.failures.length} failing`);
            const head = `Command: ${n.command}${input.tests?.length && !n.narrowed ? ' (this runner cannot be narrowed: all tests ran)' : ''}\n` +
                `Exit code: ${run.timedOut ? 'timed out' : run.exitCode}\n` +
                (counts.total !== undefined || counts.passed !== undefined
                    ? `Tests: ${counts.passed ?? '?'} passed, ${counts.failed ?? s.failures.length} failed${counts.total !== undefined ? ` of ${counts.total}` : ''}\n`
                    : '');
            const restoredNote = run.restored?.length
                ? `The run wrote tracked files that pitcrew put back (a fix may only change files through edit_file): ${run.restored.slice(0, 10).join(', ')}\n`
                : '';
            if (run.error)
                return { content: `${head}The command could not run: ${run.error}`, isError: true };
            if (s.failures.length)
                return (head +
                    restoredNote +
                    '\n' +
                    buildFailureContext(s, { maxChars: 12_000, maxCharsPerFailure: 2_500 }));
            if (run.exitCode !== 0)
                return `${head}${restoredNote}No test failure could be parsed. Output (tail):\n${run.output.slice(-4000)}`;
            return `${head}${restoredNote}All selected tests passed.`;
        },
    };
}
/** Reads what guards.ts compares: the failing commit's version and the working tree's. */
function contentReader(changes, workspace) {
    return {
        base: (rel) => changes.baseContent(rel),
        current: async (rel) => {
            const j = (0,jail/* resolveInWorkspace */.z1)(workspace, rel);
            return j.ok ? (0,promises_.readFile)(j.abs, 'utf8').catch(() => null) : null;
        },
    };
}
/**
 * edit_file with the content guard: an edit of package.json (pyproject.toml, setup.cfg, pom.xml)
 * that changes test configuration is written, judged against the failing commit, and put back
 * at once with a refusal; a dependency bump in the same file goes through.
 */
function guardTestConfig(edit, opts) {
    return {
        ...edit,
        async run(input, ctx) {
            const path = typeof input.path === 'string' ? input.path : '';
            const j = (0,jail/* resolveInWorkspace */.z1)(ctx.workspace, path);
            if (!j.ok || opts.guard.allowTestEdits || !isMixedConfigFile(j.rel))
                return edit.run(input, ctx);
            const previous = await (0,promises_.readFile)(j.abs).catch(() => null);
            const res = await edit.run(input, ctx);
            if (typeof res !== 'string' && res.isError)
                return res;
            const r = contentRefusal(j.rel, await opts.changes.baseContent(j.rel), await (0,promises_.readFile)(j.abs, 'utf8').catch(() => null), opts.guard);
            if (!r)
                return res;
            // put the file back as it was before this edit (a new file goes away again)
            if (previous)
                await (0,promises_.writeFile)(j.abs, previous);
            else
                await (0,promises_.rm)(j.abs, { force: true });
            return { content: `Refused '${j.rel}': ${r}`, isError: true };
        },
    };
}
function gitDiffTool(changes) {
    return {
        name: 'git_diff',
        description: 'Show the current change against the failing commit as a unified diff.',
        inputSchema: { type: 'object', properties: {}, additionalProperties: false },
        maxOutputChars: 30_000,
        keepLatest: true,
        async run() {
            const d = await changes.diff();
            return d.trim() ? d : 'No changes yet.';
        },
    };
}
/** The scripts of a package.json text ({} when absent or unreadable). */
function tools_scriptsOf(text) {
    try {
        const s = JSON.parse(text ?? '{}').scripts;
        if (!s || typeof s !== 'object')
            return {};
        return Object.fromEntries(Object.entries(s).filter(([, v]) => typeof v === 'string'));
    }
    catch {
        return {};
    }
}
function finishTool(opts) {
    return {
        name: 'finish',
        final: true,
        description: 'End the task. status "fixed": pitcrew checks the diff against the rules and verifies it by ' +
            're-running the failing tests and the full suite; if that fails you get the reason and can ' +
            'continue. status "gave_up": stop and report root_cause as your best diagnosis.',
        inputSchema: {
            type: 'object',
            properties: {
                status: { type: 'string', enum: ['fixed', 'gave_up'] },
                root_cause: {
                    type: 'string',
                    description: 'The root cause, naming the file and the mistake.',
                },
                summary: { type: 'string', description: 'What was changed (or tried) and why.' },
            },
            required: ['status', 'root_cause', 'summary'],
            additionalProperties: false,
        },
        timeoutMs: 2 * 60 * 60 * 1000,
        async run(input, ctx) {
            if (input.status === 'gave_up') {
                opts.state.tried.push('gave up');
                return 'Recorded: gave up.';
            }
            const entries = await opts.changes.entries();
            const reasons = [
                ...checkDiff(entries, opts.guard),
                ...(await checkDiffContent(entries, opts.guard, contentReader(opts.changes, ctx.workspace))),
            ];
            if (reasons.length) {
                const text = `The change cannot be accepted:\n${reasons.map((r) => `- ${r}`).join('\n')}\nRevert those parts (edit them back) and call finish again, or give up.`;
                opts.state.lastRefusal = text;
                opts.state.tried.push(`finish refused by the guards: ${reasons[0]}`);
                return { content: text, isError: true };
            }
            const v = await verifyFix({
                scripts: tools_scriptsOf(await opts.changes.baseContent('package.json')),
                command: opts.command,
                targets: opts.targets,
                baseline: opts.baseline,
                runTests: opts.runTests,
            });
            if (!v.ok) {
                opts.state.lastRefusal = v.reason;
                opts.state.tried.push(`finish rejected by verification: ${(v.reason ?? '').split('\n')[0]}`);
                return {
                    content: `${v.reason}\nKeep working on the fix, then call finish again.`,
                    isError: true,
                };
            }
            opts.state.verification = v;
            opts.state.entries = entries;
            opts.state.tried.push('finish accepted: verified');
            return 'Verified: the failing tests pass and the full suite has no new failure.';
        },
    };
}

;// CONCATENATED MODULE: ./src/fix/agent.ts






/**
 * Runs the agent loop. When the model cannot be reached the workspace is reverted (nothing of a
 * half fix lingers) and the error is thrown for the caller to report.
 */
async function runFixAgent(deps, o) {
    const { settings, ctx } = deps;
    const fix = settings.config.fix;
    const { command, target, repro } = o;
    const { failures, changes, runTests, baseline } = repro;
    const guard = guardConfig(fix, failures, command);
    const state = { tried: [] };
    const tools = [
        ...(0,workspace/* workspaceTools */.zd)(),
        // test configuration (scripts, runner keys, config files) is refused like a test edit
        guardTestConfig(editFileTool({
            guard: editGuard(guard),
            // a name git would quote or a command would read as an option never reaches the tree
            newFileGuard: newPathRefusal,
            onEdit: (rel) => {
                changes.edited.add(rel);
                if (state.tried.at(-1) !== `edited ${rel}`)
                    state.tried.push(`edited ${rel}`);
            },
        }), { changes, guard }),
        runTestsTool({ command, runTests, known: failures, state }),
        gitDiffTool(changes),
        finishTool({ changes, guard, command, targets: failures, baseline, runTests, state }),
    ];
    const client = deps.agentClient();
    const prompt = [
        `The test command \`${command}\` fails on branch \`${target.headRef ?? '(detached)'}\` at commit ${target.headSha.slice(0, 7)}.`,
        `Test edits are ${fix.allowTestEdits ? 'allowed' : 'not allowed'}; protected paths: ${fix.protectedPaths.join(', ') || '(none)'}; at most ${fix.maxChangedLines} changed lines.`,
        '## Failures',
        repro.context,
    ].join('\n\n');
    let result;
    try {
        result = await client.run({
            model: settings.inputs.model,
            system: (0,prompts/* loadPrompt */.h)('fix'),
            prompt,
            tools,
            budgets: {
                maxTurns: settings.inputs.maxTurns,
                maxCostUsd: settings.inputs.maxCostUsd,
                timeoutMs: settings.inputs.timeoutMinutes * 60_000,
            },
            workspace: ctx.workspace,
            label: 'fix',
        });
    }
    catch (err) {
        // the model is unreachable: report what we know, leave nothing behind
        await changes.revert(await changes.entries().catch(() => [])).catch(() => undefined);
        throw err;
    }
    const usage = client.usage();
    deps.log.info(`Agent loop ended: ${result.stopReason}${result.detail ? ` (${result.detail})` : ''}.`);
    const final = result.final?.input;
    const verified = final?.status === 'fixed' && state.verification?.ok === true && state.entries !== undefined;
    return { result, state, usage, final, verified };
}

// EXTERNAL MODULE: ./src/agent/budget-gate.ts + 2 modules
var budget_gate = __webpack_require__(64723);
// EXTERNAL MODULE: ./src/context.ts
var context = __webpack_require__(40788);
// EXTERNAL MODULE: ./src/github/errors.ts
var errors = __webpack_require__(73116);
// EXTERNAL MODULE: ./src/github/pulls.ts
var pulls = __webpack_require__(74487);
// EXTERNAL MODULE: ./src/github/comments.ts
var comments = __webpack_require__(66645);
// EXTERNAL MODULE: ./src/fix/report.ts
var report = __webpack_require__(48029);
;// CONCATENATED MODULE: ./src/fix/comment.ts
/** The one comment a fix run keeps on the failing PR, found again by its run marker. */



/**
 * Posts (or edits) this run's comment on the failing PR. A comment that still fails after the
 * client's retries does not throw: the caller reports it with the step failed and keeps what was
 * already delivered (a PR with its branch is not half-written state; losing its link would be).
 */
async function postRunComment(deps, issueNumber, runId, body) {
    if (!deps.octokit)
        return {};
    try {
        const c = await (0,comments/* upsertStickyComment */.qD)(deps.octokit, {
            owner: deps.ctx.owner,
            repo: deps.ctx.repo,
            issueNumber,
            marker: (0,report/* runMarker */.qW)(runId),
            body,
        });
        return { url: c.url };
    }
    catch (err) {
        const error = `could not comment on #${issueNumber}: ${(0,errors/* errorMessage */.gJ)(err)}`;
        deps.log.warning(`pitcrew fix: ${error}`);
        return { error };
    }
}

;// CONCATENATED MODULE: ./src/fix/push.ts
/** Default push timeout: a push of one small commit that takes longer has hung. */
const DEFAULT_PUSH_TIMEOUT_MS = 5 * 60_000;
/**
 * `PITCREW_GIT_PUSH_TIMEOUT_MS` (tests and slow self-hosted servers), else the default. Errors
 * name the variable and the expected form.
 */
function pushTimeoutMs(env) {
    const raw = env.PITCREW_GIT_PUSH_TIMEOUT_MS;
    if (raw === undefined || raw === '')
        return DEFAULT_PUSH_TIMEOUT_MS;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0)
        throw new Error(`Invalid PITCREW_GIT_PUSH_TIMEOUT_MS '${raw}'. Expected a number of milliseconds > 0.`);
    return n;
}
/**
 * The server's refusal in git's stderr, or null when git reports none: the `! [remote
 * rejected]` / `! [rejected]` status line and the `remote:` lines a hook or ruleset printed, or
 * an HTTP 403 (no push rights). A transport failure (hang-up, timeout, DNS) is not a refusal.
 */
function refusalIn(stderr) {
    const lines = stderr
        .split('\n')
        .map((l) => l.trimEnd())
        .filter(Boolean);
    const status = lines.find((l) => /^\s*!\s*\[(remote )?rejected\]/.test(l));
    const forbidden = lines.find((l) => /returned error: 403|Permission to .* denied/i.test(l));
    if (!status && !forbidden)
        return null;
    const remote = lines
        .filter((l) => l.startsWith('remote:'))
        .map((l) => l.replace(/^remote:\s?/, '').trim())
        .filter((l) => l && !/^-+$/.test(l));
    return [...remote, (status ?? forbidden).trim()].join('\n').slice(0, 2000);
}
/** Where `refs/heads/<branch>` points on origin: a sha, null when absent, undefined when unknown. */
async function remoteBranchSha(git, branch, timeoutMs = 60_000) {
    const r = await git.run(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`], {
        allowFail: true,
        timeoutMs,
    });
    if (r.code !== 0)
        return undefined;
    const line = r.stdout.split('\n').find((l) => l.endsWith(`\trefs/heads/${branch}`));
    return line ? line.split('\t')[0] : null;
}
/**
 * Force-pushes `commit` to `refs/heads/<branch>` on origin and reports what is true on the
 * server afterwards. A non-zero exit is never taken at its word: the branch is looked up first.
 */
async function pushBranch(git, o) {
    const push = await git.run(['push', '--force', '--quiet', 'origin', `${o.commit}:refs/heads/${o.branch}`], { allowFail: true, timeoutMs: o.timeoutMs });
    if (push.code === 0)
        return { kind: 'pushed', confirmedBy: 'exit' };
    const said = push.stderr.trim();
    const refused = refusalIn(said);
    // A rejection names the ref it refused; still, what the server holds decides.
    const now = await remoteBranchSha(git, o.branch, o.timeoutMs);
    if (now === o.commit)
        return {
            kind: 'pushed',
            confirmedBy: 'ls-remote',
            detail: said.split('\n').at(-1) ?? '',
        };
    if (refused)
        return { kind: 'refused', message: refused };
    const lookup = now === undefined
        ? 'origin could not be asked where the branch points'
        : now === null
            ? 'the branch is not on origin'
            : `the branch on origin is at ${now.slice(0, 7)}, not ${o.commit.slice(0, 7)}`;
    return {
        kind: 'failed',
        message: `${said.split('\n').slice(-3).join(' ').slice(0, 500) || `git push exited ${push.code}`} (${lookup})`,
    };
}

;// CONCATENATED MODULE: ./src/fix/orphan.ts
/**
 * The fix branch `<prefix><run id>` without a pull request: left by a run that died between its
 * push and its PR (killed, a lost runner). A rerun of the same failure completes it: a verified
 * fix is force-pushed there and gets its PR (deliver.ts); a run that ends with no fix to deliver
 * deletes it, so no branch without a PR outlives the run that could have completed it.
 */



/** True when a pull request (open or closed) ever had `branch` as its head. */
async function branchHasPull(octokit, deps, branch) {
    const prs = await (0,pulls/* listPullsByHeadPrefix */.AZ)(octokit, {
        owner: deps.ctx.owner,
        repo: deps.ctx.repo,
        prefix: branch,
    });
    return prs.some((p) => p.headRef === branch);
}
/**
 * Deletes the fix branch on origin when it is there without a pull request. Returns what was
 * done, for the log and the summary; never throws (a cleanup must not hide the run's own end).
 */
async function removeOrphanBranch(deps, git, octokit, t) {
    if (!octokit || deps.settings.inputs.dryRun)
        return undefined;
    const { log } = deps;
    try {
        const sha = await remoteBranchSha(git, t.branch);
        if (!sha)
            return undefined;
        if (await branchHasPull(octokit, deps, t.branch))
            return undefined;
        const del = await git.run(['push', '--quiet', 'origin', '--delete', `refs/heads/${t.branch}`], {
            allowFail: true,
            timeoutMs: 60_000,
        });
        const after = del.code === 0 ? null : await remoteBranchSha(git, t.branch);
        if (after === null) {
            const note = `Deleted the fix branch '${t.branch}' (${sha.slice(0, 7)}) that an earlier run pushed without a pull request: this run has no verified fix to put there.`;
            log.warning(note);
            return note;
        }
        const note = `The fix branch '${t.branch}' has no pull request and could not be deleted: ${del.stderr.trim().split('\n')[0]}. Delete it by hand.`;
        log.warning(note);
        return note;
    }
    catch (err) {
        const note = `Could not check the fix branch '${t.branch}' for a missing pull request: ${(0,errors/* errorMessage */.gJ)(err)}.`;
        log.warning(note);
        return note;
    }
}

;// CONCATENATED MODULE: ./src/fix/deliver.ts
/**
 * Delivery of a verified fix: a commit on the fix branch from the failing sha, pushed, and a draft
 * PR into the failing branch linked from the failing PR; a patch comment when pushing is not
 * possible (a fork, no branch); nothing at all on a dry run. Every way it ends is reported with
 * the verified facts.
 */









function oneLine(s, max) {
    const t = s.replace(/\s+/g, ' ').trim();
    return t.length > max ? t.slice(0, max - 1) + '\u2026' : t;
}
/** Delivers the verified fix the agent outcome holds (`agent.verified` must be true). */
async function deliver(deps, o) {
    const { settings, ctx, log, redactor } = deps;
    const octokit = o.local ? null : deps.octokit;
    const fix = settings.config.fix;
    const { git, target, repro, agent } = o;
    const { runId, branch, headSha, prNumber } = target;
    const { owner, repo } = ctx;
    const failures = repro.failures;
    const changes = repro.changes;
    const final = agent.final;
    const verification = agent.state.verification;
    const entries = agent.state.entries;
    const usage = agent.usage;
    const agentStop = agent.result.stopReason;
    const diff = await changes.diff();
    const diffStat = await changes.stat();
    const facts = {
        failingBefore: failures,
        headRef: target.headRef ?? headSha.slice(0, 7),
        headSha,
        rootCause: final.root_cause,
        summary: final.summary,
        diffStat,
        verification,
        usage,
        stopReason: agentStop,
        runUrl: (0,context/* runUrl */.V)(ctx),
        prNumber,
        newFiles: addedPaths(entries),
    };
    const base = {
        runId,
        branch,
        failingBefore: failures.map((f) => f.id),
        rootCause: final.root_cause,
        changedLines: changedLines(entries),
        files: entries.map((e) => e.path),
        verification,
    };
    const body = redactor.redact(report/* prBody */.pv(facts));
    const diffBlock = `\`\`\`diff\n${redactor.redact(diff).slice(0, 30_000)}\n\`\`\``;
    /** Every way the delivery ends: the verified facts in the result. */
    const done = (fields, summary, failure) => ({
        mode: 'fix',
        // a verified fix that reached nobody is not a fix; a dry run delivers nothing by design
        outcome: fields.delivery === 'failed'
            ? 'not-fixed'
            : fields.delivery === 'dry-run'
                ? 'dry-run'
                : 'fixed',
        result: { ...base, ...fields },
        usage,
        stopReason: agentStop,
        summary,
        ...(failure ? { failure } : {}),
    });
    if (settings.inputs.dryRun) {
        log.info('Dry run: no commit, push, pull request or comment.');
        return done({ delivery: 'dry-run', diff: redactor.redact(diff) }, `## pitcrew fix (dry run): verified fix, not delivered\n\nWould push \`${branch}\` and open a PR into \`${facts.headRef}\`.\n\n${body}\n\n${diffBlock}`);
    }
    if (o.local && !o.local.commit) {
        return done({ delivery: 'working-tree', diff: redactor.redact(diff) }, `## pitcrew fix: verified fix, left in the working tree\n\n${body}`);
    }
    // Defence in depth: edit_file refuses such names, but nothing else reaches a commit either
    // (the tree as it is now, and the entries verification accepted).
    const badNames = [
        ...new Set([...checkNewPaths(entries), ...checkNewPaths(await changes.entries())]),
    ];
    if (badNames.length) {
        const failure = `Refused to commit the verified fix: it adds paths that may not be committed.\n${badNames.map((r) => `- ${r}`).join('\n')}`;
        log.error(failure);
        await changes.revert(await changes.entries()).catch(() => undefined);
        return done({ delivery: 'failed', error: failure, refusedPaths: badNames }, `## pitcrew fix: verified fix, not delivered\n\n${failure}\n\n${body}`, failure);
    }
    // commit on the fix branch, from the failing sha
    const paths = [...new Set(entries.flatMap((e) => (e.oldPath ? [e.oldPath, e.path] : [e.path])))];
    await git.run(['checkout', '--quiet', '-B', branch]);
    await git.run(['add', '-A', '--', ...paths]);
    await git.run([
        '-c',
        `user.name=${fix.commitName}`,
        '-c',
        `user.email=${fix.commitEmail}`,
        'commit',
        '--quiet',
        '--no-verify',
        '-m',
        `fix: ${oneLine(final.root_cause, 60)}`,
        '-m',
        `${final.summary}\n\nFailing tests fixed:\n${failures
            .slice(0, 20)
            .map((f) => `- ${f.id}`)
            .join('\n')}\n\nVerified by pitcrew (run ${runId}).`,
    ]);
    const commitSha = await git.revParse('HEAD');
    if (o.local) {
        log.info(`Committed ${commitSha.slice(0, 7)} on the local branch '${branch}' (not pushed).`);
        return done({ delivery: 'local-commit', commit: commitSha, diff: redactor.redact(diff) }, `## pitcrew fix: verified fix committed on local branch \`${branch}\`\n\n${body}`);
    }
    const commentPatch = async (why) => {
        const text = redactor.redact(report/* patchComment */.IQ({
            runId,
            failingBefore: failures,
            rootCause: final.root_cause,
            summary: final.summary,
            diff,
            verification,
            usage,
            stopReason: agentStop,
            why,
        }));
        const posted = prNumber ? await postRunComment(deps, prNumber, runId, text) : {};
        if (posted.url)
            log.info(`Commented the verified patch on #${prNumber}.`);
        return done({
            delivery: posted.url ? 'patch-comment' : 'summary',
            commentUrl: posted.url,
            reason: why,
            ...(posted.error ? { error: posted.error } : {}),
        }, `## pitcrew fix: verified fix, patch ${posted.url ? 'commented' : 'below'} (${why})\n\n${text}`, posted.error && `The verified patch is in the job summary only: pitcrew ${posted.error}`);
    };
    /**
     * The push did not land in the same repository: the patch comment is a fallback for the
     * people on the PR, not a delivery. The step fails and says what the server answered.
     */
    const pushNotDone = async (p) => {
        const what = p.kind === 'refused'
            ? `origin refused the push of '${branch}'`
            : `the push of '${branch}' failed`;
        log.error(`${what}: ${p.message}`);
        const fallback = await commentPatch(p.kind === 'refused' ? 'the push was refused' : 'the push failed');
        const where = fallback.result.delivery === 'patch-comment'
            ? `the verified patch is commented on #${prNumber} instead`
            : 'the verified patch is in the job summary only';
        const failure = `The fix was verified but not pushed: ${what}: ${p.message.split('\n').join(' / ')}. No pull request was opened; ${where}.`;
        return {
            ...fallback,
            // a verified fix that reached no branch and no PR is not a fix
            outcome: 'not-fixed',
            result: { ...fallback.result, push: p },
            summary: `## pitcrew fix: verified fix, not pushed (${p.kind === 'refused' ? 'push refused' : 'push failed'})\n\n${what}:\n\n\`\`\`\n${redactor.redact(p.message)}\n\`\`\`\n\nNo pull request was opened; ${where}.\n\n${fallback.summary.replace(/^## .*\n\n/, '')}`,
            failure: fallback.failure ? `${failure} ${fallback.failure}` : failure,
        };
    };
    if (!target.headRef)
        return commentPatch('the failing branch is unknown (a detached HEAD and no branch in the event)');
    if (target.isFork)
        return commentPatch('the pull request comes from a fork; pitcrew cannot push to it');
    if (!octokit)
        throw new Error(`Cannot open a pull request without a GitHub token. Expected the input 'github-token'.`);
    // A branch already there without a PR was left by an earlier run that died after its push:
    // this push completes it, and it is deleted again when the PR cannot be opened.
    const existed = (await git.run(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`], {
        allowFail: true,
    })).stdout.trim() !== '';
    const orphan = existed && !(await branchHasPull(octokit, deps, branch));
    if (orphan)
        log.info(`'${branch}' is on origin without a pull request (an earlier run stopped after its push): completing it.`);
    const push = await pushBranch(git, {
        commit: commitSha,
        branch,
        timeoutMs: pushTimeoutMs(deps.env),
    });
    if (push.kind !== 'pushed')
        return pushNotDone(push);
    log.info(`Pushed ${commitSha.slice(0, 7)} to '${branch}'${existed ? ' (updated)' : ''}${push.confirmedBy === 'ls-remote' ? `; git reported a failure (${push.detail}), and origin shows the branch at the commit` : ''}.`);
    let pr;
    try {
        pr = await (0,pulls/* createOrUpdatePull */.IG)(octokit, {
            owner,
            repo,
            head: branch,
            base: target.headRef,
            title: report/* prTitle */.pD(facts.headRef, failures),
            body,
            draft: fix.draft,
            labels: ['pitcrew'],
        });
    }
    catch (err) {
        // no orphan branch: a branch without a PR goes away with the PR that could not be opened
        let kept = '';
        if (!existed || orphan) {
            const del = await git.run(['push', '--quiet', 'origin', '--delete', branch], {
                allowFail: true,
            });
            if (del.code === 0)
                log.warning(`Deleted '${branch}' again: the pull request could not be opened.`);
            else
                kept = ` The branch '${branch}' could not be deleted again: delete it by hand.`;
        }
        const failure = `Could not open the fix-up pull request for '${branch}': ${(0,errors/* errorMessage */.gJ)(err)}.${kept}`;
        return done({ delivery: 'failed', error: failure, diff: redactor.redact(diff) }, `## pitcrew fix: verified fix, not delivered\n\n${failure}\n\n${body}\n\n${diffBlock}`, failure);
    }
    log.info(`${pr.created ? 'Opened' : 'Updated'} #${pr.number}: ${pr.url}`);
    // The PR stays; a label that could not be added is a write that did not happen: it fails the
    // step, and a rerun (which finds and updates this PR) adds it.
    const labelFailure = pr.labelError &&
        `${pr.created ? 'Opened' : 'Updated'} #${pr.number} (${pr.url}), but could not add the label 'pitcrew': ${pr.labelError}. Re-run the job to add it.`;
    if (labelFailure)
        log.warning(labelFailure);
    const link = prNumber
        ? await postRunComment(deps, prNumber, runId, report/* linkComment */.yP(runId, pr, failures))
        : {};
    // What did not happen, said first in the summary and failing the step.
    const notDone = [
        labelFailure,
        link.error && `Opened #${pr.number} (${pr.url}), but pitcrew ${link.error}`,
    ].filter((x) => Boolean(x));
    return done({
        delivery: 'pull-request',
        commit: commitSha,
        pr: { number: pr.number, url: pr.url, created: pr.created },
        commentUrl: link.url,
    }, `## pitcrew fix: ${pr.created ? 'opened' : 'updated'} [#${pr.number}](${pr.url})\n\n${notDone.map((n) => `> ${n}\n\n`).join('')}${body}`, notDone.join(' ') || undefined);
}

// EXTERNAL MODULE: ./src/agent/retry.ts
var retry = __webpack_require__(76163);
;// CONCATENATED MODULE: ./src/fix/not-fixed.ts
/**
 * The end of a run without a verified fix: the workspace is put back, and the failing PR gets the
 * best diagnosis, what was tried and why the last attempt was refused. Nothing is pushed.
 */



function not_fixed_oneLine(s, max) {
    const t = s.replace(/\s+/g, ' ').trim();
    return t.length > max ? t.slice(0, max - 1) + '\u2026' : t;
}
/**
 * The best diagnosis code can give when the model stopped without one (a budget ran out, a loop
 * was stopped): what the first failing test says and where.
 */
function testsDiagnosis(failures, stopReason) {
    const f = failures[0];
    if (!f)
        return '';
    const frame = f.frames[0];
    const where = frame ? ` at ${frame.file}:${frame.line}` : f.file ? ` in ${f.file}` : '';
    const more = failures.length > 1 ? ` (and ${failures.length - 1} more failing)` : '';
    return `No diagnosis from the model (it stopped: ${stopReason}). From the tests: ${f.id} fails with "${not_fixed_oneLine(f.message, 200)}"${where}${more}.`;
}
async function notFixed(deps, o) {
    const { log, redactor, octokit } = deps;
    const entries = await o.changes.entries().catch(() => []);
    const attempted = entries.length ? await o.changes.diff().catch(() => '') : '';
    // nothing half-done stays in the workspace
    await o.changes
        .revert(entries)
        .catch((err) => log.warning(`Could not revert the workspace: ${String(err)}`));
    const diagnosis = o.final?.root_cause.trim() || testsDiagnosis(o.failures, o.stopReason);
    const text = redactor.redact(report/* notFixedReport */.yp({
        runId: o.runId,
        failingBefore: o.failures,
        diagnosis,
        tried: [
            ...o.state.tried,
            ...(o.final?.summary && o.final.status === 'gave_up'
                ? [`summary: ${o.final.summary}`]
                : []),
        ],
        lastRefusal: o.state.lastRefusal,
        usage: o.usage,
        stopReason: o.stopReason,
        detail: o.detail,
    }));
    const posted = o.prNumber && octokit && !o.dryRun ? await postRunComment(deps, o.prNumber, o.runId, text) : {};
    const commentUrl = posted.url;
    log.info(`Not fixed (${o.stopReason}); nothing pushed.`);
    return {
        mode: 'fix',
        outcome: 'not-fixed',
        result: {
            runId: o.runId,
            failingBefore: o.failures.map((f) => f.id),
            diagnosis,
            status: o.final?.status ?? null,
            tried: o.state.tried,
            lastRefusal: o.state.lastRefusal,
            attemptedDiff: redactor.redact(attempted).slice(0, 20_000),
            commentUrl,
            // "model API unreachable x3": the CLI reports it first instead of the tests' diagnosis.
            ...(o.apiFailure && Object.keys(o.apiFailure.counts).length > 0
                ? { modelApiFailure: (0,retry/* describeCounts */.wv)(o.apiFailure.counts) }
                : {}),
        },
        usage: o.usage,
        stopReason: o.stopReason,
        ...(posted.error
            ? { failure: `The not-fixed report is in the job summary only: pitcrew ${posted.error}` }
            : {}),
        summary: text +
            (attempted
                ? `\n\n<details><summary>Last attempted change (not pushed)</summary>\n\n\`\`\`diff\n${redactor.redact(attempted).slice(0, 20_000)}\n\`\`\`\n</details>`
                : ''),
    };
}

;// CONCATENATED MODULE: ./src/fix/changes.ts
/**
 * The change the fixer made, as git sees it: tracked files against the failing sha plus the new
 * files edit_file created (registered with `git add -N` so diffs show them). Artifacts the test
 * runs leave untracked (reports, caches) are not part of the change.
 */



/** Files above this size are not copied before a test run, nor restored after it. */
const SNAPSHOT_MAX_BYTES = 8 * 1024 * 1024;
class WorkspaceChanges {
    git;
    baseSha;
    /** Files edit_file wrote, workspace-relative. */
    edited = new Set();
    constructor(git, 
    /** The failing commit the fix starts from. */
    baseSha) {
        this.git = git;
        this.baseSha = baseSha;
    }
    /** Marks the created files as intent-to-add so `git diff <sha>` includes them. */
    async registerNewFiles() {
        if (this.edited.size === 0)
            return;
        const { stdout } = await this.git.run(['ls-files', '-z', '--others', '--exclude-standard', '--', ...this.edited], {
            allowFail: true,
        });
        const created = stdout.split('\0').filter(Boolean);
        if (created.length)
            await this.git.run(['add', '--intent-to-add', '--', ...created], { allowFail: true });
    }
    async entries() {
        await this.registerNewFiles();
        const ns = await this.git.run([
            'diff',
            '-z',
            '--name-status',
            '-M',
            '--no-ext-diff',
            this.baseSha,
            '--',
        ]);
        const num = await this.git.run([
            'diff',
            '-z',
            '--numstat',
            '-M',
            '--no-ext-diff',
            this.baseSha,
            '--',
        ]);
        return parseDiffEntries(ns.stdout, num.stdout);
    }
    /** A file's content in the failing commit; null when it has no such file. */
    async baseContent(rel) {
        const r = await this.git.run(['show', `${this.baseSha}:${rel}`], { allowFail: true });
        return r.code === 0 ? r.stdout : null;
    }
    async diff() {
        await this.registerNewFiles();
        const { stdout } = await this.git.run([
            'diff',
            '-M',
            '--no-color',
            '--no-ext-diff',
            '--no-textconv',
            this.baseSha,
            '--',
        ]);
        return stdout;
    }
    async stat() {
        await this.registerNewFiles();
        const { stdout } = await this.git.run([
            'diff',
            '--stat=100',
            '-M',
            '--no-color',
            this.baseSha,
            '--',
        ]);
        return stdout.trimEnd();
    }
    /** Tracked paths (and files created by edit_file) that differ from the failing commit. */
    async dirtyPaths() {
        await this.registerNewFiles();
        const { stdout } = await this.git.run(['diff', '-z', '--name-only', '--no-renames', this.baseSha, '--'], { allowFail: true });
        return stdout.split('\0').filter(Boolean);
    }
    /** What the tree holds before a test run (see restoreSince). */
    async snapshot() {
        const snap = new Map();
        for (const rel of await this.dirtyPaths()) {
            const abs = (0,external_node_path_.join)(this.git.cwd, rel);
            const s = await (0,promises_.stat)(abs).catch(() => null);
            if (!s)
                snap.set(rel, null);
            else if (s.isFile() && s.size <= SNAPSHOT_MAX_BYTES)
                snap.set(rel, await (0,promises_.readFile)(abs));
            else
                snap.set(rel, 'too-large');
        }
        return snap;
    }
    /**
     * Undoes what a test run wrote to tracked files (snapshots, generated fixtures, formatted
     * sources): the change the fixer delivers is only what it wrote with edit_file, and the final
     * diff check would otherwise refuse, or worse commit, files nobody meant to change. Files the
     * run created untracked are not part of the change and stay. Returns the restored paths.
     */
    async restoreSince(before) {
        const after = await this.dirtyPaths();
        const restored = [];
        const toBase = [];
        for (const rel of new Set([...before.keys(), ...after])) {
            if (!before.has(rel)) {
                // clean before the run, changed by it: back to the failing commit's content
                toBase.push(rel);
                continue;
            }
            const abs = (0,external_node_path_.join)(this.git.cwd, rel);
            const now = await (0,promises_.readFile)(abs).catch(() => null);
            const was = before.get(rel);
            if (was === 'too-large')
                continue;
            if (was === null) {
                if (now !== null) {
                    await (0,promises_.rm)(abs, { force: true });
                    restored.push(rel);
                }
            }
            else if (now === null || !now.equals(was)) {
                await (0,promises_.writeFile)(abs, was);
                restored.push(rel);
            }
        }
        if (toBase.length) {
            await this.git.run(['checkout', this.baseSha, '--', ...toBase], { allowFail: true });
            restored.push(...toBase);
        }
        return restored.sort();
    }
    /** Puts the workspace back as it was: the fix was not delivered and must not linger. */
    async revert(entries) {
        // paths as they are in the base commit: renames and copies by their source
        const tracked = entries
            .filter((e) => e.status !== 'A' && e.status !== 'C')
            .map((e) => e.oldPath ?? e.path);
        const added = entries
            .filter((e) => e.status === 'A' || e.status === 'R' || e.status === 'C')
            .map((e) => e.path);
        if (added.length)
            await this.git.run(['rm', '-q', '--cached', '--force', '--ignore-unmatch', '--', ...added], {
                allowFail: true,
            });
        if (tracked.length)
            await this.git.run(['checkout', this.baseSha, '--', ...new Set(tracked)], { allowFail: true });
        for (const p of added) {
            if (tracked.includes(p))
                continue;
            await this.git.run(['clean', '-f', '-q', '--', p], { allowFail: true });
        }
    }
}

// EXTERNAL MODULE: ./src/safety/command.ts
var safety_command = __webpack_require__(33867);
// EXTERNAL MODULE: ./src/heartbeat.ts
var heartbeat = __webpack_require__(83911);
// EXTERNAL MODULE: ./src/telemetry/tracer.ts
var telemetry_tracer = __webpack_require__(63390);
// EXTERNAL MODULE: ./src/telemetry/attributes.ts
var attributes = __webpack_require__(78382);
;// CONCATENATED MODULE: ./src/fix/runner.ts
/**
 * Running the configured test command and turning its result into failures: JUnit reports from
 * the `fix.reports` globs when the run wrote any, else the runner's own output, read back from
 * the log file it was streamed to (never held whole in memory).
 */









/** The real runner: bash -c in the workspace, through the safety command runner. */
function createTestRunner(opts) {
    let n = 0;
    (0,external_node_fs_.mkdirSync)(opts.logDir, { recursive: true });
    return async (command, label) => {
        n++;
        const logPath = (0,external_node_path_.join)(opts.logDir, `tests-${n}-${label.replace(/[^\w.-]+/g, '_')}.log`);
        const started = Date.now();
        const tracer = opts.tracer ?? telemetry_tracer/* noTracer */.hP;
        const span = tracer.start(`tests ${label}`, {
            [attributes/* PITCREW */.rs.testsLabel]: label,
            [attributes/* PITCREW */.rs.testsCommand]: command,
        });
        const stopHeartbeat = opts.log
            ? (0,heartbeat/* startHeartbeat */.tI)(opts.log, opts.heartbeatMs, (ms) => `tests (${label}): \`${command}\` still running after ${(0,heartbeat/* formatElapsed */.C7)(ms)}`)
            : () => undefined;
        const res = await (0,safety_command/* runCommand */.d1)({
            command,
            cwd: opts.workspace,
            env: opts.env,
            timeoutMs: opts.timeoutMs,
            logPath,
            maxOutputChars: 20_000,
            redactor: opts.redactor,
            signal: opts.signal,
            // CI output without colour is cheaper to parse; parsers strip ANSI anyway
            extraEnv: { CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
        })
            .catch((err) => {
            span.fail(err instanceof Error ? err.message : String(err), 'exception');
            span.end();
            throw err;
        })
            .finally(stopHeartbeat);
        const reportFiles = opts.reports.length
            ? await findReports(opts.workspace, opts.reports, started - 1000)
            : [];
        let summary;
        let source = 'output';
        if (reportFiles.length) {
            const parsed = [];
            for (const f of reportFiles)
                parsed.push(await parseJUnitFile(f, { workspace: opts.workspace }));
            summary = mergeSummaries(parsed);
            source = 'reports';
        }
        else {
            summary = await parseLogFile(res.logPath ?? logPath, {
                workspace: opts.workspace,
                runners: detectRunner(command),
            }).catch(() => ({
                runner: 'unknown',
                failures: [],
                counts: {},
                truncated: false,
                linesSeen: 0,
            }));
        }
        span.set({
            [attributes/* PITCREW */.rs.testsExitCode]: res.exitCode ?? undefined,
            [attributes/* PITCREW */.rs.testsTimedOut]: res.timedOut,
            [attributes/* PITCREW */.rs.testsFailures]: summary.failures.length,
            [attributes/* PITCREW */.rs.durationMs]: res.durationMs,
        });
        if (res.error)
            span.fail(res.error, 'not_started');
        else if (res.timedOut)
            span.fail(`timed out after ${res.durationMs} ms`, 'timeout');
        span.end();
        return {
            command,
            exitCode: res.exitCode,
            timedOut: res.timedOut,
            durationMs: res.durationMs,
            summary,
            source,
            output: res.output,
            logPath: res.logPath ?? logPath,
            error: res.error,
        };
    };
}
/**
 * Every test run, the reproduction included, leaves the tracked files as it found them: what a
 * run writes (snapshots, generated files) is undone so that the delivered change is only what
 * the fixer wrote with edit_file. `onRestore` hears about each undone write.
 */
function withRestore(run, changes, onRestore = () => undefined) {
    return async (command, label) => {
        const before = await changes.snapshot();
        try {
            const res = await run(command, label);
            const restored = await changes.restoreSince(before);
            if (restored.length)
                onRestore(restored, label);
            return restored.length ? { ...res, restored } : res;
        }
        catch (err) {
            await changes.restoreSince(before).catch(() => undefined);
            throw err;
        }
    };
}
const SKIP_DIRS = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', '.tox']);
/** Report files matching the globs written since `since` (stale reports of older runs are ignored). */
async function findReports(workspace, globs, since, limit = 500) {
    const match = picomatch_default()(globs, { dot: true });
    const wantsDeps = globs.some((g) => g.includes('node_modules'));
    const out = [];
    const walk = async (rel, depth) => {
        if (out.length >= limit || depth > 12)
            return;
        const entries = await (0,promises_.readdir)((0,external_node_path_.join)(workspace, rel), { withFileTypes: true }).catch(() => []);
        for (const e of entries) {
            const r = rel ? `${rel}/${e.name}` : e.name;
            if (e.isDirectory()) {
                if (SKIP_DIRS.has(e.name) && !(wantsDeps && e.name === 'node_modules'))
                    continue;
                await walk(r, depth + 1);
            }
            else if (e.isFile() && match(r)) {
                const s = await (0,promises_.stat)((0,external_node_path_.join)(workspace, r)).catch(() => null);
                if (s && s.mtimeMs >= since)
                    out.push((0,external_node_path_.join)(workspace, r));
            }
        }
    };
    await walk('', 0);
    return out.sort();
}
/** What shells and package managers print when the command itself is missing. */
const CANNOT_START = [
    /^.*: command not found$/m,
    /^.*: (No such file or directory|Permission denied)$/m,
    /^.*: not found$/m,
    /Missing script: "?[^"\n]*"?/,
    /ERR_PNPM_NO_SCRIPT[^\n]*/,
    /error Command "[^"\n]+" not found\.?/,
    /Usage Error: Couldn't find a script named[^\n]*/,
    // `python -m pytset`: the interpreter's own line (a test's import error quotes the name)
    /^\S*python[\d.]*: No module named [\w.]+$/m,
];
/**
 * Why the test command could not start at all, or null when it ran: spawning failed, the shell
 * exited 126 (not executable) or 127 (not found), or a package manager found no such script.
 * Such a run is no test failure: sending it to the model would pay for a diagnosis of a typo.
 * Quotes the shell's own message. Pure over the run.
 */
function cannotStart(run) {
    if (run.error)
        return run.error;
    if (run.timedOut || run.exitCode === 0)
        return null;
    const text = run.output;
    const message = () => {
        for (const re of CANNOT_START) {
            const m = re.exec(text);
            if (m)
                return m[0].trim();
        }
        return null;
    };
    if (run.exitCode === 126 || run.exitCode === 127) {
        const m = message();
        const tail = text.trim().split('\n').slice(-3).join('\n').trim();
        return `exit code ${run.exitCode}${m ? `: ${m}` : tail ? `: ${tail}` : ''}`;
    }
    // a test that shells out to a missing tool fails as a test; only a run without any test counts
    const noTests = run.summary.failures.length === 0 && run.summary.counts.total === undefined;
    if (!noTests)
        return null;
    const m = message();
    return m &&
        /Missing script|NO_SCRIPT|Couldn't find a script|Command ".*" not found|command not found|: No module named/.test(m)
        ? `exit code ${run.exitCode}: ${m}`
        : null;
}
/** The error that fails the step when the test command cannot start (see cannotStart). */
function cannotStartError(command, why) {
    return `The test command '${command}' cannot start (${why}). Expected a command that runs the tests: check 'test-command' or 'fix.test-command'. No model call was made.`;
}

;// CONCATENATED MODULE: ./src/fix/reproduce.ts
/**
 * Reproduction: the configured test command is run once at the failing commit, before any model
 * call. What fails there (parsed tests, else the whole command) is what the fix must make pass,
 * and the failure context the model starts from is built from it.
 */







/** The reproduction found a non-zero exit but no parsable test: the whole command is the failure. */
function commandFailure(run, workspace) {
    const tail = run.output.slice(-4000);
    const frames = tail
        .split('\n')
        .flatMap((l) => framesInLine(l, workspace))
        .slice(0, 8);
    return {
        id: '(test command)',
        name: 'test command',
        message: run.timedOut
            ? 'the test command timed out'
            : `the test command exited with code ${run.exitCode}`,
        details: tail,
        frames,
        runner: 'junit',
    };
}
/**
 * Runs the test command at the failing commit. Throws when it cannot start; returns a refusal
 * (with the reproduction's facts) when the tests pass, else what failed and its context.
 */
async function reproduce(deps, o) {
    const { ctx, log, redactor } = deps;
    const fix = deps.settings.config.fix;
    const { command, target } = o;
    const workspace = ctx.workspace;
    const changes = new WorkspaceChanges(o.git, target.headSha);
    const runTests = withRestore(o.runTests ??
        createTestRunner({
            workspace,
            logDir: (0,external_node_path_.join)(ctx.runnerTemp, `pitcrew-fix-${target.runId}`),
            reports: fix.reports,
            timeoutMs: fix.testTimeoutMinutes * 60_000,
            redactor,
            log,
            heartbeatMs: deps.heartbeatMs,
            tracer: deps.tracer,
        }), changes, (paths, label) => log.info(`The test run (${label}) wrote tracked files; restored them: ${paths.slice(0, 10).join(', ')}${paths.length > 10 ? ', \u2026' : ''}.`));
    const repro = await runTests(command, 'reproduce');
    let failures = repro.summary.failures;
    log.info(`Reproduction: \`${command}\` exited ${repro.timedOut ? 'on timeout' : repro.exitCode}; ${failures.length} failing test(s) parsed from ${repro.source} (${repro.summary.runner}).`);
    const notStarted = cannotStart(repro);
    if (notStarted)
        throw new Error(cannotStartError(command, notStarted));
    if (failures.length === 0) {
        if (repro.exitCode === 0 && !repro.timedOut) {
            return {
                reason: `the tests pass on reproduction (\`${command}\` exited 0 at ${target.headSha.slice(0, 7)}): nothing to fix`,
                extra: { reproduction: { command, exitCode: 0, counts: repro.summary.counts } },
            };
        }
        failures = [commandFailure(repro, workspace)];
    }
    const baseline = { ...repro.summary, failures };
    const readWs = async (rel) => {
        const j = (0,jail/* resolveInWorkspace */.z1)(workspace, rel);
        if (!j.ok)
            return null;
        const s = await (0,promises_.stat)(j.abs).catch(() => null);
        if (!s || !s.isFile() || s.size > 2_000_000)
            return null;
        return (0,promises_.readFile)(j.abs, 'utf8');
    };
    await attachExcerpts(failures, { readFile: readWs });
    const context = redactor.redact(buildFailureContext(baseline));
    log.info(`Failure context: ${context.length} characters for ${failures.length} failure(s).`);
    return { failures, baseline, context, runTests, changes };
}
/** Narrows reproduce()'s answer. */
function isRefusal(r) {
    return 'reason' in r;
}

;// CONCATENATED MODULE: ./src/fix/target.ts
/**
 * Which branch and commit failed, the fix branch that answers it, and the loop guards that keep
 * pitcrew from fixing its own work. Then the workspace is put at the failing commit as committed.
 */

function shortRef(ref) {
    return ref.replace(/^refs\/(heads|tags)\//, '');
}
/** The failing branch, commit and PR from the route, the PR, the checkout and the event. */
async function resolveTarget(deps, git, octokit) {
    const { route, ctx, settings } = deps;
    let headRef = route.headRef;
    let headSha = route.headSha;
    let isFork = route.isFork ?? false;
    const prNumber = route.prNumber;
    if (prNumber && octokit && (!headRef || !headSha || route.isFork === undefined)) {
        const pr = await (0,pulls/* getPull */.Cs)(octokit, { owner: ctx.owner, repo: ctx.repo, pullNumber: prNumber });
        headRef ??= pr.headRef;
        headSha ??= pr.headSha;
        if (route.isFork === undefined)
            isFork = pr.headRepoFullName !== null && pr.headRepoFullName !== `${ctx.owner}/${ctx.repo}`;
    }
    headRef ??=
        (await git.currentBranch()) ??
            (ctx.ref.startsWith('refs/heads/') ? shortRef(ctx.ref) : undefined);
    headSha ??= ctx.sha || (await git.revParse('HEAD'));
    // The run id names the failing run, so every rerun of one failure reaches the same branch and
    // PR: on `workflow_run` it is the failed run's id from the payload (not this run's
    // GITHUB_RUN_ID, which is new each time the failure is reported or re-run); for a step in the
    // failing job itself (`if: failure()`), workflow_dispatch, push or a `/pitcrew fix` comment it
    // is GITHUB_RUN_ID, which GitHub keeps across re-runs of the run's jobs. Both name the same
    // number for one failing run, whichever way pitcrew was started.
    const runId = String(route.workflowRunId ?? ctx.runId);
    const branch = `${settings.config.fix.branchPrefix}${runId}`;
    return { headRef, headSha, isFork, prNumber, runId, branch };
}
/**
 * The loop guards, in code: never fix a fix-up branch, never fix a commit pitcrew authored,
 * never open more fix-up PRs into one PR than `max-attempts-per-pr`. Also makes sure the failing
 * commit is in the workspace (throws when it cannot be fetched). Returns the refusal, or null.
 */
async function loopGuards(deps, git, octokit, t) {
    const { log, ctx } = deps;
    const fix = deps.settings.config.fix;
    if (t.headRef?.startsWith(fix.branchPrefix)) {
        return {
            reason: `branch '${t.headRef}' starts with the fix branch prefix '${fix.branchPrefix}': pitcrew does not fix its own fix-up branches`,
        };
    }
    if (!(await ensureCommit(git, t.headSha, t.headRef, t.prNumber))) {
        throw new Error(`Cannot find commit '${t.headSha}' in the workspace or on origin. Expected the failing commit to be fetchable (actions/checkout with fetch-depth: 0, or the run's head sha).`);
    }
    const author = (await git.run(['log', '-1', '--format=%an%x00%ae', '--end-of-options', t.headSha, '--'])).stdout
        .trim()
        .split('\0');
    if (author[0] === fix.commitName || (author[1] && author[1] === fix.commitEmail)) {
        return {
            reason: `the head commit ${t.headSha.slice(0, 7)} was authored by pitcrew (${author[0]} <${author[1]}>): not fixing its own commit`,
        };
    }
    if (t.prNumber && octokit && t.headRef) {
        const attempts = (await (0,pulls/* listPullsByHeadPrefix */.AZ)(octokit, {
            owner: ctx.owner,
            repo: ctx.repo,
            prefix: fix.branchPrefix,
            base: t.headRef,
        })).filter((p) => p.headRef !== t.branch);
        log.info(`${attempts.length} earlier fix-up PR(s) into '${t.headRef}' (limit ${fix.maxAttemptsPerPr}).`);
        if (attempts.length >= fix.maxAttemptsPerPr) {
            return {
                reason: `PR #${t.prNumber} already has ${attempts.length} fix-up PRs (${attempts.map((p) => `#${p.number}`).join(', ')}); max-attempts-per-pr is ${fix.maxAttemptsPerPr}`,
                extra: { attempts: attempts.map((p) => p.number) },
            };
        }
    }
    return null;
}
/**
 * Puts the workspace at the failing commit. In the action, the tests of the same job
 * (`if: failure()`) may have rewritten tracked files: the fix starts from the failing commit as
 * committed, and those writes are kept in a stash, not delivered. The CLI keeps the user's tree.
 */
async function checkoutFailingCommit(deps, git, t, opts) {
    const { log } = deps;
    if (!opts.local) {
        const dirty = (await git.run(['status', '--porcelain', '--untracked-files=no'], { allowFail: true })).stdout.trim();
        if (dirty) {
            const files = dirty.split('\n').map((l) => l.slice(3));
            await git.run(['stash', 'push', '--quiet', '-m', `pitcrew fix ${t.runId}: workspace changes`]);
            log.info(`The workspace had uncommitted changes to tracked files (${files.slice(0, 5).join(', ')}${files.length > 5 ? ', \u2026' : ''}); stashed them to start from the failing commit.`);
        }
    }
    const current = await git.revParse('HEAD');
    if (current !== t.headSha) {
        log.info(`Checking out the failing commit ${t.headSha.slice(0, 7)} (workspace is at ${current.slice(0, 7)}).`);
        await git.run(['checkout', '--quiet', '--detach', t.headSha]);
    }
}
/**
 * The failing commit is present locally, or fetched from origin: by sha (GitHub serves any
 * commit), else the branch or the PR's head ref that holds it (servers that only serve refs). A
 * comment or workflow_run checkout is usually at the default branch, not at the failing commit.
 */
async function ensureCommit(git, sha, headRef, prNumber) {
    const has = async () => (await git.run(['cat-file', '-e', `${sha}^{commit}`], { allowFail: true })).code === 0;
    if (await has())
        return true;
    const refs = [
        sha,
        ...(headRef ? [`refs/heads/${headRef}`] : []),
        ...(prNumber ? [`refs/pull/${prNumber}/head`] : []),
    ];
    for (const ref of refs) {
        await git.run(['fetch', '--quiet', '--no-tags', 'origin', ref], { allowFail: true });
        if (await has())
            return true;
    }
    return false;
}

;// CONCATENATED MODULE: ./src/fix/index.ts
/**
 * Fix mode: reproduce the failing tests, let the model fix the code under guards enforced in code,
 * verify the fix by re-running the tests, and only then deliver it: a branch and a draft PR into
 * the failing branch, or a patch comment when pushing is not possible.
 *
 * This file narrates the phases; each phase lives in its own module:
 * target.ts (which commit, loop guards) \u2192 reproduce.ts \u2192 agent.ts (the loop; verification runs
 * inside `finish`, verify.ts) \u2192 deliver.ts, or not-fixed.ts when no verified fix came out.
 */










function skipped(deps, r) {
    deps.log.notice(`pitcrew fix: ${r.reason}`);
    return {
        mode: 'fix',
        outcome: 'skipped',
        result: { reason: r.reason, ...r.extra },
        usage: (0,types/* emptyUsage */.l)(),
        stopReason: 'none',
        summary: `## pitcrew fix: skipped\n\n${r.reason}`,
    };
}
/** One phase of the run in its own log group, closed however the phase ends. */
async function phase(log, name, fn) {
    log.startGroup(`pitcrew fix: ${name}`);
    try {
        return await fn();
    }
    finally {
        log.endGroup();
    }
}
async function runFix(deps, extras = {}) {
    const { settings, ctx, log, redactor } = deps;
    const command = settings.inputs.testCommand ?? settings.config.fix.testCommand;
    if (!command) {
        throw new config_types/* ConfigError */.xL(`Missing test command ''. Expected the input 'test-command' or 'fix.test-command' in ${settings.inputs.configFile}, e.g. 'npm test'.`);
    }
    const octokit = extras.local ? null : deps.octokit;
    const git = new tools_git/* Git */.TU(ctx.workspace, { authToken: settings.inputs.githubToken, redactor });
    // 1. Which branch and commit failed; never fix our own work; start from the failing commit.
    const target = await phase(log, 'target and loop guards', async () => {
        const t = await resolveTarget(deps, git, octokit);
        log.info(`Failing branch '${t.headRef ?? '(detached)'}' at ${t.headSha.slice(0, 7)}; fix branch '${t.branch}'.`);
        const refusal = await loopGuards(deps, git, octokit, t);
        if (refusal)
            return refusal;
        await checkoutFailingCommit(deps, git, t, { local: extras.local !== undefined });
        return t;
    });
    if ('reason' in target)
        return skipped(deps, target);
    // A run that ends without delivering leaves no fix branch without a PR (orphan.ts).
    const withoutDelivery = async (res) => {
        const note = await removeOrphanBranch(deps, git, octokit, target);
        if (!note)
            return res;
        return {
            ...res,
            result: { ...res.result, orphanBranch: note },
            summary: `${res.summary}\n\n${note}`,
        };
    };
    try {
        // 2. Reproduce: what fails at that commit, before any model call.
        const repro = await phase(log, 'reproduce', () => reproduce(deps, { git, command, target, runTests: extras.runTests }));
        if (isRefusal(repro))
            return await withoutDelivery(skipped(deps, repro));
        // The repository budget, before the first model call: over it, nothing is tried or pushed.
        const refused = await deps.budget?.reserve();
        if (refused)
            return await withoutDelivery((0,budget_gate/* overBudgetResult */.XG)('fix', refused));
        // 3. The agent loop; its `finish` accepts only a change that passes the guards and verification.
        const agent = await phase(log, 'agent loop', () => runFixAgent(deps, { command, target, repro }));
        if (!agent.verified) {
            return await withoutDelivery(await notFixed(deps, {
                changes: repro.changes,
                failures: repro.failures,
                final: agent.final,
                state: agent.state,
                usage: agent.usage,
                stopReason: agent.result.stopReason,
                detail: agent.result.detail,
                apiFailure: agent.result.apiFailure,
                prNumber: target.prNumber,
                runId: target.runId,
                dryRun: settings.inputs.dryRun,
            }));
        }
        // 4. Deliver the verified fix.
        const delivered = await phase(log, 'deliver', () => deliver(deps, { git, target, repro, agent, local: extras.local }));
        return delivered.result.delivery === 'pull-request'
            ? delivered
            : await withoutDelivery(delivered);
    }
    catch (err) {
        await removeOrphanBranch(deps, git, octokit, target);
        throw err;
    }
}


/***/ }),

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


/***/ })

};
