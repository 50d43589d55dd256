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
/* harmony import */ var _agent_types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(50016);

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
    return {
        mode: 'review',
        outcome: 'skipped',
        result: { reason, ...extra },
        usage: (0,_agent_types_js__WEBPACK_IMPORTED_MODULE_0__/* .emptyUsage */ .l)(),
        stopReason: 'none',
        summary: `### pitcrew: nothing to do\n\n${reason}\n`,
    };
}


/***/ })

};
