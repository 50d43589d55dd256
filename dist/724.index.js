export const id = 724;
export const ids = [724];
export const modules = {

/***/ 47117:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


function __export(m) {
    for (var p in m) if (!exports.hasOwnProperty(p)) exports[p] = m[p];
}
Object.defineProperty(exports, "__esModule", ({ value: true }));
__export(__webpack_require__(63972));
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 63972:
/***/ (function(__unused_webpack_module, exports, __webpack_require__) {


var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
const fs_1 = __webpack_require__(79896);
const debug_1 = __importDefault(__webpack_require__(2830));
const log = debug_1.default('@kwsites/file-exists');
function check(path, isFile, isDirectory) {
    log(`checking %s`, path);
    try {
        const stat = fs_1.statSync(path);
        if (stat.isFile() && isFile) {
            log(`[OK] path represents a file`);
            return true;
        }
        if (stat.isDirectory() && isDirectory) {
            log(`[OK] path represents a directory`);
            return true;
        }
        log(`[FAIL] path represents something other than a file or directory`);
        return false;
    }
    catch (e) {
        if (e.code === 'ENOENT') {
            log(`[FAIL] path is not accessible: %o`, e);
            return false;
        }
        log(`[FATAL] %o`, e);
        throw e;
    }
}
/**
 * Synchronous validation of a path existing either as a file or as a directory.
 *
 * @param {string} path The path to check
 * @param {number} type One or both of the exported numeric constants
 */
function exists(path, type = exports.READABLE) {
    return check(path, (type & exports.FILE) > 0, (type & exports.FOLDER) > 0);
}
exports.exists = exists;
/**
 * Constant representing a file
 */
exports.FILE = 1;
/**
 * Constant representing a folder
 */
exports.FOLDER = 2;
/**
 * Constant representing either a file or a folder
 */
exports.READABLE = exports.FILE + exports.FOLDER;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 19997:
/***/ ((__unused_webpack_module, exports) => {

var __webpack_unused_export__;

__webpack_unused_export__ = ({ value: true });
exports.ud = exports.yX = void 0;
/**
 * Creates a new `DeferredPromise`
 *
 * ```typescript
 import {deferred} from '@kwsites/promise-deferred`;
 ```
 */
function deferred() {
    let done;
    let fail;
    let status = 'pending';
    const promise = new Promise((_done, _fail) => {
        done = _done;
        fail = _fail;
    });
    return {
        promise,
        done(result) {
            if (status === 'pending') {
                status = 'resolved';
                done(result);
            }
        },
        fail(error) {
            if (status === 'pending') {
                status = 'rejected';
                fail(error);
            }
        },
        get fulfilled() {
            return status !== 'pending';
        },
        get status() {
            return status;
        },
    };
}
exports.yX = deferred;
/**
 * Alias of the exported `deferred` function, to help consumers wanting to use `deferred` as the
 * local variable name rather than the factory import name, without needing to rename on import.
 *
 * ```typescript
 import {createDeferred} from '@kwsites/promise-deferred`;
 ```
 */
exports.ud = deferred;
/**
 * Default export allows use as:
 *
 * ```typescript
 import deferred from '@kwsites/promise-deferred`;
 ```
 */
__webpack_unused_export__ = deferred;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 74724:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CheckRepoActions: () => (/* binding */ Ze),
  CleanOptions: () => (/* binding */ Wt),
  DiffNameStatus: () => (/* binding */ Qt),
  GitConfigScope: () => (/* binding */ Yt),
  GitConstructError: () => (/* binding */ Be),
  GitError: () => (/* binding */ dist_A),
  GitPluginError: () => (/* binding */ x),
  GitResponseError: () => (/* binding */ ut),
  ResetMode: () => (/* binding */ Xt),
  TaskConfigurationError: () => (/* binding */ Ie),
  grepQueryBuilder: () => (/* binding */ Mn),
  pathspec: () => (/* reexport */ dist_c),
  refName: () => (/* reexport */ Fe),
  remoteUrl: () => (/* reexport */ Ge),
  simpleGit: () => (/* binding */ No)
});

;// CONCATENATED MODULE: ./node_modules/@simple-git/args-pathspec/dist/index.mjs
const t = /* @__PURE__ */ new WeakMap();
function dist_c(...n) {
  const e = new String(n);
  return t.set(e, n), e;
}
function dist_r(n) {
  return n instanceof String && t.has(n);
}
function dist_o(n) {
  return t.get(n) ?? [];
}

//# sourceMappingURL=index.mjs.map

;// CONCATENATED MODULE: ./node_modules/@simple-git/argv-parser/dist/index.mjs

function* L(e, t) {
  const n = t === "global";
  for (const o of e)
    o.isGlobal === n && (yield o);
}
const K = /* @__PURE__ */ new Set([
  "--add",
  "--edit",
  "--remove-section",
  "--rename-section",
  "--replace-all",
  "--unset",
  "--unset-all",
  "-e"
]), I = /* @__PURE__ */ new Set([
  "--get",
  "--get-all",
  "--get-color",
  "--get-colorbool",
  "--get-regexp",
  "--get-urlmatch",
  "--list",
  "-l"
]), j = /* @__PURE__ */ new Set([
  "edit",
  "remove-section",
  "rename-section",
  "set",
  "unset"
]), D = /* @__PURE__ */ new Set(["get", "get-color", "get-colorbool", "list"]);
function B(e, t) {
  for (const { name: o } of L(e, "task")) {
    if (K.has(o))
      return w(!0, t, o === "--rename-section");
    if (I.has(o))
      return w(!1, t);
  }
  const n = t.at(0)?.toLowerCase();
  return n === void 0 ? null : j.has(n) ? w(!0, t.slice(1), n === "rename-section") : D.has(n) ? w(!1, t.slice(1)) : t.length === 1 ? w(!1, t) : w(!0, t);
}
function w(e = !1, t = [], n = !1) {
  const o = t.at(0)?.toLowerCase();
  return o === void 0 ? null : {
    isWrite: e,
    isRead: !e,
    key: o,
    value: t.at(1),
    rename: n
  };
}
function V(e, t) {
  return t.isWrite && t.value !== void 0 ? {
    scope: e,
    key: t.key,
    value: t.value,
    rename: t.rename
  } : { key: t.key, scope: e };
}
function q(e) {
  const t = e?.indexOf("=") || -1;
  return !e || t < 0 ? null : {
    key: e.slice(0, t).trim().toLowerCase(),
    value: e.slice(t + 1)
  };
}
function z(e) {
  for (const { name: t } of L(e, "task"))
    switch (t) {
      case "--global":
        return "global";
      case "--system":
        return "system";
      case "--worktree":
        return "worktree";
      case "--local":
        return "local";
      case "--file":
      case "-f":
        return "file";
    }
  return "local";
}
function Y({ name: e }) {
  if (e === "-c" || e === "--config")
    return "inline";
  if (e === "--config-env")
    return "env";
}
function* H(e) {
  for (const t of e) {
    const n = Y(t), o = n && q(t.value);
    o && (yield {
      ...o,
      scope: n
    });
  }
}
function J(e, t, n) {
  const o = {
    read: [],
    write: [...H(t)]
  };
  return e === "config" && X(
    o,
    z(t),
    B(t, n)
  ), o;
}
function X(e, t, n) {
  if (n === null)
    return;
  const o = V(t, n);
  n.isWrite ? e.write.push(o) : e.read.push(o);
}
const R = {
  short: /* @__PURE__ */ new Map([
    ["c", !0]
    //  -c <k=v>    set config key for this invocation
  ])
}, S = {
  short: new Map([
    ["C", !0],
    //  -C <path>   change working directory
    ["P", !1],
    // -P          no pager (alias for --no-pager)
    ["h", !1],
    // -h          help
    ["p", !1],
    // -p          paginate
    ["v", !1],
    // -v          version
    ...R.short.entries()
  ]),
  long: /* @__PURE__ */ new Set([
    "attr-source",
    "config-env",
    "exec-path",
    "git-dir",
    "list-cmds",
    "namespace",
    "super-prefix",
    "work-tree"
  ])
}, Q = {
  clone: {
    short: /* @__PURE__ */ new Map([
      ["b", !0],
      // -b <branch>
      ["j", !0],
      // -j <n>          parallel jobs
      ["l", !1],
      // -l local
      ["n", !1],
      // -n no-checkout
      ["o", !0],
      // -o <name>       remote name
      ["q", !1],
      // -q quiet
      ["s", !1],
      // -s shared
      ["u", !0]
      // -u <upload-pack>
    ]),
    long: /* @__PURE__ */ new Set(["branch", "config", "jobs", "origin", "upload-pack", "u", "template"])
  },
  commit: {
    short: /* @__PURE__ */ new Map([
      ["C", !0],
      // -C <commit>  reuse message
      ["F", !0],
      // -F <file>    read message from file
      ["c", !0],
      // -c <commit>  reedit message
      ["m", !0],
      // -m <msg>
      ["t", !0]
      // -t <template>
    ]),
    long: /* @__PURE__ */ new Set(["file", "message", "reedit-message", "reuse-message", "template"])
  },
  config: {
    short: /* @__PURE__ */ new Map([
      ["e", !1],
      // -e  open editor
      ["f", !0],
      //  -f <file>
      ["l", !1]
      // -l  list
    ]),
    long: /* @__PURE__ */ new Set(["blob", "comment", "default", "file", "type", "value"])
  },
  fetch: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["upload-pack"])
  },
  init: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["template"])
  },
  pull: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["upload-pack"])
  },
  push: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["exec", "receive-pack"])
  },
  rebase: {
    short: /* @__PURE__ */ new Map([
      ["X", !0],
      // -X <option>   strategy option
      ["f", !1],
      // -f force-rebase
      ["i", !1],
      // -i interactive
      ["k", !1],
      // -k keep-base
      ["m", !1],
      // -m merge
      ["n", !1],
      // -n no-stat
      ["q", !1],
      // -q quiet
      ["r", !1],
      // -r rebase-merges
      ["s", !0],
      // -s <strategy>
      ["v", !1],
      // -v verbose
      ["x", !0]
      // -x <cmd>      exec
    ]),
    long: /* @__PURE__ */ new Set(["exec", "onto", "strategy", "strategy-option"])
  }
}, Z = { short: /* @__PURE__ */ new Map(), long: /* @__PURE__ */ new Set() };
function ee(e) {
  const t = Q[e ?? ""] ?? Z;
  return {
    short: new Map([...R.short.entries(), ...t.short.entries()]),
    long: t.long
  };
}
function F(e, t = S) {
  if (e.startsWith("--")) {
    const n = e.indexOf("=");
    if (n > 2)
      return [{ name: e.slice(0, n), value: e.slice(n + 1), needsNext: !1 }];
    const o = e.slice(2);
    return [{ name: e, needsNext: t.long.has(o) }];
  }
  if (e.length === 2) {
    const n = e.charAt(1), o = t.short.get(n);
    return [{ name: e, needsNext: o === !0 }];
  }
  return te(e, t.short);
}
function te(e, t) {
  const n = e.slice(1).split(""), o = [];
  for (let a = 0; a < n.length; a++) {
    const s = n[a], r = t.get(s);
    if (r === void 0)
      return [{ name: e, needsNext: !1 }];
    if (r) {
      const f = n.slice(a + 1).join("");
      if (f && ![...f].every((v) => t.has(v)))
        return o.push({ name: `-${s}`, value: f, needsNext: !1 }), o;
    }
    o.push({ name: `-${s}`, needsNext: r });
  }
  return o;
}
function ne(e, t = []) {
  let n = 0;
  for (; n < e.length; ) {
    const o = String(e[n]);
    if (!o.startsWith("-") || o.length < 2) break;
    const a = F(o);
    let s = n + 1;
    for (const r of a) {
      const f = {
        name: r.name,
        value: r.value,
        absorbedNext: !1,
        isGlobal: !0
      };
      r.needsNext && f.value === void 0 && s < e.length && (f.value = String(e[s]), f.absorbedNext = !0, s++), t.push(f);
    }
    n = s;
  }
  return { flags: t, taskIndex: n };
}
function oe(e, t, n = []) {
  const o = ee(t), a = [], s = [];
  let r = 0;
  for (; r < e.length; ) {
    const f = e[r];
    if (dist_r(f)) {
      s.push(...dist_o(f)), r++;
      continue;
    }
    const p = String(f);
    if (p === "--") {
      for (let i = r + 1; i < e.length; i++) {
        const d = e[i];
        dist_r(d) ? s.push(...dist_o(d)) : s.push(String(d));
      }
      break;
    }
    if (!p.startsWith("-") || p.length < 2) {
      a.push(p), r++;
      continue;
    }
    const v = F(p, o);
    let h = r + 1;
    for (const i of v) {
      const d = {
        name: i.name,
        value: i.value,
        absorbedNext: !1,
        isGlobal: !1
      };
      i.needsNext && d.value === void 0 && h < e.length && !dist_r(e[h]) && (d.value = String(e[h]), d.absorbedNext = !0, h++), n.push(d);
    }
    r = h;
  }
  return { flags: n, positionals: a, pathspecs: s };
}
function* ae({
  write: e
}) {
  for (const t of e) {
    if (t.rename) {
      yield {
        category: "allowUnsafeConfigRename",
        level: "default",
        message: `Renaming config section ${t.key} is not permitted without enabling allowUnsafeConfigRename`
      };
      continue;
    }
    for (const n of fe) {
      const o = n(t.key);
      if (o) {
        yield o;
        break;
      }
    }
  }
}
function u(e, t, n = String(e), o = "default") {
  const a = typeof e == "string" ? new RegExp(`\\s*${e.toLowerCase()}`) : e;
  return function(r) {
    if (a.test(r))
      return {
        category: t,
        level: o,
        message: `Configuring ${n} is not permitted without enabling ${t}`,
        configKey: r
      };
  };
}
function c(e, t) {
  const n = new RegExp(`\\s*${e.toLowerCase().replace(/\./g, "(..+)?.")}`);
  return u(n, t, e);
}
const se = /^sendemail\.(.+\.)?(sendmailcmd|tocmd|cccmd|headercmd|smtpserver|smtpserveroption|smtpsslcertpath|smtpsslclientcert|smtpsslclientkey|aliasesfile|mailmap\.file)$/, re = /^imap\.(tunnel|host|sslverify)$/, le = /^instaweb\.(httpd|modulepath|gitwebdir)$/, ie = /^(browser|man)\..+\.(path|cmd)$/, ce = /^gpg\.(ssh\.(allowedsignersfile|revocationfile)|mintrustlevel)$/, fe = [
  u(se, "allowUnsafeSendEmailConfig", "sendemail.*"),
  u(re, "allowUnsafeSendEmailConfig", "imap.*"),
  u(le, "allowUnsafeWebServerConfig", "instaweb.*"),
  u(ie, "allowUnsafeBrowser", "browser.* / man.*"),
  u(ce, "allowUnsafeSignatureTrust", "gpg.* signature trust"),
  u("alias", "allowUnsafeAlias"),
  u("core.askPass", "allowUnsafeAskPass"),
  u("core.editor", "allowUnsafeEditor"),
  u("core.fsmonitor", "allowUnsafeFsMonitor"),
  u("core.gitProxy", "allowUnsafeGitProxy"),
  u("core.hooksPath", "allowUnsafeHooksPath"),
  u("core.pager", "allowUnsafePager"),
  u("core.sshCommand", "allowUnsafeSshCommand"),
  c("credential.helper", "allowUnsafeCredentialHelper"),
  c("diff.command", "allowUnsafeDiffExternal"),
  u("diff.external", "allowUnsafeDiffExternal"),
  c("difftool.cmd", "allowUnsafeDiffExternal"),
  c("difftool.path", "allowUnsafeDiffExternal"),
  c("diff.textconv", "allowUnsafeDiffTextConv"),
  c("filter.clean", "allowUnsafeFilter"),
  c("filter.process", "allowUnsafeFilter"),
  c("filter.smudge", "allowUnsafeFilter"),
  c("gpg.program", "allowUnsafeGpgProgram"),
  c("gpg.defaultKeyCommand", "allowUnsafeGpgProgram"),
  u("include.path", "allowUnsafeInclude"),
  c("includeIf", "allowUnsafeInclude"),
  u("init.templateDir", "allowUnsafeTemplateDir"),
  u("interactive.diffFilter", "allowUnsafePager"),
  c("pager.", "allowUnsafePager"),
  c("merge.driver", "allowUnsafeMergeDriver"),
  c("mergetool.path", "allowUnsafeMergeDriver"),
  c("mergetool.cmd", "allowUnsafeMergeDriver"),
  c("protocol.allow", "allowUnsafeProtocolOverride"),
  c("remote.receivepack", "allowUnsafePack"),
  c("remote.uploadpack", "allowUnsafePack"),
  u("uploadpack.packObjectsHook", "allowUnsafePack"),
  u("sequence.editor", "allowUnsafeEditor"),
  c("submodule.update", "allowUnsafeSubmodule"),
  c("tar.command", "allowUnsafeCommandBinaries"),
  c("trailer.cmd", "allowUnsafeCommandBinaries"),
  c("trailer.command", "allowUnsafeCommandBinaries"),
  c("url.insteadOf", "allowUnsafeUrlRewrite"),
  // catch-all configuration using the "foo.command" or "bar.cmd" naming convention, only blocked
  // when the `recommended` checks are enabled
  u(/command$/, "allowUnsafeCommandBinaries", "/command$/", "recommended"),
  u(/\.cmd$/, "allowUnsafeCommandBinaries", "/\\.cmd$/", "recommended")
];
function* ue(e, t) {
  for (const n of t)
    for (const o of de) {
      const a = o(e, n);
      a && (yield a);
    }
}
function g(e, t, n, {
  name: o = String(t),
  exceptTask: a,
  globalOnly: s = !1,
  withValue: r = !1
} = {}) {
  const f = typeof t == "string" ? new RegExp(`\\s*${t.toLowerCase()}`) : t, p = `Use of ${e ? `${e} with option ` : ""}${o} is not permitted without enabling ${n}`;
  return function(h, i) {
    if (!(e && h !== e) && !(a && h === a) && !(s && !i.isGlobal) && !(r && i.value === void 0) && f.test(i.name))
      return {
        category: n,
        level: "default",
        message: p
      };
  };
}
const y = { globalOnly: !0, withValue: !0 }, de = [
  g(null, /--(upload|receive)-pack/, "allowUnsafePack", {
    name: "--upload-pack or --receive-pack"
  }),
  g("clone", /^-\w*u/, "allowUnsafePack"),
  g("clone", "--u", "allowUnsafePack"),
  // `--exec` names the program run on the remote end of `push`, `send-pack`, `fetch-pack`, `archive` and
  // (undocumented) `ls-remote`, `rebase` uses it for a command run after each commit
  g(null, /^--exec$/, "allowUnsafePack", {
    name: "--exec",
    exceptTask: "rebase"
  }),
  // `git` accepts unambiguous abbreviations of long options, so `--ex` and `--exe` are `--exec`
  g("rebase", /^(-x|--ex(ec?)?)$/, "allowUnsafeExec", { name: "-x or --exec" }),
  // `git filter-branch` runs the value of each of these through `eval`
  g(
    "filter-branch",
    /^--(setup|(env|tree|index|parent|msg|commit|tag-name)-filter)$/,
    "allowUnsafeExec",
    { name: "--setup or --<type>-filter" }
  ),
  // `git grep` configures a pager with `-O<cmd>` (potentially clustered as `-iO<cmd>`), or through the long-form
  // `--open-files-in-pager`. Without a value both use the configured pager, so are permitted.
  g("grep", /^-\w*O./, "allowUnsafePager", { name: "-O" }),
  g("grep", "--open-files-in-pager", "allowUnsafePager", { withValue: !0 }),
  g(null, "--template", "allowUnsafeTemplateDir"),
  g(null, "--exec-path", "allowUnsafeExec", y),
  // `git` reads the configuration of whichever repository these name, so the
  // directory alone is enough to deliver config the argv guards never see
  g(null, "--git-dir", "allowUnsafeConfigPaths", y),
  g(null, "--work-tree", "allowUnsafeConfigPaths", y),
  g(null, /^-C$/, "allowUnsafeConfigPaths", { ...y, name: "-C" })
];
function G(e, t, n) {
  return [...ue(e, t), ...ae(n)];
}
function Ae(...e) {
  const { flags: t, taskIndex: n } = ne(e), o = n < e.length ? String(e[n]).toLowerCase() : null, a = o !== null ? e.slice(n + 1) : [], { positionals: s, pathspecs: r } = oe(a, o, t), f = J(o, t, s);
  return {
    task: o,
    flags: t.map(ge),
    paths: r,
    config: f,
    vulnerabilities: me(G(o, t, f))
  };
}
function me(e) {
  return Object.defineProperty(e, "vulnerabilities", {
    value: e
  });
}
function ge({ value: e, name: t }) {
  return e !== void 0 ? { name: t, value: e } : { name: t };
}
const pe = Object.freeze([
  // identity
  "user.name",
  "user.email",
  "user.useconfigonly",
  "author.name",
  "author.email",
  "committer.name",
  "committer.email",
  // line endings, file system and display behaviour
  "core.abbrev",
  "core.autocrlf",
  "core.bigfilethreshold",
  "core.commentchar",
  "core.commentstring",
  "core.compression",
  "core.eol",
  "core.filemode",
  "core.ignorecase",
  "core.logallrefupdates",
  "core.longpaths",
  "core.precomposeunicode",
  "core.preloadindex",
  "core.quotepath",
  "core.safecrlf",
  "core.untrackedcache",
  "core.whitespace",
  "advice.*",
  "color.*",
  "column.ui",
  "i18n.commitencoding",
  "i18n.logoutputencoding",
  "init.defaultbranch",
  // branch / merge / rebase / pull / push defaults
  "branch.autosetupmerge",
  "branch.autosetuprebase",
  "branch.sort",
  "checkout.defaultremote",
  "clone.defaultremotename",
  "fetch.prune",
  "fetch.prunetags",
  "merge.conflictstyle",
  "merge.ff",
  "merge.renamelimit",
  "pull.ff",
  "pull.rebase",
  "push.autosetupremote",
  "push.default",
  "push.followtags",
  "rebase.autosquash",
  "rebase.autostash",
  "rerere.enabled",
  "tag.sort",
  "versionsort.suffix",
  // output formatting of diff / log / status / grep
  "diff.algorithm",
  "diff.colormoved",
  "diff.context",
  "diff.interhunkcontext",
  "diff.mnemonicprefix",
  "diff.noprefix",
  "diff.relative",
  "diff.renamelimit",
  "diff.renames",
  "grep.extendedregexp",
  "grep.linenumber",
  "grep.patterntype",
  "log.abbrevcommit",
  "log.date",
  "log.decorate",
  "log.follow",
  "status.branch",
  "status.renames",
  "status.short",
  "status.showuntrackedfiles",
  // performance and transfer tuning
  "feature.manyfiles",
  "gc.auto",
  "gc.autodetach",
  "http.lowspeedlimit",
  "http.lowspeedtime",
  "http.postbuffer",
  "http.version",
  "index.version",
  "pack.threads",
  "pack.windowmemory",
  "protocol.version",
  // extra request headers, commonly used for CI authentication tokens
  "http.extraheader",
  "http.*.extraheader",
  // integrity checks - these only ever make git stricter
  "fetch.fsckobjects",
  "receive.fsckobjects",
  "transfer.fsckobjects"
]);
function he(e) {
  const t = /* @__PURE__ */ new Set(), n = [];
  for (const o of e) {
    const a = String(o).trim().toLowerCase();
    a && (a.includes("*") ? n.push(
      new RegExp(
        `^${a.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`
      )
    ) : t.add(a));
  }
  return (o) => {
    const a = o.trim().toLowerCase();
    return t.has(a) || n.some((s) => s.test(a));
  };
}
const Le = he(pe), N = {
  editor: "allowUnsafeEditor",
  git_askpass: "allowUnsafeAskPass",
  git_config_global: "allowUnsafeConfigPaths",
  git_config_system: "allowUnsafeConfigPaths",
  git_config_count: "allowUnsafeConfigEnvCount",
  git_config_parameters: "allowUnsafeConfigEnvCount",
  git_config: "allowUnsafeConfigPaths",
  git_editor: "allowUnsafeEditor",
  git_exec_path: "allowUnsafeExec",
  git_external_diff: "allowUnsafeDiffExternal",
  git_pager: "allowUnsafePager",
  git_proxy_command: "allowUnsafeGitProxy",
  git_template_dir: "allowUnsafeTemplateDir",
  git_sequence_editor: "allowUnsafeEditor",
  git_ssh: "allowUnsafeSshCommand",
  git_ssh_command: "allowUnsafeSshCommand",
  pager: "allowUnsafePager",
  prefix: "allowUnsafeConfigPaths",
  ssh_askpass: "allowUnsafeAskPass",
  visual: "allowUnsafeEditor"
}, T = {
  home: "allowUnsafeConfigPaths",
  xdg_config_home: "allowUnsafeConfigPaths"
};
function W(e) {
  return Object.hasOwn(T, e);
}
function* we(e) {
  const t = parseInt(e.git_config_count ?? "0", 10);
  for (let n = 0; n < t; n++) {
    const o = e[`git_config_key_${n}`], a = e[`git_config_value_${n}`];
    o !== void 0 && (yield { key: o.toLowerCase().trim(), value: a, scope: "env" });
  }
}
function* ve(e, t) {
  for (const n of Object.keys(e))
    if (W(n) && e[n] !== t[n]) {
      const o = T[n];
      yield {
        category: o,
        level: "recommended",
        message: `Use of "${n.toUpperCase()}" with a value other than the inherited one is not permitted without enabling ${o}`,
        envKey: n
      };
    }
}
function* be(e) {
  for (const t of Object.keys(e))
    if (M(t)) {
      const n = N[t];
      yield {
        category: n,
        level: "default",
        message: `Use of "${t.toUpperCase()}" is not permitted without enabling ${n}`,
        envKey: t
      };
    }
}
function M(e) {
  return Object.hasOwn(N, e);
}
function Ue(e) {
  const t = String(e).toLowerCase().trim();
  return t.startsWith("git_") || M(t);
}
function $(e) {
  const t = {};
  for (const [n, o] of Object.entries(e)) {
    const a = n.toLowerCase().trim();
    (Ue(a) || W(a)) && (t[a] = String(o));
  }
  return t;
}
function Re(e, t = {}) {
  const n = $(e), o = {
    read: [],
    write: [...we(n)]
  }, a = [
    ...be(n),
    ...ve(n, $(t)),
    ...G(null, [], o)
  ];
  return {
    config: o,
    vulnerabilities: a
  };
}
class k {
  constructor(t, n) {
    this.value = t, this.validate = n;
  }
}
function Fe(e) {
  return new k(String(e), (t) => {
    if (!t || t === "@" || t.includes("..") || t.includes("@{") || t.includes("//") || /[\s~^:?*[\\]/.test(t) || t.endsWith("/") || t.endsWith(".") || t.split("/").some((n) => n.startsWith(".") || n.endsWith(".lock")))
      return "not a valid ref name";
  });
}
const ye = [
  "https",
  "http",
  "ssh",
  "git+ssh",
  "ssh+git",
  "git",
  "file",
  "scp",
  "local"
], xe = new Set(ye), Ce = /^([a-z][a-z0-9+.-]*):\/\//i, Se = /^(?:([^@/]+)@)?([^/:]+):(?!\/\/)/;
function Ge(e, { protocols: t } = {}) {
  const n = t ? new Set(t) : xe;
  return new k(String(e), (o) => {
    const a = Ce.exec(o)?.[1]?.toLowerCase();
    if (a !== void 0) {
      if (!n.has(a))
        return `protocol "${a}" is not permitted`;
      let r;
      try {
        r = new URL(o);
      } catch {
        return "not a valid url";
      }
      return r.hostname.startsWith("-") || decodeURIComponent(r.username).startsWith("-") ? 'host and user names must not start with "-"' : void 0;
    }
    const s = Se.exec(o);
    return s && !/^[a-z]:[\\/]/i.test(o) ? n.has("scp") ? s[1]?.startsWith("-") || s[2].startsWith("-") ? 'host and user names must not start with "-"' : void 0 : "scp-like urls are not permitted" : n.has("local") ? void 0 : "local paths are not permitted";
  });
}
class ke extends Error {
}
const Ee = /[\u0000-\u001f\u007f]/, _e = /^[a-z][a-z0-9+.-]*::/i, P = /* @__PURE__ */ new Set(["-c", "--config", "--config-env"]), O = /* @__PURE__ */ new Set([
  ...[...S.short].filter(([, e]) => e).map(([e]) => `-${e}`),
  ...[...S.long].map((e) => `--${e}`)
]);
function m(e) {
  throw new ke(e);
}
function $e(e) {
  return Array.isArray(e) && Array.isArray(e.raw) && Object.isFrozen(e);
}
function U(e) {
  return JSON.stringify(String(e));
}
function A(e) {
  let t;
  if (e instanceof k) {
    t = e.value;
    const n = e.validate(t);
    n && m(`interpolated value ${U(t)} is rejected: ${n}`);
  } else typeof e == "string" ? t = e : typeof e == "number" && Number.isFinite(e) ? t = String(e) : m(
    `interpolated values must be strings, finite numbers or arrays of them, received ${typeof e}`
  );
  return Ee.test(t) && m(`interpolated value ${U(t)} contains control characters`), _e.test(t) && m(`interpolated value ${U(t)} would select a git remote helper transport`), t;
}
function Pe(e, t) {
  const n = [];
  let o = [];
  const a = () => {
    o.length && (n.push(o), o = []);
  };
  return e.forEach((s, r) => {
    for (const f of s.split(/(\s+)/))
      /^\s+$/.test(f) ? a() : f && o.push({ text: f });
    r < t.length && o.push({ text: "", value: t[r] });
  }), a(), n;
}
function Ne(e, t) {
  $e(e) || m("must be used as a tagged template literal");
  const n = [];
  let o, a = !1, s;
  for (const r of Pe(e, t)) {
    if (r.every((l) => !("value" in l))) {
      const l = r.map((x) => x.text).join("");
      n.push(l), s = l, a || (a = o !== void 0 && l === "--"), o === void 0 && !l.startsWith("-") && !O.has(n.at(-2) ?? "") && (o = l);
      continue;
    }
    const p = !("value" in r[0]);
    s !== void 0 && P.has(s) && !p && m(
      'configuration keys must be written literally, use "-c some.key=${value}" rather than "-c ${value}"'
    );
    const h = p && (r[0].text.startsWith("-") || s !== void 0 && O.has(s));
    if (o === void 0 && !h && m(
      'the git sub-command must be written literally, interpolated values before it can only be used as option values, for example "-c user.name=${name}"'
    ), r.length === 1) {
      const { value: l } = r[0];
      if (dist_r(l))
        n.push(l);
      else
        for (const x of Array.isArray(l) ? l : [l]) {
          const C = A(x);
          C.startsWith("-") && !a && m(
            `interpolated value ${U(C)} would be read as an option, values that may start with "-" must follow "--" or be wrapped with pathspec()`
          ), n.push(C);
        }
      s = void 0;
      continue;
    }
    let i = "", d = -1;
    for (const l of r)
      "value" in l ? ((Array.isArray(l.value) || dist_r(l.value)) && m("arrays and pathspecs must be interpolated as a standalone argument"), d < 0 && (d = i.length), i += A(l.value)) : i += l.text;
    if (d === 0 && i.startsWith("-") && !a && m(`interpolated value ${U(i)} would be read as an option`), d > 0 && i.startsWith("-") && !a) {
      const l = i.indexOf("=");
      (l < 0 || l >= d) && m(
        'interpolated values in options must follow "=", for example "--message=${value}"'
      );
    }
    if (s !== void 0 && P.has(s)) {
      const l = i.indexOf("=");
      (l < 0 || l >= d) && m(
        'configuration keys must be written literally, use "-c some.key=${value}" rather than "-c ${value}"'
      );
    }
    const E = /^(?:--config(?:-env)?=|-c(?=.))/.exec(i)?.[0];
    if (E && !a) {
      const l = i.indexOf("=", E.length);
      (l < 0 || l >= d) && m('configuration keys must be written literally, use "--config=some.key=${value}"');
    }
    n.push(i), s = void 0;
  }
  return o === void 0 && m("no git sub-command supplied"), n;
}

//# sourceMappingURL=index.mjs.map

// EXTERNAL MODULE: ./node_modules/@kwsites/file-exists/dist/index.js
var dist = __webpack_require__(47117);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: ./node_modules/debug/src/index.js
var src = __webpack_require__(2830);
// EXTERNAL MODULE: ./node_modules/@kwsites/promise-deferred/dist/index.js
var promise_deferred_dist = __webpack_require__(19997);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(78474);
;// CONCATENATED MODULE: ./node_modules/simple-git/dist/index.mjs










class dist_A extends Error {
  constructor(e, n) {
    super(n), this.task = e, Object.setPrototypeOf(this, new.target.prototype);
  }
}
class Be extends dist_A {
  constructor(e, n) {
    super(void 0, n), this.config = e;
  }
}
class x extends dist_A {
  constructor(e, n, r) {
    super(e, r), this.task = e, this.plugin = n, Object.setPrototypeOf(this, new.target.prototype);
  }
}
class ut extends dist_A {
  constructor(e, n) {
    super(void 0, n || String(e)), this.git = e;
  }
}
class Ie extends dist_A {
  constructor(e) {
    super(void 0, e);
  }
}
const dist_U = "\0", dist_W = () => {
};
function dist_Ue(t) {
  return typeof t != "function" ? dist_W : t;
}
function dist_Fe(t) {
  return typeof t == "function" && t !== dist_W;
}
function dist_Ge(t, e) {
  const n = t.indexOf(e);
  return n <= 0 ? [t, ""] : [t.substr(0, n), t.substr(n + 1)];
}
function ze(t, e = 0) {
  return Bt(t) && t.length > e ? t[e] : void 0;
}
function dist_P(t, e = 0) {
  if (Bt(t) && t.length > e)
    return t[t.length - 1 - e];
}
function Bt(t) {
  return Ft(t);
}
function dist_H(t = "", e = !0, n = `
`) {
  return t.split(n).reduce((r, s) => {
    const o = e ? s.trim() : s;
    return o && r.push(o), r;
  }, []);
}
function ct(t, e) {
  return dist_H(t, !0).map((n) => e(n));
}
function It(t) {
  return (0,dist.exists)(t, dist.FOLDER);
}
function dist_O(t, e) {
  return Array.isArray(t) ? t.includes(e) || t.push(e) : t.add(e), e;
}
function qe(t, e) {
  return Array.isArray(t) && !t.includes(e) && t.push(e), t;
}
function ft(t, e) {
  if (Array.isArray(t)) {
    const n = t.indexOf(e);
    n >= 0 && t.splice(n, 1);
  } else
    t.delete(e);
  return e;
}
const lt = Object.prototype.toString.call.bind(Object.prototype.toString);
function _(t) {
  return Array.isArray(t) ? t : [t];
}
function Ut(t) {
  return t.replace(/[\s-]+(.)/g, (e, n) => n.toUpperCase());
}
function dist_j(t) {
  return _(t).map((e) => e instanceof String ? e : String(e));
}
function d(t, e = 0) {
  if (t == null)
    return e;
  const n = parseInt(t, 10);
  return Number.isNaN(n) ? e : n;
}
function dist_F(t, e) {
  const n = [];
  for (let r = 0, s = t.length; r < s; r++)
    n.push(e, t[r]);
  return n;
}
function dist_G(t) {
  return (Array.isArray(t) ? Buffer.concat(t) : t).toString("utf-8");
}
function Ke(t) {
  return t ? Buffer.isBuffer(t) ? t.length : Buffer.byteLength(t) : 0;
}
function We(t, e) {
  const n = {};
  return e.forEach((r) => {
    t[r] !== void 0 && (n[r] = t[r]);
  }), n;
}
function bt(t = 0) {
  return new Promise((e) => setTimeout(e, t));
}
function Tt(t) {
  if (t !== !1)
    return t;
}
function dist_y(t, e, n) {
  return e(t) ? t : arguments.length > 2 ? n : void 0;
}
const dist_V = (t) => Array.isArray(t);
function ot(t, e) {
  const n = dist_r(t) ? "string" : typeof t;
  return /number|string|boolean/.test(n) && (!e || !e.includes(n));
}
const p = (t) => typeof t == "string" || dist_r(t), He = (t) => p(t) || Buffer.isBuffer(t), dist_z = (t) => p(t) || Array.isArray(t) && t.every(p);
function ht(t) {
  return !!t && lt(t) === "[object Object]";
}
function Ve(t) {
  return typeof t == "function";
}
const Ft = (t) => t == null || "number|boolean|function".includes(typeof t) ? !1 : typeof t.length == "number";
var dist_Y = /* @__PURE__ */ ((t) => (t[t.SUCCESS = 0] = "SUCCESS", t[t.ERROR = 1] = "ERROR", t[t.NOT_FOUND = -2] = "NOT_FOUND", t[t.UNCLEAN = 128] = "UNCLEAN", t))(dist_Y || {});
class dist_q {
  constructor(e, n) {
    this.stdOut = e, this.stdErr = n;
  }
  asStrings() {
    return new dist_q(this.stdOut.toString("utf8"), this.stdErr.toString("utf8"));
  }
}
function Ye() {
  throw new Error("LineParser:useMatches not implemented");
}
class l {
  constructor(e, n) {
    this.matches = [], this.useMatches = Ye, this.parse = (r, s) => (this.resetMatches(), this._regExp.every((o, i) => this.addMatch(o, i, r(i))) ? this.useMatches(s, this.prepareMatches()) !== !1 : !1), this._regExp = Array.isArray(e) ? e : [e], n && (this.useMatches = n);
  }
  resetMatches() {
    this.matches.length = 0;
  }
  prepareMatches() {
    return this.matches;
  }
  addMatch(e, n, r) {
    const s = r && e.exec(r);
    return s && this.pushMatch(n, s), !!s;
  }
  pushMatch(e, n) {
    this.matches.push(...n.slice(1));
  }
}
class dist_N extends l {
  addMatch(e, n, r) {
    return /^remote:\s/.test(String(r)) && super.addMatch(e, n, r);
  }
  pushMatch(e, n) {
    (e > 0 || n.length > 1) && super.pushMatch(e, n);
  }
}
const Qe = {
  binary: "git",
  maxConcurrentProcesses: 5,
  config: [],
  trimmed: !1
};
function Xe(...t) {
  const e = process.cwd(), n = Object.assign(
    { baseDir: e, ...Qe },
    ...t.filter((r) => typeof r == "object" && r)
  );
  return n.baseDir = n.baseDir || e, n.trimmed = n.trimmed === !0, n;
}
function Gt(t, e = []) {
  return ht(t) ? Object.keys(t).reduce((n, r) => {
    const s = t[r];
    if (dist_r(s))
      n.push(s);
    else if (ot(s, ["boolean"]))
      n.push(r + "=" + s);
    else if (Array.isArray(s))
      for (const o of s)
        ot(o, ["string", "number"]) || n.push(r + "=" + o);
    else
      n.push(r);
    return n;
  }, e) : e;
}
function dist_m(t, e = 0, n = !1) {
  const r = [];
  for (let s = 0, o = e < 0 ? t.length : e; s < o; s++)
    "string|number".includes(typeof t[s]) && r.push(String(t[s]));
  return Gt(mt(t), r), n || r.push(...Je(t)), r;
}
function Je(t) {
  const e = typeof dist_P(t) == "function";
  return dist_j(dist_y(dist_P(t, e ? 1 : 0), dist_V, []));
}
function mt(t) {
  const e = Ve(dist_P(t));
  return dist_y(dist_P(t, e ? 1 : 0), ht);
}
function dist_u(t, e = !0) {
  const n = dist_Ue(dist_P(t));
  return e || dist_Fe(n) ? n : void 0;
}
function kt(t, e) {
  return t(e.stdOut, e.stdErr);
}
function dist_S(t, e, n, r = !0) {
  return _(n).forEach((s) => {
    for (let o = dist_H(s, r), i = 0, a = o.length; i < a; i++) {
      const c = (h = 0) => {
        if (!(i + h >= a))
          return o[i + h];
      };
      e.some(({ parse: h }) => h(c, t));
    }
  }), t;
}
var Ze = /* @__PURE__ */ ((t) => (t.BARE = "bare", t.IN_TREE = "tree", t.IS_REPO_ROOT = "root", t))(Ze || {});
const pt = ({ exitCode: t }, e, n, r) => {
  if (t === dist_Y.UNCLEAN && rn(e))
    return n(Buffer.from("false"));
  r(e);
}, zt = (t) => t.trim() === "true";
function tn(t) {
  switch (t) {
    case "bare":
      return nn();
    case "root":
      return en();
  }
  return {
    commands: ["rev-parse", "--is-inside-work-tree"],
    format: "utf-8",
    onError: pt,
    parser: zt
  };
}
function en() {
  return {
    commands: ["rev-parse", "--git-dir"],
    format: "utf-8",
    onError: pt,
    parser(e) {
      return /^\.(git)?$/.test(e.trim());
    }
  };
}
function nn() {
  return {
    commands: ["rev-parse", "--is-bare-repository"],
    format: "utf-8",
    onError: pt,
    parser: zt
  };
}
function rn(t) {
  return /(Not a git repository|Kein Git-Repository)/i.test(String(t));
}
class sn {
  constructor(e) {
    this.paths = [], this.files = [], this.folders = [], this.dryRun = e;
  }
}
const on = /^[a-z]+\s*/i, an = /^[a-z]+\s+[a-z]+\s*/i, un = /\/$/;
function cn(t, e) {
  const n = new sn(t), r = t ? an : on;
  return dist_H(e).forEach((s) => {
    const o = s.replace(r, "");
    n.paths.push(o), (un.test(o) ? n.folders : n.files).push(o);
  }), n;
}
const qt = [];
function fn(t) {
  return {
    commands: qt,
    format: "empty",
    parser: t
  };
}
function b(t) {
  return {
    commands: qt,
    format: "empty",
    parser() {
      throw typeof t == "string" ? new Ie(t) : t;
    }
  };
}
function dist_g(t, e = !1) {
  return {
    commands: t,
    format: "utf-8",
    parser(n) {
      return e ? String(n).trim() : n;
    }
  };
}
function Kt(t) {
  return {
    commands: t,
    format: "buffer",
    parser(e) {
      return e;
    }
  };
}
function ln(t) {
  return t.format === "buffer";
}
function _t(t) {
  return t.format === "empty" || !t.commands.length;
}
const hn = "Git clean interactive mode is not supported", mn = 'Git clean mode parameter ("n" or "f") is required', pn = "Git clean unknown option found in: ";
var Wt = /* @__PURE__ */ ((t) => (t.DRY_RUN = "n", t.FORCE = "f", t.IGNORED_INCLUDED = "x", t.IGNORED_ONLY = "X", t.EXCLUDING = "e", t.QUIET = "q", t.RECURSIVE = "d", t))(Wt || {});
const Ht = /* @__PURE__ */ new Set([
  "i",
  ...dist_j(Object.values(Wt))
]);
function dn(t, e) {
  const { cleanMode: n, options: r, valid: s } = wn(t);
  return n ? s.options ? (r.push(...e), r.some(kn) ? b(hn) : gn(n, r)) : b(pn + JSON.stringify(t)) : b(mn);
}
function gn(t, e) {
  return {
    commands: ["clean", `-${t}`, ...e],
    format: "utf-8",
    parser(r) {
      return cn(t === "n", r);
    }
  };
}
function yn(t) {
  return Array.isArray(t) && t.every((e) => Ht.has(e));
}
function wn(t) {
  let e, n = [], r = { cleanMode: !1, options: !0 };
  return t.replace(/[^a-z]i/g, "").split("").forEach((s) => {
    bn(s) ? (e = s, r.cleanMode = !0) : r.options = r.options && Tn(n[n.length] = `-${s}`);
  }), {
    cleanMode: e,
    options: n,
    valid: r
  };
}
function bn(t) {
  return t === "f" || t === "n";
}
function Tn(t) {
  return /^-[a-z]$/i.test(t) && Ht.has(t.charAt(1));
}
function kn(t) {
  return /^-[^\-]/.test(t) ? t.indexOf("i") > 0 : t === "--interactive";
}
class _n {
  constructor() {
    this.files = [], this.values = /* @__PURE__ */ Object.create(null);
  }
  get all() {
    return this._all || (this._all = this.files.reduce((e, n) => Object.assign(e, this.values[n]), {})), this._all;
  }
  addFile(e) {
    if (!(e in this.values)) {
      const n = dist_P(this.files);
      this.values[e] = n ? Object.create(this.values[n]) : {}, this.files.push(e);
    }
    return this.values[e];
  }
  addValue(e, n, r) {
    const s = this.addFile(e);
    Object.hasOwn(s, n) ? Array.isArray(s[n]) ? s[n].push(r) : s[n] = [s[n], r] : s[n] = r, this._all = void 0;
  }
}
function vn(t) {
  const e = new _n();
  for (const n of Vt(t))
    e.addValue(n.file, String(n.key), n.value);
  return e;
}
function En(t, e) {
  let n = null;
  const r = [], s = /* @__PURE__ */ new Map();
  for (const o of Vt(t, e))
    o.key === e && (r.push(n = o.value), s.has(o.file) || s.set(o.file, []), s.get(o.file).push(n));
  return {
    key: e,
    paths: Array.from(s.keys()),
    scopes: s,
    value: n,
    values: r
  };
}
function Sn(t) {
  return t.replace(/^(file):/, "");
}
function* Vt(t, e = null) {
  const n = t.split("\0");
  for (let r = 0, s = n.length - 1; r < s; ) {
    const o = Sn(n[r++]);
    let i = n[r++], a = e;
    if (i.includes(`
`)) {
      const c = dist_Ge(i, `
`);
      a = c[0], i = c[1];
    }
    yield { file: o, key: a, value: i };
  }
}
var Yt = /* @__PURE__ */ ((t) => (t.system = "system", t.global = "global", t.local = "local", t.worktree = "worktree", t))(Yt || {});
function dist_X(t, e) {
  return typeof t == "string" && Object.hasOwn(Yt, t) ? t : e;
}
function Rn(t, e, n, r) {
  const s = ["config", `--${r}`];
  return n && s.push("--add"), s.push(t, e), {
    commands: s,
    format: "utf-8",
    parser(o) {
      return o;
    }
  };
}
function On(t, e) {
  const n = ["config", "--null", "--show-origin", "--get-all", t];
  return e && n.splice(1, 0, `--${e}`), {
    commands: n,
    format: "utf-8",
    parser(r) {
      return En(r, t);
    }
  };
}
function Cn(t) {
  const e = ["config", "--list", "--show-origin", "--null"];
  return t && e.push(`--${t}`), {
    commands: e,
    format: "utf-8",
    parser(n) {
      return vn(n);
    }
  };
}
function An() {
  return {
    addConfig(t, e, ...n) {
      return this._runTask(
        Rn(
          t,
          e,
          n[0] === !0,
          dist_X(
            n[1],
            "local"
            /* local */
          )
        ),
        dist_u(arguments)
      );
    },
    getConfig(t, e) {
      return this._runTask(
        On(t, dist_X(e, void 0)),
        dist_u(arguments)
      );
    },
    listConfig(...t) {
      return this._runTask(
        Cn(dist_X(t[0], void 0)),
        dist_u(arguments)
      );
    }
  };
}
var Qt = /* @__PURE__ */ ((t) => (t.ADDED = "A", t.COPIED = "C", t.DELETED = "D", t.MODIFIED = "M", t.RENAMED = "R", t.CHANGED = "T", t.UNMERGED = "U", t.UNKNOWN = "X", t.BROKEN = "B", t))(Qt || {});
const xn = new Set(Object.values(Qt));
function $n(t) {
  return xn.has(t);
}
var vt;
const Nn = ["-h"], dist_B = /* @__PURE__ */ Symbol("grepQuery");
class Pn {
  constructor() {
    this[vt] = [];
  }
  *[(vt = dist_B, Symbol.iterator)]() {
    for (const e of this[dist_B])
      yield e;
  }
  and(...e) {
    return e.length && this[dist_B].push("--and", "(", ...dist_F(e, "-e"), ")"), this;
  }
  param(...e) {
    return this[dist_B].push(...dist_F(e, "-e")), this;
  }
}
function Mn(...t) {
  return new Pn().param(...t);
}
function Dn(t) {
  const e = /* @__PURE__ */ new Set(), n = {};
  return ct(t, (r) => {
    const [s, o, i] = r.split(dist_U);
    e.add(s), (n[s] = n[s] || []).push({
      line: d(o),
      path: s,
      preview: i
    });
  }), {
    paths: e,
    results: n
  };
}
function Ln() {
  return {
    grep(t) {
      const e = dist_u(arguments), n = dist_m(arguments);
      for (const s of Nn)
        if (n.includes(s))
          return this._runTask(
            b(`git.grep: use of "${s}" is not supported.`),
            e
          );
      typeof t == "string" && (t = Mn().param(t));
      const r = ["grep", "--null", "-n", "--full-name", ...n, ...t];
      return this._runTask(
        {
          commands: r,
          format: "utf-8",
          parser(s) {
            return Dn(s);
          }
        },
        e
      );
    }
  };
}
var Xt = /* @__PURE__ */ ((t) => (t.MIXED = "mixed", t.SOFT = "soft", t.HARD = "hard", t.MERGE = "merge", t.KEEP = "keep", t))(Xt || {});
const jn = dist_j(Object.values(Xt));
function Bn(t, e) {
  const n = ["reset"];
  return Jt(t) && n.push(`--${t}`), n.push(...e), dist_g(n);
}
function In(t) {
  if (Jt(t))
    return t;
  switch (typeof t) {
    case "string":
    case "undefined":
      return "soft";
  }
}
function Jt(t) {
  return typeof t == "string" && jn.includes(t);
}
src.formatters.L = (t) => String(Ft(t) ? t.length : "-");
src.formatters.B = (t) => Buffer.isBuffer(t) ? t.toString("utf8") : lt(t);
function Un() {
  return src("simple-git");
}
function Et(t, e, n) {
  return !e || !String(e).replace(/\s*/, "") ? n ? (r, ...s) => {
    t(r, ...s), n(r, ...s);
  } : t : (r, ...s) => {
    t(`%s ${r}`, e, ...s), n && n(r, ...s);
  };
}
function Fn(t, e, { namespace: n }) {
  if (typeof t == "string")
    return t;
  const r = e && e.namespace || "";
  return r.startsWith(n) ? r.substr(n.length + 1) : r || n;
}
function dist_$(t, e, n, r = Un()) {
  const s = t && `[${t}]` || "", o = [], i = typeof e == "string" ? r.extend(e) : e, a = Fn(dist_y(e, p), i, r);
  return h(n);
  function c(w, T) {
    return dist_O(
      o,
      dist_$(t, a.replace(/^[^:]+/, w), T, r)
    );
  }
  function h(w) {
    const T = w && `[${w}]` || "", k = i && Et(i, T) || dist_W, R = Et(r, `${s} ${T}`, k);
    return Object.assign(i ? k : R, {
      label: t,
      sibling: c,
      info: R,
      step: h
    });
  }
}
const dist_D = class D {
  constructor(e = "GitExecutor") {
    this.logLabel = e, this._queue = /* @__PURE__ */ new Map();
  }
  withProgress(e) {
    return this._queue.get(e);
  }
  createProgress(e) {
    const n = D.getName(e.commands[0]), r = dist_$(this.logLabel, n);
    return {
      task: e,
      logger: r,
      name: n
    };
  }
  push(e) {
    const n = this.createProgress(e);
    return n.logger("Adding task to the queue, commands = %o", e.commands), this._queue.set(e, n), n;
  }
  fatal(e) {
    for (const [n, { logger: r }] of Array.from(this._queue.entries()))
      n === e.task ? (r.info("Failed %o", e), r(
        "Fatal exception, any as-yet un-started tasks run through this executor will not be attempted"
      )) : r.info(
        "A fatal exception occurred in a previous task, the queue has been purged: %o",
        e.message
      ), this.complete(n);
    if (this._queue.size !== 0)
      throw new Error(`Queue size should be zero after fatal: ${this._queue.size}`);
  }
  complete(e) {
    this.withProgress(e) && this._queue.delete(e);
  }
  attempt(e) {
    const n = this.withProgress(e);
    if (!n)
      throw new dist_A(void 0, "TasksPendingQueue: attempt called for an unknown task");
    return n.logger("Starting task"), n;
  }
  static getName(e = "empty") {
    return `task:${e}:${++D.counter}`;
  }
};
dist_D.counter = 0;
let it = dist_D;
class Gn {
  constructor(e, n, r) {
    this._executor = e, this._scheduler = n, this._plugins = r, this._chain = Promise.resolve(), this._queue = new it();
  }
  get cwd() {
    return this._cwd || this._executor.cwd;
  }
  set cwd(e) {
    this._cwd = e;
  }
  get env() {
    return this._executor.env;
  }
  get outputHandler() {
    return this._executor.outputHandler;
  }
  chain() {
    return this;
  }
  push(e) {
    return this._queue.push(e), this._chain = this._chain.then(() => this.attemptTask(e));
  }
  async attemptTask(e) {
    const n = await this._scheduler.next(), r = () => this._queue.complete(e);
    try {
      const { logger: s } = this._queue.attempt(e);
      return await (_t(e) ? this.attemptEmptyTask(e, s) : this.attemptRemoteTask(e, s));
    } catch (s) {
      throw this.onFatalException(e, s);
    } finally {
      r(), n();
    }
  }
  onFatalException(e, n) {
    const r = n instanceof dist_A ? Object.assign(n, { task: e }) : new dist_A(e, n && String(n));
    return this._chain = Promise.resolve(), this._queue.fatal(r), r;
  }
  async attemptRemoteTask(e, n) {
    const r = this._plugins.exec("spawn.binary", "", this.taskContext(e, e.commands)), s = this._plugins.exec(
      "spawn.args",
      [...e.commands],
      this.taskContext(e, e.commands)
    ), o = await this.gitResponse(
      e,
      r,
      s,
      this.outputHandler,
      n.step("SPAWN")
    ), i = await this.handleTaskData(e, s, o, n.step("HANDLE"));
    return n("passing response to task's parser as a %s", e.format), ln(e) ? kt(e.parser, i) : kt(e.parser, i.asStrings());
  }
  async attemptEmptyTask(e, n) {
    return n("empty task bypassing child process to call to task's parser"), e.parser(this);
  }
  handleTaskData(e, n, r, s) {
    const { exitCode: o, rejection: i, stdOut: a, stdErr: c } = r;
    return new Promise((h, w) => {
      s("Preparing to handle process response exitCode=%d stdOut=", o);
      const { error: T } = this._plugins.exec(
        "task.error",
        { error: i },
        {
          ...this.taskContext(e, n),
          ...r
        }
      );
      if (T && e.onError)
        return s.info("exitCode=%s handling with custom error handler"), e.onError(
          r,
          T,
          (k) => {
            s.info("custom error handler treated as success"), s("custom error returned a %s", lt(k)), h(
              new dist_q(
                Array.isArray(k) ? Buffer.concat(k) : k,
                Buffer.concat(c)
              )
            );
          },
          w
        );
      if (T)
        return s.info(
          "handling as error: exitCode=%s stdErr=%s rejection=%o",
          o,
          c.length,
          i
        ), w(T);
      s.info("retrieving task output complete"), h(new dist_q(Buffer.concat(a), Buffer.concat(c)));
    });
  }
  async gitResponse(e, n, r, s, o) {
    const i = o.sibling("output"), a = this._plugins.exec(
      "spawn.options",
      {
        cwd: this.cwd,
        env: this.env,
        windowsHide: !0
      },
      this.taskContext(e, e.commands)
    );
    return new Promise((c) => {
      const h = [], w = [];
      o.info("%s %o", n, r), o("%O", a);
      let T = this._beforeSpawn(e, r);
      if (T)
        return c({
          stdOut: h,
          stdErr: w,
          exitCode: 9901,
          rejection: T
        });
      this._plugins.exec("spawn.before", void 0, {
        ...this.taskContext(e, r),
        kill(R) {
          T = R || T;
        }
      });
      const k = (0,external_node_child_process_.spawn)(n, r, a);
      k.stdout.on(
        "data",
        St(h, "stdOut", o, i.step("stdOut"))
      ), k.stderr.on(
        "data",
        St(w, "stdErr", o, i.step("stdErr"))
      ), k.on("error", zn(w, o)), s && (o("Passing child process stdOut/stdErr to custom outputHandler"), s(n, k.stdout, k.stderr, [...r])), this._plugins.exec("spawn.after", void 0, {
        ...this.taskContext(e, r),
        spawned: k,
        close(R, v) {
          c({
            stdOut: h,
            stdErr: w,
            exitCode: R,
            rejection: T || v
          });
        },
        kill(R) {
          k.killed || (T = R, k.kill("SIGINT"));
        }
      });
    });
  }
  _beforeSpawn(e, n) {
    let r;
    return this._plugins.exec("spawn.before", void 0, {
      ...this.taskContext(e, n),
      kill(s) {
        r = s || r;
      }
    }), r;
  }
  taskContext(e, n) {
    return {
      method: String(ze(e.commands) || ""),
      commands: n,
      env: { ...this.env },
      input: _t(e) ? void 0 : e.input
    };
  }
}
function zn(t, e) {
  return (n) => {
    e("[ERROR] child process exception %o", n), t.push(Buffer.from(String(n.stack), "ascii"));
  };
}
function St(t, e, n, r) {
  return (s) => {
    n("%s received %L bytes", e, s), r("%B", s), t.push(s);
  };
}
class qn {
  constructor(e, n, r) {
    this.cwd = e, this._scheduler = n, this._plugins = r, this._chain = this.chain();
  }
  chain() {
    return new Gn(this, this._scheduler, this._plugins);
  }
  push(e) {
    return this._chain.push(e);
  }
}
function Kn(t, e, n = dist_W) {
  const r = (o) => {
    n(null, o);
  }, s = (o) => {
    o?.task === t && n(o, void 0);
  };
  e.then(r, s);
}
function Rt(t, e) {
  return fn((n) => {
    if (!It(t))
      throw new Error(`Git.cwd: cannot change to non-directory "${t}"`);
    return (e || n).cwd = t;
  });
}
function dist_J(t) {
  const e = ["checkout", ...t];
  return e[1] === "-b" && e.includes("-B") && (e[1] = ft(e, "-B")), dist_g(e);
}
function Wn() {
  return {
    checkout() {
      return this._runTask(
        dist_J(dist_m(arguments, 1)),
        dist_u(arguments)
      );
    },
    checkoutBranch(t, e) {
      return this._runTask(
        dist_J(["-b", t, e, ...dist_m(arguments)]),
        dist_u(arguments)
      );
    },
    checkoutLocalBranch(t) {
      return this._runTask(
        dist_J(["-b", t, ...dist_m(arguments)]),
        dist_u(arguments)
      );
    }
  };
}
const Zt = (t, e, n) => {
  const r = ["clone", ...n];
  return p(t) && r.push(dist_c(t)), p(e) && r.push(dist_c(e)), dist_g(r);
}, Hn = (t, e, n) => (dist_O(n, "--mirror"), Zt(t, e, n));
function Ot(t, e, n, ...r) {
  return p(n) ? e(n, dist_y(r[0], p), dist_m(arguments)) : b(`git.${t}() requires a string 'repoPath'`);
}
function Vn() {
  return {
    clone(t, ...e) {
      return this._runTask(
        Ot("clone", Zt, dist_y(t, p), ...e),
        dist_u(arguments)
      );
    },
    mirror(t, ...e) {
      return this._runTask(
        Ot("mirror", Hn, dist_y(t, p), ...e),
        dist_u(arguments)
      );
    }
  };
}
function Yn(t, e, n = !1) {
  if (!$e(t))
    return b(
      "git.cmd must be used as a tagged template literal, for example git.cmd`status`, use git.raw to supply an array of arguments"
    );
  try {
    return dist_g(Ne(t, e), n);
  } catch (r) {
    if (r instanceof ke)
      return b(`git.cmd: ${r.message}`);
    throw r;
  }
}
const Qn = [
  new l(/^\[([^\s]+)( \([^)]+\))? ([^\]]+)/, (t, [e, n, r]) => {
    t.branch = e, t.commit = r, t.root = !!n;
  }),
  new l(/\s*Author:\s(.+)/i, (t, [e]) => {
    const n = e.split("<"), r = n.pop();
    !r || !r.includes("@") || (t.author = {
      email: r.substr(0, r.length - 1),
      name: n.join("<").trim()
    });
  }),
  new l(
    /(\d+)[^,]*(?:,\s*(\d+)[^,]*)(?:,\s*(\d+))/g,
    (t, [e, n, r]) => {
      t.summary.changes = parseInt(e, 10) || 0, t.summary.insertions = parseInt(n, 10) || 0, t.summary.deletions = parseInt(r, 10) || 0;
    }
  ),
  new l(
    /^(\d+)[^,]*(?:,\s*(\d+)[^(]+\(([+-]))?/,
    (t, [e, n, r]) => {
      t.summary.changes = parseInt(e, 10) || 0;
      const s = parseInt(n, 10) || 0;
      r === "-" ? t.summary.deletions = s : r === "+" && (t.summary.insertions = s);
    }
  )
];
function Xn(t) {
  return dist_S({
    author: null,
    branch: "",
    commit: "",
    root: !1,
    summary: {
      changes: 0,
      insertions: 0,
      deletions: 0
    }
  }, Qn, t);
}
function Jn(t, e, n) {
  return {
    commands: [
      "-c",
      "core.abbrev=40",
      "commit",
      ...dist_F(t, "-m"),
      ...e,
      ...n
    ],
    format: "utf-8",
    parser: Xn
  };
}
function Zn() {
  return {
    commit(e, ...n) {
      const r = dist_u(arguments), s = t(e) || Jn(
        _(e),
        _(dist_y(n[0], dist_z, [])),
        [
          ...dist_j(dist_y(n[1], dist_V, [])),
          ...dist_m(arguments, 0, !0)
        ]
      );
      return this._runTask(s, r);
    }
  };
  function t(e) {
    return !dist_z(e) && b(
      "git.commit: requires the commit message to be supplied as a string/string[]"
    );
  }
}
function tr() {
  return {
    count: 0,
    garbage: 0,
    inPack: 0,
    packs: 0,
    prunePackable: 0,
    size: 0,
    sizeGarbage: 0,
    sizePack: 0
  };
}
const er = new l(
  /([a-z-]+): (\d+)$/,
  (t, [e, n]) => {
    const r = Ut(e);
    Object.hasOwn(t, r) && (t[r] = d(n));
  }
);
function nr() {
  return {
    countObjects() {
      return this._runTask({
        commands: ["count-objects", "--verbose"],
        format: "utf-8",
        parser(t) {
          return dist_S(tr(), [er], t);
        }
      });
    }
  };
}
function rr() {
  return {
    firstCommit() {
      return this._runTask(
        dist_g(["rev-list", "--max-parents=0", "HEAD"], !0),
        dist_u(arguments)
      );
    }
  };
}
function sr(t, e) {
  const n = ["hash-object", t];
  return e && n.push("-w"), dist_g(n, !0);
}
class dist_Z {
  constructor(e, n, r, s) {
    this.bare = e, this.path = n, this.existing = r, this.gitDir = s;
  }
}
const or = /^Init.+ repository in (.+)$/, ir = /^Rein.+ in (.+)$/;
function ar(t, e, n) {
  const r = String(n).trim();
  let s;
  if (s = or.exec(r))
    return new dist_Z(t, e, !1, s[1]);
  if (s = ir.exec(r))
    return new dist_Z(t, e, !0, s[1]);
  let o = "";
  const i = r.split(" ");
  for (; i.length; )
    if (i.shift() === "in") {
      o = i.join(" ");
      break;
    }
  return new dist_Z(t, e, /^re/i.test(r), o);
}
const dist_te = "--bare";
function ur(t) {
  return t.includes(dist_te);
}
function cr(t = !1, e, n) {
  const r = ["init", ...n];
  return t && !ur(r) && r.splice(1, 0, dist_te), {
    commands: r,
    format: "utf-8",
    parser(s) {
      return ar(r.includes("--bare"), e, s);
    }
  };
}
function fr(t) {
  return t === void 0 ? b("interpretTrailers called without input content") : {
    format: "utf-8",
    parser(e) {
      return Object.fromEntries(
        ct(e, (n) => {
          const r = n.indexOf(":");
          return [
            Ut(n.substring(0, r).toLowerCase()),
            n.substring(r + 2).trim()
          ];
        })
      );
    },
    commands: ["interpret-trailers", "--parse"],
    input: t
  };
}
function lr() {
  return {
    interpretTrailers(t) {
      return this._runTask(
        fr(dist_y(t, He)),
        dist_u(arguments)
      );
    }
  };
}
var C = /* @__PURE__ */ ((t) => (t.NONE = "", t.STAT = "--stat", t.NUM_STAT = "--numstat", t.NAME_ONLY = "--name-only", t.NAME_STATUS = "--name-status", t))(C || {});
const dist_ee = /^--(stat|numstat|name-only|name-status)(=|$)/;
function dt(t) {
  for (let e = 0; e < t.length; e++) {
    const n = dist_ee.exec(t[e]);
    if (n)
      return `--${n[1]}`;
  }
  return "";
}
function hr(t) {
  return dist_ee.test(t);
}
class mr {
  constructor() {
    this.changed = 0, this.deletions = 0, this.insertions = 0, this.files = [];
  }
}
const Ct = [
  new l(
    /^(.+)\s+\|\s+(\d+)(\s+[+\-]+)?$/,
    (t, [e, n, r = ""]) => {
      t.files.push({
        file: e.trim(),
        changes: d(n),
        insertions: r.replace(/[^+]/g, "").length,
        deletions: r.replace(/[^-]/g, "").length,
        binary: !1
      });
    }
  ),
  new l(
    /^(.+) \|\s+Bin ([0-9.]+) -> ([0-9.]+) ([a-z]+)/,
    (t, [e, n, r]) => {
      t.files.push({
        file: e.trim(),
        before: d(n),
        after: d(r),
        binary: !0
      });
    }
  ),
  new l(/^(.+)\s+\|\s+Bin\s*$/, (t, [e]) => {
    t.files.push({
      file: e.trim(),
      before: 0,
      after: 0,
      binary: !0
    });
  }),
  new l(
    /(\d+) files? changed\s*((?:, \d+ [^,]+){0,2})/,
    (t, [e, n]) => {
      const r = /(\d+) i/.exec(n), s = /(\d+) d/.exec(n);
      t.changed = d(e), t.insertions = d(r?.[1]), t.deletions = d(s?.[1]);
    }
  )
], pr = [
  new l(
    /(\d+)\t(\d+)\t(.+)$/,
    (t, [e, n, r]) => {
      const s = d(e), o = d(n);
      t.changed++, t.insertions += s, t.deletions += o, t.files.push({
        file: r,
        changes: s + o,
        insertions: s,
        deletions: o,
        binary: !1
      });
    }
  ),
  new l(/-\t-\t(.+)$/, (t, [e]) => {
    t.changed++, t.files.push({
      file: e,
      after: 0,
      before: 0,
      binary: !0
    });
  })
], dr = [
  new l(/(.+)$/, (t, [e]) => {
    t.changed++, t.files.push({
      file: e,
      changes: 0,
      insertions: 0,
      deletions: 0,
      binary: !1
    });
  })
], gr = [
  new l(
    /([ACDMRTUXB])([0-9]{0,3})\t(.[^\t]*)(\t(.[^\t]*))?$/,
    (t, [e, n, r, s, o]) => {
      t.changed++, t.files.push({
        file: o ?? r,
        changes: 0,
        insertions: 0,
        deletions: 0,
        binary: !1,
        status: Tt($n(e) && e),
        from: Tt(!!o && r !== o && r),
        similarity: d(n)
      });
    }
  )
], yr = {
  [C.NONE]: Ct,
  [C.STAT]: Ct,
  [C.NUM_STAT]: pr,
  [C.NAME_STATUS]: gr,
  [C.NAME_ONLY]: dr
};
function dist_ne(t = C.NONE) {
  const e = yr[t];
  return (n) => dist_S(new mr(), e, n, !1);
}
const dist_re = "\u00f2\u00f2\u00f2\u00f2\u00f2\u00f2 ", dist_se = " \u00f2\u00f2", dist_oe = " \u00f2 ", wr = ["hash", "date", "message", "refs", "author_name", "author_email"];
function br(t, e) {
  return e.reduce(
    (n, r, s) => (n[r] = t[s] || "", n),
    /* @__PURE__ */ Object.create({ diff: null })
  );
}
function dist_ie(t = dist_oe, e = wr, n = C.NONE) {
  const r = dist_ne(n);
  return function(s) {
    const o = dist_H(
      s.trim(),
      !1,
      dist_re
    ).map(function(i) {
      const a = i.split(dist_se), c = br(a[0].split(t), e);
      return a.length > 1 && a[1].trim() && (c.diff = r(a[1])), c;
    });
    return {
      all: o,
      latest: o.length && o[0] || null,
      total: o.length
    };
  };
}
function Tr(t) {
  let e = dt(t);
  const n = ["diff"];
  return e === C.NONE && (e = C.STAT, n.push("--stat=4096")), n.push(...t), gt(n) || {
    commands: n,
    format: "utf-8",
    parser: dist_ne(e)
  };
}
function gt(t) {
  const e = t.filter(hr);
  if (e.length > 1)
    return b(
      `Summary flags are mutually exclusive - pick one of ${e.join(",")}`
    );
  if (e.length && t.includes("-z"))
    return b(
      `Summary flag ${e} parsing is not compatible with null termination option '-z'`
    );
}
var dist_ae = /* @__PURE__ */ ((t) => (t[t["--pretty"] = 0] = "--pretty", t[t["max-count"] = 1] = "max-count", t[t.maxCount = 2] = "maxCount", t[t.n = 3] = "n", t[t.file = 4] = "file", t[t.format = 5] = "format", t[t.from = 6] = "from", t[t.to = 7] = "to", t[t.splitter = 8] = "splitter", t[t.symmetric = 9] = "symmetric", t[t.mailMap = 10] = "mailMap", t[t.multiLine = 11] = "multiLine", t[t.strictDate = 12] = "strictDate", t))(dist_ae || {});
function kr(t, e) {
  const n = [], r = [];
  return Object.keys(t).forEach((s) => {
    n.push(s), r.push(String(t[s]));
  }), [n, r.join(e)];
}
function _r(t) {
  return Object.keys(t).reduce((e, n) => (n in dist_ae || (e[n] = t[n]), e), {});
}
function dist_ue(t = {}, e = []) {
  const n = dist_y(t.splitter, p, dist_oe), r = ht(t.format) ? t.format : {
    hash: "%H",
    date: t.strictDate === !1 ? "%ai" : "%aI",
    message: "%s",
    refs: "%D",
    body: t.multiLine ? "%B" : "%b",
    author_name: t.mailMap !== !1 ? "%aN" : "%an",
    author_email: t.mailMap !== !1 ? "%aE" : "%ae"
  }, [s, o] = kr(r, n), i = [], a = [
    `--pretty=format:${dist_re}${o}${dist_se}`,
    ...e
  ], c = t.n || t["max-count"] || t.maxCount;
  if (c && a.push(`--max-count=${c}`), t.from || t.to) {
    const h = t.symmetric !== !1 ? "..." : "..";
    i.push(`${t.from || ""}${h}${t.to || ""}`);
  }
  return p(t.file) && a.push("--follow", dist_c(t.file)), Gt(_r(t), a), {
    fields: s,
    splitter: n,
    commands: [...a, ...i]
  };
}
function vr(t, e, n) {
  const r = dist_ie(t, e, dt(n));
  return {
    commands: ["log", ...n],
    format: "utf-8",
    parser: r
  };
}
function Er() {
  return {
    log(...n) {
      const r = dist_u(arguments), s = dist_ue(
        mt(arguments),
        dist_j(dist_y(arguments[0], dist_V, []))
      ), o = e(...n) || gt(s.commands) || t(s);
      return this._runTask(o, r);
    }
  };
  function t(n) {
    return vr(n.splitter, n.fields, n.commands);
  }
  function e(n, r) {
    return p(n) && p(r) && b(
      "git.log(string, string) should be replaced with git.log({ from: string, to: string })"
    );
  }
}
class tt {
  constructor(e, n = null, r) {
    this.reason = e, this.file = n, this.meta = r;
  }
  toString() {
    return `${this.file}:${this.reason}`;
  }
}
class Sr {
  constructor() {
    this.conflicts = [], this.merges = [], this.result = "success";
  }
  get failed() {
    return this.conflicts.length > 0;
  }
  get reason() {
    return this.result;
  }
  toString() {
    return this.conflicts.length ? `CONFLICTS: ${this.conflicts.join(", ")}` : "OK";
  }
}
class dist_ce {
  constructor() {
    this.remoteMessages = {
      all: []
    }, this.created = [], this.deleted = [], this.files = [], this.deletions = {}, this.insertions = {}, this.summary = {
      changes: 0,
      deletions: 0,
      insertions: 0
    };
  }
}
class Rr {
  constructor() {
    this.remote = "", this.hash = {
      local: "",
      remote: ""
    }, this.branch = {
      local: "",
      remote: ""
    }, this.message = "";
  }
  toString() {
    return this.message;
  }
}
function et(t) {
  return t.objects = t.objects || {
    compressing: 0,
    counting: 0,
    enumerating: 0,
    packReused: 0,
    reused: { count: 0, delta: 0 },
    total: { count: 0, delta: 0 }
  };
}
function At(t) {
  const e = /^\s*(\d+)/.exec(t), n = /delta (\d+)/i.exec(t);
  return {
    count: d(e && e[1] || "0"),
    delta: d(n && n[1] || "0")
  };
}
const Or = [
  new dist_N(
    /^remote:\s*(enumerating|counting|compressing) objects: (\d+),/i,
    (t, [e, n]) => {
      const r = e.toLowerCase(), s = et(t.remoteMessages);
      Object.assign(s, { [r]: d(n) });
    }
  ),
  new dist_N(
    /^remote:\s*(enumerating|counting|compressing) objects: \d+% \(\d+\/(\d+)\),/i,
    (t, [e, n]) => {
      const r = e.toLowerCase(), s = et(t.remoteMessages);
      Object.assign(s, { [r]: d(n) });
    }
  ),
  new dist_N(
    /total ([^,]+), reused ([^,]+), pack-reused (\d+)/i,
    (t, [e, n, r]) => {
      const s = et(t.remoteMessages);
      s.total = At(e), s.reused = At(n), s.packReused = d(r);
    }
  )
], Cr = [
  new dist_N(/^remote:\s*(.+)$/, (t, [e]) => (t.remoteMessages.all.push(e.trim()), !1)),
  ...Or,
  new dist_N(
    [/create a (?:pull|merge) request/i, /\s(https?:\/\/\S+)$/],
    (t, [e]) => {
      t.remoteMessages.pullRequestUrl = e;
    }
  ),
  new dist_N(
    [/found (\d+) vulnerabilities.+\(([^)]+)\)/i, /\s(https?:\/\/\S+)$/],
    (t, [e, n, r]) => {
      t.remoteMessages.vulnerabilities = {
        count: d(e),
        summary: n,
        url: r
      };
    }
  )
];
function dist_fe(t, e) {
  return dist_S({ remoteMessages: new Ar() }, Cr, e);
}
class Ar {
  constructor() {
    this.all = [];
  }
}
const xr = /^\s*(.+?)\s+\|\s+\d+\s*(\+*)(-*)/, $r = /(\d+)\D+((\d+)\D+\(\+\))?(\D+(\d+)\D+\(-\))?/, Nr = /^(create|delete) mode \d+ (.+)/, Pr = [
  new l(xr, (t, [e, n, r]) => {
    t.files.push(e), n && (t.insertions[e] = n.length), r && (t.deletions[e] = r.length);
  }),
  new l($r, (t, [e, , n, , r]) => n !== void 0 || r !== void 0 ? (t.summary.changes = +e || 0, t.summary.insertions = +n || 0, t.summary.deletions = +r || 0, !0) : !1),
  new l(Nr, (t, [e, n]) => {
    dist_O(t.files, n), dist_O(e === "create" ? t.created : t.deleted, n);
  })
], Mr = [
  new l(/^from\s(.+)$/i, (t, [e]) => {
    t.remote = e;
  }),
  new l(/^fatal:\s(.+)$/, (t, [e]) => {
    t.message = e;
  }),
  new l(
    /([a-z0-9]+)\.\.([a-z0-9]+)\s+(\S+)\s+->\s+(\S+)$/,
    (t, [e, n, r, s]) => {
      t.branch.local = r, t.hash.local = e, t.branch.remote = s, t.hash.remote = n;
    }
  )
], Dr = (t, e) => dist_S(new dist_ce(), Pr, [t, e]), dist_le = (t, e) => Object.assign(
  new dist_ce(),
  Dr(t, e),
  dist_fe(t, e)
);
function Lr(t, e) {
  const n = dist_S(new Rr(), Mr, [t, e]);
  return n.message && n;
}
const jr = [
  new l(/^Auto-merging\s+(.+)$/, (t, [e]) => {
    t.merges.push(e);
  }),
  new l(/^CONFLICT\s+\((.+)\): Merge conflict in (.+)$/, (t, [e, n]) => {
    t.conflicts.push(new tt(e, n));
  }),
  new l(
    /^CONFLICT\s+\((.+\/delete)\): (.+) deleted in (.+) and/,
    (t, [e, n, r]) => {
      t.conflicts.push(new tt(e, n, { deleteRef: r }));
    }
  ),
  new l(/^CONFLICT\s+\((.+)\):/, (t, [e]) => {
    t.conflicts.push(new tt(e, null));
  }),
  new l(/^Automatic merge failed;\s+(.+)$/, (t, [e]) => {
    t.result = e;
  })
], Br = (t, e) => Object.assign(Ir(t), dist_le(t, e)), Ir = (t) => dist_S(new Sr(), jr, t);
function xt(t) {
  return t.length ? {
    commands: ["merge", ...t],
    format: "utf-8",
    parser(e, n) {
      const r = Br(e, n);
      if (r.failed)
        throw new ut(r);
      return r;
    }
  } : b("Git.merge requires at least one option");
}
function Ur(t, e, n) {
  const r = n.includes("deleted"), s = n.includes("tag") || /^refs\/tags/.test(t), o = !n.includes("new");
  return {
    deleted: r,
    tag: s,
    branch: !s,
    new: !o,
    alreadyUpdated: o,
    local: t,
    remote: e
  };
}
const Fr = [
  new l(/^Pushing to (.+)$/, (t, [e]) => {
    t.repo = e;
  }),
  new l(/^updating local tracking ref '(.+)'/, (t, [e]) => {
    t.ref = {
      ...t.ref || {},
      local: e
    };
  }),
  new l(/^[=*-]\s+([^:]+):(\S+)\s+\[(.+)]$/, (t, [e, n, r]) => {
    t.pushed.push(Ur(e, n, r));
  }),
  new l(
    /^Branch '([^']+)' set up to track remote branch '([^']+)' from '([^']+)'/,
    (t, [e, n, r]) => {
      t.branch = {
        ...t.branch || {},
        local: e,
        remote: n,
        remoteName: r
      };
    }
  ),
  new l(
    /^([^:]+):(\S+)\s+([a-z0-9]+)\.\.([a-z0-9]+)$/,
    (t, [e, n, r, s]) => {
      t.update = {
        head: {
          local: e,
          remote: n
        },
        hash: {
          from: r,
          to: s
        }
      };
    }
  )
], Gr = (t, e) => {
  const n = zr(t, e), r = dist_fe(t, e);
  return {
    ...n,
    ...r
  };
}, zr = (t, e) => dist_S({ pushed: [] }, Fr, [t, e]);
function qr(t = {}, e) {
  return dist_O(e, "--tags"), dist_he(t, e);
}
function dist_he(t = {}, e) {
  const n = ["push", ...e];
  return t.branch && n.splice(1, 0, t.branch), t.remote && n.splice(1, 0, t.remote), ft(n, "-v"), dist_O(n, "--verbose"), dist_O(n, "--porcelain"), {
    commands: n,
    format: "utf-8",
    parser: Gr
  };
}
function Kr() {
  return {
    showBuffer() {
      const t = ["show", ...dist_m(arguments, 1)];
      return t.includes("--binary") || t.splice(1, 0, "--binary"), this._runTask(
        Kt(t),
        dist_u(arguments)
      );
    },
    show() {
      const t = ["show", ...dist_m(arguments, 1)];
      return this._runTask(
        dist_g(t),
        dist_u(arguments)
      );
    }
  };
}
const Wr = /^(.+)\0(.+)$/;
class Hr {
  constructor(e, n, r) {
    if (this.path = e, this.index = n, this.working_dir = r, n === "R" || r === "R") {
      const s = Wr.exec(e) || [null, e, e];
      this.from = s[2] || "", this.path = s[1] || "";
    }
  }
}
class Vr {
  constructor() {
    this.not_added = [], this.conflicted = [], this.created = [], this.deleted = [], this.ignored = void 0, this.modified = [], this.renamed = [], this.files = [], this.staged = [], this.ahead = 0, this.behind = 0, this.current = null, this.tracking = null, this.detached = !1, this.isClean = () => !this.files.length;
  }
}
function $t(t) {
  const [e, n] = t.split(dist_U);
  return {
    from: n || e,
    to: e
  };
}
function E(t, e, n) {
  return [`${t}${e}`, n];
}
function nt(t, ...e) {
  return e.map((n) => E(t, n, (r, s) => r.conflicted.push(s)));
}
const Yr = new Map([
  E(
    " ",
    "A",
    (t, e) => t.created.push(e)
  ),
  E(
    " ",
    "D",
    (t, e) => t.deleted.push(e)
  ),
  E(
    " ",
    "M",
    (t, e) => t.modified.push(e)
  ),
  E("A", " ", (t, e) => {
    t.created.push(e), t.staged.push(e);
  }),
  E("A", "M", (t, e) => {
    t.created.push(e), t.staged.push(e), t.modified.push(e);
  }),
  E("D", " ", (t, e) => {
    t.deleted.push(e), t.staged.push(e);
  }),
  E("M", " ", (t, e) => {
    t.modified.push(e), t.staged.push(e);
  }),
  E("M", "M", (t, e) => {
    t.modified.push(e), t.staged.push(e);
  }),
  E("R", " ", (t, e) => {
    t.renamed.push($t(e));
  }),
  E("R", "M", (t, e) => {
    const n = $t(e);
    t.renamed.push(n), t.modified.push(n.to);
  }),
  E("!", "!", (t, e) => {
    (t.ignored = t.ignored || []).push(e);
  }),
  E(
    "?",
    "?",
    (t, e) => t.not_added.push(e)
  ),
  ...nt(
    "A",
    "A",
    "U"
    /* UNMERGED */
  ),
  ...nt(
    "D",
    "D",
    "U"
    /* UNMERGED */
  ),
  ...nt(
    "U",
    "A",
    "D",
    "U"
    /* UNMERGED */
  ),
  [
    "##",
    (t, e) => {
      const n = /ahead (\d+)/, r = /behind (\d+)/, s = /^(.+?(?=(?:\.{3}|\s|$)))/, o = /\.{3}(\S*)/, i = /\son\s(\S+?)(?=\.{3}|$)/;
      let a = n.exec(e);
      t.ahead = a && +a[1] || 0, a = r.exec(e), t.behind = a && +a[1] || 0, a = s.exec(e), t.current = dist_y(a?.[1], p, null), a = o.exec(e), t.tracking = dist_y(a?.[1], p, null), a = i.exec(e), a && (t.current = dist_y(a?.[1], p, t.current)), t.detached = /\(no branch\)/.test(e);
    }
  ]
]), Qr = function(t) {
  const e = t.split(dist_U), n = new Vr();
  for (let r = 0, s = e.length; r < s; ) {
    let o = e[r++].trim();
    o && (o.charAt(0) === "R" && (o += dist_U + (e[r++] || "")), Xr(n, o));
  }
  return n;
};
function Xr(t, e) {
  const n = e.trim();
  switch (" ") {
    case n.charAt(2):
      return r(n.charAt(0), n.charAt(1), n.slice(3));
    case n.charAt(1):
      return r(" ", n.charAt(0), n.slice(2));
    default:
      return;
  }
  function r(s, o, i) {
    const a = `${s}${o}`, c = Yr.get(a);
    c && c(t, i), a !== "##" && a !== "!!" && t.files.push(new Hr(i, s, o));
  }
}
const Jr = ["--null", "-z"];
function Zr(t) {
  return {
    format: "utf-8",
    commands: [
      "status",
      "--porcelain",
      "-b",
      "-u",
      "--null",
      ...t.filter((n) => !Jr.includes(n))
    ],
    parser(n) {
      return Qr(n);
    }
  };
}
const dist_me = "installed=false";
function dist_K(t = 0, e = 0, n = 0, r = "", s = !0) {
  return Object.defineProperty(
    {
      major: t,
      minor: e,
      patch: n,
      agent: r,
      installed: s
    },
    "toString",
    {
      value() {
        return `${this.major}.${this.minor}.${this.patch}`;
      },
      configurable: !1,
      enumerable: !1
    }
  );
}
function ts() {
  return dist_K(0, 0, 0, "", !1);
}
function es() {
  return {
    version() {
      return this._runTask({
        commands: ["--version"],
        format: "utf-8",
        parser: rs,
        onError(t, e, n, r) {
          if (t.exitCode === dist_Y.NOT_FOUND)
            return n(Buffer.from(dist_me));
          r(e);
        }
      });
    }
  };
}
const ns = [
  new l(
    /version (\d+)\.(\d+)\.(\d+)(?:\s*\((.+)\))?/,
    (t, [e, n, r, s = ""]) => {
      Object.assign(
        t,
        dist_K(d(e), d(n), d(r), s)
      );
    }
  ),
  new l(
    /version (\d+)\.(\d+)\.(\D+)(.+)?$/,
    (t, [e, n, r, s = ""]) => {
      Object.assign(t, dist_K(d(e), d(n), r, s));
    }
  )
];
function rs(t) {
  return t === dist_me ? ts() : dist_S(dist_K(0, 0, 0, t), ns, t);
}
class dist_pe {
  constructor(e) {
    this._executor = e, this._trimmed = !1;
  }
  _runTask(e, n) {
    const r = this._executor.chain(), s = r.push(e);
    return n && Kn(e, s, n), Object.create(this, {
      then: { value: s.then.bind(s) },
      catch: { value: s.catch.bind(s) },
      _executor: { value: r }
    });
  }
  add(e) {
    return this._runTask(
      dist_g(["add", ..._(e)]),
      dist_u(arguments)
    );
  }
  cmd(e, ...n) {
    return this._runTask(Yn(e, n, this._trimmed));
  }
  cwd(e) {
    const n = dist_u(arguments);
    return typeof e == "string" ? this._runTask(Rt(e, this._executor), n) : typeof e?.path == "string" ? this._runTask(
      Rt(
        e.path,
        e.root && this._executor || void 0
      ),
      n
    ) : this._runTask(
      b("Git.cwd: workingDirectory must be supplied as a string"),
      n
    );
  }
  hashObject(e, n) {
    return this._runTask(
      sr(e, n === !0),
      dist_u(arguments)
    );
  }
  init(e) {
    return this._runTask(
      cr(e === !0, this._executor.cwd, dist_m(arguments)),
      dist_u(arguments)
    );
  }
  merge() {
    return this._runTask(
      xt(dist_m(arguments)),
      dist_u(arguments)
    );
  }
  mergeFromTo(e, n) {
    return p(e) && p(n) ? this._runTask(
      xt([e, n, ...dist_m(arguments)]),
      dist_u(arguments, !1)
    ) : this._runTask(
      b(
        "Git.mergeFromTo requires that the 'remote' and 'branch' arguments are supplied as strings"
      )
    );
  }
  outputHandler(e) {
    return this._executor.outputHandler = e, this;
  }
  push() {
    const e = dist_he(
      {
        remote: dist_y(arguments[0], p),
        branch: dist_y(arguments[1], p)
      },
      dist_m(arguments)
    );
    return this._runTask(e, dist_u(arguments));
  }
  stash() {
    return this._runTask(
      dist_g(["stash", ...dist_m(arguments)]),
      dist_u(arguments)
    );
  }
  status() {
    return this._runTask(
      Zr(dist_m(arguments)),
      dist_u(arguments)
    );
  }
}
Object.assign(
  dist_pe.prototype,
  Wn(),
  Vn(),
  Zn(),
  An(),
  nr(),
  rr(),
  Ln(),
  lr(),
  Er(),
  Kr(),
  es()
);
const ss = /* @__PURE__ */ (() => {
  let t = 0;
  return () => {
    t++;
    const { promise: e, done: n } = (0,promise_deferred_dist/* createDeferred */.ud)();
    return {
      promise: e,
      done: n,
      id: t
    };
  };
})();
class os {
  constructor(e = 2) {
    this.concurrency = e, this.logger = dist_$("", "scheduler"), this.pending = [], this.running = [], this.logger("Constructed, concurrency=%s", e);
  }
  schedule() {
    if (!this.pending.length || this.running.length >= this.concurrency) {
      this.logger(
        "Schedule attempt ignored, pending=%s running=%s concurrency=%s",
        this.pending.length,
        this.running.length,
        this.concurrency
      );
      return;
    }
    const e = dist_O(this.running, this.pending.shift());
    this.logger("Attempting id=%s", e.id), e.done(() => {
      this.logger("Completing id=", e.id), ft(this.running, e), this.schedule();
    });
  }
  next() {
    const { promise: e, id: n } = dist_O(this.pending, ss());
    return this.logger("Scheduling id=%s", n), this.schedule(), e;
  }
}
function is(t, e) {
  return dist_g(["apply", ...e, ...t]);
}
var dist_de = /* @__PURE__ */ ((t) => (t.CURRENT = "*", t.LINKED = "+", t))(dist_de || {});
class as {
  constructor() {
    this.all = [], this.branches = {}, this.current = "", this.detached = !1;
  }
  push(e, n, r, s, o) {
    e === "*" && (this.detached = n, this.current = r), this.all.push(r), this.branches[r] = {
      current: e === "*",
      linkedWorkTree: e === "+",
      name: r,
      commit: s,
      label: o
    };
  }
}
const us = [
  new l(
    /^([*+]\s)?\((?:HEAD )?detached (?:from|at) (\S+)\)\s+([a-z0-9]+)\s(.*)$/,
    (t, [e, n, r, s]) => {
      t.push(Nt(e), !0, n, r, s);
    }
  ),
  new l(
    /^([*+]\s)?(\S+)\s+([a-z0-9]+)\s?(.*)$/s,
    (t, [e, n, r, s]) => {
      t.push(Nt(e), !1, n, r, s);
    }
  )
], cs = new l(/^(\S+)$/s, (t, [e]) => {
  t.push(dist_de.CURRENT, !1, e, "", "");
});
function Nt(t) {
  return t ? t.charAt(0) : "";
}
function dist_ge(t, e = !1) {
  return dist_S(
    new as(),
    e ? [cs] : us,
    t
  );
}
class fs {
  constructor() {
    this.all = [], this.branches = {}, this.errors = [];
  }
  get success() {
    return !this.errors.length;
  }
}
function ls(t, e) {
  return {
    branch: t,
    hash: e,
    success: !0
  };
}
function hs(t) {
  return {
    branch: t,
    hash: null,
    success: !1
  };
}
const ms = /(\S+)\s+\(\S+\s([^)]+)\)/, dist_ye = /^error[^']+'([^']+)'/m, ps = [
  new l(ms, (t, [e, n]) => {
    const r = ls(e, n);
    t.all.push(r), t.branches[e] = r;
  }),
  new l(dist_ye, (t, [e]) => {
    const n = hs(e);
    t.errors.push(n), t.all.push(n), t.branches[e] = n;
  })
], yt = (t, e) => dist_S(new fs(), ps, [t, e]);
function dist_we(t, e) {
  return e === dist_Y.ERROR && dist_ye.test(t);
}
function ds(t) {
  const e = ["-d", "-D", "--delete"];
  return t.some((n) => e.includes(n));
}
function gs(t) {
  const e = ds(t), n = t.includes("--show-current"), r = ["branch", ...t];
  return r.length === 1 && r.push("-a"), r.includes("-v") || r.splice(1, 0, "-v"), {
    format: "utf-8",
    commands: r,
    parser(s, o) {
      return e ? yt(s, o).all[0] : dist_ge(s, n);
    }
  };
}
function ys() {
  return {
    format: "utf-8",
    commands: ["branch", "-v"],
    parser(t) {
      return dist_ge(t);
    }
  };
}
function ws(t, e = !1) {
  return {
    format: "utf-8",
    commands: ["branch", "-v", e ? "-D" : "-d", ...t],
    parser(n, r) {
      return yt(n, r);
    },
    onError({ exitCode: n, stdOut: r }, s, o, i) {
      if (!dist_we(String(s), n))
        return i(s);
      o(r);
    }
  };
}
function bs(t, e = !1) {
  const n = {
    format: "utf-8",
    commands: ["branch", "-v", e ? "-D" : "-d", t],
    parser(r, s) {
      return yt(r, s).branches[t];
    },
    onError({ exitCode: r, stdErr: s, stdOut: o }, i, a, c) {
      if (!dist_we(String(i), r))
        return c(i);
      throw new ut(
        n.parser(dist_G(o), dist_G(s)),
        String(i)
      );
    }
  };
  return n;
}
function Ts(t) {
  return {
    commands: ["check-ignore", ...t],
    format: "utf-8",
    parser: ks
  };
}
function ks(t) {
  return t.split(/\n/g).map(_s).filter(Boolean);
}
function _s(t) {
  const e = t.trim().replace(/^["']|["']$/g, "");
  return e && (0,external_node_path_.normalize)(e);
}
const vs = [
  new l(/From (.+)$/, (t, [e]) => {
    t.remote = e;
  }),
  new l(/\* \[new branch]\s+(\S+)\s*-> (.+)$/, (t, [e, n]) => {
    t.branches.push({
      name: e,
      tracking: n
    });
  }),
  new l(/\* \[new tag]\s+(\S+)\s*-> (.+)$/, (t, [e, n]) => {
    t.tags.push({
      name: e,
      tracking: n
    });
  }),
  new l(/- \[deleted]\s+\S+\s*-> (.+)$/, (t, [e]) => {
    t.deleted.push({
      tracking: e
    });
  }),
  new l(
    /\s*([^.]+)\.\.(\S+)\s+(\S+)\s*-> (.+)$/,
    (t, [e, n, r, s]) => {
      t.updated.push({
        name: r,
        tracking: s,
        to: n,
        from: e
      });
    }
  )
];
function Es(t, e) {
  return dist_S({
    raw: t,
    remote: null,
    branches: [],
    tags: [],
    updated: [],
    deleted: []
  }, vs, [t, e]);
}
function Ss(t) {
  return /^--upload-pack(=|$)/.test(t);
}
function Rs(t, e, n) {
  const r = ["fetch", ...n];
  return t && e && r.push(t, e), r.find(Ss) ? b("git.fetch: potential exploit argument blocked.") : {
    commands: r,
    format: "utf-8",
    parser: Es
  };
}
const Os = [
  new l(/^Renaming (.+) to (.+)$/, (t, [e, n]) => {
    t.moves.push({ from: e, to: n });
  })
];
function Cs(t) {
  return dist_S({ moves: [] }, Os, t);
}
function As(t, e) {
  return {
    commands: ["mv", "-v", ..._(t), e],
    format: "utf-8",
    parser: Cs
  };
}
function xs(t, e, n) {
  const r = ["pull", ...n];
  return t && e && r.splice(1, 0, t, e), {
    commands: r,
    format: "utf-8",
    parser(s, o) {
      return dist_le(s, o);
    },
    onError(s, o, i, a) {
      const c = Lr(
        dist_G(s.stdOut),
        dist_G(s.stdErr)
      );
      if (c)
        return a(new ut(c));
      a(o);
    }
  };
}
function $s(t) {
  const e = {};
  return dist_be(t, ([n]) => e[n] = { name: n }), Object.values(e);
}
function Ns(t) {
  const e = {};
  return dist_be(t, ([n, r, s]) => {
    Object.hasOwn(e, n) || (e[n] = {
      name: n,
      refs: { fetch: "", push: "" }
    }), s && r && (e[n].refs[s.replace(/[^a-z]/g, "")] = r);
  }), Object.values(e);
}
function dist_be(t, e) {
  ct(t, (n) => e(n.split(/\s+/)));
}
function Ps(t, e, n) {
  return dist_g(["remote", "add", ...n, t, e]);
}
function Ms(t) {
  const e = ["remote"];
  return t && e.push("-v"), {
    commands: e,
    format: "utf-8",
    parser: t ? Ns : $s
  };
}
function Ds(t) {
  const e = [...t];
  return e[0] !== "ls-remote" && e.unshift("ls-remote"), dist_g(e);
}
function Ls(t) {
  const e = [...t];
  return e[0] !== "remote" && e.unshift("remote"), dist_g(e);
}
function js(t) {
  return dist_g(["remote", "remove", t]);
}
function Bs(t = {}, e) {
  const n = dist_ue(t), r = ["stash", "list", ...n.commands, ...e], s = dist_ie(
    n.splitter,
    n.fields,
    dt(r)
  );
  return gt(r) || {
    commands: r,
    format: "utf-8",
    parser: s
  };
}
function Is(t, e) {
  return dist_Q(["add", t, e]);
}
function Us(t) {
  return dist_Q(["init", ...t]);
}
function dist_Q(t) {
  const e = [...t];
  return e[0] !== "submodule" && e.unshift("submodule"), dist_g(e);
}
function Fs(t) {
  return dist_Q(["update", ...t]);
}
class Gs {
  constructor(e, n) {
    this.all = e, this.latest = n;
  }
}
const zs = function(t, e = !1) {
  const n = t.split(`
`).map(Ks).filter(Boolean);
  e || n.sort(function(s, o) {
    const i = s.split("."), a = o.split(".");
    if (i.length === 1 || a.length === 1)
      return qs(dist_I(i[0]), dist_I(a[0]));
    for (let c = 0, h = Math.max(i.length, a.length); c < h; c++) {
      const w = Te(dist_I(i[c]), dist_I(a[c]));
      if (w)
        return w;
    }
    return 0;
  });
  const r = e ? n[0] : [...n].reverse().find((s) => s.indexOf(".") >= 0);
  return new Gs(n, r);
};
function qs(t, e) {
  const n = Number.isNaN(t), r = Number.isNaN(e);
  return n !== r ? n ? 1 : -1 : n ? Te(t, e) : 0;
}
function Te(t, e) {
  return t === e ? 0 : t > e ? 1 : -1;
}
function Ks(t) {
  return t.trim();
}
function dist_I(t) {
  return typeof t == "string" && parseInt(t.replace(/^\D+/g, ""), 10) || 0;
}
function Ws(t = []) {
  const e = t.some((n) => /^--sort=/.test(n));
  return {
    format: "utf-8",
    commands: ["tag", "-l", ...t],
    parser(n) {
      return zs(n, e);
    }
  };
}
function Hs(t) {
  return {
    format: "utf-8",
    commands: ["tag", t],
    parser() {
      return { name: t };
    }
  };
}
function Vs(t, e) {
  return {
    format: "utf-8",
    commands: ["tag", "-a", "-m", e, t],
    parser() {
      return { name: t };
    }
  };
}
function f(t, e) {
  this._plugins = e, this._executor = new qn(
    t.baseDir,
    new os(t.maxConcurrentProcesses),
    e
  ), this._trimmed = t.trimmed;
}
(f.prototype = Object.create(dist_pe.prototype)).constructor = f;
f.prototype.customBinary = function(t) {
  return this._plugins.reconfigure("binary", t), this;
};
f.prototype.env = function(t, e) {
  return arguments.length === 1 && typeof t == "object" ? this._executor.env = t : (this._executor.env = this._executor.env || {})[t] = e, this;
};
f.prototype.stashList = function(t) {
  return this._runTask(
    Bs(
      mt(arguments) || {},
      dist_V(t) && t || []
    ),
    dist_u(arguments)
  );
};
f.prototype.mv = function(t, e) {
  return this._runTask(As(t, e), dist_u(arguments));
};
f.prototype.checkoutLatestTag = function(t) {
  var e = this;
  return this.pull(function() {
    e.tags(function(n, r) {
      e.checkout(r.latest, t);
    });
  });
};
f.prototype.pull = function(t, e, n, r) {
  return this._runTask(
    xs(
      dist_y(t, p),
      dist_y(e, p),
      dist_m(arguments)
    ),
    dist_u(arguments)
  );
};
f.prototype.fetch = function(t, e) {
  return this._runTask(
    Rs(
      dist_y(t, p),
      dist_y(e, p),
      dist_m(arguments)
    ),
    dist_u(arguments)
  );
};
f.prototype.tags = function(t, e) {
  return this._runTask(
    Ws(dist_m(arguments)),
    dist_u(arguments)
  );
};
f.prototype.rebase = function() {
  return this._runTask(
    dist_g(["rebase", ...dist_m(arguments)]),
    dist_u(arguments)
  );
};
f.prototype.reset = function(t) {
  return this._runTask(
    Bn(In(t), dist_m(arguments)),
    dist_u(arguments)
  );
};
f.prototype.revert = function(t) {
  const e = dist_u(arguments);
  return typeof t != "string" ? this._runTask(b("Commit must be a string"), e) : this._runTask(
    dist_g(["revert", ...dist_m(arguments, 0, !0), t]),
    e
  );
};
f.prototype.addTag = function(t) {
  const e = typeof t == "string" ? Hs(t) : b("Git.addTag requires a tag name");
  return this._runTask(e, dist_u(arguments));
};
f.prototype.addAnnotatedTag = function(t, e) {
  return this._runTask(
    Vs(t, e),
    dist_u(arguments)
  );
};
f.prototype.deleteLocalBranch = function(t, e, n) {
  return this._runTask(
    bs(t, typeof e == "boolean" ? e : !1),
    dist_u(arguments)
  );
};
f.prototype.deleteLocalBranches = function(t, e, n) {
  return this._runTask(
    ws(t, typeof e == "boolean" ? e : !1),
    dist_u(arguments)
  );
};
f.prototype.branch = function(t, e) {
  return this._runTask(
    gs(dist_m(arguments)),
    dist_u(arguments)
  );
};
f.prototype.branchLocal = function(t) {
  return this._runTask(ys(), dist_u(arguments));
};
f.prototype.raw = function(t) {
  const e = !Array.isArray(t), n = [].slice.call(e ? arguments : t, 0);
  for (let s = 0; s < n.length && e; s++)
    if (!ot(n[s])) {
      n.splice(s, n.length - s);
      break;
    }
  n.push(...dist_m(arguments, 0, !0));
  var r = dist_u(arguments);
  return n.length ? this._runTask(dist_g(n, this._trimmed), r) : this._runTask(
    b("Raw: must supply one or more command to execute"),
    r
  );
};
f.prototype.submoduleAdd = function(t, e, n) {
  return this._runTask(Is(t, e), dist_u(arguments));
};
f.prototype.submoduleUpdate = function(t, e) {
  return this._runTask(
    Fs(dist_m(arguments, !0)),
    dist_u(arguments)
  );
};
f.prototype.submoduleInit = function(t, e) {
  return this._runTask(
    Us(dist_m(arguments, !0)),
    dist_u(arguments)
  );
};
f.prototype.subModule = function(t, e) {
  return this._runTask(
    dist_Q(dist_m(arguments)),
    dist_u(arguments)
  );
};
f.prototype.listRemote = function() {
  return this._runTask(
    Ds(dist_m(arguments)),
    dist_u(arguments)
  );
};
f.prototype.addRemote = function(t, e, n) {
  return this._runTask(
    Ps(t, e, dist_m(arguments)),
    dist_u(arguments)
  );
};
f.prototype.removeRemote = function(t, e) {
  return this._runTask(js(t), dist_u(arguments));
};
f.prototype.getRemotes = function(t, e) {
  return this._runTask(Ms(t === !0), dist_u(arguments));
};
f.prototype.remote = function(t, e) {
  return this._runTask(
    Ls(dist_m(arguments)),
    dist_u(arguments)
  );
};
f.prototype.tag = function(t, e) {
  const n = dist_m(arguments);
  return n[0] !== "tag" && n.unshift("tag"), this._runTask(dist_g(n), dist_u(arguments));
};
f.prototype.updateServerInfo = function(t) {
  return this._runTask(
    dist_g(["update-server-info"]),
    dist_u(arguments)
  );
};
f.prototype.pushTags = function(t, e) {
  const n = qr(
    { remote: dist_y(t, p) },
    dist_m(arguments)
  );
  return this._runTask(n, dist_u(arguments));
};
f.prototype.rm = function(t) {
  return this._runTask(
    dist_g(["rm", "-f", ..._(t)]),
    dist_u(arguments)
  );
};
f.prototype.rmKeepLocal = function(t) {
  return this._runTask(
    dist_g(["rm", "--cached", ..._(t)]),
    dist_u(arguments)
  );
};
f.prototype.catFile = function(t, e) {
  return this._catFile("utf-8", arguments);
};
f.prototype.binaryCatFile = function() {
  return this._catFile("buffer", arguments);
};
f.prototype._catFile = function(t, e) {
  var n = dist_u(e), r = ["cat-file"], s = e[0];
  if (typeof s == "string")
    return this._runTask(
      b("Git.catFile: options must be supplied as an array of strings"),
      n
    );
  Array.isArray(s) && r.push.apply(r, s);
  const o = t === "buffer" ? Kt(r) : dist_g(r);
  return this._runTask(o, n);
};
f.prototype.diff = function(t, e) {
  const n = p(t) ? b(
    "git.diff: supplying options as a single string is no longer supported, switch to an array of strings"
  ) : dist_g(["diff", ...dist_m(arguments)]);
  return this._runTask(n, dist_u(arguments));
};
f.prototype.diffSummary = function() {
  return this._runTask(
    Tr(dist_m(arguments, 1)),
    dist_u(arguments)
  );
};
f.prototype.applyPatch = function(t) {
  const e = dist_z(t) ? is(_(t), dist_m([].slice.call(arguments, 1))) : b(
    "git.applyPatch requires one or more string patches as the first argument"
  );
  return this._runTask(e, dist_u(arguments));
};
f.prototype.revparse = function() {
  const t = ["rev-parse", ...dist_m(arguments, !0)];
  return this._runTask(
    dist_g(t, !0),
    dist_u(arguments)
  );
};
f.prototype.clean = function(t, e, n) {
  const r = yn(t), s = r && t.join("") || dist_y(t, p) || "", o = dist_m([].slice.call(arguments, r ? 1 : 0));
  return this._runTask(
    dn(s, o),
    dist_u(arguments)
  );
};
f.prototype.exec = function(t) {
  const e = {
    commands: [],
    format: "utf-8",
    parser() {
      typeof t == "function" && t();
    }
  };
  return this._runTask(e);
};
f.prototype.checkIgnore = function(t, e) {
  return this._runTask(
    Ts(_(dist_y(t, dist_z, []))),
    dist_u(arguments)
  );
};
f.prototype.checkIsRepo = function(t, e) {
  return this._runTask(
    tn(dist_y(t, p)),
    dist_u(arguments)
  );
};
function Ys(t) {
  return t ? [{
    type: "spawn.before",
    action(r, s) {
      t.aborted && s.kill(new x(void 0, "abort", "Abort already signaled"));
    }
  }, {
    type: "spawn.after",
    action(r, s) {
      function o() {
        s.kill(new x(void 0, "abort", "Abort signal received"));
      }
      t.addEventListener("abort", o), s.spawned.on("close", () => t.removeEventListener("abort", o));
    }
  }] : void 0;
}
const Qs = dist_$("", "plugin:allowEnvironment");
function Xs(t, e = !1) {
  const n = new Set(t.map((r) => r.toLowerCase().trim()));
  return {
    type: "spawn.options",
    action(r, s) {
      const o = { ...r.env ?? process.env }, i = new Set(
        Object.keys(s.env).map((a) => a.toLowerCase().trim())
      );
      for (const a of Object.keys(o)) {
        const c = a.toLowerCase().trim();
        if (!(!Ue(c) || n.has(c))) {
          if (i.has(c))
            throw new x(
              void 0,
              "allowEnvironment",
              `Use of "${a}" is blocked by the environment guard - add it to the allowEnvironment option to permit it`
            );
          Qs("removing ambient guarded environment variable %s", a), delete o[a];
        }
      }
      return {
        ...r,
        env: {
          ...o,
          GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS: String(!e)
        }
      };
    }
  };
}
const Js = dist_$("", "plugin:unsafe"), dist_ke = /* @__PURE__ */ new Set(["git_config_parameters"]), Pt = /* @__PURE__ */ new Set();
function Zs({
  unsafe: t = {},
  allowConfig: e = [],
  allowEnvironment: n = [],
  strict: r
}) {
  const s = he(Mt(e)), o = new Set(Mt(n, (h) => h.toLowerCase())), i = t.recommended === !0 || r;
  function a(h) {
    return h.level !== "recommended" || i;
  }
  function c(h) {
    return t[h.category] === !0 ? !0 : h.configKey !== void 0 ? s(h.configKey) : h.envKey !== void 0 ? !dist_ke.has(h.envKey) && o.has(h.envKey) : !1;
  }
  return {
    type: "spawn.args",
    action(h, { env: w }) {
      const T = Ae(...h), k = Re(w ?? {}, process.env), R = /* @__PURE__ */ new Set();
      for (const v of [...T.vulnerabilities, ...k.vulnerabilities]) {
        if (!c(v)) {
          if (!a(v))
            continue;
          throw new x(void 0, "unsafe", to(v));
        }
        v.configKey !== void 0 && R.add(v.configKey);
      }
      for (const { key: v } of [...T.config.write, ...k.config.write])
        if (!(R.has(v) || Le(v) || s(v))) {
          if (r)
            throw new x(
              void 0,
              "allowConfig",
              `Configuring "${v}" is not permitted without adding it to the allowConfig option`
            );
          eo(v);
        }
      return h;
    }
  };
}
function Mt(t, e = (n) => n) {
  return _(t ?? []).flatMap((n) => e(String(n ?? "").trim()) || []);
}
function to({ message: t, configKey: e, envKey: n }) {
  return e !== void 0 ? `${t} or adding "${e}" to the allowConfig option` : n !== void 0 && !dist_ke.has(n) ? `${t} or adding "${n.toUpperCase()}" to the allowEnvironment option` : t;
}
function eo(t) {
  Js("config key %s is not in the allowConfig list", t), !Pt.has(t) && (Pt.add(t), process.emitWarning(
    `simple-git: configuration key "${t}" is not in the list of known-safe keys. Add it to the allowConfig option to keep using it, it will be blocked by default in the next major version.`,
    { code: "SIMPLE_GIT_UNLISTED_CONFIG" }
  ));
}
function no(t) {
  const e = dist_F(t, "-c");
  return {
    type: "spawn.args",
    action(n) {
      return [...e, ...n];
    }
  };
}
const Dt = (0,promise_deferred_dist/* deferred */.yX)().promise;
function ro({
  onClose: t = !0,
  onExit: e = 50
} = {}) {
  function n() {
    let s = -1;
    const o = {
      close: (0,promise_deferred_dist/* deferred */.yX)(),
      closeTimeout: (0,promise_deferred_dist/* deferred */.yX)(),
      exit: (0,promise_deferred_dist/* deferred */.yX)(),
      exitTimeout: (0,promise_deferred_dist/* deferred */.yX)()
    }, i = Promise.race([
      t === !1 ? Dt : o.closeTimeout.promise,
      e === !1 ? Dt : o.exitTimeout.promise
    ]);
    return r(t, o.close, o.closeTimeout), r(e, o.exit, o.exitTimeout), {
      close(a) {
        s = a, o.close.done();
      },
      exit(a) {
        s = a, o.exit.done();
      },
      get exitCode() {
        return s;
      },
      result: i
    };
  }
  function r(s, o, i) {
    s !== !1 && (s === !0 ? o.promise : o.promise.then(() => bt(s))).then(i.done);
  }
  return {
    type: "spawn.after",
    async action(s, { spawned: o, close: i }) {
      const a = n();
      let c = !0, h = () => {
        c = !1;
      };
      o.stdout?.on("data", h), o.stderr?.on("data", h), o.on("error", h), o.on("close", (w) => a.close(w)), o.on("exit", (w) => a.exit(w));
      try {
        await a.result, c && await bt(50), i(a.exitCode);
      } catch (w) {
        i(a.exitCode, w);
      }
    }
  };
}
const dist_e = dist_$("", "plugin:binary"), so = "Invalid value supplied for custom binary, requires a single string or an array containing either one or two strings", oo = "Invalid value supplied for custom binary, restricted characters must be removed or supply the unsafe.allowUnsafeCustomBinary option", io = /^([a-z]:)?([a-z0-9/.\\_~-]+)$/i, ao = /^([a-z]:)?([a-z0-9._~-]+( [a-z0-9._~-]+)*)?([/\\][a-z0-9._~-]+( [a-z0-9._~-]+)*)+$/i;
function uo(t, e) {
  return !t || !(io.test(t) || e === 0 && ao.test(t));
}
function Lt(t, e) {
  if (t.length < 1 || t.length > 2)
    throw new x(void 0, "binary", so);
  if (t.some(uo))
    if (e)
      dist_e("permitted unsafe binary %o", t);
    else
      throw new x(void 0, "binary", oo);
  const [r, s] = t;
  return {
    binary: r,
    prefix: s
  };
}
function co(t, e = ["git"], n = !1) {
  let r = Lt(_(e), n);
  t.on("binary", (s) => {
    r = Lt(_(s), n), dist_e.info("reconfiguring %o", r);
  }), t.append("spawn.binary", () => r.binary), t.append("spawn.args", (s) => r.prefix ? [r.prefix, ...s] : s);
}
const dist_ve = {
  DISALLOWED_ABBREVIATED: {
    text: "disallowed abbreviated or ambiguous option",
    solution: "Unambiguous abbreviated options blocked with unsafe.allowAbbreviatedOptions setting: {message}"
  },
  UNKNOWN: {
    text: "~ unknown ~",
    solution: void 0
  }
};
function fo(t) {
  if (!t)
    return "UNKNOWN";
  for (const [e, { text: n }] of Object.entries(dist_ve))
    if (t.startsWith(`fatal: ${n}`))
      return e;
  return "UNKNOWN";
}
class lo extends dist_A {
  constructor(e = "") {
    const n = fo(e);
    super(void 0, dist_ve[n].solution?.replace("{message}", e) ?? e), this.reason = n;
  }
}
function ho(t) {
  return !!(t.exitCode && t.stdErr.length);
}
function mo(t) {
  return Buffer.concat([...t.stdOut, ...t.stdErr]);
}
function po(t = !1, e = ho, n = mo) {
  return (r, s) => !t && r || !e(s) ? r : n(s);
}
function go(t, e) {
  return t === 128 && e.startsWith("fatal:") ? new lo(e) : new dist_A(void 0, e);
}
function jt(t) {
  return {
    type: "task.error",
    action(e, n) {
      const r = t(e.error, {
        stdErr: n.stdErr,
        stdOut: n.stdOut,
        exitCode: n.exitCode
      });
      return Buffer.isBuffer(r) ? {
        error: go(n.exitCode, r.toString("utf-8"))
      } : {
        error: r
      };
    }
  };
}
const rt = dist_$("", "plugin:input");
function yo(t) {
  return {
    type: "spawn.after",
    action(e, { commands: n, input: r, spawned: { stdin: s } }) {
      if (!s)
        return;
      const o = t?.([...n]) ?? r;
      if (!o)
        return rt("generated zero length content, not writing to stdin");
      rt("writing %s bytes to stdin", Ke(o)), s.on("error", (i) => {
        i.code !== "EPIPE" && rt("[ERROR] stdin error %o", i);
      }), s.end(o);
    }
  };
}
class wo {
  constructor() {
    this.plugins = /* @__PURE__ */ new Set(), this.events = new external_node_events_.EventEmitter();
  }
  on(e, n) {
    this.events.on(e, n);
  }
  reconfigure(e, n) {
    this.events.emit(e, n);
  }
  append(e, n) {
    const r = dist_O(this.plugins, { type: e, action: n });
    return () => this.plugins.delete(r);
  }
  add(e) {
    const n = [];
    return _(e).forEach(
      (r) => {
        r && this.plugins.add(dist_O(n, r));
      }
    ), () => {
      n.forEach((r) => {
        this.plugins.delete(r);
      });
    };
  }
  exec(e, n, r) {
    let s = n;
    const o = Object.freeze(Object.create(r));
    for (const i of this.plugins)
      i.type === e && (s = i.action(s, o));
    return s;
  }
}
function bo(t) {
  const e = "--progress", n = ["checkout", "clone", "fetch", "pull", "push"];
  return [{
    type: "spawn.args",
    action(o, i) {
      return n.includes(i.method) ? qe(o, e) : o;
    }
  }, {
    type: "spawn.after",
    action(o, i) {
      i.commands.includes(e) && i.spawned.stderr?.on("data", (a) => {
        const c = /^([\s\S]+?):\s*(\d+)% \((\d+)\/(\d+)\)/.exec(a.toString("utf8"));
        c && t({
          method: i.method,
          stage: To(c[1]),
          progress: d(c[2]),
          processed: d(c[3]),
          total: d(c[4])
        });
      });
    }
  }];
}
function To(t) {
  return String(t.toLowerCase().split(" ", 1)) || "unknown";
}
function ko(t) {
  const e = We(t, ["uid", "gid"]);
  return {
    type: "spawn.options",
    action(n) {
      return { ...e, ...n };
    }
  };
}
function _o() {
  return {
    type: "spawn.args",
    action(t) {
      const e = [];
      let n;
      function r(s) {
        (n = n || []).push(...s);
      }
      for (let s = 0; s < t.length; s++) {
        const o = t[s];
        if (dist_r(o)) {
          r(dist_o(o));
          continue;
        }
        if (o === "--") {
          r(
            t.slice(s + 1).flatMap((i) => dist_r(i) && dist_o(i) || i)
          );
          break;
        }
        e.push(o);
      }
      return n ? [...e, "--", ...n.map(String)] : e;
    }
  };
}
function vo({
  block: t,
  stdErr: e = !0,
  stdOut: n = !0
}) {
  if (t > 0)
    return {
      type: "spawn.after",
      action(r, s) {
        let o;
        function i() {
          o && clearTimeout(o), o = setTimeout(c, t);
        }
        function a() {
          s.spawned.stdout?.off("data", i), s.spawned.stderr?.off("data", i), s.spawned.off("exit", a), s.spawned.off("close", a), o && clearTimeout(o);
        }
        function c() {
          a(), s.kill(new x(void 0, "timeout", "block timeout reached"));
        }
        n && s.spawned.stdout?.on("data", i), e && s.spawned.stderr?.on("data", i), s.spawned.on("exit", a), s.spawned.on("close", a), i();
      }
    };
}
const No = (t, e) => {
  const n = new wo(), r = Xe(
    t && (typeof t == "string" ? { baseDir: t } : t) || {},
    e
  );
  if (!It(r.baseDir))
    throw new Be(
      r,
      "Cannot use simple-git on a directory that does not exist"
    );
  return Array.isArray(r.config) && n.add(no(r.config)), n.add(
    Zs({
      unsafe: r.unsafe,
      allowConfig: r.allowConfig,
      allowEnvironment: r.allowEnvironment,
      strict: r.strict === !0
    })
  ), n.add(ro(r.completion)), r.abort && n.add(Ys(r.abort)), r.progress && n.add(bo(r.progress)), r.timeout && n.add(vo(r.timeout)), r.spawnOptions && n.add(ko(r.spawnOptions)), n.add(_o()), n.add(yo(r.input)), n.add(jt(po(!0))), r.errors && n.add(jt(r.errors)), co(n, r.binary, r.unsafe?.allowUnsafeCustomBinary), n.add(
    Xs(r.allowEnvironment ?? [], r.unsafe?.allowAbbreviatedOptions)
  ), new f(r, n);
};

//# sourceMappingURL=index.mjs.map


/***/ })

};
