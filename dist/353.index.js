export const id = 353;
export const ids = [353];
export const modules = {

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


/***/ })

};
