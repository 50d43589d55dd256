export const id = 134;
export const ids = [134];
export const modules = {

/***/ 25134:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   proxyFetch: () => (/* binding */ proxyFetch)
/* harmony export */ });
/* harmony import */ var _actions_http_client__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44942);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(24371);
/**
 * The fetch GitHub requests take when the runner sets HTTPS_PROXY/HTTP_PROXY: what
 * `@actions/github` builds (`getProxyFetch`), for our API URL. `@actions/http-client` decides
 * whether the URL goes through the proxy (NO_PROXY, loopback hosts) and makes the undici
 * ProxyAgent. Loaded on demand (octokit.ts): a run without a proxy never parses undici.
 */


function proxyFetch(apiUrl) {
    const dispatcher = new _actions_http_client__WEBPACK_IMPORTED_MODULE_0__/* .HttpClient */ .Qq().getAgentDispatcher(apiUrl);
    if (!dispatcher)
        return (url, init) => fetch(url, init);
    return (async (url, init) => (0,undici__WEBPACK_IMPORTED_MODULE_1__/* .fetch */ .hd)(url, {
        ...init,
        dispatcher,
    }));
}


/***/ })

};
