export const id = 881;
export const ids = [881];
export const modules = {

/***/ 47881:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createOtelTracer: () => (/* binding */ createOtelTracer)
/* harmony export */ });
/* unused harmony exports otlpSettings, parseHeaders */
/* harmony import */ var _opentelemetry_api__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(63914);
/* harmony import */ var _opentelemetry_exporter_trace_otlp_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(86004);
/* harmony import */ var _opentelemetry_exporter_trace_otlp_proto__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57358);
/* harmony import */ var _opentelemetry_resources__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(75647);
/* harmony import */ var _opentelemetry_sdk_trace_base__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(19644);
/* harmony import */ var _opentelemetry_semantic_conventions__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(42123);
/* harmony import */ var _attributes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(78382);
/**
 * The OpenTelemetry tracer: official SDK (BasicTracerProvider + BatchSpanProcessor) and OTLP/HTTP
 * exporters, protobuf (the spec's default) or JSON. Loaded only by `startTracing` when an endpoint
 * is set. Every attribute value, span name and status message passes the run's redactor first.
 */







/**
 * Reads the OTLP exporter settings. `OTEL_EXPORTER_OTLP_ENDPOINT` is a base URL (`/v1/traces` is
 * appended); `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is used as is. Throws, naming the variable and
 * the value, on a protocol other than http/protobuf or http/json or a header without `=`.
 */
function otlpSettings(env) {
    const tracesUrl = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
    const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
    const url = tracesUrl || `${(base ?? '').replace(/\/+$/, '')}/v1/traces`;
    if (!/^https?:\/\/[^/]+/.test(url)) {
        const name = tracesUrl ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
        throw new Error(`Invalid ${name} '${tracesUrl || base}'. Expected an http(s) URL such as http://localhost:4318.`);
    }
    const protocolName = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL
        ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
        : 'OTEL_EXPORTER_OTLP_PROTOCOL';
    const protocol = (env[protocolName] || 'http/protobuf').trim();
    if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
        throw new Error(`Invalid ${protocolName} '${protocol}'. Expected 'http/protobuf' (the default) or 'http/json'; grpc is not supported.`);
    }
    const headers = {
        ...parseHeaders('OTEL_EXPORTER_OTLP_HEADERS', env.OTEL_EXPORTER_OTLP_HEADERS),
        ...parseHeaders('OTEL_EXPORTER_OTLP_TRACES_HEADERS', env.OTEL_EXPORTER_OTLP_TRACES_HEADERS),
    };
    return { url, protocol, headers, serviceName: env.OTEL_SERVICE_NAME || 'pitcrew' };
}
/** `key1=value1,key2=value2` with percent-encoded values, as the OTLP exporter spec defines. */
function parseHeaders(name, raw) {
    const out = {};
    if (!raw)
        return out;
    for (const part of raw.split(',')) {
        if (!part.trim())
            continue;
        const eq = part.indexOf('=');
        const key = eq > 0 ? part.slice(0, eq).trim() : '';
        if (!key) {
            // The value may be a credential: name the entry by position, never quote it.
            throw new Error(`Invalid ${name}: an entry has no 'key=' before its value. Expected 'key1=value1,key2=value2' (values percent-encoded).`);
        }
        const value = part.slice(eq + 1).trim();
        try {
            out[key] = decodeURIComponent(value);
        }
        catch {
            out[key] = value;
        }
    }
    return out;
}
/** Counts what the exporter was given and what it could not deliver (for the closing log line). */
class CountingExporter {
    inner;
    exported = 0;
    failed = 0;
    lastError;
    constructor(inner) {
        this.inner = inner;
    }
    export(spans, done) {
        this.inner.export(spans, (result) => {
            if (result.code === 0)
                this.exported += spans.length;
            else {
                this.failed += spans.length;
                this.lastError = result.error?.message;
            }
            done(result);
        });
    }
    shutdown() {
        return this.inner.shutdown();
    }
    forceFlush() {
        return this.inner.forceFlush?.() ?? Promise.resolve();
    }
}
/** Creates the tracer and starts the run span. Throws on a bad setting (startTracing warns). */
function createOtelTracer(env, o) {
    const s = otlpSettings(env);
    // Header values carry the backend's API key (x-honeycomb-team, authorization): masked everywhere.
    for (const value of Object.values(s.headers))
        o.redactor.add(value);
    const clean = (v) => o.redactor.redact(v);
    const config = { url: s.url, headers: s.headers, timeoutMillis: 4_000 };
    const exporter = new CountingExporter(s.protocol === 'http/json' ? new _opentelemetry_exporter_trace_otlp_http__WEBPACK_IMPORTED_MODULE_1__/* .OTLPTraceExporter */ .Q(config) : new _opentelemetry_exporter_trace_otlp_proto__WEBPACK_IMPORTED_MODULE_2__/* .OTLPTraceExporter */ .Q(config));
    const provider = new _opentelemetry_sdk_trace_base__WEBPACK_IMPORTED_MODULE_3__/* .BasicTracerProvider */ .l({
        resource: (0,_opentelemetry_resources__WEBPACK_IMPORTED_MODULE_4__.resourceFromAttributes)({
            [_opentelemetry_semantic_conventions__WEBPACK_IMPORTED_MODULE_5__/* .ATTR_SERVICE_NAME */ .UX4]: clean(s.serviceName),
            [_opentelemetry_semantic_conventions__WEBPACK_IMPORTED_MODULE_5__/* .ATTR_SERVICE_VERSION */ .HZt]: o.version,
            ...(env.GITHUB_REPOSITORY ? { 'vcs.repository.name': clean(env.GITHUB_REPOSITORY) } : {}),
            ...(env.GITHUB_RUN_ID ? { 'cicd.pipeline.run.id': clean(env.GITHUB_RUN_ID) } : {}),
            ...(env.GITHUB_WORKFLOW ? { 'cicd.pipeline.name': clean(env.GITHUB_WORKFLOW) } : {}),
        }),
        spanProcessors: [new _opentelemetry_sdk_trace_base__WEBPACK_IMPORTED_MODULE_3__/* .BatchSpanProcessor */ .J(exporter)],
    });
    const tracer = provider.getTracer('pitcrew', o.version);
    const attributes = (a) => {
        const out = {};
        for (const [k, v] of Object.entries(a ?? {})) {
            if (v === undefined)
                continue;
            out[k] = typeof v === 'string' ? clean(v) : Array.isArray(v) ? v.map(clean) : v;
        }
        return out;
    };
    const wrap = (span) => {
        let ended = false;
        return {
            set: (a) => void span.setAttributes(attributes(a)),
            fail: (message, errorType) => {
                span.setStatus({ code: _opentelemetry_api__WEBPACK_IMPORTED_MODULE_6__.SpanStatusCode.ERROR, message: clean(message) });
                span.setAttribute(_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .ERROR_TYPE */ .Sd, clean(errorType ?? 'error'));
            },
            end: () => {
                if (ended)
                    return;
                ended = true;
                span.end();
            },
        };
    };
    const root = tracer.startSpan('pitcrew run', { attributes: { 'pitcrew.version': o.version } });
    const parent = _opentelemetry_api__WEBPACK_IMPORTED_MODULE_6__.trace.setSpan(_opentelemetry_api__WEBPACK_IMPORTED_MODULE_6__.context.active(), root);
    const run = wrap(root);
    o.log.info(`tracing: exporting spans to ${s.url} over OTLP ${s.protocol}`);
    let closing;
    return {
        enabled: true,
        run,
        start: (name, a) => wrap(tracer.startSpan(clean(name), { attributes: attributes(a) }, parent)),
        shutdown: (timeoutMs) => (closing ??= (async () => {
            run.end();
            let timer;
            const late = new Promise((r) => (timer = setTimeout(() => r('late'), timeoutMs)));
            const done = provider.shutdown().then(() => 'done', (err) => (err instanceof Error ? err.message : String(err)));
            const ending = await Promise.race([done, late]);
            clearTimeout(timer);
            const why = ending === 'late'
                ? `; gave up waiting after ${timeoutMs} ms`
                : ending !== 'done'
                    ? `; ${ending}`
                    : '';
            const failed = exporter.failed
                ? `, ${exporter.failed} failed (${exporter.lastError ?? 'export failed'})`
                : '';
            const line = `tracing: ${exporter.exported} span(s) exported to ${s.url}${failed}${why}`;
            if (failed || why)
                o.log.warning(clean(line));
            else
                o.log.info(line);
        })()),
    };
}


/***/ })

};
