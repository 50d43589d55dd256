import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 47117:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


function __export(m) {
    for (var p in m) if (!exports.hasOwnProperty(p)) exports[p] = m[p];
}
Object.defineProperty(exports, "__esModule", ({ value: true }));
__export(__nccwpck_require__(63972));
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 63972:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
const fs_1 = __nccwpck_require__(79896);
const debug_1 = __importDefault(__nccwpck_require__(2830));
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

/***/ 78812:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var Batcher, Events, parser;
parser = __nccwpck_require__(29700);
Events = __nccwpck_require__(31914);

Batcher = function () {
  class Batcher {
    constructor(options = {}) {
      this.options = options;
      parser.load(this.options, this.defaults, this);
      this.Events = new Events(this);
      this._arr = [];

      this._resetPromise();

      this._lastFlush = Date.now();
    }

    _resetPromise() {
      return this._promise = new this.Promise((res, rej) => {
        return this._resolve = res;
      });
    }

    _flush() {
      clearTimeout(this._timeout);
      this._lastFlush = Date.now();

      this._resolve();

      this.Events.trigger("batch", this._arr);
      this._arr = [];
      return this._resetPromise();
    }

    add(data) {
      var ret;

      this._arr.push(data);

      ret = this._promise;

      if (this._arr.length === this.maxSize) {
        this._flush();
      } else if (this.maxTime != null && this._arr.length === 1) {
        this._timeout = setTimeout(() => {
          return this._flush();
        }, this.maxTime);
      }

      return ret;
    }

  }

  ;
  Batcher.prototype.defaults = {
    maxTime: null,
    maxSize: null,
    Promise: Promise
  };
  return Batcher;
}.call(void 0);

module.exports = Batcher;

/***/ }),

/***/ 68760:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



function _slicedToArray(arr, i) { return _arrayWithHoles(arr) || _iterableToArrayLimit(arr, i) || _nonIterableRest(); }

function _iterableToArrayLimit(arr, i) { var _arr = []; var _n = true; var _d = false; var _e = undefined; try { for (var _i = arr[Symbol.iterator](), _s; !(_n = (_s = _i.next()).done); _n = true) { _arr.push(_s.value); if (i && _arr.length === i) break; } } catch (err) { _d = true; _e = err; } finally { try { if (!_n && _i["return"] != null) _i["return"](); } finally { if (_d) throw _e; } } return _arr; }

function _toArray(arr) { return _arrayWithHoles(arr) || _iterableToArray(arr) || _nonIterableRest(); }

function _nonIterableRest() { throw new TypeError("Invalid attempt to destructure non-iterable instance"); }

function _iterableToArray(iter) { if (Symbol.iterator in Object(iter) || Object.prototype.toString.call(iter) === "[object Arguments]") return Array.from(iter); }

function _arrayWithHoles(arr) { if (Array.isArray(arr)) return arr; }

function asyncGeneratorStep(gen, resolve, reject, _next, _throw, key, arg) { try { var info = gen[key](arg); var value = info.value; } catch (error) { reject(error); return; } if (info.done) { resolve(value); } else { Promise.resolve(value).then(_next, _throw); } }

function _asyncToGenerator(fn) { return function () { var self = this, args = arguments; return new Promise(function (resolve, reject) { var gen = fn.apply(self, args); function _next(value) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "next", value); } function _throw(err) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "throw", err); } _next(undefined); }); }; }

var Bottleneck,
    DEFAULT_PRIORITY,
    Events,
    Job,
    LocalDatastore,
    NUM_PRIORITIES,
    Queues,
    RedisDatastore,
    States,
    Sync,
    parser,
    splice = [].splice;
NUM_PRIORITIES = 10;
DEFAULT_PRIORITY = 5;
parser = __nccwpck_require__(29700);
Queues = __nccwpck_require__(91363);
Job = __nccwpck_require__(42448);
LocalDatastore = __nccwpck_require__(37099);
RedisDatastore = __nccwpck_require__(41827);
Events = __nccwpck_require__(31914);
States = __nccwpck_require__(5685);
Sync = __nccwpck_require__(39216);

Bottleneck = function () {
  class Bottleneck {
    constructor(options = {}, ...invalid) {
      var storeInstanceOptions, storeOptions;
      this._addToQueue = this._addToQueue.bind(this);

      this._validateOptions(options, invalid);

      parser.load(options, this.instanceDefaults, this);
      this._queues = new Queues(NUM_PRIORITIES);
      this._scheduled = {};
      this._states = new States(["RECEIVED", "QUEUED", "RUNNING", "EXECUTING"].concat(this.trackDoneStatus ? ["DONE"] : []));
      this._limiter = null;
      this.Events = new Events(this);
      this._submitLock = new Sync("submit", this.Promise);
      this._registerLock = new Sync("register", this.Promise);
      storeOptions = parser.load(options, this.storeDefaults, {});

      this._store = function () {
        if (this.datastore === "redis" || this.datastore === "ioredis" || this.connection != null) {
          storeInstanceOptions = parser.load(options, this.redisStoreDefaults, {});
          return new RedisDatastore(this, storeOptions, storeInstanceOptions);
        } else if (this.datastore === "local") {
          storeInstanceOptions = parser.load(options, this.localStoreDefaults, {});
          return new LocalDatastore(this, storeOptions, storeInstanceOptions);
        } else {
          throw new Bottleneck.prototype.BottleneckError(`Invalid datastore type: ${this.datastore}`);
        }
      }.call(this);

      this._queues.on("leftzero", () => {
        var ref;
        return (ref = this._store.heartbeat) != null ? typeof ref.ref === "function" ? ref.ref() : void 0 : void 0;
      });

      this._queues.on("zero", () => {
        var ref;
        return (ref = this._store.heartbeat) != null ? typeof ref.unref === "function" ? ref.unref() : void 0 : void 0;
      });
    }

    _validateOptions(options, invalid) {
      if (!(options != null && typeof options === "object" && invalid.length === 0)) {
        throw new Bottleneck.prototype.BottleneckError("Bottleneck v2 takes a single object argument. Refer to https://github.com/SGrondin/bottleneck#upgrading-to-v2 if you're upgrading from Bottleneck v1.");
      }
    }

    ready() {
      return this._store.ready;
    }

    clients() {
      return this._store.clients;
    }

    channel() {
      return `b_${this.id}`;
    }

    channel_client() {
      return `b_${this.id}_${this._store.clientId}`;
    }

    publish(message) {
      return this._store.__publish__(message);
    }

    disconnect(flush = true) {
      return this._store.__disconnect__(flush);
    }

    chain(_limiter) {
      this._limiter = _limiter;
      return this;
    }

    queued(priority) {
      return this._queues.queued(priority);
    }

    clusterQueued() {
      return this._store.__queued__();
    }

    empty() {
      return this.queued() === 0 && this._submitLock.isEmpty();
    }

    running() {
      return this._store.__running__();
    }

    done() {
      return this._store.__done__();
    }

    jobStatus(id) {
      return this._states.jobStatus(id);
    }

    jobs(status) {
      return this._states.statusJobs(status);
    }

    counts() {
      return this._states.statusCounts();
    }

    _randomIndex() {
      return Math.random().toString(36).slice(2);
    }

    check(weight = 1) {
      return this._store.__check__(weight);
    }

    _clearGlobalState(index) {
      if (this._scheduled[index] != null) {
        clearTimeout(this._scheduled[index].expiration);
        delete this._scheduled[index];
        return true;
      } else {
        return false;
      }
    }

    _free(index, job, options, eventInfo) {
      var _this = this;

      return _asyncToGenerator(function* () {
        var e, running;

        try {
          var _ref = yield _this._store.__free__(index, options.weight);

          running = _ref.running;

          _this.Events.trigger("debug", `Freed ${options.id}`, eventInfo);

          if (running === 0 && _this.empty()) {
            return _this.Events.trigger("idle");
          }
        } catch (error1) {
          e = error1;
          return _this.Events.trigger("error", e);
        }
      })();
    }

    _run(index, job, wait) {
      var clearGlobalState, free, run;
      job.doRun();
      clearGlobalState = this._clearGlobalState.bind(this, index);
      run = this._run.bind(this, index, job);
      free = this._free.bind(this, index, job);
      return this._scheduled[index] = {
        timeout: setTimeout(() => {
          return job.doExecute(this._limiter, clearGlobalState, run, free);
        }, wait),
        expiration: job.options.expiration != null ? setTimeout(function () {
          return job.doExpire(clearGlobalState, run, free);
        }, wait + job.options.expiration) : void 0,
        job: job
      };
    }

    _drainOne(capacity) {
      return this._registerLock.schedule(() => {
        var args, index, next, options, queue;

        if (this.queued() === 0) {
          return this.Promise.resolve(null);
        }

        queue = this._queues.getFirst();

        var _next2 = next = queue.first();

        options = _next2.options;
        args = _next2.args;

        if (capacity != null && options.weight > capacity) {
          return this.Promise.resolve(null);
        }

        this.Events.trigger("debug", `Draining ${options.id}`, {
          args,
          options
        });
        index = this._randomIndex();
        return this._store.__register__(index, options.weight, options.expiration).then(({
          success,
          wait,
          reservoir
        }) => {
          var empty;
          this.Events.trigger("debug", `Drained ${options.id}`, {
            success,
            args,
            options
          });

          if (success) {
            queue.shift();
            empty = this.empty();

            if (empty) {
              this.Events.trigger("empty");
            }

            if (reservoir === 0) {
              this.Events.trigger("depleted", empty);
            }

            this._run(index, next, wait);

            return this.Promise.resolve(options.weight);
          } else {
            return this.Promise.resolve(null);
          }
        });
      });
    }

    _drainAll(capacity, total = 0) {
      return this._drainOne(capacity).then(drained => {
        var newCapacity;

        if (drained != null) {
          newCapacity = capacity != null ? capacity - drained : capacity;
          return this._drainAll(newCapacity, total + drained);
        } else {
          return this.Promise.resolve(total);
        }
      }).catch(e => {
        return this.Events.trigger("error", e);
      });
    }

    _dropAllQueued(message) {
      return this._queues.shiftAll(function (job) {
        return job.doDrop({
          message
        });
      });
    }

    stop(options = {}) {
      var done, waitForExecuting;
      options = parser.load(options, this.stopDefaults);

      waitForExecuting = at => {
        var finished;

        finished = () => {
          var counts;
          counts = this._states.counts;
          return counts[0] + counts[1] + counts[2] + counts[3] === at;
        };

        return new this.Promise((resolve, reject) => {
          if (finished()) {
            return resolve();
          } else {
            return this.on("done", () => {
              if (finished()) {
                this.removeAllListeners("done");
                return resolve();
              }
            });
          }
        });
      };

      done = options.dropWaitingJobs ? (this._run = function (index, next) {
        return next.doDrop({
          message: options.dropErrorMessage
        });
      }, this._drainOne = () => {
        return this.Promise.resolve(null);
      }, this._registerLock.schedule(() => {
        return this._submitLock.schedule(() => {
          var k, ref, v;
          ref = this._scheduled;

          for (k in ref) {
            v = ref[k];

            if (this.jobStatus(v.job.options.id) === "RUNNING") {
              clearTimeout(v.timeout);
              clearTimeout(v.expiration);
              v.job.doDrop({
                message: options.dropErrorMessage
              });
            }
          }

          this._dropAllQueued(options.dropErrorMessage);

          return waitForExecuting(0);
        });
      })) : this.schedule({
        priority: NUM_PRIORITIES - 1,
        weight: 0
      }, () => {
        return waitForExecuting(1);
      });

      this._receive = function (job) {
        return job._reject(new Bottleneck.prototype.BottleneckError(options.enqueueErrorMessage));
      };

      this.stop = () => {
        return this.Promise.reject(new Bottleneck.prototype.BottleneckError("stop() has already been called"));
      };

      return done;
    }

    _addToQueue(job) {
      var _this2 = this;

      return _asyncToGenerator(function* () {
        var args, blocked, error, options, reachedHWM, shifted, strategy;
        args = job.args;
        options = job.options;

        try {
          var _ref2 = yield _this2._store.__submit__(_this2.queued(), options.weight);

          reachedHWM = _ref2.reachedHWM;
          blocked = _ref2.blocked;
          strategy = _ref2.strategy;
        } catch (error1) {
          error = error1;

          _this2.Events.trigger("debug", `Could not queue ${options.id}`, {
            args,
            options,
            error
          });

          job.doDrop({
            error
          });
          return false;
        }

        if (blocked) {
          job.doDrop();
          return true;
        } else if (reachedHWM) {
          shifted = strategy === Bottleneck.prototype.strategy.LEAK ? _this2._queues.shiftLastFrom(options.priority) : strategy === Bottleneck.prototype.strategy.OVERFLOW_PRIORITY ? _this2._queues.shiftLastFrom(options.priority + 1) : strategy === Bottleneck.prototype.strategy.OVERFLOW ? job : void 0;

          if (shifted != null) {
            shifted.doDrop();
          }

          if (shifted == null || strategy === Bottleneck.prototype.strategy.OVERFLOW) {
            if (shifted == null) {
              job.doDrop();
            }

            return reachedHWM;
          }
        }

        job.doQueue(reachedHWM, blocked);

        _this2._queues.push(job);

        yield _this2._drainAll();
        return reachedHWM;
      })();
    }

    _receive(job) {
      if (this._states.jobStatus(job.options.id) != null) {
        job._reject(new Bottleneck.prototype.BottleneckError(`A job with the same id already exists (id=${job.options.id})`));

        return false;
      } else {
        job.doReceive();
        return this._submitLock.schedule(this._addToQueue, job);
      }
    }

    submit(...args) {
      var cb, fn, job, options, ref, ref1, task;

      if (typeof args[0] === "function") {
        var _ref3, _ref4, _splice$call, _splice$call2;

        ref = args, (_ref3 = ref, _ref4 = _toArray(_ref3), fn = _ref4[0], args = _ref4.slice(1), _ref3), (_splice$call = splice.call(args, -1), _splice$call2 = _slicedToArray(_splice$call, 1), cb = _splice$call2[0], _splice$call);
        options = parser.load({}, this.jobDefaults);
      } else {
        var _ref5, _ref6, _splice$call3, _splice$call4;

        ref1 = args, (_ref5 = ref1, _ref6 = _toArray(_ref5), options = _ref6[0], fn = _ref6[1], args = _ref6.slice(2), _ref5), (_splice$call3 = splice.call(args, -1), _splice$call4 = _slicedToArray(_splice$call3, 1), cb = _splice$call4[0], _splice$call3);
        options = parser.load(options, this.jobDefaults);
      }

      task = (...args) => {
        return new this.Promise(function (resolve, reject) {
          return fn(...args, function (...args) {
            return (args[0] != null ? reject : resolve)(args);
          });
        });
      };

      job = new Job(task, args, options, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
      job.promise.then(function (args) {
        return typeof cb === "function" ? cb(...args) : void 0;
      }).catch(function (args) {
        if (Array.isArray(args)) {
          return typeof cb === "function" ? cb(...args) : void 0;
        } else {
          return typeof cb === "function" ? cb(args) : void 0;
        }
      });
      return this._receive(job);
    }

    schedule(...args) {
      var job, options, task;

      if (typeof args[0] === "function") {
        var _args = args;

        var _args2 = _toArray(_args);

        task = _args2[0];
        args = _args2.slice(1);
        options = {};
      } else {
        var _args3 = args;

        var _args4 = _toArray(_args3);

        options = _args4[0];
        task = _args4[1];
        args = _args4.slice(2);
      }

      job = new Job(task, args, options, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);

      this._receive(job);

      return job.promise;
    }

    wrap(fn) {
      var schedule, wrapped;
      schedule = this.schedule.bind(this);

      wrapped = function wrapped(...args) {
        return schedule(fn.bind(this), ...args);
      };

      wrapped.withOptions = function (options, ...args) {
        return schedule(options, fn, ...args);
      };

      return wrapped;
    }

    updateSettings(options = {}) {
      var _this3 = this;

      return _asyncToGenerator(function* () {
        yield _this3._store.__updateSettings__(parser.overwrite(options, _this3.storeDefaults));
        parser.overwrite(options, _this3.instanceDefaults, _this3);
        return _this3;
      })();
    }

    currentReservoir() {
      return this._store.__currentReservoir__();
    }

    incrementReservoir(incr = 0) {
      return this._store.__incrementReservoir__(incr);
    }

  }

  ;
  Bottleneck.default = Bottleneck;
  Bottleneck.Events = Events;
  Bottleneck.version = Bottleneck.prototype.version = (__nccwpck_require__(88349)/* .version */ .r);
  Bottleneck.strategy = Bottleneck.prototype.strategy = {
    LEAK: 1,
    OVERFLOW: 2,
    OVERFLOW_PRIORITY: 4,
    BLOCK: 3
  };
  Bottleneck.BottleneckError = Bottleneck.prototype.BottleneckError = __nccwpck_require__(72360);
  Bottleneck.Group = Bottleneck.prototype.Group = __nccwpck_require__(49216);
  Bottleneck.RedisConnection = Bottleneck.prototype.RedisConnection = __nccwpck_require__(91400);
  Bottleneck.IORedisConnection = Bottleneck.prototype.IORedisConnection = __nccwpck_require__(58468);
  Bottleneck.Batcher = Bottleneck.prototype.Batcher = __nccwpck_require__(78812);
  Bottleneck.prototype.jobDefaults = {
    priority: DEFAULT_PRIORITY,
    weight: 1,
    expiration: null,
    id: "<no-id>"
  };
  Bottleneck.prototype.storeDefaults = {
    maxConcurrent: null,
    minTime: 0,
    highWater: null,
    strategy: Bottleneck.prototype.strategy.LEAK,
    penalty: null,
    reservoir: null,
    reservoirRefreshInterval: null,
    reservoirRefreshAmount: null,
    reservoirIncreaseInterval: null,
    reservoirIncreaseAmount: null,
    reservoirIncreaseMaximum: null
  };
  Bottleneck.prototype.localStoreDefaults = {
    Promise: Promise,
    timeout: null,
    heartbeatInterval: 250
  };
  Bottleneck.prototype.redisStoreDefaults = {
    Promise: Promise,
    timeout: null,
    heartbeatInterval: 5000,
    clientTimeout: 10000,
    Redis: null,
    clientOptions: {},
    clusterNodes: null,
    clearDatastore: false,
    connection: null
  };
  Bottleneck.prototype.instanceDefaults = {
    datastore: "local",
    connection: null,
    id: "<no-id>",
    rejectOnDrop: true,
    trackDoneStatus: false,
    Promise: Promise
  };
  Bottleneck.prototype.stopDefaults = {
    enqueueErrorMessage: "This limiter has been stopped and cannot accept new jobs.",
    dropWaitingJobs: true,
    dropErrorMessage: "This limiter has been stopped."
  };
  return Bottleneck;
}.call(void 0);

module.exports = Bottleneck;

/***/ }),

/***/ 72360:
/***/ ((module) => {



var BottleneckError;
BottleneckError = class BottleneckError extends Error {};
module.exports = BottleneckError;

/***/ }),

/***/ 55327:
/***/ ((module) => {



var DLList;
DLList = class DLList {
  constructor(incr, decr) {
    this.incr = incr;
    this.decr = decr;
    this._first = null;
    this._last = null;
    this.length = 0;
  }

  push(value) {
    var node;
    this.length++;

    if (typeof this.incr === "function") {
      this.incr();
    }

    node = {
      value,
      prev: this._last,
      next: null
    };

    if (this._last != null) {
      this._last.next = node;
      this._last = node;
    } else {
      this._first = this._last = node;
    }

    return void 0;
  }

  shift() {
    var value;

    if (this._first == null) {
      return;
    } else {
      this.length--;

      if (typeof this.decr === "function") {
        this.decr();
      }
    }

    value = this._first.value;

    if ((this._first = this._first.next) != null) {
      this._first.prev = null;
    } else {
      this._last = null;
    }

    return value;
  }

  first() {
    if (this._first != null) {
      return this._first.value;
    }
  }

  getArray() {
    var node, ref, results;
    node = this._first;
    results = [];

    while (node != null) {
      results.push((ref = node, node = node.next, ref.value));
    }

    return results;
  }

  forEachShift(cb) {
    var node;
    node = this.shift();

    while (node != null) {
      cb(node), node = this.shift();
    }

    return void 0;
  }

  debug() {
    var node, ref, ref1, ref2, results;
    node = this._first;
    results = [];

    while (node != null) {
      results.push((ref = node, node = node.next, {
        value: ref.value,
        prev: (ref1 = ref.prev) != null ? ref1.value : void 0,
        next: (ref2 = ref.next) != null ? ref2.value : void 0
      }));
    }

    return results;
  }

};
module.exports = DLList;

/***/ }),

/***/ 31914:
/***/ ((module) => {



function asyncGeneratorStep(gen, resolve, reject, _next, _throw, key, arg) { try { var info = gen[key](arg); var value = info.value; } catch (error) { reject(error); return; } if (info.done) { resolve(value); } else { Promise.resolve(value).then(_next, _throw); } }

function _asyncToGenerator(fn) { return function () { var self = this, args = arguments; return new Promise(function (resolve, reject) { var gen = fn.apply(self, args); function _next(value) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "next", value); } function _throw(err) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "throw", err); } _next(undefined); }); }; }

var Events;
Events = class Events {
  constructor(instance) {
    this.instance = instance;
    this._events = {};

    if (this.instance.on != null || this.instance.once != null || this.instance.removeAllListeners != null) {
      throw new Error("An Emitter already exists for this object");
    }

    this.instance.on = (name, cb) => {
      return this._addListener(name, "many", cb);
    };

    this.instance.once = (name, cb) => {
      return this._addListener(name, "once", cb);
    };

    this.instance.removeAllListeners = (name = null) => {
      if (name != null) {
        return delete this._events[name];
      } else {
        return this._events = {};
      }
    };
  }

  _addListener(name, status, cb) {
    var base;

    if ((base = this._events)[name] == null) {
      base[name] = [];
    }

    this._events[name].push({
      cb,
      status
    });

    return this.instance;
  }

  listenerCount(name) {
    if (this._events[name] != null) {
      return this._events[name].length;
    } else {
      return 0;
    }
  }

  trigger(name, ...args) {
    var _this = this;

    return _asyncToGenerator(function* () {
      var e, promises;

      try {
        if (name !== "debug") {
          _this.trigger("debug", `Event triggered: ${name}`, args);
        }

        if (_this._events[name] == null) {
          return;
        }

        _this._events[name] = _this._events[name].filter(function (listener) {
          return listener.status !== "none";
        });
        promises = _this._events[name].map(
        /*#__PURE__*/
        function () {
          var _ref = _asyncToGenerator(function* (listener) {
            var e, returned;

            if (listener.status === "none") {
              return;
            }

            if (listener.status === "once") {
              listener.status = "none";
            }

            try {
              returned = typeof listener.cb === "function" ? listener.cb(...args) : void 0;

              if (typeof (returned != null ? returned.then : void 0) === "function") {
                return yield returned;
              } else {
                return returned;
              }
            } catch (error) {
              e = error;

              if (true) {
                _this.trigger("error", e);
              }

              return null;
            }
          });

          return function (_x) {
            return _ref.apply(this, arguments);
          };
        }());
        return (yield Promise.all(promises)).find(function (x) {
          return x != null;
        });
      } catch (error) {
        e = error;

        if (true) {
          _this.trigger("error", e);
        }

        return null;
      }
    })();
  }

};
module.exports = Events;

/***/ }),

/***/ 49216:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



function _slicedToArray(arr, i) { return _arrayWithHoles(arr) || _iterableToArrayLimit(arr, i) || _nonIterableRest(); }

function _nonIterableRest() { throw new TypeError("Invalid attempt to destructure non-iterable instance"); }

function _iterableToArrayLimit(arr, i) { var _arr = []; var _n = true; var _d = false; var _e = undefined; try { for (var _i = arr[Symbol.iterator](), _s; !(_n = (_s = _i.next()).done); _n = true) { _arr.push(_s.value); if (i && _arr.length === i) break; } } catch (err) { _d = true; _e = err; } finally { try { if (!_n && _i["return"] != null) _i["return"](); } finally { if (_d) throw _e; } } return _arr; }

function _arrayWithHoles(arr) { if (Array.isArray(arr)) return arr; }

function asyncGeneratorStep(gen, resolve, reject, _next, _throw, key, arg) { try { var info = gen[key](arg); var value = info.value; } catch (error) { reject(error); return; } if (info.done) { resolve(value); } else { Promise.resolve(value).then(_next, _throw); } }

function _asyncToGenerator(fn) { return function () { var self = this, args = arguments; return new Promise(function (resolve, reject) { var gen = fn.apply(self, args); function _next(value) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "next", value); } function _throw(err) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "throw", err); } _next(undefined); }); }; }

var Events, Group, IORedisConnection, RedisConnection, Scripts, parser;
parser = __nccwpck_require__(29700);
Events = __nccwpck_require__(31914);
RedisConnection = __nccwpck_require__(91400);
IORedisConnection = __nccwpck_require__(58468);
Scripts = __nccwpck_require__(71479);

Group = function () {
  class Group {
    constructor(limiterOptions = {}) {
      this.deleteKey = this.deleteKey.bind(this);
      this.limiterOptions = limiterOptions;
      parser.load(this.limiterOptions, this.defaults, this);
      this.Events = new Events(this);
      this.instances = {};
      this.Bottleneck = __nccwpck_require__(68760);

      this._startAutoCleanup();

      this.sharedConnection = this.connection != null;

      if (this.connection == null) {
        if (this.limiterOptions.datastore === "redis") {
          this.connection = new RedisConnection(Object.assign({}, this.limiterOptions, {
            Events: this.Events
          }));
        } else if (this.limiterOptions.datastore === "ioredis") {
          this.connection = new IORedisConnection(Object.assign({}, this.limiterOptions, {
            Events: this.Events
          }));
        }
      }
    }

    key(key = "") {
      var ref;
      return (ref = this.instances[key]) != null ? ref : (() => {
        var limiter;
        limiter = this.instances[key] = new this.Bottleneck(Object.assign(this.limiterOptions, {
          id: `${this.id}-${key}`,
          timeout: this.timeout,
          connection: this.connection
        }));
        this.Events.trigger("created", limiter, key);
        return limiter;
      })();
    }

    deleteKey(key = "") {
      var _this = this;

      return _asyncToGenerator(function* () {
        var deleted, instance;
        instance = _this.instances[key];

        if (_this.connection) {
          deleted = yield _this.connection.__runCommand__(['del', ...Scripts.allKeys(`${_this.id}-${key}`)]);
        }

        if (instance != null) {
          delete _this.instances[key];
          yield instance.disconnect();
        }

        return instance != null || deleted > 0;
      })();
    }

    limiters() {
      var k, ref, results, v;
      ref = this.instances;
      results = [];

      for (k in ref) {
        v = ref[k];
        results.push({
          key: k,
          limiter: v
        });
      }

      return results;
    }

    keys() {
      return Object.keys(this.instances);
    }

    clusterKeys() {
      var _this2 = this;

      return _asyncToGenerator(function* () {
        var cursor, end, found, i, k, keys, len, next, start;

        if (_this2.connection == null) {
          return _this2.Promise.resolve(_this2.keys());
        }

        keys = [];
        cursor = null;
        start = `b_${_this2.id}-`.length;
        end = "_settings".length;

        while (cursor !== 0) {
          var _ref = yield _this2.connection.__runCommand__(["scan", cursor != null ? cursor : 0, "match", `b_${_this2.id}-*_settings`, "count", 10000]);

          var _ref2 = _slicedToArray(_ref, 2);

          next = _ref2[0];
          found = _ref2[1];
          cursor = ~~next;

          for (i = 0, len = found.length; i < len; i++) {
            k = found[i];
            keys.push(k.slice(start, -end));
          }
        }

        return keys;
      })();
    }

    _startAutoCleanup() {
      var _this3 = this;

      var base;
      clearInterval(this.interval);
      return typeof (base = this.interval = setInterval(
      /*#__PURE__*/
      _asyncToGenerator(function* () {
        var e, k, ref, results, time, v;
        time = Date.now();
        ref = _this3.instances;
        results = [];

        for (k in ref) {
          v = ref[k];

          try {
            if (yield v._store.__groupCheck__(time)) {
              results.push(_this3.deleteKey(k));
            } else {
              results.push(void 0);
            }
          } catch (error) {
            e = error;
            results.push(v.Events.trigger("error", e));
          }
        }

        return results;
      }), this.timeout / 2)).unref === "function" ? base.unref() : void 0;
    }

    updateSettings(options = {}) {
      parser.overwrite(options, this.defaults, this);
      parser.overwrite(options, options, this.limiterOptions);

      if (options.timeout != null) {
        return this._startAutoCleanup();
      }
    }

    disconnect(flush = true) {
      var ref;

      if (!this.sharedConnection) {
        return (ref = this.connection) != null ? ref.disconnect(flush) : void 0;
      }
    }

  }

  ;
  Group.prototype.defaults = {
    timeout: 1000 * 60 * 5,
    connection: null,
    Promise: Promise,
    id: "group-key"
  };
  return Group;
}.call(void 0);

module.exports = Group;

/***/ }),

/***/ 58468:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



function _slicedToArray(arr, i) { return _arrayWithHoles(arr) || _iterableToArrayLimit(arr, i) || _nonIterableRest(); }

function _nonIterableRest() { throw new TypeError("Invalid attempt to destructure non-iterable instance"); }

function _iterableToArrayLimit(arr, i) { var _arr = []; var _n = true; var _d = false; var _e = undefined; try { for (var _i = arr[Symbol.iterator](), _s; !(_n = (_s = _i.next()).done); _n = true) { _arr.push(_s.value); if (i && _arr.length === i) break; } } catch (err) { _d = true; _e = err; } finally { try { if (!_n && _i["return"] != null) _i["return"](); } finally { if (_d) throw _e; } } return _arr; }

function _arrayWithHoles(arr) { if (Array.isArray(arr)) return arr; }

function asyncGeneratorStep(gen, resolve, reject, _next, _throw, key, arg) { try { var info = gen[key](arg); var value = info.value; } catch (error) { reject(error); return; } if (info.done) { resolve(value); } else { Promise.resolve(value).then(_next, _throw); } }

function _asyncToGenerator(fn) { return function () { var self = this, args = arguments; return new Promise(function (resolve, reject) { var gen = fn.apply(self, args); function _next(value) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "next", value); } function _throw(err) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "throw", err); } _next(undefined); }); }; }

var Events, IORedisConnection, Scripts, parser;
parser = __nccwpck_require__(29700);
Events = __nccwpck_require__(31914);
Scripts = __nccwpck_require__(71479);

IORedisConnection = function () {
  class IORedisConnection {
    constructor(options = {}) {
      parser.load(options, this.defaults, this);

      if (this.Redis == null) {
        this.Redis = eval("require")("ioredis"); // Obfuscated or else Webpack/Angular will try to inline the optional ioredis module. To override this behavior: pass the ioredis module to Bottleneck as the 'Redis' option.
      }

      if (this.Events == null) {
        this.Events = new Events(this);
      }

      this.terminated = false;

      if (this.clusterNodes != null) {
        this.client = new this.Redis.Cluster(this.clusterNodes, this.clientOptions);
        this.subscriber = new this.Redis.Cluster(this.clusterNodes, this.clientOptions);
      } else if (this.client != null && this.client.duplicate == null) {
        this.subscriber = new this.Redis.Cluster(this.client.startupNodes, this.client.options);
      } else {
        if (this.client == null) {
          this.client = new this.Redis(this.clientOptions);
        }

        this.subscriber = this.client.duplicate();
      }

      this.limiters = {};
      this.ready = this.Promise.all([this._setup(this.client, false), this._setup(this.subscriber, true)]).then(() => {
        this._loadScripts();

        return {
          client: this.client,
          subscriber: this.subscriber
        };
      });
    }

    _setup(client, sub) {
      client.setMaxListeners(0);
      return new this.Promise((resolve, reject) => {
        client.on("error", e => {
          return this.Events.trigger("error", e);
        });

        if (sub) {
          client.on("message", (channel, message) => {
            var ref;
            return (ref = this.limiters[channel]) != null ? ref._store.onMessage(channel, message) : void 0;
          });
        }

        if (client.status === "ready") {
          return resolve();
        } else {
          return client.once("ready", resolve);
        }
      });
    }

    _loadScripts() {
      return Scripts.names.forEach(name => {
        return this.client.defineCommand(name, {
          lua: Scripts.payload(name)
        });
      });
    }

    __runCommand__(cmd) {
      var _this = this;

      return _asyncToGenerator(function* () {
        var _, deleted;

        yield _this.ready;

        var _ref = yield _this.client.pipeline([cmd]).exec();

        var _ref2 = _slicedToArray(_ref, 1);

        var _ref2$ = _slicedToArray(_ref2[0], 2);

        _ = _ref2$[0];
        deleted = _ref2$[1];
        return deleted;
      })();
    }

    __addLimiter__(instance) {
      return this.Promise.all([instance.channel(), instance.channel_client()].map(channel => {
        return new this.Promise((resolve, reject) => {
          return this.subscriber.subscribe(channel, () => {
            this.limiters[channel] = instance;
            return resolve();
          });
        });
      }));
    }

    __removeLimiter__(instance) {
      var _this2 = this;

      return [instance.channel(), instance.channel_client()].forEach(
      /*#__PURE__*/
      function () {
        var _ref3 = _asyncToGenerator(function* (channel) {
          if (!_this2.terminated) {
            yield _this2.subscriber.unsubscribe(channel);
          }

          return delete _this2.limiters[channel];
        });

        return function (_x) {
          return _ref3.apply(this, arguments);
        };
      }());
    }

    __scriptArgs__(name, id, args, cb) {
      var keys;
      keys = Scripts.keys(name, id);
      return [keys.length].concat(keys, args, cb);
    }

    __scriptFn__(name) {
      return this.client[name].bind(this.client);
    }

    disconnect(flush = true) {
      var i, k, len, ref;
      ref = Object.keys(this.limiters);

      for (i = 0, len = ref.length; i < len; i++) {
        k = ref[i];
        clearInterval(this.limiters[k]._store.heartbeat);
      }

      this.limiters = {};
      this.terminated = true;

      if (flush) {
        return this.Promise.all([this.client.quit(), this.subscriber.quit()]);
      } else {
        this.client.disconnect();
        this.subscriber.disconnect();
        return this.Promise.resolve();
      }
    }

  }

  ;
  IORedisConnection.prototype.datastore = "ioredis";
  IORedisConnection.prototype.defaults = {
    Redis: null,
    clientOptions: {},
    clusterNodes: null,
    client: null,
    Promise: Promise,
    Events: null
  };
  return IORedisConnection;
}.call(void 0);

module.exports = IORedisConnection;

/***/ }),

/***/ 42448:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



function asyncGeneratorStep(gen, resolve, reject, _next, _throw, key, arg) { try { var info = gen[key](arg); var value = info.value; } catch (error) { reject(error); return; } if (info.done) { resolve(value); } else { Promise.resolve(value).then(_next, _throw); } }

function _asyncToGenerator(fn) { return function () { var self = this, args = arguments; return new Promise(function (resolve, reject) { var gen = fn.apply(self, args); function _next(value) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "next", value); } function _throw(err) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "throw", err); } _next(undefined); }); }; }

var BottleneckError, DEFAULT_PRIORITY, Job, NUM_PRIORITIES, parser;
NUM_PRIORITIES = 10;
DEFAULT_PRIORITY = 5;
parser = __nccwpck_require__(29700);
BottleneckError = __nccwpck_require__(72360);
Job = class Job {
  constructor(task, args, options, jobDefaults, rejectOnDrop, Events, _states, Promise) {
    this.task = task;
    this.args = args;
    this.rejectOnDrop = rejectOnDrop;
    this.Events = Events;
    this._states = _states;
    this.Promise = Promise;
    this.options = parser.load(options, jobDefaults);
    this.options.priority = this._sanitizePriority(this.options.priority);

    if (this.options.id === jobDefaults.id) {
      this.options.id = `${this.options.id}-${this._randomIndex()}`;
    }

    this.promise = new this.Promise((_resolve, _reject) => {
      this._resolve = _resolve;
      this._reject = _reject;
    });
    this.retryCount = 0;
  }

  _sanitizePriority(priority) {
    var sProperty;
    sProperty = ~~priority !== priority ? DEFAULT_PRIORITY : priority;

    if (sProperty < 0) {
      return 0;
    } else if (sProperty > NUM_PRIORITIES - 1) {
      return NUM_PRIORITIES - 1;
    } else {
      return sProperty;
    }
  }

  _randomIndex() {
    return Math.random().toString(36).slice(2);
  }

  doDrop({
    error,
    message = "This job has been dropped by Bottleneck"
  } = {}) {
    if (this._states.remove(this.options.id)) {
      if (this.rejectOnDrop) {
        this._reject(error != null ? error : new BottleneckError(message));
      }

      this.Events.trigger("dropped", {
        args: this.args,
        options: this.options,
        task: this.task,
        promise: this.promise
      });
      return true;
    } else {
      return false;
    }
  }

  _assertStatus(expected) {
    var status;
    status = this._states.jobStatus(this.options.id);

    if (!(status === expected || expected === "DONE" && status === null)) {
      throw new BottleneckError(`Invalid job status ${status}, expected ${expected}. Please open an issue at https://github.com/SGrondin/bottleneck/issues`);
    }
  }

  doReceive() {
    this._states.start(this.options.id);

    return this.Events.trigger("received", {
      args: this.args,
      options: this.options
    });
  }

  doQueue(reachedHWM, blocked) {
    this._assertStatus("RECEIVED");

    this._states.next(this.options.id);

    return this.Events.trigger("queued", {
      args: this.args,
      options: this.options,
      reachedHWM,
      blocked
    });
  }

  doRun() {
    if (this.retryCount === 0) {
      this._assertStatus("QUEUED");

      this._states.next(this.options.id);
    } else {
      this._assertStatus("EXECUTING");
    }

    return this.Events.trigger("scheduled", {
      args: this.args,
      options: this.options
    });
  }

  doExecute(chained, clearGlobalState, run, free) {
    var _this = this;

    return _asyncToGenerator(function* () {
      var error, eventInfo, passed;

      if (_this.retryCount === 0) {
        _this._assertStatus("RUNNING");

        _this._states.next(_this.options.id);
      } else {
        _this._assertStatus("EXECUTING");
      }

      eventInfo = {
        args: _this.args,
        options: _this.options,
        retryCount: _this.retryCount
      };

      _this.Events.trigger("executing", eventInfo);

      try {
        passed = yield chained != null ? chained.schedule(_this.options, _this.task, ..._this.args) : _this.task(..._this.args);

        if (clearGlobalState()) {
          _this.doDone(eventInfo);

          yield free(_this.options, eventInfo);

          _this._assertStatus("DONE");

          return _this._resolve(passed);
        }
      } catch (error1) {
        error = error1;
        return _this._onFailure(error, eventInfo, clearGlobalState, run, free);
      }
    })();
  }

  doExpire(clearGlobalState, run, free) {
    var error, eventInfo;

    if (this._states.jobStatus(this.options.id === "RUNNING")) {
      this._states.next(this.options.id);
    }

    this._assertStatus("EXECUTING");

    eventInfo = {
      args: this.args,
      options: this.options,
      retryCount: this.retryCount
    };
    error = new BottleneckError(`This job timed out after ${this.options.expiration} ms.`);
    return this._onFailure(error, eventInfo, clearGlobalState, run, free);
  }

  _onFailure(error, eventInfo, clearGlobalState, run, free) {
    var _this2 = this;

    return _asyncToGenerator(function* () {
      var retry, retryAfter;

      if (clearGlobalState()) {
        retry = yield _this2.Events.trigger("failed", error, eventInfo);

        if (retry != null) {
          retryAfter = ~~retry;

          _this2.Events.trigger("retry", `Retrying ${_this2.options.id} after ${retryAfter} ms`, eventInfo);

          _this2.retryCount++;
          return run(retryAfter);
        } else {
          _this2.doDone(eventInfo);

          yield free(_this2.options, eventInfo);

          _this2._assertStatus("DONE");

          return _this2._reject(error);
        }
      }
    })();
  }

  doDone(eventInfo) {
    this._assertStatus("EXECUTING");

    this._states.next(this.options.id);

    return this.Events.trigger("done", eventInfo);
  }

};
module.exports = Job;

/***/ }),

/***/ 37099:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



function asyncGeneratorStep(gen, resolve, reject, _next, _throw, key, arg) { try { var info = gen[key](arg); var value = info.value; } catch (error) { reject(error); return; } if (info.done) { resolve(value); } else { Promise.resolve(value).then(_next, _throw); } }

function _asyncToGenerator(fn) { return function () { var self = this, args = arguments; return new Promise(function (resolve, reject) { var gen = fn.apply(self, args); function _next(value) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "next", value); } function _throw(err) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "throw", err); } _next(undefined); }); }; }

var BottleneckError, LocalDatastore, parser;
parser = __nccwpck_require__(29700);
BottleneckError = __nccwpck_require__(72360);
LocalDatastore = class LocalDatastore {
  constructor(instance, storeOptions, storeInstanceOptions) {
    this.instance = instance;
    this.storeOptions = storeOptions;
    this.clientId = this.instance._randomIndex();
    parser.load(storeInstanceOptions, storeInstanceOptions, this);
    this._nextRequest = this._lastReservoirRefresh = this._lastReservoirIncrease = Date.now();
    this._running = 0;
    this._done = 0;
    this._unblockTime = 0;
    this.ready = this.Promise.resolve();
    this.clients = {};

    this._startHeartbeat();
  }

  _startHeartbeat() {
    var base;

    if (this.heartbeat == null && (this.storeOptions.reservoirRefreshInterval != null && this.storeOptions.reservoirRefreshAmount != null || this.storeOptions.reservoirIncreaseInterval != null && this.storeOptions.reservoirIncreaseAmount != null)) {
      return typeof (base = this.heartbeat = setInterval(() => {
        var amount, incr, maximum, now, reservoir;
        now = Date.now();

        if (this.storeOptions.reservoirRefreshInterval != null && now >= this._lastReservoirRefresh + this.storeOptions.reservoirRefreshInterval) {
          this._lastReservoirRefresh = now;
          this.storeOptions.reservoir = this.storeOptions.reservoirRefreshAmount;

          this.instance._drainAll(this.computeCapacity());
        }

        if (this.storeOptions.reservoirIncreaseInterval != null && now >= this._lastReservoirIncrease + this.storeOptions.reservoirIncreaseInterval) {
          var _this$storeOptions = this.storeOptions;
          amount = _this$storeOptions.reservoirIncreaseAmount;
          maximum = _this$storeOptions.reservoirIncreaseMaximum;
          reservoir = _this$storeOptions.reservoir;
          this._lastReservoirIncrease = now;
          incr = maximum != null ? Math.min(amount, maximum - reservoir) : amount;

          if (incr > 0) {
            this.storeOptions.reservoir += incr;
            return this.instance._drainAll(this.computeCapacity());
          }
        }
      }, this.heartbeatInterval)).unref === "function" ? base.unref() : void 0;
    } else {
      return clearInterval(this.heartbeat);
    }
  }

  __publish__(message) {
    var _this = this;

    return _asyncToGenerator(function* () {
      yield _this.yieldLoop();
      return _this.instance.Events.trigger("message", message.toString());
    })();
  }

  __disconnect__(flush) {
    var _this2 = this;

    return _asyncToGenerator(function* () {
      yield _this2.yieldLoop();
      clearInterval(_this2.heartbeat);
      return _this2.Promise.resolve();
    })();
  }

  yieldLoop(t = 0) {
    return new this.Promise(function (resolve, reject) {
      return setTimeout(resolve, t);
    });
  }

  computePenalty() {
    var ref;
    return (ref = this.storeOptions.penalty) != null ? ref : 15 * this.storeOptions.minTime || 5000;
  }

  __updateSettings__(options) {
    var _this3 = this;

    return _asyncToGenerator(function* () {
      yield _this3.yieldLoop();
      parser.overwrite(options, options, _this3.storeOptions);

      _this3._startHeartbeat();

      _this3.instance._drainAll(_this3.computeCapacity());

      return true;
    })();
  }

  __running__() {
    var _this4 = this;

    return _asyncToGenerator(function* () {
      yield _this4.yieldLoop();
      return _this4._running;
    })();
  }

  __queued__() {
    var _this5 = this;

    return _asyncToGenerator(function* () {
      yield _this5.yieldLoop();
      return _this5.instance.queued();
    })();
  }

  __done__() {
    var _this6 = this;

    return _asyncToGenerator(function* () {
      yield _this6.yieldLoop();
      return _this6._done;
    })();
  }

  __groupCheck__(time) {
    var _this7 = this;

    return _asyncToGenerator(function* () {
      yield _this7.yieldLoop();
      return _this7._nextRequest + _this7.timeout < time;
    })();
  }

  computeCapacity() {
    var maxConcurrent, reservoir;
    var _this$storeOptions2 = this.storeOptions;
    maxConcurrent = _this$storeOptions2.maxConcurrent;
    reservoir = _this$storeOptions2.reservoir;

    if (maxConcurrent != null && reservoir != null) {
      return Math.min(maxConcurrent - this._running, reservoir);
    } else if (maxConcurrent != null) {
      return maxConcurrent - this._running;
    } else if (reservoir != null) {
      return reservoir;
    } else {
      return null;
    }
  }

  conditionsCheck(weight) {
    var capacity;
    capacity = this.computeCapacity();
    return capacity == null || weight <= capacity;
  }

  __incrementReservoir__(incr) {
    var _this8 = this;

    return _asyncToGenerator(function* () {
      var reservoir;
      yield _this8.yieldLoop();
      reservoir = _this8.storeOptions.reservoir += incr;

      _this8.instance._drainAll(_this8.computeCapacity());

      return reservoir;
    })();
  }

  __currentReservoir__() {
    var _this9 = this;

    return _asyncToGenerator(function* () {
      yield _this9.yieldLoop();
      return _this9.storeOptions.reservoir;
    })();
  }

  isBlocked(now) {
    return this._unblockTime >= now;
  }

  check(weight, now) {
    return this.conditionsCheck(weight) && this._nextRequest - now <= 0;
  }

  __check__(weight) {
    var _this10 = this;

    return _asyncToGenerator(function* () {
      var now;
      yield _this10.yieldLoop();
      now = Date.now();
      return _this10.check(weight, now);
    })();
  }

  __register__(index, weight, expiration) {
    var _this11 = this;

    return _asyncToGenerator(function* () {
      var now, wait;
      yield _this11.yieldLoop();
      now = Date.now();

      if (_this11.conditionsCheck(weight)) {
        _this11._running += weight;

        if (_this11.storeOptions.reservoir != null) {
          _this11.storeOptions.reservoir -= weight;
        }

        wait = Math.max(_this11._nextRequest - now, 0);
        _this11._nextRequest = now + wait + _this11.storeOptions.minTime;
        return {
          success: true,
          wait,
          reservoir: _this11.storeOptions.reservoir
        };
      } else {
        return {
          success: false
        };
      }
    })();
  }

  strategyIsBlock() {
    return this.storeOptions.strategy === 3;
  }

  __submit__(queueLength, weight) {
    var _this12 = this;

    return _asyncToGenerator(function* () {
      var blocked, now, reachedHWM;
      yield _this12.yieldLoop();

      if (_this12.storeOptions.maxConcurrent != null && weight > _this12.storeOptions.maxConcurrent) {
        throw new BottleneckError(`Impossible to add a job having a weight of ${weight} to a limiter having a maxConcurrent setting of ${_this12.storeOptions.maxConcurrent}`);
      }

      now = Date.now();
      reachedHWM = _this12.storeOptions.highWater != null && queueLength === _this12.storeOptions.highWater && !_this12.check(weight, now);
      blocked = _this12.strategyIsBlock() && (reachedHWM || _this12.isBlocked(now));

      if (blocked) {
        _this12._unblockTime = now + _this12.computePenalty();
        _this12._nextRequest = _this12._unblockTime + _this12.storeOptions.minTime;

        _this12.instance._dropAllQueued();
      }

      return {
        reachedHWM,
        blocked,
        strategy: _this12.storeOptions.strategy
      };
    })();
  }

  __free__(index, weight) {
    var _this13 = this;

    return _asyncToGenerator(function* () {
      yield _this13.yieldLoop();
      _this13._running -= weight;
      _this13._done += weight;

      _this13.instance._drainAll(_this13.computeCapacity());

      return {
        running: _this13._running
      };
    })();
  }

};
module.exports = LocalDatastore;

/***/ }),

/***/ 91363:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var DLList, Events, Queues;
DLList = __nccwpck_require__(55327);
Events = __nccwpck_require__(31914);
Queues = class Queues {
  constructor(num_priorities) {
    var i;
    this.Events = new Events(this);
    this._length = 0;

    this._lists = function () {
      var j, ref, results;
      results = [];

      for (i = j = 1, ref = num_priorities; 1 <= ref ? j <= ref : j >= ref; i = 1 <= ref ? ++j : --j) {
        results.push(new DLList(() => {
          return this.incr();
        }, () => {
          return this.decr();
        }));
      }

      return results;
    }.call(this);
  }

  incr() {
    if (this._length++ === 0) {
      return this.Events.trigger("leftzero");
    }
  }

  decr() {
    if (--this._length === 0) {
      return this.Events.trigger("zero");
    }
  }

  push(job) {
    return this._lists[job.options.priority].push(job);
  }

  queued(priority) {
    if (priority != null) {
      return this._lists[priority].length;
    } else {
      return this._length;
    }
  }

  shiftAll(fn) {
    return this._lists.forEach(function (list) {
      return list.forEachShift(fn);
    });
  }

  getFirst(arr = this._lists) {
    var j, len, list;

    for (j = 0, len = arr.length; j < len; j++) {
      list = arr[j];

      if (list.length > 0) {
        return list;
      }
    }

    return [];
  }

  shiftLastFrom(priority) {
    return this.getFirst(this._lists.slice(priority).reverse()).shift();
  }

};
module.exports = Queues;

/***/ }),

/***/ 91400:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



function asyncGeneratorStep(gen, resolve, reject, _next, _throw, key, arg) { try { var info = gen[key](arg); var value = info.value; } catch (error) { reject(error); return; } if (info.done) { resolve(value); } else { Promise.resolve(value).then(_next, _throw); } }

function _asyncToGenerator(fn) { return function () { var self = this, args = arguments; return new Promise(function (resolve, reject) { var gen = fn.apply(self, args); function _next(value) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "next", value); } function _throw(err) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "throw", err); } _next(undefined); }); }; }

var Events, RedisConnection, Scripts, parser;
parser = __nccwpck_require__(29700);
Events = __nccwpck_require__(31914);
Scripts = __nccwpck_require__(71479);

RedisConnection = function () {
  class RedisConnection {
    constructor(options = {}) {
      parser.load(options, this.defaults, this);

      if (this.Redis == null) {
        this.Redis = eval("require")("redis"); // Obfuscated or else Webpack/Angular will try to inline the optional redis module. To override this behavior: pass the redis module to Bottleneck as the 'Redis' option.
      }

      if (this.Events == null) {
        this.Events = new Events(this);
      }

      this.terminated = false;

      if (this.client == null) {
        this.client = this.Redis.createClient(this.clientOptions);
      }

      this.subscriber = this.client.duplicate();
      this.limiters = {};
      this.shas = {};
      this.ready = this.Promise.all([this._setup(this.client, false), this._setup(this.subscriber, true)]).then(() => {
        return this._loadScripts();
      }).then(() => {
        return {
          client: this.client,
          subscriber: this.subscriber
        };
      });
    }

    _setup(client, sub) {
      client.setMaxListeners(0);
      return new this.Promise((resolve, reject) => {
        client.on("error", e => {
          return this.Events.trigger("error", e);
        });

        if (sub) {
          client.on("message", (channel, message) => {
            var ref;
            return (ref = this.limiters[channel]) != null ? ref._store.onMessage(channel, message) : void 0;
          });
        }

        if (client.ready) {
          return resolve();
        } else {
          return client.once("ready", resolve);
        }
      });
    }

    _loadScript(name) {
      return new this.Promise((resolve, reject) => {
        var payload;
        payload = Scripts.payload(name);
        return this.client.multi([["script", "load", payload]]).exec((err, replies) => {
          if (err != null) {
            return reject(err);
          }

          this.shas[name] = replies[0];
          return resolve(replies[0]);
        });
      });
    }

    _loadScripts() {
      return this.Promise.all(Scripts.names.map(k => {
        return this._loadScript(k);
      }));
    }

    __runCommand__(cmd) {
      var _this = this;

      return _asyncToGenerator(function* () {
        yield _this.ready;
        return new _this.Promise((resolve, reject) => {
          return _this.client.multi([cmd]).exec_atomic(function (err, replies) {
            if (err != null) {
              return reject(err);
            } else {
              return resolve(replies[0]);
            }
          });
        });
      })();
    }

    __addLimiter__(instance) {
      return this.Promise.all([instance.channel(), instance.channel_client()].map(channel => {
        return new this.Promise((resolve, reject) => {
          var handler;

          handler = chan => {
            if (chan === channel) {
              this.subscriber.removeListener("subscribe", handler);
              this.limiters[channel] = instance;
              return resolve();
            }
          };

          this.subscriber.on("subscribe", handler);
          return this.subscriber.subscribe(channel);
        });
      }));
    }

    __removeLimiter__(instance) {
      var _this2 = this;

      return this.Promise.all([instance.channel(), instance.channel_client()].map(
      /*#__PURE__*/
      function () {
        var _ref = _asyncToGenerator(function* (channel) {
          if (!_this2.terminated) {
            yield new _this2.Promise((resolve, reject) => {
              return _this2.subscriber.unsubscribe(channel, function (err, chan) {
                if (err != null) {
                  return reject(err);
                }

                if (chan === channel) {
                  return resolve();
                }
              });
            });
          }

          return delete _this2.limiters[channel];
        });

        return function (_x) {
          return _ref.apply(this, arguments);
        };
      }()));
    }

    __scriptArgs__(name, id, args, cb) {
      var keys;
      keys = Scripts.keys(name, id);
      return [this.shas[name], keys.length].concat(keys, args, cb);
    }

    __scriptFn__(name) {
      return this.client.evalsha.bind(this.client);
    }

    disconnect(flush = true) {
      var i, k, len, ref;
      ref = Object.keys(this.limiters);

      for (i = 0, len = ref.length; i < len; i++) {
        k = ref[i];
        clearInterval(this.limiters[k]._store.heartbeat);
      }

      this.limiters = {};
      this.terminated = true;
      this.client.end(flush);
      this.subscriber.end(flush);
      return this.Promise.resolve();
    }

  }

  ;
  RedisConnection.prototype.datastore = "redis";
  RedisConnection.prototype.defaults = {
    Redis: null,
    clientOptions: {},
    client: null,
    Promise: Promise,
    Events: null
  };
  return RedisConnection;
}.call(void 0);

module.exports = RedisConnection;

/***/ }),

/***/ 41827:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



function _slicedToArray(arr, i) { return _arrayWithHoles(arr) || _iterableToArrayLimit(arr, i) || _nonIterableRest(); }

function _nonIterableRest() { throw new TypeError("Invalid attempt to destructure non-iterable instance"); }

function _iterableToArrayLimit(arr, i) { var _arr = []; var _n = true; var _d = false; var _e = undefined; try { for (var _i = arr[Symbol.iterator](), _s; !(_n = (_s = _i.next()).done); _n = true) { _arr.push(_s.value); if (i && _arr.length === i) break; } } catch (err) { _d = true; _e = err; } finally { try { if (!_n && _i["return"] != null) _i["return"](); } finally { if (_d) throw _e; } } return _arr; }

function _arrayWithHoles(arr) { if (Array.isArray(arr)) return arr; }

function asyncGeneratorStep(gen, resolve, reject, _next, _throw, key, arg) { try { var info = gen[key](arg); var value = info.value; } catch (error) { reject(error); return; } if (info.done) { resolve(value); } else { Promise.resolve(value).then(_next, _throw); } }

function _asyncToGenerator(fn) { return function () { var self = this, args = arguments; return new Promise(function (resolve, reject) { var gen = fn.apply(self, args); function _next(value) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "next", value); } function _throw(err) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "throw", err); } _next(undefined); }); }; }

var BottleneckError, IORedisConnection, RedisConnection, RedisDatastore, parser;
parser = __nccwpck_require__(29700);
BottleneckError = __nccwpck_require__(72360);
RedisConnection = __nccwpck_require__(91400);
IORedisConnection = __nccwpck_require__(58468);
RedisDatastore = class RedisDatastore {
  constructor(instance, storeOptions, storeInstanceOptions) {
    this.instance = instance;
    this.storeOptions = storeOptions;
    this.originalId = this.instance.id;
    this.clientId = this.instance._randomIndex();
    parser.load(storeInstanceOptions, storeInstanceOptions, this);
    this.clients = {};
    this.capacityPriorityCounters = {};
    this.sharedConnection = this.connection != null;

    if (this.connection == null) {
      this.connection = this.instance.datastore === "redis" ? new RedisConnection({
        Redis: this.Redis,
        clientOptions: this.clientOptions,
        Promise: this.Promise,
        Events: this.instance.Events
      }) : this.instance.datastore === "ioredis" ? new IORedisConnection({
        Redis: this.Redis,
        clientOptions: this.clientOptions,
        clusterNodes: this.clusterNodes,
        Promise: this.Promise,
        Events: this.instance.Events
      }) : void 0;
    }

    this.instance.connection = this.connection;
    this.instance.datastore = this.connection.datastore;
    this.ready = this.connection.ready.then(clients => {
      this.clients = clients;
      return this.runScript("init", this.prepareInitSettings(this.clearDatastore));
    }).then(() => {
      return this.connection.__addLimiter__(this.instance);
    }).then(() => {
      return this.runScript("register_client", [this.instance.queued()]);
    }).then(() => {
      var base;

      if (typeof (base = this.heartbeat = setInterval(() => {
        return this.runScript("heartbeat", []).catch(e => {
          return this.instance.Events.trigger("error", e);
        });
      }, this.heartbeatInterval)).unref === "function") {
        base.unref();
      }

      return this.clients;
    });
  }

  __publish__(message) {
    var _this = this;

    return _asyncToGenerator(function* () {
      var client;

      var _ref = yield _this.ready;

      client = _ref.client;
      return client.publish(_this.instance.channel(), `message:${message.toString()}`);
    })();
  }

  onMessage(channel, message) {
    var _this2 = this;

    return _asyncToGenerator(function* () {
      var capacity, counter, data, drained, e, newCapacity, pos, priorityClient, rawCapacity, type;

      try {
        pos = message.indexOf(":");
        var _ref2 = [message.slice(0, pos), message.slice(pos + 1)];
        type = _ref2[0];
        data = _ref2[1];

        if (type === "capacity") {
          return yield _this2.instance._drainAll(data.length > 0 ? ~~data : void 0);
        } else if (type === "capacity-priority") {
          var _data$split = data.split(":");

          var _data$split2 = _slicedToArray(_data$split, 3);

          rawCapacity = _data$split2[0];
          priorityClient = _data$split2[1];
          counter = _data$split2[2];
          capacity = rawCapacity.length > 0 ? ~~rawCapacity : void 0;

          if (priorityClient === _this2.clientId) {
            drained = yield _this2.instance._drainAll(capacity);
            newCapacity = capacity != null ? capacity - (drained || 0) : "";
            return yield _this2.clients.client.publish(_this2.instance.channel(), `capacity-priority:${newCapacity}::${counter}`);
          } else if (priorityClient === "") {
            clearTimeout(_this2.capacityPriorityCounters[counter]);
            delete _this2.capacityPriorityCounters[counter];
            return _this2.instance._drainAll(capacity);
          } else {
            return _this2.capacityPriorityCounters[counter] = setTimeout(
            /*#__PURE__*/
            _asyncToGenerator(function* () {
              var e;

              try {
                delete _this2.capacityPriorityCounters[counter];
                yield _this2.runScript("blacklist_client", [priorityClient]);
                return yield _this2.instance._drainAll(capacity);
              } catch (error) {
                e = error;
                return _this2.instance.Events.trigger("error", e);
              }
            }), 1000);
          }
        } else if (type === "message") {
          return _this2.instance.Events.trigger("message", data);
        } else if (type === "blocked") {
          return yield _this2.instance._dropAllQueued();
        }
      } catch (error) {
        e = error;
        return _this2.instance.Events.trigger("error", e);
      }
    })();
  }

  __disconnect__(flush) {
    clearInterval(this.heartbeat);

    if (this.sharedConnection) {
      return this.connection.__removeLimiter__(this.instance);
    } else {
      return this.connection.disconnect(flush);
    }
  }

  runScript(name, args) {
    var _this3 = this;

    return _asyncToGenerator(function* () {
      if (!(name === "init" || name === "register_client")) {
        yield _this3.ready;
      }

      return new _this3.Promise((resolve, reject) => {
        var all_args, arr;
        all_args = [Date.now(), _this3.clientId].concat(args);

        _this3.instance.Events.trigger("debug", `Calling Redis script: ${name}.lua`, all_args);

        arr = _this3.connection.__scriptArgs__(name, _this3.originalId, all_args, function (err, replies) {
          if (err != null) {
            return reject(err);
          }

          return resolve(replies);
        });
        return _this3.connection.__scriptFn__(name)(...arr);
      }).catch(e => {
        if (e.message === "SETTINGS_KEY_NOT_FOUND") {
          if (name === "heartbeat") {
            return _this3.Promise.resolve();
          } else {
            return _this3.runScript("init", _this3.prepareInitSettings(false)).then(() => {
              return _this3.runScript(name, args);
            });
          }
        } else if (e.message === "UNKNOWN_CLIENT") {
          return _this3.runScript("register_client", [_this3.instance.queued()]).then(() => {
            return _this3.runScript(name, args);
          });
        } else {
          return _this3.Promise.reject(e);
        }
      });
    })();
  }

  prepareArray(arr) {
    var i, len, results, x;
    results = [];

    for (i = 0, len = arr.length; i < len; i++) {
      x = arr[i];
      results.push(x != null ? x.toString() : "");
    }

    return results;
  }

  prepareObject(obj) {
    var arr, k, v;
    arr = [];

    for (k in obj) {
      v = obj[k];
      arr.push(k, v != null ? v.toString() : "");
    }

    return arr;
  }

  prepareInitSettings(clear) {
    var args;
    args = this.prepareObject(Object.assign({}, this.storeOptions, {
      id: this.originalId,
      version: this.instance.version,
      groupTimeout: this.timeout,
      clientTimeout: this.clientTimeout
    }));
    args.unshift(clear ? 1 : 0, this.instance.version);
    return args;
  }

  convertBool(b) {
    return !!b;
  }

  __updateSettings__(options) {
    var _this4 = this;

    return _asyncToGenerator(function* () {
      yield _this4.runScript("update_settings", _this4.prepareObject(options));
      return parser.overwrite(options, options, _this4.storeOptions);
    })();
  }

  __running__() {
    return this.runScript("running", []);
  }

  __queued__() {
    return this.runScript("queued", []);
  }

  __done__() {
    return this.runScript("done", []);
  }

  __groupCheck__() {
    var _this5 = this;

    return _asyncToGenerator(function* () {
      return _this5.convertBool((yield _this5.runScript("group_check", [])));
    })();
  }

  __incrementReservoir__(incr) {
    return this.runScript("increment_reservoir", [incr]);
  }

  __currentReservoir__() {
    return this.runScript("current_reservoir", []);
  }

  __check__(weight) {
    var _this6 = this;

    return _asyncToGenerator(function* () {
      return _this6.convertBool((yield _this6.runScript("check", _this6.prepareArray([weight]))));
    })();
  }

  __register__(index, weight, expiration) {
    var _this7 = this;

    return _asyncToGenerator(function* () {
      var reservoir, success, wait;

      var _ref4 = yield _this7.runScript("register", _this7.prepareArray([index, weight, expiration]));

      var _ref5 = _slicedToArray(_ref4, 3);

      success = _ref5[0];
      wait = _ref5[1];
      reservoir = _ref5[2];
      return {
        success: _this7.convertBool(success),
        wait,
        reservoir
      };
    })();
  }

  __submit__(queueLength, weight) {
    var _this8 = this;

    return _asyncToGenerator(function* () {
      var blocked, e, maxConcurrent, overweight, reachedHWM, strategy;

      try {
        var _ref6 = yield _this8.runScript("submit", _this8.prepareArray([queueLength, weight]));

        var _ref7 = _slicedToArray(_ref6, 3);

        reachedHWM = _ref7[0];
        blocked = _ref7[1];
        strategy = _ref7[2];
        return {
          reachedHWM: _this8.convertBool(reachedHWM),
          blocked: _this8.convertBool(blocked),
          strategy
        };
      } catch (error) {
        e = error;

        if (e.message.indexOf("OVERWEIGHT") === 0) {
          var _e$message$split = e.message.split(":");

          var _e$message$split2 = _slicedToArray(_e$message$split, 3);

          overweight = _e$message$split2[0];
          weight = _e$message$split2[1];
          maxConcurrent = _e$message$split2[2];
          throw new BottleneckError(`Impossible to add a job having a weight of ${weight} to a limiter having a maxConcurrent setting of ${maxConcurrent}`);
        } else {
          throw e;
        }
      }
    })();
  }

  __free__(index, weight) {
    var _this9 = this;

    return _asyncToGenerator(function* () {
      var running;
      running = yield _this9.runScript("free", _this9.prepareArray([index]));
      return {
        running
      };
    })();
  }

};
module.exports = RedisDatastore;

/***/ }),

/***/ 71479:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var headers, lua, templates;
lua = __nccwpck_require__(46495);
headers = {
  refs: lua["refs.lua"],
  validate_keys: lua["validate_keys.lua"],
  validate_client: lua["validate_client.lua"],
  refresh_expiration: lua["refresh_expiration.lua"],
  process_tick: lua["process_tick.lua"],
  conditions_check: lua["conditions_check.lua"],
  get_time: lua["get_time.lua"]
};

exports.allKeys = function (id) {
  return [
  /*
  HASH
  */
  `b_${id}_settings`,
  /*
  HASH
  job index -> weight
  */
  `b_${id}_job_weights`,
  /*
  ZSET
  job index -> expiration
  */
  `b_${id}_job_expirations`,
  /*
  HASH
  job index -> client
  */
  `b_${id}_job_clients`,
  /*
  ZSET
  client -> sum running
  */
  `b_${id}_client_running`,
  /*
  HASH
  client -> num queued
  */
  `b_${id}_client_num_queued`,
  /*
  ZSET
  client -> last job registered
  */
  `b_${id}_client_last_registered`,
  /*
  ZSET
  client -> last seen
  */
  `b_${id}_client_last_seen`];
};

templates = {
  init: {
    keys: exports.allKeys,
    headers: ["process_tick"],
    refresh_expiration: true,
    code: lua["init.lua"]
  },
  group_check: {
    keys: exports.allKeys,
    headers: [],
    refresh_expiration: false,
    code: lua["group_check.lua"]
  },
  register_client: {
    keys: exports.allKeys,
    headers: ["validate_keys"],
    refresh_expiration: false,
    code: lua["register_client.lua"]
  },
  blacklist_client: {
    keys: exports.allKeys,
    headers: ["validate_keys", "validate_client"],
    refresh_expiration: false,
    code: lua["blacklist_client.lua"]
  },
  heartbeat: {
    keys: exports.allKeys,
    headers: ["validate_keys", "validate_client", "process_tick"],
    refresh_expiration: false,
    code: lua["heartbeat.lua"]
  },
  update_settings: {
    keys: exports.allKeys,
    headers: ["validate_keys", "validate_client", "process_tick"],
    refresh_expiration: true,
    code: lua["update_settings.lua"]
  },
  running: {
    keys: exports.allKeys,
    headers: ["validate_keys", "validate_client", "process_tick"],
    refresh_expiration: false,
    code: lua["running.lua"]
  },
  queued: {
    keys: exports.allKeys,
    headers: ["validate_keys", "validate_client"],
    refresh_expiration: false,
    code: lua["queued.lua"]
  },
  done: {
    keys: exports.allKeys,
    headers: ["validate_keys", "validate_client", "process_tick"],
    refresh_expiration: false,
    code: lua["done.lua"]
  },
  check: {
    keys: exports.allKeys,
    headers: ["validate_keys", "validate_client", "process_tick", "conditions_check"],
    refresh_expiration: false,
    code: lua["check.lua"]
  },
  submit: {
    keys: exports.allKeys,
    headers: ["validate_keys", "validate_client", "process_tick", "conditions_check"],
    refresh_expiration: true,
    code: lua["submit.lua"]
  },
  register: {
    keys: exports.allKeys,
    headers: ["validate_keys", "validate_client", "process_tick", "conditions_check"],
    refresh_expiration: true,
    code: lua["register.lua"]
  },
  free: {
    keys: exports.allKeys,
    headers: ["validate_keys", "validate_client", "process_tick"],
    refresh_expiration: true,
    code: lua["free.lua"]
  },
  current_reservoir: {
    keys: exports.allKeys,
    headers: ["validate_keys", "validate_client", "process_tick"],
    refresh_expiration: false,
    code: lua["current_reservoir.lua"]
  },
  increment_reservoir: {
    keys: exports.allKeys,
    headers: ["validate_keys", "validate_client", "process_tick"],
    refresh_expiration: true,
    code: lua["increment_reservoir.lua"]
  }
};
exports.names = Object.keys(templates);

exports.keys = function (name, id) {
  return templates[name].keys(id);
};

exports.payload = function (name) {
  var template;
  template = templates[name];
  return Array.prototype.concat(headers.refs, template.headers.map(function (h) {
    return headers[h];
  }), template.refresh_expiration ? headers.refresh_expiration : "", template.code).join("\n");
};

/***/ }),

/***/ 5685:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var BottleneckError, States;
BottleneckError = __nccwpck_require__(72360);
States = class States {
  constructor(status1) {
    this.status = status1;
    this._jobs = {};
    this.counts = this.status.map(function () {
      return 0;
    });
  }

  next(id) {
    var current, next;
    current = this._jobs[id];
    next = current + 1;

    if (current != null && next < this.status.length) {
      this.counts[current]--;
      this.counts[next]++;
      return this._jobs[id]++;
    } else if (current != null) {
      this.counts[current]--;
      return delete this._jobs[id];
    }
  }

  start(id) {
    var initial;
    initial = 0;
    this._jobs[id] = initial;
    return this.counts[initial]++;
  }

  remove(id) {
    var current;
    current = this._jobs[id];

    if (current != null) {
      this.counts[current]--;
      delete this._jobs[id];
    }

    return current != null;
  }

  jobStatus(id) {
    var ref;
    return (ref = this.status[this._jobs[id]]) != null ? ref : null;
  }

  statusJobs(status) {
    var k, pos, ref, results, v;

    if (status != null) {
      pos = this.status.indexOf(status);

      if (pos < 0) {
        throw new BottleneckError(`status must be one of ${this.status.join(', ')}`);
      }

      ref = this._jobs;
      results = [];

      for (k in ref) {
        v = ref[k];

        if (v === pos) {
          results.push(k);
        }
      }

      return results;
    } else {
      return Object.keys(this._jobs);
    }
  }

  statusCounts() {
    return this.counts.reduce((acc, v, i) => {
      acc[this.status[i]] = v;
      return acc;
    }, {});
  }

};
module.exports = States;

/***/ }),

/***/ 39216:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



function asyncGeneratorStep(gen, resolve, reject, _next, _throw, key, arg) { try { var info = gen[key](arg); var value = info.value; } catch (error) { reject(error); return; } if (info.done) { resolve(value); } else { Promise.resolve(value).then(_next, _throw); } }

function _asyncToGenerator(fn) { return function () { var self = this, args = arguments; return new Promise(function (resolve, reject) { var gen = fn.apply(self, args); function _next(value) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "next", value); } function _throw(err) { asyncGeneratorStep(gen, resolve, reject, _next, _throw, "throw", err); } _next(undefined); }); }; }

var DLList, Sync;
DLList = __nccwpck_require__(55327);
Sync = class Sync {
  constructor(name, Promise) {
    this.schedule = this.schedule.bind(this);
    this.name = name;
    this.Promise = Promise;
    this._running = 0;
    this._queue = new DLList();
  }

  isEmpty() {
    return this._queue.length === 0;
  }

  _tryToRun() {
    var _this = this;

    return _asyncToGenerator(function* () {
      var args, cb, error, reject, resolve, returned, task;

      if (_this._running < 1 && _this._queue.length > 0) {
        _this._running++;

        var _this$_queue$shift = _this._queue.shift();

        task = _this$_queue$shift.task;
        args = _this$_queue$shift.args;
        resolve = _this$_queue$shift.resolve;
        reject = _this$_queue$shift.reject;
        cb = yield _asyncToGenerator(function* () {
          try {
            returned = yield task(...args);
            return function () {
              return resolve(returned);
            };
          } catch (error1) {
            error = error1;
            return function () {
              return reject(error);
            };
          }
        })();
        _this._running--;

        _this._tryToRun();

        return cb();
      }
    })();
  }

  schedule(task, ...args) {
    var promise, reject, resolve;
    resolve = reject = null;
    promise = new this.Promise(function (_resolve, _reject) {
      resolve = _resolve;
      return reject = _reject;
    });

    this._queue.push({
      task,
      args,
      resolve,
      reject
    });

    this._tryToRun();

    return promise;
  }

};
module.exports = Sync;

/***/ }),

/***/ 62203:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



module.exports = __nccwpck_require__(68760);

/***/ }),

/***/ 29700:
/***/ ((__unused_webpack_module, exports) => {



exports.load = function (received, defaults, onto = {}) {
  var k, ref, v;

  for (k in defaults) {
    v = defaults[k];
    onto[k] = (ref = received[k]) != null ? ref : v;
  }

  return onto;
};

exports.overwrite = function (received, defaults, onto = {}) {
  var k, v;

  for (k in received) {
    v = received[k];

    if (defaults[k] !== void 0) {
      onto[k] = v;
    }
  }

  return onto;
};

/***/ }),

/***/ 63251:
/***/ (function(module) {

/**
  * This file contains the Bottleneck library (MIT), compiled to ES2017, and without Clustering support.
  * https://github.com/SGrondin/bottleneck
  */
(function (global, factory) {
	 true ? module.exports = factory() :
	0;
}(this, (function () { 'use strict';

	var commonjsGlobal = typeof globalThis !== 'undefined' ? globalThis : typeof window !== 'undefined' ? window : typeof global !== 'undefined' ? global : typeof self !== 'undefined' ? self : {};

	function getCjsExportFromNamespace (n) {
		return n && n['default'] || n;
	}

	var load = function(received, defaults, onto = {}) {
	  var k, ref, v;
	  for (k in defaults) {
	    v = defaults[k];
	    onto[k] = (ref = received[k]) != null ? ref : v;
	  }
	  return onto;
	};

	var overwrite = function(received, defaults, onto = {}) {
	  var k, v;
	  for (k in received) {
	    v = received[k];
	    if (defaults[k] !== void 0) {
	      onto[k] = v;
	    }
	  }
	  return onto;
	};

	var parser = {
		load: load,
		overwrite: overwrite
	};

	var DLList;

	DLList = class DLList {
	  constructor(incr, decr) {
	    this.incr = incr;
	    this.decr = decr;
	    this._first = null;
	    this._last = null;
	    this.length = 0;
	  }

	  push(value) {
	    var node;
	    this.length++;
	    if (typeof this.incr === "function") {
	      this.incr();
	    }
	    node = {
	      value,
	      prev: this._last,
	      next: null
	    };
	    if (this._last != null) {
	      this._last.next = node;
	      this._last = node;
	    } else {
	      this._first = this._last = node;
	    }
	    return void 0;
	  }

	  shift() {
	    var value;
	    if (this._first == null) {
	      return;
	    } else {
	      this.length--;
	      if (typeof this.decr === "function") {
	        this.decr();
	      }
	    }
	    value = this._first.value;
	    if ((this._first = this._first.next) != null) {
	      this._first.prev = null;
	    } else {
	      this._last = null;
	    }
	    return value;
	  }

	  first() {
	    if (this._first != null) {
	      return this._first.value;
	    }
	  }

	  getArray() {
	    var node, ref, results;
	    node = this._first;
	    results = [];
	    while (node != null) {
	      results.push((ref = node, node = node.next, ref.value));
	    }
	    return results;
	  }

	  forEachShift(cb) {
	    var node;
	    node = this.shift();
	    while (node != null) {
	      (cb(node), node = this.shift());
	    }
	    return void 0;
	  }

	  debug() {
	    var node, ref, ref1, ref2, results;
	    node = this._first;
	    results = [];
	    while (node != null) {
	      results.push((ref = node, node = node.next, {
	        value: ref.value,
	        prev: (ref1 = ref.prev) != null ? ref1.value : void 0,
	        next: (ref2 = ref.next) != null ? ref2.value : void 0
	      }));
	    }
	    return results;
	  }

	};

	var DLList_1 = DLList;

	var Events;

	Events = class Events {
	  constructor(instance) {
	    this.instance = instance;
	    this._events = {};
	    if ((this.instance.on != null) || (this.instance.once != null) || (this.instance.removeAllListeners != null)) {
	      throw new Error("An Emitter already exists for this object");
	    }
	    this.instance.on = (name, cb) => {
	      return this._addListener(name, "many", cb);
	    };
	    this.instance.once = (name, cb) => {
	      return this._addListener(name, "once", cb);
	    };
	    this.instance.removeAllListeners = (name = null) => {
	      if (name != null) {
	        return delete this._events[name];
	      } else {
	        return this._events = {};
	      }
	    };
	  }

	  _addListener(name, status, cb) {
	    var base;
	    if ((base = this._events)[name] == null) {
	      base[name] = [];
	    }
	    this._events[name].push({cb, status});
	    return this.instance;
	  }

	  listenerCount(name) {
	    if (this._events[name] != null) {
	      return this._events[name].length;
	    } else {
	      return 0;
	    }
	  }

	  async trigger(name, ...args) {
	    var e, promises;
	    try {
	      if (name !== "debug") {
	        this.trigger("debug", `Event triggered: ${name}`, args);
	      }
	      if (this._events[name] == null) {
	        return;
	      }
	      this._events[name] = this._events[name].filter(function(listener) {
	        return listener.status !== "none";
	      });
	      promises = this._events[name].map(async(listener) => {
	        var e, returned;
	        if (listener.status === "none") {
	          return;
	        }
	        if (listener.status === "once") {
	          listener.status = "none";
	        }
	        try {
	          returned = typeof listener.cb === "function" ? listener.cb(...args) : void 0;
	          if (typeof (returned != null ? returned.then : void 0) === "function") {
	            return (await returned);
	          } else {
	            return returned;
	          }
	        } catch (error) {
	          e = error;
	          {
	            this.trigger("error", e);
	          }
	          return null;
	        }
	      });
	      return ((await Promise.all(promises))).find(function(x) {
	        return x != null;
	      });
	    } catch (error) {
	      e = error;
	      {
	        this.trigger("error", e);
	      }
	      return null;
	    }
	  }

	};

	var Events_1 = Events;

	var DLList$1, Events$1, Queues;

	DLList$1 = DLList_1;

	Events$1 = Events_1;

	Queues = class Queues {
	  constructor(num_priorities) {
	    var i;
	    this.Events = new Events$1(this);
	    this._length = 0;
	    this._lists = (function() {
	      var j, ref, results;
	      results = [];
	      for (i = j = 1, ref = num_priorities; (1 <= ref ? j <= ref : j >= ref); i = 1 <= ref ? ++j : --j) {
	        results.push(new DLList$1((() => {
	          return this.incr();
	        }), (() => {
	          return this.decr();
	        })));
	      }
	      return results;
	    }).call(this);
	  }

	  incr() {
	    if (this._length++ === 0) {
	      return this.Events.trigger("leftzero");
	    }
	  }

	  decr() {
	    if (--this._length === 0) {
	      return this.Events.trigger("zero");
	    }
	  }

	  push(job) {
	    return this._lists[job.options.priority].push(job);
	  }

	  queued(priority) {
	    if (priority != null) {
	      return this._lists[priority].length;
	    } else {
	      return this._length;
	    }
	  }

	  shiftAll(fn) {
	    return this._lists.forEach(function(list) {
	      return list.forEachShift(fn);
	    });
	  }

	  getFirst(arr = this._lists) {
	    var j, len, list;
	    for (j = 0, len = arr.length; j < len; j++) {
	      list = arr[j];
	      if (list.length > 0) {
	        return list;
	      }
	    }
	    return [];
	  }

	  shiftLastFrom(priority) {
	    return this.getFirst(this._lists.slice(priority).reverse()).shift();
	  }

	};

	var Queues_1 = Queues;

	var BottleneckError;

	BottleneckError = class BottleneckError extends Error {};

	var BottleneckError_1 = BottleneckError;

	var BottleneckError$1, DEFAULT_PRIORITY, Job, NUM_PRIORITIES, parser$1;

	NUM_PRIORITIES = 10;

	DEFAULT_PRIORITY = 5;

	parser$1 = parser;

	BottleneckError$1 = BottleneckError_1;

	Job = class Job {
	  constructor(task, args, options, jobDefaults, rejectOnDrop, Events, _states, Promise) {
	    this.task = task;
	    this.args = args;
	    this.rejectOnDrop = rejectOnDrop;
	    this.Events = Events;
	    this._states = _states;
	    this.Promise = Promise;
	    this.options = parser$1.load(options, jobDefaults);
	    this.options.priority = this._sanitizePriority(this.options.priority);
	    if (this.options.id === jobDefaults.id) {
	      this.options.id = `${this.options.id}-${this._randomIndex()}`;
	    }
	    this.promise = new this.Promise((_resolve, _reject) => {
	      this._resolve = _resolve;
	      this._reject = _reject;
	    });
	    this.retryCount = 0;
	  }

	  _sanitizePriority(priority) {
	    var sProperty;
	    sProperty = ~~priority !== priority ? DEFAULT_PRIORITY : priority;
	    if (sProperty < 0) {
	      return 0;
	    } else if (sProperty > NUM_PRIORITIES - 1) {
	      return NUM_PRIORITIES - 1;
	    } else {
	      return sProperty;
	    }
	  }

	  _randomIndex() {
	    return Math.random().toString(36).slice(2);
	  }

	  doDrop({error, message = "This job has been dropped by Bottleneck"} = {}) {
	    if (this._states.remove(this.options.id)) {
	      if (this.rejectOnDrop) {
	        this._reject(error != null ? error : new BottleneckError$1(message));
	      }
	      this.Events.trigger("dropped", {args: this.args, options: this.options, task: this.task, promise: this.promise});
	      return true;
	    } else {
	      return false;
	    }
	  }

	  _assertStatus(expected) {
	    var status;
	    status = this._states.jobStatus(this.options.id);
	    if (!(status === expected || (expected === "DONE" && status === null))) {
	      throw new BottleneckError$1(`Invalid job status ${status}, expected ${expected}. Please open an issue at https://github.com/SGrondin/bottleneck/issues`);
	    }
	  }

	  doReceive() {
	    this._states.start(this.options.id);
	    return this.Events.trigger("received", {args: this.args, options: this.options});
	  }

	  doQueue(reachedHWM, blocked) {
	    this._assertStatus("RECEIVED");
	    this._states.next(this.options.id);
	    return this.Events.trigger("queued", {args: this.args, options: this.options, reachedHWM, blocked});
	  }

	  doRun() {
	    if (this.retryCount === 0) {
	      this._assertStatus("QUEUED");
	      this._states.next(this.options.id);
	    } else {
	      this._assertStatus("EXECUTING");
	    }
	    return this.Events.trigger("scheduled", {args: this.args, options: this.options});
	  }

	  async doExecute(chained, clearGlobalState, run, free) {
	    var error, eventInfo, passed;
	    if (this.retryCount === 0) {
	      this._assertStatus("RUNNING");
	      this._states.next(this.options.id);
	    } else {
	      this._assertStatus("EXECUTING");
	    }
	    eventInfo = {args: this.args, options: this.options, retryCount: this.retryCount};
	    this.Events.trigger("executing", eventInfo);
	    try {
	      passed = (await (chained != null ? chained.schedule(this.options, this.task, ...this.args) : this.task(...this.args)));
	      if (clearGlobalState()) {
	        this.doDone(eventInfo);
	        await free(this.options, eventInfo);
	        this._assertStatus("DONE");
	        return this._resolve(passed);
	      }
	    } catch (error1) {
	      error = error1;
	      return this._onFailure(error, eventInfo, clearGlobalState, run, free);
	    }
	  }

	  doExpire(clearGlobalState, run, free) {
	    var error, eventInfo;
	    if (this._states.jobStatus(this.options.id === "RUNNING")) {
	      this._states.next(this.options.id);
	    }
	    this._assertStatus("EXECUTING");
	    eventInfo = {args: this.args, options: this.options, retryCount: this.retryCount};
	    error = new BottleneckError$1(`This job timed out after ${this.options.expiration} ms.`);
	    return this._onFailure(error, eventInfo, clearGlobalState, run, free);
	  }

	  async _onFailure(error, eventInfo, clearGlobalState, run, free) {
	    var retry, retryAfter;
	    if (clearGlobalState()) {
	      retry = (await this.Events.trigger("failed", error, eventInfo));
	      if (retry != null) {
	        retryAfter = ~~retry;
	        this.Events.trigger("retry", `Retrying ${this.options.id} after ${retryAfter} ms`, eventInfo);
	        this.retryCount++;
	        return run(retryAfter);
	      } else {
	        this.doDone(eventInfo);
	        await free(this.options, eventInfo);
	        this._assertStatus("DONE");
	        return this._reject(error);
	      }
	    }
	  }

	  doDone(eventInfo) {
	    this._assertStatus("EXECUTING");
	    this._states.next(this.options.id);
	    return this.Events.trigger("done", eventInfo);
	  }

	};

	var Job_1 = Job;

	var BottleneckError$2, LocalDatastore, parser$2;

	parser$2 = parser;

	BottleneckError$2 = BottleneckError_1;

	LocalDatastore = class LocalDatastore {
	  constructor(instance, storeOptions, storeInstanceOptions) {
	    this.instance = instance;
	    this.storeOptions = storeOptions;
	    this.clientId = this.instance._randomIndex();
	    parser$2.load(storeInstanceOptions, storeInstanceOptions, this);
	    this._nextRequest = this._lastReservoirRefresh = this._lastReservoirIncrease = Date.now();
	    this._running = 0;
	    this._done = 0;
	    this._unblockTime = 0;
	    this.ready = this.Promise.resolve();
	    this.clients = {};
	    this._startHeartbeat();
	  }

	  _startHeartbeat() {
	    var base;
	    if ((this.heartbeat == null) && (((this.storeOptions.reservoirRefreshInterval != null) && (this.storeOptions.reservoirRefreshAmount != null)) || ((this.storeOptions.reservoirIncreaseInterval != null) && (this.storeOptions.reservoirIncreaseAmount != null)))) {
	      return typeof (base = (this.heartbeat = setInterval(() => {
	        var amount, incr, maximum, now, reservoir;
	        now = Date.now();
	        if ((this.storeOptions.reservoirRefreshInterval != null) && now >= this._lastReservoirRefresh + this.storeOptions.reservoirRefreshInterval) {
	          this._lastReservoirRefresh = now;
	          this.storeOptions.reservoir = this.storeOptions.reservoirRefreshAmount;
	          this.instance._drainAll(this.computeCapacity());
	        }
	        if ((this.storeOptions.reservoirIncreaseInterval != null) && now >= this._lastReservoirIncrease + this.storeOptions.reservoirIncreaseInterval) {
	          ({
	            reservoirIncreaseAmount: amount,
	            reservoirIncreaseMaximum: maximum,
	            reservoir
	          } = this.storeOptions);
	          this._lastReservoirIncrease = now;
	          incr = maximum != null ? Math.min(amount, maximum - reservoir) : amount;
	          if (incr > 0) {
	            this.storeOptions.reservoir += incr;
	            return this.instance._drainAll(this.computeCapacity());
	          }
	        }
	      }, this.heartbeatInterval))).unref === "function" ? base.unref() : void 0;
	    } else {
	      return clearInterval(this.heartbeat);
	    }
	  }

	  async __publish__(message) {
	    await this.yieldLoop();
	    return this.instance.Events.trigger("message", message.toString());
	  }

	  async __disconnect__(flush) {
	    await this.yieldLoop();
	    clearInterval(this.heartbeat);
	    return this.Promise.resolve();
	  }

	  yieldLoop(t = 0) {
	    return new this.Promise(function(resolve, reject) {
	      return setTimeout(resolve, t);
	    });
	  }

	  computePenalty() {
	    var ref;
	    return (ref = this.storeOptions.penalty) != null ? ref : (15 * this.storeOptions.minTime) || 5000;
	  }

	  async __updateSettings__(options) {
	    await this.yieldLoop();
	    parser$2.overwrite(options, options, this.storeOptions);
	    this._startHeartbeat();
	    this.instance._drainAll(this.computeCapacity());
	    return true;
	  }

	  async __running__() {
	    await this.yieldLoop();
	    return this._running;
	  }

	  async __queued__() {
	    await this.yieldLoop();
	    return this.instance.queued();
	  }

	  async __done__() {
	    await this.yieldLoop();
	    return this._done;
	  }

	  async __groupCheck__(time) {
	    await this.yieldLoop();
	    return (this._nextRequest + this.timeout) < time;
	  }

	  computeCapacity() {
	    var maxConcurrent, reservoir;
	    ({maxConcurrent, reservoir} = this.storeOptions);
	    if ((maxConcurrent != null) && (reservoir != null)) {
	      return Math.min(maxConcurrent - this._running, reservoir);
	    } else if (maxConcurrent != null) {
	      return maxConcurrent - this._running;
	    } else if (reservoir != null) {
	      return reservoir;
	    } else {
	      return null;
	    }
	  }

	  conditionsCheck(weight) {
	    var capacity;
	    capacity = this.computeCapacity();
	    return (capacity == null) || weight <= capacity;
	  }

	  async __incrementReservoir__(incr) {
	    var reservoir;
	    await this.yieldLoop();
	    reservoir = this.storeOptions.reservoir += incr;
	    this.instance._drainAll(this.computeCapacity());
	    return reservoir;
	  }

	  async __currentReservoir__() {
	    await this.yieldLoop();
	    return this.storeOptions.reservoir;
	  }

	  isBlocked(now) {
	    return this._unblockTime >= now;
	  }

	  check(weight, now) {
	    return this.conditionsCheck(weight) && (this._nextRequest - now) <= 0;
	  }

	  async __check__(weight) {
	    var now;
	    await this.yieldLoop();
	    now = Date.now();
	    return this.check(weight, now);
	  }

	  async __register__(index, weight, expiration) {
	    var now, wait;
	    await this.yieldLoop();
	    now = Date.now();
	    if (this.conditionsCheck(weight)) {
	      this._running += weight;
	      if (this.storeOptions.reservoir != null) {
	        this.storeOptions.reservoir -= weight;
	      }
	      wait = Math.max(this._nextRequest - now, 0);
	      this._nextRequest = now + wait + this.storeOptions.minTime;
	      return {
	        success: true,
	        wait,
	        reservoir: this.storeOptions.reservoir
	      };
	    } else {
	      return {
	        success: false
	      };
	    }
	  }

	  strategyIsBlock() {
	    return this.storeOptions.strategy === 3;
	  }

	  async __submit__(queueLength, weight) {
	    var blocked, now, reachedHWM;
	    await this.yieldLoop();
	    if ((this.storeOptions.maxConcurrent != null) && weight > this.storeOptions.maxConcurrent) {
	      throw new BottleneckError$2(`Impossible to add a job having a weight of ${weight} to a limiter having a maxConcurrent setting of ${this.storeOptions.maxConcurrent}`);
	    }
	    now = Date.now();
	    reachedHWM = (this.storeOptions.highWater != null) && queueLength === this.storeOptions.highWater && !this.check(weight, now);
	    blocked = this.strategyIsBlock() && (reachedHWM || this.isBlocked(now));
	    if (blocked) {
	      this._unblockTime = now + this.computePenalty();
	      this._nextRequest = this._unblockTime + this.storeOptions.minTime;
	      this.instance._dropAllQueued();
	    }
	    return {
	      reachedHWM,
	      blocked,
	      strategy: this.storeOptions.strategy
	    };
	  }

	  async __free__(index, weight) {
	    await this.yieldLoop();
	    this._running -= weight;
	    this._done += weight;
	    this.instance._drainAll(this.computeCapacity());
	    return {
	      running: this._running
	    };
	  }

	};

	var LocalDatastore_1 = LocalDatastore;

	var BottleneckError$3, States;

	BottleneckError$3 = BottleneckError_1;

	States = class States {
	  constructor(status1) {
	    this.status = status1;
	    this._jobs = {};
	    this.counts = this.status.map(function() {
	      return 0;
	    });
	  }

	  next(id) {
	    var current, next;
	    current = this._jobs[id];
	    next = current + 1;
	    if ((current != null) && next < this.status.length) {
	      this.counts[current]--;
	      this.counts[next]++;
	      return this._jobs[id]++;
	    } else if (current != null) {
	      this.counts[current]--;
	      return delete this._jobs[id];
	    }
	  }

	  start(id) {
	    var initial;
	    initial = 0;
	    this._jobs[id] = initial;
	    return this.counts[initial]++;
	  }

	  remove(id) {
	    var current;
	    current = this._jobs[id];
	    if (current != null) {
	      this.counts[current]--;
	      delete this._jobs[id];
	    }
	    return current != null;
	  }

	  jobStatus(id) {
	    var ref;
	    return (ref = this.status[this._jobs[id]]) != null ? ref : null;
	  }

	  statusJobs(status) {
	    var k, pos, ref, results, v;
	    if (status != null) {
	      pos = this.status.indexOf(status);
	      if (pos < 0) {
	        throw new BottleneckError$3(`status must be one of ${this.status.join(', ')}`);
	      }
	      ref = this._jobs;
	      results = [];
	      for (k in ref) {
	        v = ref[k];
	        if (v === pos) {
	          results.push(k);
	        }
	      }
	      return results;
	    } else {
	      return Object.keys(this._jobs);
	    }
	  }

	  statusCounts() {
	    return this.counts.reduce(((acc, v, i) => {
	      acc[this.status[i]] = v;
	      return acc;
	    }), {});
	  }

	};

	var States_1 = States;

	var DLList$2, Sync;

	DLList$2 = DLList_1;

	Sync = class Sync {
	  constructor(name, Promise) {
	    this.schedule = this.schedule.bind(this);
	    this.name = name;
	    this.Promise = Promise;
	    this._running = 0;
	    this._queue = new DLList$2();
	  }

	  isEmpty() {
	    return this._queue.length === 0;
	  }

	  async _tryToRun() {
	    var args, cb, error, reject, resolve, returned, task;
	    if ((this._running < 1) && this._queue.length > 0) {
	      this._running++;
	      ({task, args, resolve, reject} = this._queue.shift());
	      cb = (await (async function() {
	        try {
	          returned = (await task(...args));
	          return function() {
	            return resolve(returned);
	          };
	        } catch (error1) {
	          error = error1;
	          return function() {
	            return reject(error);
	          };
	        }
	      })());
	      this._running--;
	      this._tryToRun();
	      return cb();
	    }
	  }

	  schedule(task, ...args) {
	    var promise, reject, resolve;
	    resolve = reject = null;
	    promise = new this.Promise(function(_resolve, _reject) {
	      resolve = _resolve;
	      return reject = _reject;
	    });
	    this._queue.push({task, args, resolve, reject});
	    this._tryToRun();
	    return promise;
	  }

	};

	var Sync_1 = Sync;

	var version = "2.19.5";
	var version$1 = {
		version: version
	};

	var version$2 = /*#__PURE__*/Object.freeze({
		version: version,
		default: version$1
	});

	var require$$2 = () => console.log('You must import the full version of Bottleneck in order to use this feature.');

	var require$$3 = () => console.log('You must import the full version of Bottleneck in order to use this feature.');

	var require$$4 = () => console.log('You must import the full version of Bottleneck in order to use this feature.');

	var Events$2, Group, IORedisConnection$1, RedisConnection$1, Scripts$1, parser$3;

	parser$3 = parser;

	Events$2 = Events_1;

	RedisConnection$1 = require$$2;

	IORedisConnection$1 = require$$3;

	Scripts$1 = require$$4;

	Group = (function() {
	  class Group {
	    constructor(limiterOptions = {}) {
	      this.deleteKey = this.deleteKey.bind(this);
	      this.limiterOptions = limiterOptions;
	      parser$3.load(this.limiterOptions, this.defaults, this);
	      this.Events = new Events$2(this);
	      this.instances = {};
	      this.Bottleneck = Bottleneck_1;
	      this._startAutoCleanup();
	      this.sharedConnection = this.connection != null;
	      if (this.connection == null) {
	        if (this.limiterOptions.datastore === "redis") {
	          this.connection = new RedisConnection$1(Object.assign({}, this.limiterOptions, {Events: this.Events}));
	        } else if (this.limiterOptions.datastore === "ioredis") {
	          this.connection = new IORedisConnection$1(Object.assign({}, this.limiterOptions, {Events: this.Events}));
	        }
	      }
	    }

	    key(key = "") {
	      var ref;
	      return (ref = this.instances[key]) != null ? ref : (() => {
	        var limiter;
	        limiter = this.instances[key] = new this.Bottleneck(Object.assign(this.limiterOptions, {
	          id: `${this.id}-${key}`,
	          timeout: this.timeout,
	          connection: this.connection
	        }));
	        this.Events.trigger("created", limiter, key);
	        return limiter;
	      })();
	    }

	    async deleteKey(key = "") {
	      var deleted, instance;
	      instance = this.instances[key];
	      if (this.connection) {
	        deleted = (await this.connection.__runCommand__(['del', ...Scripts$1.allKeys(`${this.id}-${key}`)]));
	      }
	      if (instance != null) {
	        delete this.instances[key];
	        await instance.disconnect();
	      }
	      return (instance != null) || deleted > 0;
	    }

	    limiters() {
	      var k, ref, results, v;
	      ref = this.instances;
	      results = [];
	      for (k in ref) {
	        v = ref[k];
	        results.push({
	          key: k,
	          limiter: v
	        });
	      }
	      return results;
	    }

	    keys() {
	      return Object.keys(this.instances);
	    }

	    async clusterKeys() {
	      var cursor, end, found, i, k, keys, len, next, start;
	      if (this.connection == null) {
	        return this.Promise.resolve(this.keys());
	      }
	      keys = [];
	      cursor = null;
	      start = `b_${this.id}-`.length;
	      end = "_settings".length;
	      while (cursor !== 0) {
	        [next, found] = (await this.connection.__runCommand__(["scan", cursor != null ? cursor : 0, "match", `b_${this.id}-*_settings`, "count", 10000]));
	        cursor = ~~next;
	        for (i = 0, len = found.length; i < len; i++) {
	          k = found[i];
	          keys.push(k.slice(start, -end));
	        }
	      }
	      return keys;
	    }

	    _startAutoCleanup() {
	      var base;
	      clearInterval(this.interval);
	      return typeof (base = (this.interval = setInterval(async() => {
	        var e, k, ref, results, time, v;
	        time = Date.now();
	        ref = this.instances;
	        results = [];
	        for (k in ref) {
	          v = ref[k];
	          try {
	            if ((await v._store.__groupCheck__(time))) {
	              results.push(this.deleteKey(k));
	            } else {
	              results.push(void 0);
	            }
	          } catch (error) {
	            e = error;
	            results.push(v.Events.trigger("error", e));
	          }
	        }
	        return results;
	      }, this.timeout / 2))).unref === "function" ? base.unref() : void 0;
	    }

	    updateSettings(options = {}) {
	      parser$3.overwrite(options, this.defaults, this);
	      parser$3.overwrite(options, options, this.limiterOptions);
	      if (options.timeout != null) {
	        return this._startAutoCleanup();
	      }
	    }

	    disconnect(flush = true) {
	      var ref;
	      if (!this.sharedConnection) {
	        return (ref = this.connection) != null ? ref.disconnect(flush) : void 0;
	      }
	    }

	  }
	  Group.prototype.defaults = {
	    timeout: 1000 * 60 * 5,
	    connection: null,
	    Promise: Promise,
	    id: "group-key"
	  };

	  return Group;

	}).call(commonjsGlobal);

	var Group_1 = Group;

	var Batcher, Events$3, parser$4;

	parser$4 = parser;

	Events$3 = Events_1;

	Batcher = (function() {
	  class Batcher {
	    constructor(options = {}) {
	      this.options = options;
	      parser$4.load(this.options, this.defaults, this);
	      this.Events = new Events$3(this);
	      this._arr = [];
	      this._resetPromise();
	      this._lastFlush = Date.now();
	    }

	    _resetPromise() {
	      return this._promise = new this.Promise((res, rej) => {
	        return this._resolve = res;
	      });
	    }

	    _flush() {
	      clearTimeout(this._timeout);
	      this._lastFlush = Date.now();
	      this._resolve();
	      this.Events.trigger("batch", this._arr);
	      this._arr = [];
	      return this._resetPromise();
	    }

	    add(data) {
	      var ret;
	      this._arr.push(data);
	      ret = this._promise;
	      if (this._arr.length === this.maxSize) {
	        this._flush();
	      } else if ((this.maxTime != null) && this._arr.length === 1) {
	        this._timeout = setTimeout(() => {
	          return this._flush();
	        }, this.maxTime);
	      }
	      return ret;
	    }

	  }
	  Batcher.prototype.defaults = {
	    maxTime: null,
	    maxSize: null,
	    Promise: Promise
	  };

	  return Batcher;

	}).call(commonjsGlobal);

	var Batcher_1 = Batcher;

	var require$$4$1 = () => console.log('You must import the full version of Bottleneck in order to use this feature.');

	var require$$8 = getCjsExportFromNamespace(version$2);

	var Bottleneck, DEFAULT_PRIORITY$1, Events$4, Job$1, LocalDatastore$1, NUM_PRIORITIES$1, Queues$1, RedisDatastore$1, States$1, Sync$1, parser$5,
	  splice = [].splice;

	NUM_PRIORITIES$1 = 10;

	DEFAULT_PRIORITY$1 = 5;

	parser$5 = parser;

	Queues$1 = Queues_1;

	Job$1 = Job_1;

	LocalDatastore$1 = LocalDatastore_1;

	RedisDatastore$1 = require$$4$1;

	Events$4 = Events_1;

	States$1 = States_1;

	Sync$1 = Sync_1;

	Bottleneck = (function() {
	  class Bottleneck {
	    constructor(options = {}, ...invalid) {
	      var storeInstanceOptions, storeOptions;
	      this._addToQueue = this._addToQueue.bind(this);
	      this._validateOptions(options, invalid);
	      parser$5.load(options, this.instanceDefaults, this);
	      this._queues = new Queues$1(NUM_PRIORITIES$1);
	      this._scheduled = {};
	      this._states = new States$1(["RECEIVED", "QUEUED", "RUNNING", "EXECUTING"].concat(this.trackDoneStatus ? ["DONE"] : []));
	      this._limiter = null;
	      this.Events = new Events$4(this);
	      this._submitLock = new Sync$1("submit", this.Promise);
	      this._registerLock = new Sync$1("register", this.Promise);
	      storeOptions = parser$5.load(options, this.storeDefaults, {});
	      this._store = (function() {
	        if (this.datastore === "redis" || this.datastore === "ioredis" || (this.connection != null)) {
	          storeInstanceOptions = parser$5.load(options, this.redisStoreDefaults, {});
	          return new RedisDatastore$1(this, storeOptions, storeInstanceOptions);
	        } else if (this.datastore === "local") {
	          storeInstanceOptions = parser$5.load(options, this.localStoreDefaults, {});
	          return new LocalDatastore$1(this, storeOptions, storeInstanceOptions);
	        } else {
	          throw new Bottleneck.prototype.BottleneckError(`Invalid datastore type: ${this.datastore}`);
	        }
	      }).call(this);
	      this._queues.on("leftzero", () => {
	        var ref;
	        return (ref = this._store.heartbeat) != null ? typeof ref.ref === "function" ? ref.ref() : void 0 : void 0;
	      });
	      this._queues.on("zero", () => {
	        var ref;
	        return (ref = this._store.heartbeat) != null ? typeof ref.unref === "function" ? ref.unref() : void 0 : void 0;
	      });
	    }

	    _validateOptions(options, invalid) {
	      if (!((options != null) && typeof options === "object" && invalid.length === 0)) {
	        throw new Bottleneck.prototype.BottleneckError("Bottleneck v2 takes a single object argument. Refer to https://github.com/SGrondin/bottleneck#upgrading-to-v2 if you're upgrading from Bottleneck v1.");
	      }
	    }

	    ready() {
	      return this._store.ready;
	    }

	    clients() {
	      return this._store.clients;
	    }

	    channel() {
	      return `b_${this.id}`;
	    }

	    channel_client() {
	      return `b_${this.id}_${this._store.clientId}`;
	    }

	    publish(message) {
	      return this._store.__publish__(message);
	    }

	    disconnect(flush = true) {
	      return this._store.__disconnect__(flush);
	    }

	    chain(_limiter) {
	      this._limiter = _limiter;
	      return this;
	    }

	    queued(priority) {
	      return this._queues.queued(priority);
	    }

	    clusterQueued() {
	      return this._store.__queued__();
	    }

	    empty() {
	      return this.queued() === 0 && this._submitLock.isEmpty();
	    }

	    running() {
	      return this._store.__running__();
	    }

	    done() {
	      return this._store.__done__();
	    }

	    jobStatus(id) {
	      return this._states.jobStatus(id);
	    }

	    jobs(status) {
	      return this._states.statusJobs(status);
	    }

	    counts() {
	      return this._states.statusCounts();
	    }

	    _randomIndex() {
	      return Math.random().toString(36).slice(2);
	    }

	    check(weight = 1) {
	      return this._store.__check__(weight);
	    }

	    _clearGlobalState(index) {
	      if (this._scheduled[index] != null) {
	        clearTimeout(this._scheduled[index].expiration);
	        delete this._scheduled[index];
	        return true;
	      } else {
	        return false;
	      }
	    }

	    async _free(index, job, options, eventInfo) {
	      var e, running;
	      try {
	        ({running} = (await this._store.__free__(index, options.weight)));
	        this.Events.trigger("debug", `Freed ${options.id}`, eventInfo);
	        if (running === 0 && this.empty()) {
	          return this.Events.trigger("idle");
	        }
	      } catch (error1) {
	        e = error1;
	        return this.Events.trigger("error", e);
	      }
	    }

	    _run(index, job, wait) {
	      var clearGlobalState, free, run;
	      job.doRun();
	      clearGlobalState = this._clearGlobalState.bind(this, index);
	      run = this._run.bind(this, index, job);
	      free = this._free.bind(this, index, job);
	      return this._scheduled[index] = {
	        timeout: setTimeout(() => {
	          return job.doExecute(this._limiter, clearGlobalState, run, free);
	        }, wait),
	        expiration: job.options.expiration != null ? setTimeout(function() {
	          return job.doExpire(clearGlobalState, run, free);
	        }, wait + job.options.expiration) : void 0,
	        job: job
	      };
	    }

	    _drainOne(capacity) {
	      return this._registerLock.schedule(() => {
	        var args, index, next, options, queue;
	        if (this.queued() === 0) {
	          return this.Promise.resolve(null);
	        }
	        queue = this._queues.getFirst();
	        ({options, args} = next = queue.first());
	        if ((capacity != null) && options.weight > capacity) {
	          return this.Promise.resolve(null);
	        }
	        this.Events.trigger("debug", `Draining ${options.id}`, {args, options});
	        index = this._randomIndex();
	        return this._store.__register__(index, options.weight, options.expiration).then(({success, wait, reservoir}) => {
	          var empty;
	          this.Events.trigger("debug", `Drained ${options.id}`, {success, args, options});
	          if (success) {
	            queue.shift();
	            empty = this.empty();
	            if (empty) {
	              this.Events.trigger("empty");
	            }
	            if (reservoir === 0) {
	              this.Events.trigger("depleted", empty);
	            }
	            this._run(index, next, wait);
	            return this.Promise.resolve(options.weight);
	          } else {
	            return this.Promise.resolve(null);
	          }
	        });
	      });
	    }

	    _drainAll(capacity, total = 0) {
	      return this._drainOne(capacity).then((drained) => {
	        var newCapacity;
	        if (drained != null) {
	          newCapacity = capacity != null ? capacity - drained : capacity;
	          return this._drainAll(newCapacity, total + drained);
	        } else {
	          return this.Promise.resolve(total);
	        }
	      }).catch((e) => {
	        return this.Events.trigger("error", e);
	      });
	    }

	    _dropAllQueued(message) {
	      return this._queues.shiftAll(function(job) {
	        return job.doDrop({message});
	      });
	    }

	    stop(options = {}) {
	      var done, waitForExecuting;
	      options = parser$5.load(options, this.stopDefaults);
	      waitForExecuting = (at) => {
	        var finished;
	        finished = () => {
	          var counts;
	          counts = this._states.counts;
	          return (counts[0] + counts[1] + counts[2] + counts[3]) === at;
	        };
	        return new this.Promise((resolve, reject) => {
	          if (finished()) {
	            return resolve();
	          } else {
	            return this.on("done", () => {
	              if (finished()) {
	                this.removeAllListeners("done");
	                return resolve();
	              }
	            });
	          }
	        });
	      };
	      done = options.dropWaitingJobs ? (this._run = function(index, next) {
	        return next.doDrop({
	          message: options.dropErrorMessage
	        });
	      }, this._drainOne = () => {
	        return this.Promise.resolve(null);
	      }, this._registerLock.schedule(() => {
	        return this._submitLock.schedule(() => {
	          var k, ref, v;
	          ref = this._scheduled;
	          for (k in ref) {
	            v = ref[k];
	            if (this.jobStatus(v.job.options.id) === "RUNNING") {
	              clearTimeout(v.timeout);
	              clearTimeout(v.expiration);
	              v.job.doDrop({
	                message: options.dropErrorMessage
	              });
	            }
	          }
	          this._dropAllQueued(options.dropErrorMessage);
	          return waitForExecuting(0);
	        });
	      })) : this.schedule({
	        priority: NUM_PRIORITIES$1 - 1,
	        weight: 0
	      }, () => {
	        return waitForExecuting(1);
	      });
	      this._receive = function(job) {
	        return job._reject(new Bottleneck.prototype.BottleneckError(options.enqueueErrorMessage));
	      };
	      this.stop = () => {
	        return this.Promise.reject(new Bottleneck.prototype.BottleneckError("stop() has already been called"));
	      };
	      return done;
	    }

	    async _addToQueue(job) {
	      var args, blocked, error, options, reachedHWM, shifted, strategy;
	      ({args, options} = job);
	      try {
	        ({reachedHWM, blocked, strategy} = (await this._store.__submit__(this.queued(), options.weight)));
	      } catch (error1) {
	        error = error1;
	        this.Events.trigger("debug", `Could not queue ${options.id}`, {args, options, error});
	        job.doDrop({error});
	        return false;
	      }
	      if (blocked) {
	        job.doDrop();
	        return true;
	      } else if (reachedHWM) {
	        shifted = strategy === Bottleneck.prototype.strategy.LEAK ? this._queues.shiftLastFrom(options.priority) : strategy === Bottleneck.prototype.strategy.OVERFLOW_PRIORITY ? this._queues.shiftLastFrom(options.priority + 1) : strategy === Bottleneck.prototype.strategy.OVERFLOW ? job : void 0;
	        if (shifted != null) {
	          shifted.doDrop();
	        }
	        if ((shifted == null) || strategy === Bottleneck.prototype.strategy.OVERFLOW) {
	          if (shifted == null) {
	            job.doDrop();
	          }
	          return reachedHWM;
	        }
	      }
	      job.doQueue(reachedHWM, blocked);
	      this._queues.push(job);
	      await this._drainAll();
	      return reachedHWM;
	    }

	    _receive(job) {
	      if (this._states.jobStatus(job.options.id) != null) {
	        job._reject(new Bottleneck.prototype.BottleneckError(`A job with the same id already exists (id=${job.options.id})`));
	        return false;
	      } else {
	        job.doReceive();
	        return this._submitLock.schedule(this._addToQueue, job);
	      }
	    }

	    submit(...args) {
	      var cb, fn, job, options, ref, ref1, task;
	      if (typeof args[0] === "function") {
	        ref = args, [fn, ...args] = ref, [cb] = splice.call(args, -1);
	        options = parser$5.load({}, this.jobDefaults);
	      } else {
	        ref1 = args, [options, fn, ...args] = ref1, [cb] = splice.call(args, -1);
	        options = parser$5.load(options, this.jobDefaults);
	      }
	      task = (...args) => {
	        return new this.Promise(function(resolve, reject) {
	          return fn(...args, function(...args) {
	            return (args[0] != null ? reject : resolve)(args);
	          });
	        });
	      };
	      job = new Job$1(task, args, options, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
	      job.promise.then(function(args) {
	        return typeof cb === "function" ? cb(...args) : void 0;
	      }).catch(function(args) {
	        if (Array.isArray(args)) {
	          return typeof cb === "function" ? cb(...args) : void 0;
	        } else {
	          return typeof cb === "function" ? cb(args) : void 0;
	        }
	      });
	      return this._receive(job);
	    }

	    schedule(...args) {
	      var job, options, task;
	      if (typeof args[0] === "function") {
	        [task, ...args] = args;
	        options = {};
	      } else {
	        [options, task, ...args] = args;
	      }
	      job = new Job$1(task, args, options, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
	      this._receive(job);
	      return job.promise;
	    }

	    wrap(fn) {
	      var schedule, wrapped;
	      schedule = this.schedule.bind(this);
	      wrapped = function(...args) {
	        return schedule(fn.bind(this), ...args);
	      };
	      wrapped.withOptions = function(options, ...args) {
	        return schedule(options, fn, ...args);
	      };
	      return wrapped;
	    }

	    async updateSettings(options = {}) {
	      await this._store.__updateSettings__(parser$5.overwrite(options, this.storeDefaults));
	      parser$5.overwrite(options, this.instanceDefaults, this);
	      return this;
	    }

	    currentReservoir() {
	      return this._store.__currentReservoir__();
	    }

	    incrementReservoir(incr = 0) {
	      return this._store.__incrementReservoir__(incr);
	    }

	  }
	  Bottleneck.default = Bottleneck;

	  Bottleneck.Events = Events$4;

	  Bottleneck.version = Bottleneck.prototype.version = require$$8.version;

	  Bottleneck.strategy = Bottleneck.prototype.strategy = {
	    LEAK: 1,
	    OVERFLOW: 2,
	    OVERFLOW_PRIORITY: 4,
	    BLOCK: 3
	  };

	  Bottleneck.BottleneckError = Bottleneck.prototype.BottleneckError = BottleneckError_1;

	  Bottleneck.Group = Bottleneck.prototype.Group = Group_1;

	  Bottleneck.RedisConnection = Bottleneck.prototype.RedisConnection = require$$2;

	  Bottleneck.IORedisConnection = Bottleneck.prototype.IORedisConnection = require$$3;

	  Bottleneck.Batcher = Bottleneck.prototype.Batcher = Batcher_1;

	  Bottleneck.prototype.jobDefaults = {
	    priority: DEFAULT_PRIORITY$1,
	    weight: 1,
	    expiration: null,
	    id: "<no-id>"
	  };

	  Bottleneck.prototype.storeDefaults = {
	    maxConcurrent: null,
	    minTime: 0,
	    highWater: null,
	    strategy: Bottleneck.prototype.strategy.LEAK,
	    penalty: null,
	    reservoir: null,
	    reservoirRefreshInterval: null,
	    reservoirRefreshAmount: null,
	    reservoirIncreaseInterval: null,
	    reservoirIncreaseAmount: null,
	    reservoirIncreaseMaximum: null
	  };

	  Bottleneck.prototype.localStoreDefaults = {
	    Promise: Promise,
	    timeout: null,
	    heartbeatInterval: 250
	  };

	  Bottleneck.prototype.redisStoreDefaults = {
	    Promise: Promise,
	    timeout: null,
	    heartbeatInterval: 5000,
	    clientTimeout: 10000,
	    Redis: null,
	    clientOptions: {},
	    clusterNodes: null,
	    clearDatastore: false,
	    connection: null
	  };

	  Bottleneck.prototype.instanceDefaults = {
	    datastore: "local",
	    connection: null,
	    id: "<no-id>",
	    rejectOnDrop: true,
	    trackDoneStatus: false,
	    Promise: Promise
	  };

	  Bottleneck.prototype.stopDefaults = {
	    enqueueErrorMessage: "This limiter has been stopped and cannot accept new jobs.",
	    dropWaitingJobs: true,
	    dropErrorMessage: "This limiter has been stopped."
	  };

	  return Bottleneck;

	}).call(commonjsGlobal);

	var Bottleneck_1 = Bottleneck;

	var lib = Bottleneck_1;

	return lib;

})));


/***/ }),

/***/ 6110:
/***/ ((module, exports, __nccwpck_require__) => {

/* eslint-env browser */

/**
 * This is the web browser implementation of `debug()`.
 */

exports.formatArgs = formatArgs;
exports.save = save;
exports.load = load;
exports.useColors = useColors;
exports.storage = localstorage();
exports.destroy = (() => {
	let warned = false;

	return () => {
		if (!warned) {
			warned = true;
			console.warn('Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.');
		}
	};
})();

/**
 * Colors.
 */

exports.colors = [
	'#0000CC',
	'#0000FF',
	'#0033CC',
	'#0033FF',
	'#0066CC',
	'#0066FF',
	'#0099CC',
	'#0099FF',
	'#00CC00',
	'#00CC33',
	'#00CC66',
	'#00CC99',
	'#00CCCC',
	'#00CCFF',
	'#3300CC',
	'#3300FF',
	'#3333CC',
	'#3333FF',
	'#3366CC',
	'#3366FF',
	'#3399CC',
	'#3399FF',
	'#33CC00',
	'#33CC33',
	'#33CC66',
	'#33CC99',
	'#33CCCC',
	'#33CCFF',
	'#6600CC',
	'#6600FF',
	'#6633CC',
	'#6633FF',
	'#66CC00',
	'#66CC33',
	'#9900CC',
	'#9900FF',
	'#9933CC',
	'#9933FF',
	'#99CC00',
	'#99CC33',
	'#CC0000',
	'#CC0033',
	'#CC0066',
	'#CC0099',
	'#CC00CC',
	'#CC00FF',
	'#CC3300',
	'#CC3333',
	'#CC3366',
	'#CC3399',
	'#CC33CC',
	'#CC33FF',
	'#CC6600',
	'#CC6633',
	'#CC9900',
	'#CC9933',
	'#CCCC00',
	'#CCCC33',
	'#FF0000',
	'#FF0033',
	'#FF0066',
	'#FF0099',
	'#FF00CC',
	'#FF00FF',
	'#FF3300',
	'#FF3333',
	'#FF3366',
	'#FF3399',
	'#FF33CC',
	'#FF33FF',
	'#FF6600',
	'#FF6633',
	'#FF9900',
	'#FF9933',
	'#FFCC00',
	'#FFCC33'
];

/**
 * Currently only WebKit-based Web Inspectors, Firefox >= v31,
 * and the Firebug extension (any Firefox version) are known
 * to support "%c" CSS customizations.
 *
 * TODO: add a `localStorage` variable to explicitly enable/disable colors
 */

// eslint-disable-next-line complexity
function useColors() {
	// NB: In an Electron preload script, document will be defined but not fully
	// initialized. Since we know we're in Chrome, we'll just detect this case
	// explicitly
	if (typeof window !== 'undefined' && window.process && (window.process.type === 'renderer' || window.process.__nwjs)) {
		return true;
	}

	// Internet Explorer and Edge do not support colors.
	if (typeof navigator !== 'undefined' && navigator.userAgent && navigator.userAgent.toLowerCase().match(/(edge|trident)\/(\d+)/)) {
		return false;
	}

	let m;

	// Is webkit? http://stackoverflow.com/a/16459606/376773
	// document is undefined in react-native: https://github.com/facebook/react-native/pull/1632
	// eslint-disable-next-line no-return-assign
	return (typeof document !== 'undefined' && document.documentElement && document.documentElement.style && document.documentElement.style.WebkitAppearance) ||
		// Is firebug? http://stackoverflow.com/a/398120/376773
		(typeof window !== 'undefined' && window.console && (window.console.firebug || (window.console.exception && window.console.table))) ||
		// Is firefox >= v31?
		// https://developer.mozilla.org/en-US/docs/Tools/Web_Console#Styling_messages
		(typeof navigator !== 'undefined' && navigator.userAgent && (m = navigator.userAgent.toLowerCase().match(/firefox\/(\d+)/)) && parseInt(m[1], 10) >= 31) ||
		// Double check webkit in userAgent just in case we are in a worker
		(typeof navigator !== 'undefined' && navigator.userAgent && navigator.userAgent.toLowerCase().match(/applewebkit\/(\d+)/));
}

/**
 * Colorize log arguments if enabled.
 *
 * @api public
 */

function formatArgs(args) {
	args[0] = (this.useColors ? '%c' : '') +
		this.namespace +
		(this.useColors ? ' %c' : ' ') +
		args[0] +
		(this.useColors ? '%c ' : ' ') +
		'+' + module.exports.humanize(this.diff);

	if (!this.useColors) {
		return;
	}

	const c = 'color: ' + this.color;
	args.splice(1, 0, c, 'color: inherit');

	// The final "%c" is somewhat tricky, because there could be other
	// arguments passed either before or after the %c, so we need to
	// figure out the correct index to insert the CSS into
	let index = 0;
	let lastC = 0;
	args[0].replace(/%[a-zA-Z%]/g, match => {
		if (match === '%%') {
			return;
		}
		index++;
		if (match === '%c') {
			// We only are interested in the *last* %c
			// (the user may have provided their own)
			lastC = index;
		}
	});

	args.splice(lastC, 0, c);
}

/**
 * Invokes `console.debug()` when available.
 * No-op when `console.debug` is not a "function".
 * If `console.debug` is not available, falls back
 * to `console.log`.
 *
 * @api public
 */
exports.log = console.debug || console.log || (() => {});

/**
 * Save `namespaces`.
 *
 * @param {String} namespaces
 * @api private
 */
function save(namespaces) {
	try {
		if (namespaces) {
			exports.storage.setItem('debug', namespaces);
		} else {
			exports.storage.removeItem('debug');
		}
	} catch (error) {
		// Swallow
		// XXX (@Qix-) should we be logging these?
	}
}

/**
 * Load `namespaces`.
 *
 * @return {String} returns the previously persisted debug modes
 * @api private
 */
function load() {
	let r;
	try {
		r = exports.storage.getItem('debug') || exports.storage.getItem('DEBUG') ;
	} catch (error) {
		// Swallow
		// XXX (@Qix-) should we be logging these?
	}

	// If debug isn't set in LS, and we're in Electron, try to load $DEBUG
	if (!r && typeof process !== 'undefined' && 'env' in process) {
		r = process.env.DEBUG;
	}

	return r;
}

/**
 * Localstorage attempts to return the localstorage.
 *
 * This is necessary because safari throws
 * when a user disables cookies/localstorage
 * and you attempt to access it.
 *
 * @return {LocalStorage}
 * @api private
 */

function localstorage() {
	try {
		// TVMLKit (Apple TV JS Runtime) does not have a window object, just localStorage in the global context
		// The Browser also has localStorage in the global context.
		return localStorage;
	} catch (error) {
		// Swallow
		// XXX (@Qix-) should we be logging these?
	}
}

module.exports = __nccwpck_require__(40897)(exports);

const {formatters} = module.exports;

/**
 * Map %j to `JSON.stringify()`, since no Web Inspectors do that by default.
 */

formatters.j = function (v) {
	try {
		return JSON.stringify(v);
	} catch (error) {
		return '[UnexpectedJSONParseError]: ' + error.message;
	}
};


/***/ }),

/***/ 40897:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


/**
 * This is the common logic for both the Node.js and web browser
 * implementations of `debug()`.
 */

function setup(env) {
	createDebug.debug = createDebug;
	createDebug.default = createDebug;
	createDebug.coerce = coerce;
	createDebug.disable = disable;
	createDebug.enable = enable;
	createDebug.enabled = enabled;
	createDebug.humanize = __nccwpck_require__(70744);
	createDebug.destroy = destroy;

	Object.keys(env).forEach(key => {
		createDebug[key] = env[key];
	});

	/**
	* The currently active debug mode names, and names to skip.
	*/

	createDebug.names = [];
	createDebug.skips = [];

	/**
	* Map of special "%n" handling functions, for the debug "format" argument.
	*
	* Valid key names are a single, lower or upper-case letter, i.e. "n" and "N".
	*/
	createDebug.formatters = {};

	/**
	* Selects a color for a debug namespace
	* @param {String} namespace The namespace string for the debug instance to be colored
	* @return {Number|String} An ANSI color code for the given namespace
	* @api private
	*/
	function selectColor(namespace) {
		let hash = 0;

		for (let i = 0; i < namespace.length; i++) {
			hash = ((hash << 5) - hash) + namespace.charCodeAt(i);
			hash |= 0; // Convert to 32bit integer
		}

		return createDebug.colors[Math.abs(hash) % createDebug.colors.length];
	}
	createDebug.selectColor = selectColor;

	/**
	* Create a debugger with the given `namespace`.
	*
	* @param {String} namespace
	* @return {Function}
	* @api public
	*/
	function createDebug(namespace) {
		let prevTime;
		let enableOverride = null;
		let namespacesCache;
		let enabledCache;

		function debug(...args) {
			// Disabled?
			if (!debug.enabled) {
				return;
			}

			const self = debug;

			// Set `diff` timestamp
			const curr = Number(new Date());
			const ms = curr - (prevTime || curr);
			self.diff = ms;
			self.prev = prevTime;
			self.curr = curr;
			prevTime = curr;

			args[0] = createDebug.coerce(args[0]);

			if (typeof args[0] !== 'string') {
				// Anything else let's inspect with %O
				args.unshift('%O');
			}

			// Apply any `formatters` transformations
			let index = 0;
			args[0] = args[0].replace(/%([a-zA-Z%])/g, (match, format) => {
				// If we encounter an escaped % then don't increase the array index
				if (match === '%%') {
					return '%';
				}
				index++;
				const formatter = createDebug.formatters[format];
				if (typeof formatter === 'function') {
					const val = args[index];
					match = formatter.call(self, val);

					// Now we need to remove `args[index]` since it's inlined in the `format`
					args.splice(index, 1);
					index--;
				}
				return match;
			});

			// Apply env-specific formatting (colors, etc.)
			createDebug.formatArgs.call(self, args);

			const logFn = self.log || createDebug.log;
			logFn.apply(self, args);
		}

		debug.namespace = namespace;
		debug.useColors = createDebug.useColors();
		debug.color = createDebug.selectColor(namespace);
		debug.extend = extend;
		debug.destroy = createDebug.destroy; // XXX Temporary. Will be removed in the next major release.

		Object.defineProperty(debug, 'enabled', {
			enumerable: true,
			configurable: false,
			get: () => {
				if (enableOverride !== null) {
					return enableOverride;
				}
				if (namespacesCache !== createDebug.namespaces) {
					namespacesCache = createDebug.namespaces;
					enabledCache = createDebug.enabled(namespace);
				}

				return enabledCache;
			},
			set: v => {
				enableOverride = v;
			}
		});

		// Env-specific initialization logic for debug instances
		if (typeof createDebug.init === 'function') {
			createDebug.init(debug);
		}

		return debug;
	}

	function extend(namespace, delimiter) {
		const newDebug = createDebug(this.namespace + (typeof delimiter === 'undefined' ? ':' : delimiter) + namespace);
		newDebug.log = this.log;
		return newDebug;
	}

	/**
	* Enables a debug mode by namespaces. This can include modes
	* separated by a colon and wildcards.
	*
	* @param {String} namespaces
	* @api public
	*/
	function enable(namespaces) {
		createDebug.save(namespaces);
		createDebug.namespaces = namespaces;

		createDebug.names = [];
		createDebug.skips = [];

		const split = (typeof namespaces === 'string' ? namespaces : '')
			.trim()
			.replace(/\s+/g, ',')
			.split(',')
			.filter(Boolean);

		for (const ns of split) {
			if (ns[0] === '-') {
				createDebug.skips.push(ns.slice(1));
			} else {
				createDebug.names.push(ns);
			}
		}
	}

	/**
	 * Checks if the given string matches a namespace template, honoring
	 * asterisks as wildcards.
	 *
	 * @param {String} search
	 * @param {String} template
	 * @return {Boolean}
	 */
	function matchesTemplate(search, template) {
		let searchIndex = 0;
		let templateIndex = 0;
		let starIndex = -1;
		let matchIndex = 0;

		while (searchIndex < search.length) {
			if (templateIndex < template.length && (template[templateIndex] === search[searchIndex] || template[templateIndex] === '*')) {
				// Match character or proceed with wildcard
				if (template[templateIndex] === '*') {
					starIndex = templateIndex;
					matchIndex = searchIndex;
					templateIndex++; // Skip the '*'
				} else {
					searchIndex++;
					templateIndex++;
				}
			} else if (starIndex !== -1) { // eslint-disable-line no-negated-condition
				// Backtrack to the last '*' and try to match more characters
				templateIndex = starIndex + 1;
				matchIndex++;
				searchIndex = matchIndex;
			} else {
				return false; // No match
			}
		}

		// Handle trailing '*' in template
		while (templateIndex < template.length && template[templateIndex] === '*') {
			templateIndex++;
		}

		return templateIndex === template.length;
	}

	/**
	* Disable debug output.
	*
	* @return {String} namespaces
	* @api public
	*/
	function disable() {
		const namespaces = [
			...createDebug.names,
			...createDebug.skips.map(namespace => '-' + namespace)
		].join(',');
		createDebug.enable('');
		return namespaces;
	}

	/**
	* Returns true if the given mode name is enabled, false otherwise.
	*
	* @param {String} name
	* @return {Boolean}
	* @api public
	*/
	function enabled(name) {
		for (const skip of createDebug.skips) {
			if (matchesTemplate(name, skip)) {
				return false;
			}
		}

		for (const ns of createDebug.names) {
			if (matchesTemplate(name, ns)) {
				return true;
			}
		}

		return false;
	}

	/**
	* Coerce `val`.
	*
	* @param {Mixed} val
	* @return {Mixed}
	* @api private
	*/
	function coerce(val) {
		if (val instanceof Error) {
			return val.stack || val.message;
		}
		return val;
	}

	/**
	* XXX DO NOT USE. This is a temporary stub function.
	* XXX It WILL be removed in the next major release.
	*/
	function destroy() {
		console.warn('Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.');
	}

	createDebug.enable(createDebug.load());

	return createDebug;
}

module.exports = setup;


/***/ }),

/***/ 2830:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/**
 * Detect Electron renderer / nwjs process, which is node, but we should
 * treat as a browser.
 */

if (typeof process === 'undefined' || process.type === 'renderer' || process.browser === true || process.__nwjs) {
	module.exports = __nccwpck_require__(6110);
} else {
	module.exports = __nccwpck_require__(95108);
}


/***/ }),

/***/ 95108:
/***/ ((module, exports, __nccwpck_require__) => {

/**
 * Module dependencies.
 */

const tty = __nccwpck_require__(52018);
const util = __nccwpck_require__(39023);

/**
 * This is the Node.js implementation of `debug()`.
 */

exports.init = init;
exports.log = log;
exports.formatArgs = formatArgs;
exports.save = save;
exports.load = load;
exports.useColors = useColors;
exports.destroy = util.deprecate(
	() => {},
	'Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.'
);

/**
 * Colors.
 */

exports.colors = [6, 2, 3, 4, 5, 1];

try {
	// Optional dependency (as in, doesn't need to be installed, NOT like optionalDependencies in package.json)
	// eslint-disable-next-line import/no-extraneous-dependencies
	const supportsColor = __nccwpck_require__(21450);

	if (supportsColor && (supportsColor.stderr || supportsColor).level >= 2) {
		exports.colors = [
			20,
			21,
			26,
			27,
			32,
			33,
			38,
			39,
			40,
			41,
			42,
			43,
			44,
			45,
			56,
			57,
			62,
			63,
			68,
			69,
			74,
			75,
			76,
			77,
			78,
			79,
			80,
			81,
			92,
			93,
			98,
			99,
			112,
			113,
			128,
			129,
			134,
			135,
			148,
			149,
			160,
			161,
			162,
			163,
			164,
			165,
			166,
			167,
			168,
			169,
			170,
			171,
			172,
			173,
			178,
			179,
			184,
			185,
			196,
			197,
			198,
			199,
			200,
			201,
			202,
			203,
			204,
			205,
			206,
			207,
			208,
			209,
			214,
			215,
			220,
			221
		];
	}
} catch (error) {
	// Swallow - we only care if `supports-color` is available; it doesn't have to be.
}

/**
 * Build up the default `inspectOpts` object from the environment variables.
 *
 *   $ DEBUG_COLORS=no DEBUG_DEPTH=10 DEBUG_SHOW_HIDDEN=enabled node script.js
 */

exports.inspectOpts = Object.keys(process.env).filter(key => {
	return /^debug_/i.test(key);
}).reduce((obj, key) => {
	// Camel-case
	const prop = key
		.substring(6)
		.toLowerCase()
		.replace(/_([a-z])/g, (_, k) => {
			return k.toUpperCase();
		});

	// Coerce string value into JS value
	let val = process.env[key];
	if (/^(yes|on|true|enabled)$/i.test(val)) {
		val = true;
	} else if (/^(no|off|false|disabled)$/i.test(val)) {
		val = false;
	} else if (val === 'null') {
		val = null;
	} else {
		val = Number(val);
	}

	obj[prop] = val;
	return obj;
}, {});

/**
 * Is stdout a TTY? Colored output is enabled when `true`.
 */

function useColors() {
	return 'colors' in exports.inspectOpts ?
		Boolean(exports.inspectOpts.colors) :
		tty.isatty(process.stderr.fd);
}

/**
 * Adds ANSI color escape codes if enabled.
 *
 * @api public
 */

function formatArgs(args) {
	const {namespace: name, useColors} = this;

	if (useColors) {
		const c = this.color;
		const colorCode = '\u001B[3' + (c < 8 ? c : '8;5;' + c);
		const prefix = `  ${colorCode};1m${name} \u001B[0m`;

		args[0] = prefix + args[0].split('\n').join('\n' + prefix);
		args.push(colorCode + 'm+' + module.exports.humanize(this.diff) + '\u001B[0m');
	} else {
		args[0] = getDate() + name + ' ' + args[0];
	}
}

function getDate() {
	if (exports.inspectOpts.hideDate) {
		return '';
	}
	return new Date().toISOString() + ' ';
}

/**
 * Invokes `util.formatWithOptions()` with the specified arguments and writes to stderr.
 */

function log(...args) {
	return process.stderr.write(util.formatWithOptions(exports.inspectOpts, ...args) + '\n');
}

/**
 * Save `namespaces`.
 *
 * @param {String} namespaces
 * @api private
 */
function save(namespaces) {
	if (namespaces) {
		process.env.DEBUG = namespaces;
	} else {
		// If you set a process.env field to null or undefined, it gets cast to the
		// string 'null' or 'undefined'. Just delete instead.
		delete process.env.DEBUG;
	}
}

/**
 * Load `namespaces`.
 *
 * @return {String} returns the previously persisted debug modes
 * @api private
 */

function load() {
	return process.env.DEBUG;
}

/**
 * Init logic for `debug` instances.
 *
 * Create a new `inspectOpts` object in case `useColors` is set
 * differently for a particular `debug` instance.
 */

function init(debug) {
	debug.inspectOpts = {};

	const keys = Object.keys(exports.inspectOpts);
	for (let i = 0; i < keys.length; i++) {
		debug.inspectOpts[keys[i]] = exports.inspectOpts[keys[i]];
	}
}

module.exports = __nccwpck_require__(40897)(exports);

const {formatters} = module.exports;

/**
 * Map %o to `util.inspect()`, all on a single line.
 */

formatters.o = function (v) {
	this.inspectOpts.colors = this.useColors;
	return util.inspect(v, this.inspectOpts)
		.split('\n')
		.map(str => str.trim())
		.join(' ');
};

/**
 * Map %O to `util.inspect()`, allowing multiple lines if needed.
 */

formatters.O = function (v) {
	this.inspectOpts.colors = this.useColors;
	return util.inspect(v, this.inspectOpts);
};


/***/ }),

/***/ 83813:
/***/ ((module) => {



module.exports = (flag, argv = process.argv) => {
	const prefix = flag.startsWith('-') ? '' : (flag.length === 1 ? '-' : '--');
	const position = argv.indexOf(prefix + flag);
	const terminatorPosition = argv.indexOf('--');
	return position !== -1 && (terminatorPosition === -1 || position < terminatorPosition);
};


/***/ }),

/***/ 70744:
/***/ ((module) => {

/**
 * Helpers.
 */

var s = 1000;
var m = s * 60;
var h = m * 60;
var d = h * 24;
var w = d * 7;
var y = d * 365.25;

/**
 * Parse or format the given `val`.
 *
 * Options:
 *
 *  - `long` verbose formatting [false]
 *
 * @param {String|Number} val
 * @param {Object} [options]
 * @throws {Error} throw an error if val is not a non-empty string or a number
 * @return {String|Number}
 * @api public
 */

module.exports = function (val, options) {
  options = options || {};
  var type = typeof val;
  if (type === 'string' && val.length > 0) {
    return parse(val);
  } else if (type === 'number' && isFinite(val)) {
    return options.long ? fmtLong(val) : fmtShort(val);
  }
  throw new Error(
    'val is not a non-empty string or a valid number. val=' +
      JSON.stringify(val)
  );
};

/**
 * Parse the given `str` and return milliseconds.
 *
 * @param {String} str
 * @return {Number}
 * @api private
 */

function parse(str) {
  str = String(str);
  if (str.length > 100) {
    return;
  }
  var match = /^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$/i.exec(
    str
  );
  if (!match) {
    return;
  }
  var n = parseFloat(match[1]);
  var type = (match[2] || 'ms').toLowerCase();
  switch (type) {
    case 'years':
    case 'year':
    case 'yrs':
    case 'yr':
    case 'y':
      return n * y;
    case 'weeks':
    case 'week':
    case 'w':
      return n * w;
    case 'days':
    case 'day':
    case 'd':
      return n * d;
    case 'hours':
    case 'hour':
    case 'hrs':
    case 'hr':
    case 'h':
      return n * h;
    case 'minutes':
    case 'minute':
    case 'mins':
    case 'min':
    case 'm':
      return n * m;
    case 'seconds':
    case 'second':
    case 'secs':
    case 'sec':
    case 's':
      return n * s;
    case 'milliseconds':
    case 'millisecond':
    case 'msecs':
    case 'msec':
    case 'ms':
      return n;
    default:
      return undefined;
  }
}

/**
 * Short format for `ms`.
 *
 * @param {Number} ms
 * @return {String}
 * @api private
 */

function fmtShort(ms) {
  var msAbs = Math.abs(ms);
  if (msAbs >= d) {
    return Math.round(ms / d) + 'd';
  }
  if (msAbs >= h) {
    return Math.round(ms / h) + 'h';
  }
  if (msAbs >= m) {
    return Math.round(ms / m) + 'm';
  }
  if (msAbs >= s) {
    return Math.round(ms / s) + 's';
  }
  return ms + 'ms';
}

/**
 * Long format for `ms`.
 *
 * @param {Number} ms
 * @return {String}
 * @api private
 */

function fmtLong(ms) {
  var msAbs = Math.abs(ms);
  if (msAbs >= d) {
    return plural(ms, msAbs, d, 'day');
  }
  if (msAbs >= h) {
    return plural(ms, msAbs, h, 'hour');
  }
  if (msAbs >= m) {
    return plural(ms, msAbs, m, 'minute');
  }
  if (msAbs >= s) {
    return plural(ms, msAbs, s, 'second');
  }
  return ms + ' ms';
}

/**
 * Pluralization helper.
 */

function plural(ms, msAbs, n, name) {
  var isPlural = msAbs >= n * 1.5;
  return Math.round(ms / n) + ' ' + name + (isPlural ? 's' : '');
}


/***/ }),

/***/ 21450:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const os = __nccwpck_require__(70857);
const tty = __nccwpck_require__(52018);
const hasFlag = __nccwpck_require__(83813);

const {env} = process;

let forceColor;
if (hasFlag('no-color') ||
	hasFlag('no-colors') ||
	hasFlag('color=false') ||
	hasFlag('color=never')) {
	forceColor = 0;
} else if (hasFlag('color') ||
	hasFlag('colors') ||
	hasFlag('color=true') ||
	hasFlag('color=always')) {
	forceColor = 1;
}

if ('FORCE_COLOR' in env) {
	if (env.FORCE_COLOR === 'true') {
		forceColor = 1;
	} else if (env.FORCE_COLOR === 'false') {
		forceColor = 0;
	} else {
		forceColor = env.FORCE_COLOR.length === 0 ? 1 : Math.min(parseInt(env.FORCE_COLOR, 10), 3);
	}
}

function translateLevel(level) {
	if (level === 0) {
		return false;
	}

	return {
		level,
		hasBasic: true,
		has256: level >= 2,
		has16m: level >= 3
	};
}

function supportsColor(haveStream, streamIsTTY) {
	if (forceColor === 0) {
		return 0;
	}

	if (hasFlag('color=16m') ||
		hasFlag('color=full') ||
		hasFlag('color=truecolor')) {
		return 3;
	}

	if (hasFlag('color=256')) {
		return 2;
	}

	if (haveStream && !streamIsTTY && forceColor === undefined) {
		return 0;
	}

	const min = forceColor || 0;

	if (env.TERM === 'dumb') {
		return min;
	}

	if (process.platform === 'win32') {
		// Windows 10 build 10586 is the first Windows release that supports 256 colors.
		// Windows 10 build 14931 is the first release that supports 16m/TrueColor.
		const osRelease = os.release().split('.');
		if (
			Number(osRelease[0]) >= 10 &&
			Number(osRelease[2]) >= 10586
		) {
			return Number(osRelease[2]) >= 14931 ? 3 : 2;
		}

		return 1;
	}

	if ('CI' in env) {
		if (['TRAVIS', 'CIRCLECI', 'APPVEYOR', 'GITLAB_CI', 'GITHUB_ACTIONS', 'BUILDKITE'].some(sign => sign in env) || env.CI_NAME === 'codeship') {
			return 1;
		}

		return min;
	}

	if ('TEAMCITY_VERSION' in env) {
		return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? 1 : 0;
	}

	if (env.COLORTERM === 'truecolor') {
		return 3;
	}

	if ('TERM_PROGRAM' in env) {
		const version = parseInt((env.TERM_PROGRAM_VERSION || '').split('.')[0], 10);

		switch (env.TERM_PROGRAM) {
			case 'iTerm.app':
				return version >= 3 ? 3 : 2;
			case 'Apple_Terminal':
				return 2;
			// No default
		}
	}

	if (/-256(color)?$/i.test(env.TERM)) {
		return 2;
	}

	if (/^screen|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(env.TERM)) {
		return 1;
	}

	if ('COLORTERM' in env) {
		return 1;
	}

	return min;
}

function getSupportLevel(stream) {
	const level = supportsColor(stream, stream && stream.isTTY);
	return translateLevel(level);
}

module.exports = {
	supportsColor: getSupportLevel,
	stdout: translateLevel(supportsColor(true, tty.isatty(1))),
	stderr: translateLevel(supportsColor(true, tty.isatty(2)))
};


/***/ }),

/***/ 64723:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  bg: () => (/* binding */ createBudgetGate),
  XG: () => (/* binding */ overBudgetResult)
});

// UNUSED EXPORTS: BudgetLedgerError, NO_BUDGET

// EXTERNAL MODULE: ./src/github/comments.ts
var comments = __nccwpck_require__(66645);
// EXTERNAL MODULE: ./src/github/errors.ts
var errors = __nccwpck_require__(73116);
// EXTERNAL MODULE: ./src/github/idempotent.ts
var idempotent = __nccwpck_require__(97636);
;// CONCATENATED MODULE: ./src/github/ledger.ts
/**
 * The budget ledger on GitHub: one issue ("pitcrew budget ledger", label `pitcrew`) whose
 * comments are append-only entries (src/agent/budget.ts). Everything here needs `issues: write`
 * and nothing more, which every example workflow grants.
 *
 * One ledger per repository, even when many runs start at once with no ledger yet: every run
 * that finds none opens one, then takes the lowest-numbered ledger issue there is and closes its
 * own if it is not that one. Issue numbers grow in creation order, so the first ledger opened is
 * the lowest, and every look-up made after it was opened sees it: all runs settle on the same
 * issue before any of them writes an entry.
 */



const LEDGER_TITLE = 'pitcrew budget ledger';
const LEDGER_MARKER = '<!-- pitcrew:budget-ledger -->';
const LEDGER_LABEL = 'pitcrew';
/** Pins the ledger on the repository's Issues page, where people look for it (GraphQL only). */
const PIN_ISSUE_MUTATION = `mutation PitcrewPinLedger($issueId: ID!) {
  pinIssue(input: { issueId: $issueId }) {
    issue {
      number
      isPinned
    }
  }
}`;
const LEDGER_BODY = `${LEDGER_MARKER}
This issue is the repository budget ledger of [pitcrew](https://github.com/pitcrew/pitcrew) (\`budget.hourly-usd\` / \`budget.daily-usd\` in \`.github/pitcrew.yml\`).

Each comment by pitcrew is one entry, in comment order: a **reserve** before a run's first model call, a **settle** with what the run really spent when it ends. A reservation that is never settled (a run that crashed) expires at the time it states. Please do not edit or delete pitcrew's comments; other comments are ignored. How it works: [docs/budget.md](https://github.com/pitcrew/pitcrew/blob/main/docs/budget.md).
`;
/**
 * The lowest-numbered ledger issue by pitcrew's token: among issues labelled `pitcrew` (oldest
 * first, the first page holding one ends the search), then, when the label was removed, among
 * all issues (newest first, 10 pages). Always the lowest, never the first seen: a run must not
 * settle on a duplicate another run is about to close.
 */
async function findLedger(octokit, o) {
    const trusted = o.trusted ?? (0,comments/* tokenAuthorCheck */.ZZ)(octokit);
    const lowest = async (query, maxPages) => {
        let best;
        let pageCount = 0;
        const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
            owner: o.owner,
            repo: o.repo,
            state: 'all',
            sort: 'created',
            per_page: 100,
            ...query,
        });
        for await (const page of pages) {
            for (const i of page.data) {
                if (i.pull_request || !i.body?.includes(LEDGER_MARKER))
                    continue;
                if (best && best.number < i.number)
                    continue;
                if (!(await trusted({ login: i.user?.login ?? null, type: i.user?.type ?? null })))
                    continue;
                best = { owner: o.owner, repo: o.repo, number: i.number, url: i.html_url };
            }
            if ((best && query.direction === 'asc') || ++pageCount >= maxPages)
                break;
        }
        return best;
    };
    return ((await lowest({ labels: LEDGER_LABEL, direction: 'asc' }, Infinity)) ??
        (await lowest({ direction: 'desc' }, 10)));
}
/**
 * The ledger, opened when there is none; duplicates opened by concurrent runs are closed. The run
 * that opens the ledger pins it (best effort: see `pinLedger`).
 */
async function openLedger(octokit, o) {
    const trusted = (0,comments/* tokenAuthorCheck */.ZZ)(octokit);
    const found = await findLedger(octokit, { ...o, trusted });
    if (found)
        return found;
    const made = await (0,idempotent/* writeOnceOn */.ay)(octokit, {
        what: `the budget ledger issue`,
        create: async () => {
            const res = await octokit.rest.issues.create({
                owner: o.owner,
                repo: o.repo,
                title: LEDGER_TITLE,
                body: LEDGER_BODY,
                labels: [LEDGER_LABEL],
            });
            return {
                owner: o.owner,
                repo: o.repo,
                number: res.data.number,
                url: res.data.html_url,
                nodeId: res.data.node_id,
            };
        },
        find: () => findLedger(octokit, { ...o, trusted }),
    });
    const first = (await findLedger(octokit, { ...o, trusted })) ?? made.value;
    if (first.number !== made.value.number) {
        // Another run opened the ledger first: ours is a duplicate with no entry on it yet.
        await octokit.rest.issues.update({
            owner: o.owner,
            repo: o.repo,
            issue_number: made.value.number,
            state: 'closed',
            state_reason: 'not_planned',
            body: `${LEDGER_BODY}\nDuplicate: the ledger is #${first.number}.`,
        });
    }
    else if (made.value.nodeId) {
        await pinLedger(octokit, { ...first, nodeId: made.value.nodeId }, o.log);
    }
    return first;
}
/**
 * Pins the ledger issue, once, by the run that opened it. Best effort: GitHub allows three pinned
 * issues per repository and may refuse the job's token; the ledger works the same unpinned, so a
 * refusal is a line in the log, never a failed run.
 */
async function pinLedger(octokit, ledger, log) {
    try {
        const res = await octokit.graphql(PIN_ISSUE_MUTATION, { issueId: ledger.nodeId });
        const pinned = res.pinIssue.issue?.isPinned === true;
        log?.info(pinned
            ? `Budget: pinned the ledger #${ledger.number}.`
            : `Budget: the ledger #${ledger.number} was not pinned (GitHub did not say why); it works unpinned.`);
        return pinned;
    }
    catch (err) {
        // GraphQL refusals come as a list under a generic message: GitHub's own words are the reason.
        const listed = err?.errors;
        const why = listed?.length ? listed.map((e) => e.message).join('; ') : (0,errors/* errorMessage */.gJ)(err);
        log?.info(`Budget: the ledger #${ledger.number} could not be pinned (${why}); it works unpinned.`);
        return false;
    }
}
/**
 * The ledger's comments by pitcrew's token, updated at `since` or later, in id order (every
 * page: a busy day has hundreds of entries).
 */
async function readLedger(octokit, ledger, since, trusted = (0,comments/* tokenAuthorCheck */.ZZ)(octokit)) {
    const out = [];
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner: ledger.owner,
        repo: ledger.repo,
        issue_number: ledger.number,
        since: new Date(since).toISOString(),
        per_page: 100,
    });
    for await (const page of pages) {
        for (const c of page.data) {
            if (!c.body?.includes('pitcrew:budget'))
                continue;
            if (!(await trusted({ login: c.user?.login ?? null, type: c.user?.type ?? null })))
                continue;
            out.push({ id: c.id, createdAt: c.created_at, body: c.body });
        }
    }
    return out.sort((a, b) => a.id - b.id);
}
/**
 * Appends one entry, exactly once: when GitHub's answer is lost, the entry is looked up by its
 * key (run and kind) among the comments since `since` before it is sent again.
 */
async function appendEntry(octokit, ledger, o) {
    const trusted = o.trusted ?? (0,comments/* tokenAuthorCheck */.ZZ)(octokit);
    const res = await (0,idempotent/* writeOnceOn */.ay)(octokit, {
        what: `the budget ledger entry on #${ledger.number}`,
        create: async () => {
            const res = await octokit.rest.issues.createComment({
                owner: ledger.owner,
                repo: ledger.repo,
                issue_number: ledger.number,
                body: o.body,
            });
            return { id: res.data.id, createdAt: res.data.created_at, body: res.data.body ?? o.body };
        },
        find: async () => (await readLedger(octokit, ledger, o.since, trusted)).find((c) => c.body.includes(o.key)),
    });
    return res.value;
}

;// CONCATENATED MODULE: ./src/agent/budget.ts
/**
 * The repository budget's ledger, as pure logic: the entries (one issue comment each), how they
 * are written and read back, and the one rule every run applies to decide whether a reservation
 * is granted. No I/O here: src/github/ledger.ts reads and writes the comments, and
 * src/agent/budget-gate.ts runs the gate. Why the rule is safe under concurrency: docs/budget.md.
 *
 * Amounts are kept in micro-dollars (integers) so that sums compare exactly: four reservations of
 * $0.50 fit a $2.00 cap whatever order they are added in.
 */
const WINDOW_MS = {
    hourly: 60 * 60_000,
    daily: 24 * 60 * 60_000,
};
/** The longest a reservation lives; readers look back this far (plus clock skew) and no further. */
const MAX_LIFETIME_MS = WINDOW_MS.daily;
/** How far back a reader lists entries: every window and every live reservation fit in it. */
const LOOKBACK_MS = MAX_LIFETIME_MS + 10 * 60_000;
/** Added to a run's `timeout-minutes` for its reservation's lifetime: the run reports after it. */
const LIFETIME_MARGIN_MS = 15 * 60_000;
const MICRO = 1_000_000;
const micro = (usd) => Math.round(usd * MICRO);
const usd = (m) => m / MICRO;
/** The configured caps, hourly first. */
function capsOf(caps) {
    const out = [];
    if (caps.hourlyUsd !== undefined)
        out.push({ window: 'hourly', capUsd: caps.hourlyUsd });
    if (caps.dailyUsd !== undefined)
        out.push({ window: 'daily', capUsd: caps.dailyUsd });
    return out;
}
/**
 * The windows at time `at`, counting only entries with an id below `beforeId` (all of them when
 * undefined). A reservation counts while it is unsettled (no settle for it below `beforeId`) and
 * unexpired at `at`; a settlement counts when it is dated inside the window.
 */
function windowsAt(entries, caps, at, beforeId) {
    const seen = entries.filter((e) => (beforeId === undefined || e.id < beforeId) && e.at <= at);
    const settled = new Set(seen.flatMap((e) => (e.kind === 'settle' ? [e.reservation] : [])));
    let reserved = 0;
    for (const e of seen) {
        if (e.kind === 'reserve' && !settled.has(e.id) && e.at + e.lifetimeMs > at) {
            reserved += micro(e.usd);
        }
    }
    return capsOf(caps).map(({ window, capUsd }) => {
        let spent = 0;
        for (const e of seen) {
            if (e.kind === 'settle' && e.at > at - WINDOW_MS[window])
                spent += micro(e.usd);
        }
        return {
            window,
            capUsd,
            spentUsd: usd(spent),
            reservedUsd: usd(reserved),
            leftUsd: usd(micro(capUsd) - spent - reserved),
        };
    });
}
/**
 * The rule, the same for every reader: reservation R is granted iff, for every cap, the spend
 * settled in the window ending at R's time, plus every reservation before R (by id) still live
 * at R's time, plus R's amount, is at most the cap. It reads only entries before R and R itself,
 * never the reader's clock or who is asking, so every run that reads the ledger after R was
 * written reaches the same verdict on R. Reservations that were themselves refused still count
 * until their release (seconds later): the rule never has to decide an earlier verdict first,
 * so a reader needs no history beyond LOOKBACK_MS.
 */
function verdictOf(entries, caps, reservationId) {
    const r = entries.find((e) => e.id === reservationId);
    if (!r || r.kind !== 'reserve') {
        throw new Error(`Invalid reservation id ${reservationId}: it is not a reservation in the ledger read back. Expected the id of the comment this run posted.`);
    }
    const windows = windowsAt(entries, caps, r.at, r.id);
    const exceeded = windows.find((w) => micro(w.leftUsd) < micro(r.usd));
    return exceeded ? { granted: false, windows, exceeded } : { granted: true, windows };
}
/**
 * What a run reserves now: its whole `maxCostUsd` when that fits in every window, else 0 (the run
 * is over budget and writes nothing). Never a part of it: the cost ceiling is checked before each
 * model call, so a run granted $0.05 could still make one $0.30 call, and several such runs would
 * each pass the cap by a call (docs/budget.md).
 */
function reservationAmount(windows, maxCostUsd) {
    const amount = micro(maxCostUsd);
    return windows.every((w) => micro(w.leftUsd) >= amount) ? usd(amount) : 0;
}
/** How long a run's reservation lives: its timeout plus a margin, at most MAX_LIFETIME_MS. */
function lifetimeFor(timeoutMinutes) {
    return Math.min(MAX_LIFETIME_MS, Math.ceil(timeoutMinutes * 60_000 + LIFETIME_MARGIN_MS));
}
// ---------------------------------------------------------------------------------------------
// The entries as comments: a line people read, and a machine-readable marker.
const TAG = 'pitcrew:budget';
const MARK_RE = /<!-- pitcrew:budget (\{[^\n]*?\}) -->/;
/** The marker that finds this run's entry of this kind again (write-once key). */
function entryKey(kind, run) {
    return `<!-- ${TAG}:${kind}:${run} -->`;
}
/** The human-readable body of an entry, as posted on the ledger issue. */
function renderEntry(e, o) {
    const data = e.kind === 'reserve'
        ? { v: 1, kind: e.kind, run: e.run, mode: e.mode, usd: e.usd, lifetimeMs: e.lifetimeMs }
        : { v: 1, kind: e.kind, run: e.run, reservation: e.reservation, usd: e.usd };
    const [runId, attempt] = e.run.split('/');
    const runLink = `[run ${runId} attempt ${attempt}](${o.runUrl})`;
    const line = e.kind === 'reserve'
        ? `**reserve** ${dollars(e.usd)} · ${e.mode} · ${runLink} · expires ${Math.round(e.lifetimeMs / 60_000)} min after this comment unless settled`
        : `**settle** ${dollars(e.usd)} spent${o.reservedUsd !== undefined ? ` of ${dollars(o.reservedUsd)} reserved` : ''} · ${runLink} · releases reservation ${e.reservation}`;
    return `${line}\n\n<!-- ${TAG} ${JSON.stringify(data)} -->\n${entryKey(e.kind, e.run)}`;
}
/** The entry a comment carries, or undefined for any other comment (people may talk there). */
function parseEntry(c) {
    const m = MARK_RE.exec(c.body);
    if (!m)
        return undefined;
    let d;
    try {
        d = JSON.parse(m[1]);
    }
    catch {
        return undefined;
    }
    const at = Date.parse(c.createdAt);
    const amount = d.usd;
    if (!Number.isFinite(at) || typeof amount !== 'number' || !(amount >= 0))
        return undefined;
    if (typeof d.run !== 'string')
        return undefined;
    if (d.kind === 'reserve' && typeof d.lifetimeMs === 'number' && d.lifetimeMs > 0) {
        return {
            kind: 'reserve',
            id: c.id,
            at,
            run: d.run,
            mode: typeof d.mode === 'string' ? d.mode : '',
            usd: amount,
            lifetimeMs: Math.min(d.lifetimeMs, MAX_LIFETIME_MS),
        };
    }
    if (d.kind === 'settle' && typeof d.reservation === 'number') {
        return { kind: 'settle', id: c.id, at, run: d.run, reservation: d.reservation, usd: amount };
    }
    return undefined;
}
/** `$1.25`; amounts under a cent keep four decimals. */
function dollars(v) {
    return Math.abs(v) < 0.01 && v !== 0 ? `$${v.toFixed(4)}` : `$${v.toFixed(2)}`;
}
/** "the daily cap of $5.00 (rolling 24 h)". */
function describeCap(w) {
    return `the ${w.window} cap of ${dollars(w.capUsd)} (budget.${w.window}-usd, rolling ${w.window === 'hourly' ? '60 min' : '24 h'})`;
}

// EXTERNAL MODULE: ./src/agent/types.ts
var types = __nccwpck_require__(50016);
;// CONCATENATED MODULE: ./src/agent/budget-gate.ts




/** The ledger could not be used: with a cap configured the run makes no model call. */
class BudgetLedgerError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BudgetLedgerError';
    }
}
/** The gate of a run with no cap configured (and of the CLI, which has no ledger). */
const NO_BUDGET = {
    enabled: false,
    reserve: async () => undefined,
    grantedUsd: () => undefined,
    allowsModelCalls: () => true,
    settle: async () => undefined,
    summaryLine: () => '',
};
const PERMISSION_HINT = "Expected the job's token to be allowed to read and write issues ('permissions: issues: write', as in docs/examples).";
/** The gate for a run; NO_BUDGET when neither cap is set. */
function createBudgetGate(o) {
    if (capsOf(o.caps).length === 0)
        return NO_BUDGET;
    const now = o.now ?? Date.now;
    const run = `${o.runId}/${o.runAttempt}`;
    const caps = capsOf(o.caps)
        .map((c) => `budget.${c.window}-usd ${dollars(c.capUsd)}`)
        .join(', ');
    let answer;
    let ledger;
    let granted;
    let settled = false;
    let since = 0;
    const fail = (doing, err) => {
        throw new BudgetLedgerError(`The budget ledger could not be ${doing} (${(0,errors/* errorMessage */.gJ)(err)}). ${caps} is set, so pitcrew makes no model call without a reservation on the ledger. ${PERMISSION_HINT}`);
    };
    const read = async () => {
        const comments = await readLedger(o.octokit, ledger, since).catch((e) => fail(`read (issue #${ledger.number})`, e));
        return comments.flatMap((c) => parseEntry(c) ?? []);
    };
    const refusal = (w, requestedUsd) => ({
        message: `pitcrew is over budget: ${describeCap(w)} has ${dollars(w.spentUsd)} spent${w.reservedUsd > 0 ? ` and ${dollars(w.reservedUsd)} reserved by runs in progress` : ''}, ${dollars(Math.max(0, w.leftUsd))} left; this run needs ${dollars(requestedUsd)} (its max-cost-usd). No model call was made. Ledger: ${ledger.url}`,
        window: w,
        requestedUsd,
        ledgerUrl: ledger.url,
    });
    const post = (body, key) => appendEntry(o.octokit, ledger, { body, key, since }).catch((e) => fail(`written (issue #${ledger.number})`, e));
    async function reserveOnce() {
        if (!o.octokit) {
            throw new BudgetLedgerError(`The budget ledger needs a GitHub token: ${caps} is set, so pitcrew makes no model call without a reservation on the ledger. Expected the 'github-token' input (default \${{ github.token }}) with 'issues: write'.`);
        }
        o.log.startGroup('pitcrew: budget');
        try {
            ledger = await openLedger(o.octokit, o).catch((e) => fail('opened', e));
            since = now() - LOOKBACK_MS;
            const before = await read();
            // The local clock may lag GitHub's: never judge "now" earlier than the newest entry.
            const at = Math.max(now(), ...before.map((e) => e.at));
            const windows = windowsAt(before, o.caps, at);
            const amount = reservationAmount(windows, o.maxCostUsd);
            if (amount === 0) {
                const tightest = [...windows].sort((a, b) => a.leftUsd - b.leftUsd)[0];
                return refusal(tightest, o.maxCostUsd);
            }
            const lifetimeMs = lifetimeFor(o.timeoutMinutes);
            const mine = await post(renderEntry({ kind: 'reserve', run, mode: o.mode, usd: amount, lifetimeMs }, { runUrl: o.runUrl }), entryKey('reserve', run));
            const release = () => post(renderEntry({ kind: 'settle', run, reservation: mine.id, usd: 0 }, { runUrl: o.runUrl, reservedUsd: amount }), entryKey('settle', run));
            // Read back: the verdict depends only on the entries before ours, which are all there now.
            let after;
            try {
                after = await read();
            }
            catch (err) {
                // No verdict, no model call: release the reservation rather than hold it until it expires.
                await release().catch(() => undefined);
                settled = true;
                throw err;
            }
            if (!after.some((e) => e.id === mine.id))
                after.push(...ownEntry(mine));
            const verdict = verdictOf(after.sort((a, b) => a.id - b.id), o.caps, mine.id);
            if (!verdict.granted) {
                // Released at once, so it holds back nobody else.
                await release();
                settled = true;
                return refusal(verdict.exceeded, amount);
            }
            granted = { id: mine.id, usd: amount };
            o.log.info(`Budget: reserved ${dollars(amount)} on ${ledger.url} (${verdict.windows.map((w) => `${w.window}: ${dollars(w.spentUsd)} spent, ${dollars(w.reservedUsd)} reserved by others, cap ${dollars(w.capUsd)}`).join('; ')}); it expires ${Math.round(lifetimeMs / 60_000)} min after it was written unless settled.`);
            return undefined;
        }
        finally {
            o.log.endGroup();
        }
    }
    return {
        enabled: true,
        reserve() {
            answer ??= reserveOnce().then((r) => {
                if (r)
                    o.log.notice(r.message);
                return r;
            });
            return answer;
        },
        grantedUsd: () => granted?.usd,
        allowsModelCalls: () => granted !== undefined,
        async settle(spentUsd) {
            if (!granted || settled || !ledger || !o.octokit)
                return;
            settled = true;
            // An unknown price counts as the whole reservation: never less than may have been spent.
            const usd = spentUsd ?? granted.usd;
            try {
                await appendEntry(o.octokit, ledger, {
                    body: renderEntry({ kind: 'settle', run, reservation: granted.id, usd: Math.round(usd * 1e6) / 1e6 }, { runUrl: o.runUrl, reservedUsd: granted.usd }),
                    key: entryKey('settle', run),
                    since,
                });
                o.log.info(`Budget: settled ${dollars(usd)} of ${dollars(granted.usd)} on ${ledger.url}.`);
            }
            catch (err) {
                o.log.warning(`Budget: the settlement (${dollars(usd)}) could not be written on ${ledger.url} (${(0,errors/* errorMessage */.gJ)(err)}); the reservation of ${dollars(granted.usd)} expires on its own.`);
            }
        },
        summaryLine() {
            if (!ledger)
                return '';
            if (granted) {
                return `Budget: ${dollars(granted.usd)} reserved (${caps}); ledger: [#${ledger.number}](${ledger.url}).`;
            }
            return `Budget ledger: [#${ledger.number}](${ledger.url}).`;
        },
    };
}
/** Our own entry, from the create's answer, when the read-back does not list it yet. */
function ownEntry(c) {
    const e = parseEntry(c);
    return e ? [e] : [];
}
/** The result of a run the gate refused: outcome `over-budget`, no failure, nothing spent. */
function overBudgetResult(mode, r) {
    return {
        mode,
        outcome: 'over-budget',
        result: {
            reason: r.message,
            window: r.window.window,
            capUsd: r.window.capUsd,
            spentUsd: r.window.spentUsd,
            reservedUsd: r.window.reservedUsd,
            requestedUsd: r.requestedUsd,
            ledger: r.ledgerUrl,
        },
        usage: (0,types/* emptyUsage */.l)(),
        stopReason: 'none',
        summary: `### pitcrew: over budget\n\n${r.message.replace(/ Ledger: \S+$/, '')}\n\nThe ledger: ${r.ledgerUrl} (how it works: docs/budget.md).\n`,
    };
}


/***/ }),

/***/ 6923:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ov: () => (/* binding */ compactMessages),
/* harmony export */   bP: () => (/* binding */ estimateTokens),
/* harmony export */   vM: () => (/* binding */ withCacheBreakpoints)
/* harmony export */ });
/* unused harmony export elisionStub */
const EPHEMERAL = { type: 'ephemeral' };
/** Token estimate: ≈ 4 characters per token of the JSON sent. */
function estimateTokens(value) {
    return Math.ceil(JSON.stringify(value).length / 4);
}
/**
 * The request parts with cache breakpoints placed (or none when `caching` is off). The history
 * is not modified: breakpoints move every turn and only the newest ones are sent.
 */
function withCacheBreakpoints(tools, system, messages, caching) {
    const sys = system ? [{ type: 'text', text: system }] : [];
    if (!caching)
        return { tools: [...tools], system: sys, messages: [...messages] };
    const outTools = tools.map((t, i) => i === tools.length - 1 ? { ...t, cache_control: EPHEMERAL } : t);
    const outSystem = sys.map((b) => ({ ...b, cache_control: EPHEMERAL }));
    const budget = 4 - (outTools.length > 0 ? 1 : 0) - outSystem.length;
    const out = [...messages];
    let placed = 0;
    for (let i = out.length - 1; i >= 0 && placed < budget && placed < 2; i--) {
        const m = out[i];
        if (m.role !== 'user')
            continue;
        const content = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : [...m.content];
        const last = content.length - 1;
        if (last < 0)
            continue;
        content[last] = { ...content[last], cache_control: EPHEMERAL };
        out[i] = { ...m, content };
        placed++;
    }
    // A spare breakpoint (the first call of a loop) marks the task's shared head, when the task
    // has one: parallel loops over the same context then read it instead of each writing it.
    const first = out[0];
    if (placed < Math.min(budget, 2) && first?.role === 'user' && Array.isArray(first.content)) {
        if (first.content.length > 1 && !('cache_control' in first.content[0])) {
            const content = [...first.content];
            content[0] = { ...content[0], cache_control: EPHEMERAL };
            out[0] = { ...first, content };
        }
    }
    return { tools: outTools, system: outSystem, messages: out };
}
function elisionStub(chars) {
    return `[tool result of ${chars} chars elided to save context; re-run the tool if needed]`;
}
/** Characters of an old assistant text or tool input string kept by compaction. */
const KEPT_HEAD_CHARS = 200;
function resultChars(content) {
    if (content === undefined)
        return 0;
    if (typeof content === 'string')
        return content.length;
    return JSON.stringify(content).length;
}
function shorten(text, what) {
    return `${text.slice(0, KEPT_HEAD_CHARS)}[... ${text.length - KEPT_HEAD_CHARS} chars of ${what} elided to save context]`;
}
/** A tool input with every long string shortened; keys and structure stay, so pairing holds. */
function shortenInput(value, minChars) {
    if (typeof value === 'string')
        return value.length >= minChars ? shorten(value, 'this input') : value;
    if (Array.isArray(value))
        return value.map((v) => shortenInput(v, minChars));
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [
            k,
            shortenInput(v, minChars),
        ]));
    }
    return value;
}
/**
 * Shortens the long blocks of messages[from, to): tool results become a stub, assistant texts
 * and the long strings of tool_use inputs keep their head. Ids, names and is_error flags stay,
 * so every tool_use keeps its tool_result. Thinking blocks are never touched (the API checks
 * their signatures).
 */
function shortenRange(messages, from, to, minChars, kept) {
    let elided = 0;
    let savedChars = 0;
    const out = messages.map((m, i) => {
        if (i < from || i >= to || typeof m.content === 'string')
            return m;
        let changed = false;
        const content = m.content.map((b) => {
            if (m.role === 'user' && b.type === 'tool_result') {
                if (kept.has(b.tool_use_id))
                    return b;
                const chars = resultChars(b.content);
                if (chars < minChars)
                    return b;
                const stub = elisionStub(chars);
                changed = true;
                elided++;
                savedChars += chars - stub.length;
                return { ...b, content: stub };
            }
            if (m.role === 'assistant' && b.type === 'text' && b.text.length >= minChars) {
                const text = shorten(b.text, 'your earlier reply');
                changed = true;
                elided++;
                savedChars += b.text.length - text.length;
                return { ...b, text };
            }
            if (m.role === 'assistant' && b.type === 'tool_use') {
                if (kept.has(b.id))
                    return b;
                const before = JSON.stringify(b.input ?? {}).length;
                if (before < minChars)
                    return b;
                const input = shortenInput(b.input, minChars);
                const after = JSON.stringify(input).length;
                if (after >= before)
                    return b;
                changed = true;
                elided++;
                savedChars += before - after;
                return { ...b, input };
            }
            return b;
        });
        return changed ? { ...m, content } : m;
    });
    return { messages: out, elided, savedChars };
}
/** The tool_use ids of the latest call of each of `tools`. */
function latestCalls(messages, tools) {
    const latest = new Map();
    if (tools.length === 0)
        return new Set();
    for (const m of messages) {
        if (m.role !== 'assistant' || typeof m.content === 'string')
            continue;
        for (const b of m.content)
            if (b.type === 'tool_use' && tools.includes(b.name))
                latest.set(b.name, b.id);
    }
    return new Set(latest.values());
}
/**
 * Shortens the conversation when it is over budget, in one go (not a little every turn, which
 * would break the cache prefix on every call). First the old turns: everything but the first
 * message (the task) and the last `keepRecentTurns` turns. If that is not enough (a huge edit or
 * reply among the recent turns), the recent turns too, except the latest exchange the model is
 * working on. Either way the conversation cannot stay over budget because of what the model
 * wrote itself.
 */
function compactMessages(messages, estimatedTokens, opts) {
    if (estimatedTokens <= opts.atTokens)
        return { messages, elided: 0, savedChars: 0 };
    const minChars = opts.minChars ?? 400;
    const kept = latestCalls(messages, opts.keepLatestTools ?? []);
    const keepFrom = Math.max(1, messages.length - opts.keepRecentTurns * 2);
    const first = shortenRange(messages, 1, keepFrom, minChars, kept);
    if (estimatedTokens - Math.floor(first.savedChars / 4) <= opts.atTokens)
        return first;
    const second = shortenRange(first.messages, 1, Math.max(1, messages.length - 2), minChars, kept);
    return {
        messages: second.messages,
        elided: first.elided + second.elided,
        savedChars: first.savedChars + second.savedChars,
    };
}


/***/ }),

/***/ 19692:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Yv: () => (/* binding */ AgentError),
  hO: () => (/* binding */ createAgentClient)
});

// UNUSED EXPORTS: ONE_SHOT_MAX_RETRIES

// EXTERNAL MODULE: ./src/agent/loop.ts + 1 modules
var loop = __nccwpck_require__(74749);
// EXTERNAL MODULE: ./src/agent/pricing.ts
var pricing = __nccwpck_require__(53111);
// EXTERNAL MODULE: ./src/agent/retry.ts
var retry = __nccwpck_require__(76163);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(76760);
;// CONCATENATED MODULE: ./src/agent/transcript.ts
/**
 * The JSONL transcript of every model call and tool call, written under RUNNER_TEMP so a user can
 * see what the agent did. Every line passes through the redactor first: tool outputs carry
 * whatever the workspace holds, secrets included.
 */


class Transcript {
    path;
    redactor;
    log;
    ready = false;
    failed = false;
    constructor(path, redactor, log) {
        this.path = path;
        this.redactor = redactor;
        this.log = log;
    }
    /** Appends one entry. A write failure is reported once and never stops the run. */
    write(entry) {
        if (this.failed || !this.path)
            return;
        try {
            if (!this.ready) {
                (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(this.path), { recursive: true });
                this.ready = true;
            }
            const line = JSON.stringify(this.redactor.redactDeep({ ts: new Date().toISOString(), ...entry }));
            (0,external_node_fs_.appendFileSync)(this.path, `${line}\n`, { mode: 0o600 });
        }
        catch (err) {
            this.failed = true;
            this.log.warning(`Cannot write the transcript at '${this.path}': ${err.message}. Continuing without it.`);
        }
    }
}

// EXTERNAL MODULE: ./src/agent/provider.ts
var provider = __nccwpck_require__(63036);
// EXTERNAL MODULE: ./src/telemetry/tracer.ts
var telemetry_tracer = __nccwpck_require__(63390);
// EXTERNAL MODULE: ./src/agent/spans.ts
var spans = __nccwpck_require__(97752);
// EXTERNAL MODULE: ./src/agent/types.ts
var types = __nccwpck_require__(50016);
;// CONCATENATED MODULE: ./src/agent/client.ts








/** The model could not be used (API failure after retries, budget or deadline already spent). */
class AgentError extends Error {
    constructor(message) {
        super(message);
        this.name = 'AgentError';
    }
}
/**
 * Retries of a one-shot `complete()` call: its callers have a fallback (the templated incident
 * summary), so a model API that stays down does not hold the run until its deadline.
 */
const ONE_SHOT_MAX_RETRIES = 4;
/** Creates the client. The SDK's own retries are off: retries are ours (see retry.ts). */
function createAgentClient(opts) {
    const { log, redactor } = opts;
    const setup = opts.provider ?? {
        provider: 'anthropic',
        apiKey: opts.apiKey ?? '',
        baseUrl: opts.baseUrl || process.env.ANTHROPIC_BASE_URL || undefined,
    };
    if (setup.provider === 'anthropic')
        redactor.add(setup.apiKey);
    // Built on the first call: the Bedrock and Vertex SDKs load only when used.
    let sdkPromise;
    const sdk = () => (sdkPromise ??= (0,provider/* createModelSdk */.Sl)(setup, {
        timeoutMs: opts.retry?.requestTimeoutMs ?? 300_000,
        redactor,
    }));
    const transcript = new Transcript(opts.transcriptPath, redactor, log);
    let total = (0,types/* emptyUsage */.l)();
    const warned = new Set();
    const compaction = opts.compaction ?? true;
    const settings = {
        caching: opts.caching ?? loop/* LOOP_DEFAULTS */.SX.caching,
        compaction: compaction !== false,
        compactAtTokens: (typeof compaction === 'object' && compaction.atTokens) || loop/* LOOP_DEFAULTS */.SX.compactAtTokens,
        keepRecentTurns: (typeof compaction === 'object' && compaction.keepRecentTurns) ||
            loop/* LOOP_DEFAULTS */.SX.keepRecentTurns,
        guards: opts.guards ?? {},
    };
    const unknownPrice = (model) => {
        if (warned.has(model))
            return;
        warned.add(model);
        log.warning(`No price is known for model '${model}': ${pricing/* CEILING_PRICE_NOTE */.Tm} Expected ${provider/* MODEL_ID_EXAMPLES */.y2[setup.provider]}.`);
    };
    const tracer = opts.tracer ?? telemetry_tracer/* noTracer */.hP;
    const send = (params, ctx) => (0,spans/* modelCallSpan */.y)(tracer, params, ctx.label, () => attempt(params, ctx));
    const attempt = (params, ctx) => (0,retry/* withRetries */.LH)(async (timeoutMs) => (await sdk()).messages.create(params, {
        timeout: timeoutMs,
        signal: ctx.signal,
        maxRetries: 0,
    }), {
        retry: {
            ...opts.retry,
            maxRetries: Math.min(opts.retry?.maxRetries ?? Infinity, ctx.maxRetries ?? Infinity),
        },
        deadline: ctx.deadline,
        signal: ctx.signal,
        onRetry: ({ attempt, delayMs, error, retryAfterMs }) => {
            const asked = retryAfterMs !== undefined ? ` (the server's retry-after: ${retryAfterMs} ms)` : '';
            log.info(`${ctx.label}: model call failed (${error.message}); retry ${attempt} in ${delayMs} ms${asked}`);
            transcript.write({
                type: 'retry',
                label: ctx.label,
                attempt,
                delayMs,
                ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
                kind: error.kind,
                status: error.status,
                message: error.message,
            });
        },
    });
    const record = (u) => {
        total = (0,types/* addUsage */.v)(total, u);
    };
    return {
        usage: () => ({ ...total }),
        unpricedModels: () => [...warned],
        run(runOpts) {
            // The task text quotes diffs, logs and files, and the system prompt carries repository
            // instructions: a committed token must not reach the API.
            const redacted = {
                ...runOpts,
                system: redactor.redact(runOpts.system),
                prompt: redactor.redact(runOpts.prompt),
                ...(runOpts.sharedPrompt !== undefined
                    ? { sharedPrompt: redactor.redact(runOpts.sharedPrompt) }
                    : {}),
                signal: eitherSignal(runOpts.signal, opts.signal),
            };
            return (0,loop/* runLoop */.yG)(redacted, {
                send,
                tracer,
                log,
                redactor,
                transcript,
                settings,
                run: opts.run,
                runUsage: () => total,
                record,
                unknownPrice,
            });
        },
        async complete(c) {
            const label = 'complete';
            if (Date.now() >= opts.run.deadline)
                throw new AgentError('The run deadline has passed; no model call was made.');
            if (!(0,pricing/* priceOf */.xx)(c.model))
                unknownPrice(c.model);
            if (total.costUsd !== null && total.costUsd >= opts.run.maxCostUsd) {
                throw new AgentError(`The run cost ceiling of $${opts.run.maxCostUsd} is spent ($${total.costUsd.toFixed(4)}); no model call was made.`);
            }
            const params = {
                model: c.model,
                max_tokens: Math.max(1, Math.min(c.maxTokens ?? 1024, loop/* MAX_TOKENS_PER_RESPONSE */.ww)),
                ...(c.system ? { system: redactor.redact(c.system) } : {}),
                messages: [{ role: 'user', content: redactor.redact(c.prompt) }],
            };
            transcript.write({
                type: 'request',
                label,
                model: c.model,
                system: c.system,
                prompt: c.prompt,
            });
            let response;
            try {
                response = await send(params, {
                    deadline: opts.run.deadline,
                    label,
                    maxRetries: ONE_SHOT_MAX_RETRIES,
                    signal: opts.signal,
                });
            }
            catch (err) {
                const message = err instanceof retry/* ApiFailure */.F9 ? `${err.message} (${err.attempts} attempt(s))` : String(err);
                transcript.write({ type: 'api_error', label, message });
                throw new AgentError(`Model call failed: ${redactor.redact(message)}`);
            }
            const usage = (0,pricing/* usageOfCall */.xW)(c.model, {
                inputTokens: response.usage.input_tokens,
                outputTokens: response.usage.output_tokens,
                cacheWriteTokens: response.usage.cache_creation_input_tokens ?? 0,
                cacheReadTokens: response.usage.cache_read_input_tokens ?? 0,
            });
            const withTurn = { ...usage, turns: 1 };
            record(withTurn);
            const text = response.content
                .filter((b) => b.type === 'text')
                .map((b) => b.text)
                .join('');
            transcript.write({
                type: 'response',
                label,
                text,
                usage: response.usage,
                costUsd: usage.costUsd,
            });
            return { text, usage: withTurn };
        },
    };
}
/** Aborted when either is. */
function eitherSignal(a, b) {
    return a && b ? AbortSignal.any([a, b]) : (a ?? b);
}


/***/ }),

/***/ 74749:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  as: () => (/* binding */ DEFAULT_MAX_TOKENS_PER_RESPONSE),
  SX: () => (/* binding */ LOOP_DEFAULTS),
  ww: () => (/* binding */ MAX_TOKENS_PER_RESPONSE),
  yG: () => (/* binding */ runLoop)
});

// UNUSED EXPORTS: estimateNextCost, turnLine

// EXTERNAL MODULE: ./src/agent/cache.ts
var cache = __nccwpck_require__(6923);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(77598);
;// CONCATENATED MODULE: ./src/agent/guards.ts
/**
 * Loop and stall detection over the stream of tool calls. A model stuck in self-correction
 * repeats the same call (same result) or hits the same error again and again; it gets one
 * corrective message, and if it keeps going the loop stops. Consecutive failures of any kind open
 * a circuit breaker: something is broken that the model cannot fix by retrying.
 */

/** JSON with object keys sorted at every level, so `{a,b}` and `{b,a}` compare equal. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    if (value && typeof value === 'object') {
        const entries = Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
}
function hash(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex').slice(0, 16);
}
class LoopGuard {
    repeatLimit;
    errorRepeatLimit;
    circuitLimit;
    sameResult = new Map();
    sameError = new Map();
    consecutiveErrors = 0;
    warned = false;
    constructor(opts = {}) {
        this.repeatLimit = opts.repeatLimit ?? 3;
        this.errorRepeatLimit = opts.errorRepeatLimit ?? 3;
        this.circuitLimit = opts.circuitLimit ?? 5;
    }
    /** Whether the corrective message has been sent already. */
    get hasWarned() {
        return this.warned;
    }
    /**
     * Records one tool call and its result. `finalHint` names the final tool for the corrective
     * message. Returns the verdict after this call.
     */
    record(call, finalHint) {
        const sig = `${call.name}:${canonicalJson(call.input)}`;
        const resultKey = `${sig}:${hash(call.content)}`;
        const sameResult = (this.sameResult.get(resultKey) ?? 0) + 1;
        this.sameResult.set(resultKey, sameResult);
        let sameError = 0;
        if (call.isError) {
            const key = hash(call.content);
            sameError = (this.sameError.get(key) ?? 0) + 1;
            this.sameError.set(key, sameError);
            this.consecutiveErrors++;
        }
        else {
            this.consecutiveErrors = 0;
        }
        if (this.consecutiveErrors >= this.circuitLimit) {
            return {
                kind: 'stop',
                reason: 'circuit_open',
                detail: `${this.consecutiveErrors} tool calls in a row failed; the last: ${call.name}: ${call.content.slice(0, 300)}`,
            };
        }
        const way = finalHint ? ` or call \`${finalHint}\` with what you have` : '';
        let problem = null;
        if (sameResult >= this.repeatLimit) {
            problem =
                `You have called \`${call.name}\` with the same input ${sameResult} times ` +
                    `and got the same result. Repeating it will not change the outcome. Take a different approach${way}.`;
        }
        else if (sameError >= this.errorRepeatLimit) {
            problem =
                `The same error has come back ${sameError} times: "${call.content.slice(0, 300)}". ` +
                    `Stop repeating what causes it. Take a different approach${way}.`;
        }
        if (!problem)
            return { kind: 'ok' };
        if (!this.warned) {
            this.warned = true;
            return { kind: 'warn', message: problem };
        }
        return { kind: 'stop', reason: 'loop_detected', detail: problem };
    }
}

// EXTERNAL MODULE: ./src/agent/pricing.ts
var pricing = __nccwpck_require__(53111);
// EXTERNAL MODULE: ./src/agent/registry.ts + 1 modules
var agent_registry = __nccwpck_require__(7753);
// EXTERNAL MODULE: ./src/agent/retry.ts
var retry = __nccwpck_require__(76163);
// EXTERNAL MODULE: ./src/agent/spans.ts
var spans = __nccwpck_require__(97752);
// EXTERNAL MODULE: ./src/telemetry/tracer.ts
var tracer = __nccwpck_require__(63390);
// EXTERNAL MODULE: ./src/agent/types.ts
var types = __nccwpck_require__(50016);
;// CONCATENATED MODULE: ./src/agent/loop.ts








const DEFAULT_MAX_TOKENS_PER_RESPONSE = 8192;
/**
 * The most one response may ask for. A non-streaming call (ours) with a large max_tokens can run
 * past the SDK's 10-minute limit and past a model's output ceiling (a 400); no tool input we
 * take needs more, and a truncated reply is handled (the model is told and goes on).
 */
const MAX_TOKENS_PER_RESPONSE = 8192;
const LOOP_DEFAULTS = {
    caching: true,
    compaction: true,
    compactAtTokens: 60_000,
    keepRecentTurns: 4,
    guards: {},
};
/**
 * Expected cost of the next call. After a first call, the prompt the last call sent is priced as
 * it was actually billed (so a cache that does not deliver is noticed) and what was appended since
 * at the cache-write price (input price without caching); plus the output we expect. A model not
 * in the price table is estimated at the highest known price.
 */
function estimateNextCost(model, e) {
    const p = (0,pricing/* billingPriceOf */.Qx)(model);
    const freshPrice = e.caching ? p.cacheWrite : p.input;
    let input;
    if (e.last && e.last.promptTokens > 0) {
        const carried = Math.min(e.promptTokens, e.last.promptTokens);
        const fresh = e.promptTokens - carried;
        input = e.last.inputCostUsd * (carried / e.last.promptTokens) + (fresh * freshPrice) / 1_000_000;
    }
    else {
        input = (e.promptTokens * freshPrice) / 1_000_000;
    }
    return input + (e.outputTokens * p.output) / 1_000_000;
}
function promptTokensOf(u) {
    return u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
}
/** Stops whose detail already quotes the failing call. */
const GUARD_STOPS = new Set(['final_tool', 'circuit_open', 'loop_detected']);
function oneLine(text, max) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}
/** The assistant's reply as it is sent back: empty text blocks are refused by the API. */
function toParams(content) {
    const out = [];
    for (const b of content) {
        if (b.type === 'text') {
            if (b.text)
                out.push({ type: 'text', text: b.text });
        }
        else if (b.type === 'tool_use') {
            out.push({ type: 'tool_use', id: b.id, name: b.name, input: b.input });
        }
        else {
            // Thinking and server-tool blocks go back unchanged, as the API requires.
            out.push(b);
        }
    }
    return out;
}
/** Runs one agent loop. */
async function runLoop(opts, deps) {
    const { log, transcript, settings } = deps;
    const label = opts.label ?? 'agent';
    const budgets = opts.budgets;
    const started = Date.now();
    const deadline = Math.min(started + budgets.timeoutMs, deps.run.deadline);
    const registry = new agent_registry/* ToolRegistry */.mM(opts.tools);
    const finals = registry.finalTools();
    const finalHint = finals.join('` or `') || undefined;
    const tools = registry.definitions();
    const guard = new LoopGuard(settings.guards);
    const keepLatestTools = opts.tools.filter((t) => t.keepLatest).map((t) => t.name);
    const maxTokensPerResponse = Math.max(1, Math.min(opts.maxTokensPerResponse ?? DEFAULT_MAX_TOKENS_PER_RESPONSE, MAX_TOKENS_PER_RESPONSE));
    if ((opts.maxTokensPerResponse ?? 0) > MAX_TOKENS_PER_RESPONSE) {
        log.debug(`${label}: maxTokensPerResponse ${opts.maxTokensPerResponse} capped at ${MAX_TOKENS_PER_RESPONSE}`);
    }
    const toolStats = {};
    let usage = (0,types/* emptyUsage */.l)();
    const task = [{ type: 'text', text: opts.prompt }];
    if (opts.sharedPrompt)
        task.unshift({ type: 'text', text: opts.sharedPrompt });
    let messages = [{ role: 'user', content: task }];
    let nudged = false;
    let lastPromptTokens = 0;
    let lastInputCost = 0;
    let lastEstimate = 0;
    let maxOutputSeen = 0;
    if ((0,pricing/* priceOf */.xx)(opts.model) === null)
        deps.unknownPrice(opts.model);
    transcript.write({
        type: 'start',
        label,
        model: opts.model,
        system: opts.system,
        ...(opts.sharedPrompt ? { sharedPrompt: opts.sharedPrompt } : {}),
        prompt: opts.prompt,
        tools: tools.map((t) => t.name),
        budgets,
    });
    let lastToolError;
    let lastCallFailed = false;
    let apiFailure;
    const stop = (stopReason, detail, final) => {
        // A budget stop right after a rejected call: the rejection is usually the real story (the
        // final tool's input kept failing validation), so the detail carries it for the summary.
        if (lastCallFailed && lastToolError && !GUARD_STOPS.has(stopReason)) {
            const why = `last tool error: ${lastToolError.tool}: ${lastToolError.message}`;
            detail = detail ? `${detail} (${why})` : why;
        }
        const result = {
            stopReason,
            usage,
            toolStats,
            ...(detail ? { detail } : {}),
            ...(final ? { final } : {}),
            ...(lastToolError ? { lastToolError } : {}),
            ...(apiFailure ? { apiFailure } : {}),
        };
        transcript.write({ type: 'stop', label, stopReason, detail, final, usage, toolStats });
        const cost = usage.costUsd === null ? 'unknown' : `$${usage.costUsd.toFixed(4)}`;
        log.info(`${label}: stopped (${stopReason}${detail ? `: ${detail}` : ''}) after ${usage.turns} turns, ` +
            `${usage.inputTokens} input + ${usage.cacheReadTokens} cache-read + ${usage.cacheWriteTokens} cache-write + ` +
            `${usage.outputTokens} output tokens, cost ${cost}`);
        return result;
    };
    for (;;) {
        if (opts.signal?.aborted)
            return stop('aborted', 'the caller aborted the run');
        if (usage.turns >= budgets.maxTurns)
            return stop('max_turns', `turn budget of ${budgets.maxTurns} used`);
        const now = Date.now();
        if (now >= deadline) {
            const which = deadline === deps.run.deadline ? 'the run deadline' : `the loop's ${budgets.timeoutMs} ms`;
            return stop('timeout', `wall clock: ${which} passed`);
        }
        if (settings.compaction) {
            const size = (0,cache/* estimateTokens */.bP)({ tools, system: opts.system, messages });
            const c = (0,cache/* compactMessages */.Ov)(messages, size, {
                atTokens: settings.compactAtTokens,
                keepRecentTurns: settings.keepRecentTurns,
                keepLatestTools,
            });
            if (c.elided > 0) {
                messages = c.messages;
                // The cached prefix is gone from the compaction point on.
                lastPromptTokens = 0;
                log.debug(`${label}: compacted ${c.elided} long blocks (${c.savedChars} chars) at ~${size} tokens`);
                transcript.write({
                    type: 'compaction',
                    label,
                    elided: c.elided,
                    savedChars: c.savedChars,
                    estimatedTokens: size,
                });
            }
        }
        const parts = (0,cache/* withCacheBreakpoints */.vM)(tools, opts.system, messages, settings.caching);
        const charEstimate = (0,cache/* estimateTokens */.bP)(parts);
        // The API's own count of the last prompt plus what was appended since is the better estimate.
        const promptEstimate = lastPromptTokens > 0
            ? Math.max(charEstimate, lastPromptTokens + Math.max(0, charEstimate - lastEstimate))
            : charEstimate;
        let maxTokens = maxTokensPerResponse;
        if (budgets.maxOutputTokens !== undefined) {
            const left = budgets.maxOutputTokens - usage.outputTokens;
            if (left <= 0)
                return stop('max_tokens', `output token budget of ${budgets.maxOutputTokens} used`);
            maxTokens = Math.min(maxTokens, left);
        }
        if (budgets.maxInputTokens !== undefined) {
            const spent = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
            if (spent + promptEstimate > budgets.maxInputTokens) {
                return stop('max_tokens', `input token budget of ${budgets.maxInputTokens}: ${spent} used, the next call needs ~${promptEstimate}`);
            }
        }
        {
            // A model not in the price table is estimated at the highest known price: never unlimited.
            const est = estimateNextCost(opts.model, {
                promptTokens: promptEstimate,
                last: lastPromptTokens > 0
                    ? { promptTokens: lastPromptTokens, inputCostUsd: lastInputCost }
                    : undefined,
                caching: settings.caching,
                outputTokens: Math.min(maxTokens, Math.max(maxOutputSeen, 1024)),
            });
            const spent = usage.costUsd ?? 0;
            if (spent + est > budgets.maxCostUsd) {
                return stop('max_cost', `cost budget of $${budgets.maxCostUsd}: $${spent.toFixed(4)} spent, the next call would cost ~$${est.toFixed(4)}`);
            }
            const runSpent = deps.runUsage().costUsd;
            if (runSpent !== null && runSpent + est > deps.run.maxCostUsd) {
                return stop('max_cost', `run cost ceiling of $${deps.run.maxCostUsd}: $${runSpent.toFixed(4)} spent by all calls, the next would cost ~$${est.toFixed(4)}`);
            }
        }
        const params = {
            model: opts.model,
            max_tokens: maxTokens,
            messages: parts.messages,
            ...(parts.system.length ? { system: parts.system } : {}),
            ...(tools.length ? { tools: parts.tools } : {}),
        };
        const lastUser = messages[messages.length - 1];
        transcript.write({
            type: 'request',
            label,
            turn: usage.turns + 1,
            model: opts.model,
            maxTokens,
            messages: messages.length,
            estimatedTokens: promptEstimate,
            newContent: lastUser.content,
        });
        let response;
        try {
            response = await deps.send(params, { deadline, signal: opts.signal, label });
        }
        catch (err) {
            const f = err instanceof retry/* ApiFailure */.F9 ? err : new retry/* ApiFailure */.F9(String(err), 'client', 1);
            transcript.write({
                type: 'api_error',
                label,
                kind: f.kind,
                status: f.status,
                attempts: f.attempts,
                message: f.message,
            });
            if (f.kind === 'aborted')
                return stop('aborted', 'the caller aborted the run');
            apiFailure = {
                kind: f.kind,
                ...(f.status !== undefined ? { status: f.status } : {}),
                attempts: f.attempts,
                counts: f.counts,
            };
            if (f.kind === 'deadline')
                return stop('timeout', `wall clock: ${f.message}`);
            // The message leads with each failure kind and its count: "model API overloaded (529) x10".
            return stop('api_error', `Anthropic API call failed: ${f.message}`);
        }
        const callUsage = (0,pricing/* usageOfCall */.xW)(opts.model, {
            inputTokens: response.usage.input_tokens,
            outputTokens: response.usage.output_tokens,
            cacheWriteTokens: response.usage.cache_creation_input_tokens ?? 0,
            cacheReadTokens: response.usage.cache_read_input_tokens ?? 0,
        });
        usage = (0,types/* addUsage */.v)(usage, { ...callUsage, turns: 1 });
        deps.record({ ...callUsage, turns: 1 });
        opts.onResponse?.({ ...callUsage, turns: 1 });
        lastPromptTokens = promptTokensOf(response.usage);
        lastInputCost = (0,pricing/* costOf */.ho)(opts.model, { ...callUsage, outputTokens: 0 });
        lastEstimate = charEstimate;
        maxOutputSeen = Math.max(maxOutputSeen, response.usage.output_tokens);
        transcript.write({
            type: 'response',
            label,
            turn: usage.turns,
            stopReason: response.stop_reason,
            content: response.content,
            usage: response.usage,
            costUsd: callUsage.costUsd,
        });
        const content = toParams(response.content);
        if (content.length > 0)
            messages.push({ role: 'assistant', content });
        const toolUses = response.content.filter((b) => b.type === 'tool_use');
        log.info(turnLine(label, usage, toolUses, Date.now() - started));
        if (toolUses.length === 0) {
            if (response.stop_reason === 'refusal') {
                // The model declined on safety grounds: nudging it to go on would not help.
                return stop('end_turn', 'the model declined the task (stop_reason refusal)');
            }
            if (response.stop_reason === 'max_tokens') {
                messages = tellModel(messages, `Your reply was cut off at the ${maxTokens}-token limit. Be brief and continue${finalHint ? `; finish by calling \`${finalHint}\`` : ''}.`);
                continue;
            }
            if (finalHint && !nudged) {
                nudged = true;
                const text = `You ended your turn without calling \`${finalHint}\`. Your work only counts when you call \`${finalHint}\`: call it now with your result.`;
                transcript.write({ type: 'nudge', label, text });
                messages = tellModel(messages, text);
                continue;
            }
            return stop('end_turn', finalHint ? `the model stopped without calling \`${finalHint}\`` : undefined);
        }
        // Cut off at max_tokens while writing a tool call: that call's input is incomplete (half an
        // edit, a review with findings missing). It is answered, never run nor accepted.
        const lastBlock = response.content[response.content.length - 1];
        const truncatedId = response.stop_reason === 'max_tokens' && lastBlock?.type === 'tool_use'
            ? lastBlock.id
            : undefined;
        const results = [];
        let verdict = { kind: 'ok' };
        for (const tu of toolUses) {
            const outcome = tu.id === truncatedId
                ? truncatedCall(tu.name, maxTokens, finalHint)
                : await (0,spans/* toolCallSpan */.$)(deps.tracer ?? tracer/* noTracer */.hP, { name: tu.name, id: tu.id, label, turn: usage.turns }, () => callTool(registry, tu, opts, deadline));
            const stats = (toolStats[tu.name] ??= { calls: 0, errors: 0, totalMs: 0 });
            stats.calls++;
            stats.totalMs += outcome.ms;
            if (outcome.isError)
                stats.errors++;
            // Tool output goes to the model: secrets in it stay here.
            const text = deps.redactor.redact(outcome.content);
            lastCallFailed = outcome.isError;
            if (outcome.isError)
                lastToolError = { tool: tu.name, message: oneLine(text, 300) };
            transcript.write({
                type: 'tool',
                label,
                turn: usage.turns,
                name: tu.name,
                id: tu.id,
                input: tu.input,
                isError: outcome.isError,
                ms: outcome.ms,
                result: text,
            });
            results.push({
                type: 'tool_result',
                tool_use_id: tu.id,
                content: text,
                ...(outcome.isError ? { is_error: true } : {}),
            });
            if (outcome.accepted) {
                return stop('final_tool', undefined, { name: tu.name, input: tu.input });
            }
            const v = guard.record({ name: tu.name, input: tu.input, content: text, isError: outcome.isError }, finalHint);
            // The strongest verdict of the turn wins: stop over warn over ok.
            if (v.kind === 'stop' || (v.kind === 'warn' && verdict.kind === 'ok'))
                verdict = v;
            if (v.kind === 'stop')
                break;
        }
        if (verdict.kind === 'stop')
            return stop(verdict.reason, verdict.detail);
        if (verdict.kind === 'warn') {
            transcript.write({ type: 'corrective', label, text: verdict.message });
            log.info(`${label}: loop suspected, corrective message sent: ${verdict.message}`);
            results.push({ type: 'text', text: verdict.message });
        }
        messages.push({ role: 'user', content: results });
    }
}
/**
 * The progress line of one turn, for the Actions log: which tools the model called, the loop's
 * tokens and cost so far and the time since the loop started.
 * `review: turn 3: tools read_file x2, search; tokens 5120 in (1024 cache-read, 0 cache-write) + 310 out; cost so far $0.0123; elapsed 14s`
 */
function turnLine(label, usage, toolUses, elapsedMs) {
    const counts = new Map();
    for (const t of toolUses)
        counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    const tools = counts.size
        ? `tools ${[...counts].map(([n, c]) => (c > 1 ? `${n} x${c}` : n)).join(', ')}`
        : 'no tool called';
    const input = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
    const cost = usage.costUsd === null ? 'unknown' : `$${usage.costUsd.toFixed(4)}`;
    return (`${label}: turn ${usage.turns}: ${tools}; tokens ${input} in (${usage.cacheReadTokens} cache-read, ` +
        `${usage.cacheWriteTokens} cache-write) + ${usage.outputTokens} out; cost so far ${cost}; ` +
        `elapsed ${Math.round(elapsedMs / 1000)}s`);
}
/**
 * Adds our text as the next user turn. After an empty assistant reply (nothing was appended)
 * the last message is already ours: the text joins it, since turns must alternate.
 */
function tellModel(messages, text) {
    const last = messages[messages.length - 1];
    if (last.role !== 'user')
        return [...messages, { role: 'user', content: [{ type: 'text', text }] }];
    const content = typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : [...last.content];
    return [...messages.slice(0, -1), { role: 'user', content: [...content, { type: 'text', text }] }];
}
/** The answer to a tool call cut off by the per-response token limit. */
function truncatedCall(name, maxTokens, finalHint) {
    const last = finalHint ? ` If you are calling \`${finalHint}\`, keep it shorter.` : '';
    return {
        content: `Your reply was cut off at the ${maxTokens}-token output limit while you were writing this ` +
            `\`${name}\` call, so its input is incomplete and it was NOT run. Send a smaller call: ` +
            `split a large edit into several edit_file calls with short old_text and new_text, and keep ` +
            `text brief.${last}`,
        isError: true,
        accepted: false,
        ms: 0,
    };
}
function callTool(registry, tu, opts, deadline) {
    return registry.call(tu.name, tu.input, {
        workspace: opts.workspace,
        signal: opts.signal,
        maxMs: Math.max(0, deadline - Date.now()),
    });
}


/***/ }),

/***/ 53111:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Qx: () => (/* binding */ billingPriceOf),
/* harmony export */   Tm: () => (/* binding */ CEILING_PRICE_NOTE),
/* harmony export */   ho: () => (/* binding */ costOf),
/* harmony export */   xW: () => (/* binding */ usageOfCall),
/* harmony export */   xx: () => (/* binding */ priceOf)
/* harmony export */ });
/* unused harmony exports canonicalModelId, CEILING_PRICE */
function price(input, output) {
    return { input, output, cacheWrite: input * 1.25, cacheRead: input * 0.1 };
}
// Ordered: the first pattern that matches wins. Ids may carry a date suffix (-20250929) or -latest.
const TABLE = [
    // Opus 4 and 4.1 (and the dated claude-opus-4-20250514) kept the old Opus price.
    { pattern: /^claude-opus-4(-[01])?(-\d{8})?$/, price: price(15, 75) },
    // Opus 4.5 and every later Opus 4.x.
    { pattern: /^claude-opus-4-([2-9]|\d\d)(-\d{8})?$/, price: price(5, 25) },
    { pattern: /^claude-sonnet-4(-\d{1,2})?(-\d{8})?$/, price: price(3, 15) },
    { pattern: /^claude-haiku-4-5(-\d{8})?$/, price: price(1, 5) },
    { pattern: /^claude-3-7-sonnet(-\d{8}|-latest)?$/, price: price(3, 15) },
    { pattern: /^claude-3-5-sonnet(-\d{8}|-latest)?$/, price: price(3, 15) },
    { pattern: /^claude-3-5-haiku(-\d{8}|-latest)?$/, price: price(0.8, 4) },
    { pattern: /^claude-3-opus(-\d{8}|-latest)?$/, price: price(15, 75) },
    { pattern: /^claude-3-haiku(-\d{8})?$/, price: price(0.25, 1.25) },
];
/**
 * The Anthropic id behind the spellings providers and gateways use, the one place they are
 * mapped: Bedrock model ids (`anthropic.claude-sonnet-4-5-20250929-v1:0`) and inference
 * profiles (`us.`, `eu.`, `apac.`, `global.` + model id), Vertex (`claude-sonnet-4-5@20250929`,
 * `claude-3-5-sonnet-v2@20241022`), LiteLLM-style (`anthropic/…`). Prices are the same; only
 * the name differs. Anything else (an application inference profile ARN) stays as it is and is
 * priced at the ceiling.
 */
function canonicalModelId(model) {
    return model
        .trim()
        .toLowerCase()
        .replace(/^(?:[a-z]{2,6}(?:-[a-z]+)?\.)?anthropic[./]/, '')
        .replace(/-v\d+(?::\d+)?(?=@|$)/, '')
        .replace(/@(\d{8})$/, '-$1');
}
/** The highest price in the table (by output, then input): what an unknown model is billed at. */
const CEILING_PRICE = TABLE.map((r) => r.price).reduce((a, b) => b.output > a.output || (b.output === a.output && b.input > a.input) ? b : a);
/** What the summary and the log say about a model priced at the ceiling. */
const CEILING_PRICE_NOTE = `its cost is counted at the highest known price ($${CEILING_PRICE.input} input / $${CEILING_PRICE.output} output per million tokens), an upper bound, so max-cost-usd still applies.`;
/** The price of a model id (dated ids included), or null when it is not in the table. */
function priceOf(model) {
    const id = canonicalModelId(model);
    return TABLE.find((row) => row.pattern.test(id))?.price ?? null;
}
/** The price a model is billed at: its own, or the ceiling when it is not in the table. */
function billingPriceOf(model) {
    return priceOf(model) ?? CEILING_PRICE;
}
/** Cost in USD of the given tokens (an upper bound for a model not in the table). */
function costOf(model, t) {
    const p = billingPriceOf(model);
    return ((t.inputTokens * p.input +
        t.outputTokens * p.output +
        t.cacheWriteTokens * p.cacheWrite +
        t.cacheReadTokens * p.cacheRead) /
        1_000_000);
}
/** Usage of one API call, priced. */
function usageOfCall(model, t) {
    return { ...t, costUsd: costOf(model, t), turns: 0, apiCalls: 1 };
}


/***/ }),

/***/ 63036:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Sl: () => (/* binding */ createModelSdk),
/* harmony export */   V: () => (/* binding */ preloadModelSdk),
/* harmony export */   X2: () => (/* binding */ setupSecrets),
/* harmony export */   f5: () => (/* binding */ providerSetup),
/* harmony export */   jX: () => (/* binding */ describeSetup),
/* harmony export */   y2: () => (/* binding */ MODEL_ID_EXAMPLES)
/* harmony export */ });
/* unused harmony exports PROVIDERS, credentialSecrets */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_types_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(22143);
/**
 * Where the model runs: the Anthropic API, Amazon Bedrock or Google Vertex AI, each through its
 * official SDK and its standard environment (what aws-actions/configure-aws-credentials and
 * google-github-actions/auth set). `providerSetup` reads and checks that environment before any
 * work (a clear error naming the variable); `createModelSdk` builds the client, loading the
 * Bedrock or Vertex SDK only when it is used. Every credential, static or obtained at run time
 * (a session token, a Google access token), is registered with the redactor.
 */


const PROVIDERS = (/* unused pure expression or super */ null && (['anthropic', 'bedrock', 'vertex']));
/** What a model id looks like for each provider, for the unknown-model warning. */
const MODEL_ID_EXAMPLES = {
    anthropic: "a Claude model id such as 'claude-sonnet-4-6' or 'claude-haiku-4-5'",
    bedrock: "a Bedrock model or inference profile id such as 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'",
    vertex: "a Vertex model id such as 'claude-sonnet-4-5@20250929'",
};
const MISSING_KEY = {
    action: "Input 'anthropic-api-key' is empty and ANTHROPIC_API_KEY is not set. Expected an Anthropic API key, e.g. 'anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}' (or 'provider: bedrock' / 'provider: vertex' with cloud credentials).",
    cli: 'ANTHROPIC_API_KEY is not set. Expected an Anthropic API key in the environment (or --provider bedrock / vertex with cloud credentials, or --dry-run).',
};
const nonEmpty = (v) => {
    const t = v?.trim();
    return t ? t : undefined;
};
function urlFrom(env, name) {
    const url = nonEmpty(env[name]);
    if (url !== undefined && !/^https?:\/\/[^\s/]+/.test(url)) {
        throw new _config_types_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`Invalid ${name} '${url}'. Expected an http(s) URL.`);
    }
    return url;
}
/**
 * What the provider needs, from the environment; throws ConfigError naming the missing or bad
 * variable. Runs before any model call (and before any GitHub write of review and fix).
 */
function providerSetup(provider, env, anthropic, surface = 'action') {
    switch (provider) {
        case 'anthropic': {
            if (!anthropic.apiKey)
                throw new _config_types_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(MISSING_KEY[surface]);
            return { provider, apiKey: anthropic.apiKey, baseUrl: anthropic.baseUrl };
        }
        case 'bedrock': {
            const region = nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
            if (!region) {
                throw new _config_types_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL("Provider 'bedrock' needs a region: AWS_REGION (or AWS_DEFAULT_REGION) is not set. Expected e.g. AWS_REGION=us-east-1, as aws-actions/configure-aws-credentials sets it (input 'aws-region').");
            }
            const bearerToken = nonEmpty(env.AWS_BEARER_TOKEN_BEDROCK);
            const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
            const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
            if (!bearerToken && Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
                const missing = accessKeyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
                throw new _config_types_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`Provider 'bedrock': ${missing} is not set but ${accessKeyId ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is. Expected both (with AWS_SESSION_TOKEN for temporary credentials), as aws-actions/configure-aws-credentials sets them, or AWS_BEARER_TOKEN_BEDROCK.`);
            }
            const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN);
            return {
                provider,
                region,
                baseUrl: urlFrom(env, 'ANTHROPIC_BEDROCK_BASE_URL'),
                ...(bearerToken ? { bearerToken } : {}),
                ...(!bearerToken && accessKeyId && secretAccessKey
                    ? { keys: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }
                    : {}),
            };
        }
        case 'vertex': {
            const region = nonEmpty(env.CLOUD_ML_REGION);
            if (!region) {
                throw new _config_types_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL("Provider 'vertex' needs a region: CLOUD_ML_REGION is not set. Expected a Vertex AI region where the model is enabled, e.g. CLOUD_ML_REGION=us-east5 (or 'global').");
            }
            const projectId = nonEmpty(env.ANTHROPIC_VERTEX_PROJECT_ID) ??
                nonEmpty(env.GOOGLE_CLOUD_PROJECT) ??
                nonEmpty(env.GCLOUD_PROJECT) ??
                nonEmpty(env.CLOUDSDK_CORE_PROJECT);
            if (!projectId) {
                throw new _config_types_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL("Provider 'vertex' needs a project: ANTHROPIC_VERTEX_PROJECT_ID is not set (nor GOOGLE_CLOUD_PROJECT). Expected the Google Cloud project id, e.g. ANTHROPIC_VERTEX_PROJECT_ID=my-project.");
            }
            const file = nonEmpty(env.GOOGLE_APPLICATION_CREDENTIALS);
            let credentials;
            if (file) {
                let text;
                try {
                    text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8');
                }
                catch (err) {
                    throw new _config_types_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`GOOGLE_APPLICATION_CREDENTIALS names '${file}', which cannot be read (${err.code ?? err.message}). Expected the credentials file google-github-actions/auth writes.`);
                }
                try {
                    const parsed = JSON.parse(text);
                    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
                        throw 0;
                    credentials = parsed;
                }
                catch {
                    throw new _config_types_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`GOOGLE_APPLICATION_CREDENTIALS file '${file}' is not a JSON object. Expected a Google credentials file (type external_account, authorized_user or service_account).`);
                }
            }
            return {
                provider,
                region,
                projectId,
                baseUrl: urlFrom(env, 'ANTHROPIC_VERTEX_BASE_URL'),
                ...(credentials ? { credentials, credentialsFile: file } : {}),
            };
        }
    }
}
/** The secrets a setup holds, to register with the redactor before any request. */
function setupSecrets(setup) {
    switch (setup.provider) {
        case 'anthropic':
            return [setup.apiKey];
        case 'bedrock':
            return [
                setup.bearerToken,
                setup.keys?.accessKeyId,
                setup.keys?.secretAccessKey,
                setup.keys?.sessionToken,
            ].filter((s) => Boolean(s));
        case 'vertex':
            return setup.credentials ? credentialSecrets(setup.credentials) : [];
    }
}
/**
 * The secret strings of a Google credentials file: private keys, refresh tokens, client secrets
 * and the headers of an external account's credential source (the Actions OIDC request token).
 */
function credentialSecrets(json) {
    const out = [];
    const visit = (v, key) => {
        if (typeof v === 'string') {
            if (/private_key$|secret|refresh_token|^authorization$|token$/i.test(key)) {
                out.push(v);
                // "Bearer abc": the token alone may be quoted elsewhere.
                const bearer = /^bearer\s+(\S+)$/i.exec(v);
                if (bearer)
                    out.push(bearer[1]);
            }
        }
        else if (v && typeof v === 'object') {
            for (const [k, x] of Object.entries(v))
                visit(x, k);
        }
    };
    visit(json, '');
    return out.filter((s) => s.length >= 8);
}
/** A short description for the log: provider, region, endpoint; never a credential. */
function describeSetup(setup) {
    switch (setup.provider) {
        case 'anthropic':
            return `anthropic${setup.baseUrl ? ` at ${setup.baseUrl}` : ''}`;
        case 'bedrock': {
            const auth = setup.bearerToken
                ? 'AWS_BEARER_TOKEN_BEDROCK'
                : setup.keys
                    ? `SigV4, ${setup.keys.sessionToken ? 'temporary' : 'static'} keys from the environment`
                    : 'SigV4, AWS credential chain';
            return `bedrock in ${setup.region} (${auth})${setup.baseUrl ? ` at ${setup.baseUrl}` : ''}`;
        }
        case 'vertex': {
            const type = setup.credentials?.type;
            const auth = setup.credentials
                ? `GOOGLE_APPLICATION_CREDENTIALS${typeof type === 'string' ? `, ${type}` : ''}`
                : 'Google application default credentials';
            return `vertex in ${setup.region}, project ${setup.projectId} (${auth})${setup.baseUrl ? ` at ${setup.baseUrl}` : ''}`;
        }
    }
}
/** Bearer and session tokens on the way out: a credential obtained at run time is redacted too. */
function redactingFetch(redactor) {
    return (input, init) => {
        const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
        const auth = headers.get('authorization');
        const bearer = auth && /^bearer\s+(\S+)$/i.exec(auth);
        if (bearer)
            redactor.add(bearer[1]);
        const session = headers.get('x-amz-security-token');
        if (session)
            redactor.add(session);
        const key = headers.get('x-api-key');
        if (key)
            redactor.add(key);
        return fetch(input, init);
    };
}
/**
 * Starts parsing the Anthropic SDK (about 1.4 MB of bundle) now, while the run waits on GitHub
 * and git, so `createModelSdk` finds it loaded at the first model call. A failed load is left to
 * that call to report.
 */
function preloadModelSdk(setup) {
    if (setup.provider === 'anthropic')
        Promise.all(/* import() */[__nccwpck_require__.e(914), __nccwpck_require__.e(739), __nccwpck_require__.e(582)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8582)).catch(() => undefined);
}
/**
 * Builds the SDK client. The SDK's own retries are off (retries are ours, see retry.ts); the
 * Bedrock and Vertex SDKs are imported here, on first use, so an Anthropic run never loads them.
 */
async function createModelSdk(setup, opts) {
    const { redactor } = opts;
    for (const s of setupSecrets(setup))
        redactor.add(s);
    const common = { maxRetries: 0, timeout: opts.timeoutMs, fetch: redactingFetch(redactor) };
    switch (setup.provider) {
        case 'anthropic': {
            const { default: AnthropicSdk } = await Promise.all(/* import() */[__nccwpck_require__.e(914), __nccwpck_require__.e(739), __nccwpck_require__.e(582)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8582));
            return new AnthropicSdk({
                ...common,
                apiKey: setup.apiKey,
                baseURL: setup.baseUrl || undefined,
            });
        }
        case 'bedrock': {
            const { AnthropicBedrock } = await Promise.all(/* import() */[__nccwpck_require__.e(914), __nccwpck_require__.e(739), __nccwpck_require__.e(861), __nccwpck_require__.e(57)]).then(__nccwpck_require__.bind(__nccwpck_require__, 12057));
            const base = { ...common, awsRegion: setup.region, baseURL: setup.baseUrl };
            if (setup.bearerToken)
                return new AnthropicBedrock({ ...base, apiKey: setup.bearerToken });
            if (setup.keys) {
                return new AnthropicBedrock({
                    ...base,
                    apiKey: null,
                    awsAccessKey: setup.keys.accessKeyId,
                    awsSecretKey: setup.keys.secretAccessKey,
                    awsSessionToken: setup.keys.sessionToken ?? null,
                });
            }
            return new AnthropicBedrock({
                ...base,
                apiKey: null,
                providerChainResolver: awsChain(redactor),
            });
        }
        case 'vertex': {
            const { AnthropicVertex } = await Promise.all(/* import() */[__nccwpck_require__.e(914), __nccwpck_require__.e(739), __nccwpck_require__.e(492), __nccwpck_require__.e(33)]).then(__nccwpck_require__.bind(__nccwpck_require__, 82033));
            const { GoogleAuth } = await __nccwpck_require__.e(/* import() */ 492).then(__nccwpck_require__.t.bind(__nccwpck_require__, 492, 23));
            const auth = new GoogleAuth({ scopes: 'https://www.googleapis.com/auth/cloud-platform' });
            const base = {
                ...common,
                region: setup.region,
                projectId: setup.projectId,
                baseURL: setup.baseUrl,
            };
            if (setup.credentials) {
                let authClient;
                try {
                    authClient = auth.fromJSON(setup.credentials);
                }
                catch (err) {
                    throw new _config_types_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`GOOGLE_APPLICATION_CREDENTIALS file '${setup.credentialsFile}' was refused by google-auth-library: ${err.message}`);
                }
                return new AnthropicVertex({ ...base, authClient });
            }
            const client = new AnthropicVertex({ ...base, googleAuth: auth });
            // The SDK starts the credential lookup in its constructor; a failure is reported by the
            // first request, not as an unhandled rejection in between.
            const pending = client
                ._authClientPromise;
            pending?.catch(() => undefined);
            return client;
        }
    }
}
/**
 * The AWS credential chain (environment, web identity, profiles, container and instance
 * metadata), resolved once and refreshed before it expires. A chain that finds nothing fails
 * the call at once with a clear error instead of being retried as a connection failure.
 */
function awsChain(redactor) {
    let provider;
    let cached;
    return async () => {
        if (!provider) {
            const { createCredentialChain, fromEnv, fromNodeProviderChain } = await Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(719)]).then(__nccwpck_require__.t.bind(__nccwpck_require__, 29719, 19));
            provider = createCredentialChain(fromEnv(), fromNodeProviderChain());
        }
        const fresh = cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > 5 * 60_000);
        if (!fresh) {
            try {
                cached = await provider();
            }
            catch (err) {
                throw new _config_types_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`Provider 'bedrock': no AWS credentials were found (${err.message}). Expected AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), as aws-actions/configure-aws-credentials sets them, AWS_BEARER_TOKEN_BEDROCK, or a role the runner can assume.`);
            }
            redactor.add(cached.secretAccessKey);
            redactor.add(cached.sessionToken);
            redactor.add(cached.accessKeyId);
        }
        const creds = cached;
        return async () => creds;
    };
}


/***/ }),

/***/ 7753:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  mM: () => (/* binding */ ToolRegistry)
});

// UNUSED EXPORTS: DEFAULT_MAX_OUTPUT_CHARS, DEFAULT_TOOL_TIMEOUT_MS, capOutput

;// CONCATENATED MODULE: ./src/agent/schema.ts
/** Returns the problems found (empty when the value is valid). */
function validateSchema(schema, value, path = 'input') {
    const errors = [];
    check(schema, value, path, errors);
    return errors;
}
function typeOf(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'array';
    if (typeof v === 'number')
        return Number.isInteger(v) ? 'integer' : 'number';
    return typeof v;
}
function matchesType(t, v) {
    const actual = typeOf(v);
    if (t === 'number')
        return actual === 'number' || actual === 'integer';
    return actual === t;
}
function show(v) {
    const s = JSON.stringify(v);
    if (s === undefined)
        return String(v);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
function check(schema, v, path, errors) {
    if (typeof schema !== 'object' || schema === null)
        return;
    const s = schema;
    if (s.type !== undefined) {
        const types = Array.isArray(s.type) ? s.type : [s.type];
        if (!types.some((t) => matchesType(t, v))) {
            const got = v === undefined ? 'nothing' : `${typeOf(v)} ${show(v)}`;
            errors.push(`'${path}' must be ${types.join(' or ')}, got ${got}`);
            return;
        }
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
        errors.push(`'${path}' must be one of ${s.enum.map(show).join(', ')}, got ${show(v)}`);
    }
    if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(v)) {
        errors.push(`'${path}' must be ${show(s.const)}, got ${show(v)}`);
    }
    if (typeof v === 'number') {
        if (typeof s.minimum === 'number' && v < s.minimum)
            errors.push(`'${path}' must be >= ${s.minimum}, got ${v}`);
        if (typeof s.maximum === 'number' && v > s.maximum)
            errors.push(`'${path}' must be <= ${s.maximum}, got ${v}`);
    }
    if (typeof v === 'string') {
        if (typeof s.minLength === 'number' && v.length < s.minLength) {
            errors.push(`'${path}' must have at least ${s.minLength} characters, got ${v.length}`);
        }
        if (typeof s.maxLength === 'number' && v.length > s.maxLength) {
            errors.push(`'${path}' must have at most ${s.maxLength} characters, got ${v.length}`);
        }
        if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) {
            errors.push(`'${path}' must match /${s.pattern}/, got ${show(v)}`);
        }
    }
    if (Array.isArray(v)) {
        if (typeof s.minItems === 'number' && v.length < s.minItems) {
            errors.push(`'${path}' must have at least ${s.minItems} items, got ${v.length}`);
        }
        if (typeof s.maxItems === 'number' && v.length > s.maxItems) {
            errors.push(`'${path}' must have at most ${s.maxItems} items, got ${v.length}`);
        }
        if (s.items && typeof s.items === 'object') {
            v.forEach((item, i) => check(s.items, item, `${path}[${i}]`, errors));
        }
    }
    if (typeOf(v) === 'object') {
        const obj = v;
        const props = (s.properties ?? {});
        for (const key of (s.required ?? [])) {
            if (obj[key] === undefined) {
                const t = props[key]?.type;
                errors.push(`'${path}.${key}' is required${t ? ` (${Array.isArray(t) ? t.join(' or ') : String(t)})` : ''}`);
            }
        }
        for (const [key, val] of Object.entries(obj)) {
            if (val === undefined)
                continue;
            if (props[key])
                check(props[key], val, `${path}.${key}`, errors);
            else if (s.additionalProperties === false) {
                const known = Object.keys(props);
                errors.push(`'${path}.${key}' is not allowed${known.length ? ` (known: ${known.join(', ')})` : ''}`);
            }
            else if (typeof s.additionalProperties === 'object' && s.additionalProperties !== null) {
                check(s.additionalProperties, val, `${path}.${key}`, errors);
            }
        }
    }
    for (const key of ['anyOf', 'oneOf']) {
        const alts = s[key];
        if (!Array.isArray(alts))
            continue;
        const passing = alts.filter((alt) => validateSchema(alt, v, path).length === 0).length;
        if (passing === 0 || (key === 'oneOf' && passing > 1)) {
            errors.push(`'${path}' must match ${key === 'oneOf' ? 'exactly one' : 'at least one'} of ${alts.length} allowed forms`);
        }
    }
}

;// CONCATENATED MODULE: ./src/agent/registry.ts

const DEFAULT_TOOL_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_OUTPUT_CHARS = 30_000;
/**
 * Keeps the head and the tail of a long text (errors usually sit at the end of a log, context at
 * the start) and says how much was cut so the model knows to narrow its request.
 */
function capOutput(text, maxChars) {
    if (text.length <= maxChars)
        return text;
    const cut = text.length - maxChars;
    const note = `\n[... ${cut} characters cut ...]\n`;
    const head = Math.ceil(maxChars / 2);
    return text.slice(0, head) + note + text.slice(text.length - (maxChars - head));
}
class ToolRegistry {
    opts;
    tools = new Map();
    constructor(tools, opts = {}) {
        this.opts = opts;
        for (const t of tools) {
            if (!/^[a-zA-Z0-9_-]{1,64}$/.test(t.name)) {
                throw new Error(`Invalid tool name '${t.name}'. Expected 1-64 characters of [a-zA-Z0-9_-].`);
            }
            if (this.tools.has(t.name)) {
                throw new Error(`Duplicate tool name '${t.name}'. Expected each tool name once.`);
            }
            this.tools.set(t.name, t);
        }
    }
    get(name) {
        return this.tools.get(name);
    }
    names() {
        return [...this.tools.keys()];
    }
    finalTools() {
        return [...this.tools.values()].filter((t) => t.final).map((t) => t.name);
    }
    definitions() {
        return [...this.tools.values()].map((t) => ({
            name: t.name,
            description: t.description,
            // The API requires an object schema at the top; a schema without `type` gets it.
            input_schema: { type: 'object', ...t.inputSchema },
        }));
    }
    /**
     * Runs one tool call. `maxMs` further limits the tool's own timeout (the loop's remaining wall
     * clock); `signal` aborts it (the caller's abort).
     */
    async call(name, input, ctx) {
        const started = Date.now();
        const done = (content, isError, accepted = false) => ({
            content,
            isError,
            accepted,
            ms: Date.now() - started,
        });
        const tool = this.tools.get(name);
        if (!tool) {
            return done(`Unknown tool '${name}'. Available tools: ${this.names().join(', ')}.`, true);
        }
        const problems = validateSchema(tool.inputSchema, input);
        if (problems.length > 0) {
            return done(`Invalid input for tool '${name}': ${problems.join('; ')}. Fix the input and call the tool again.`, true);
        }
        const maxChars = tool.maxOutputChars ?? this.opts.defaultMaxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS;
        const timeoutMs = Math.max(0, Math.min(tool.timeoutMs ?? this.opts.defaultTimeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS, ctx.maxMs ?? Infinity));
        const controller = new AbortController();
        const signal = ctx.signal ? AbortSignal.any([ctx.signal, controller.signal]) : controller.signal;
        let timer;
        const timeout = new Promise((resolve) => {
            timer = setTimeout(() => resolve('timeout'), timeoutMs);
        });
        let onAbort;
        const aborted = new Promise((resolve) => {
            onAbort = () => resolve('aborted');
            if (ctx.signal?.aborted)
                onAbort();
            ctx.signal?.addEventListener('abort', onAbort, { once: true });
        });
        try {
            const run = Promise.resolve().then(() => tool.run(input, { workspace: ctx.workspace, signal }));
            const out = await Promise.race([run, timeout, aborted]);
            if (out === 'timeout') {
                controller.abort(new Error(`timeout after ${timeoutMs} ms`));
                // A tool that ignores its signal keeps running; its late result is dropped.
                run.catch(() => undefined);
                return done(`Tool '${name}' timed out after ${timeoutMs} ms and was stopped.`, true);
            }
            if (out === 'aborted') {
                run.catch(() => undefined);
                return done(`Tool '${name}' was aborted.`, true);
            }
            const result = typeof out === 'string' ? { content: out } : out;
            const content = capOutput(String(result.content ?? ''), maxChars);
            const isError = result.isError === true;
            return done(content, isError, tool.final === true && !isError);
        }
        catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            return done(capOutput(`Tool '${name}' failed: ${message}`, maxChars), true);
        }
        finally {
            clearTimeout(timer);
            if (onAbort)
                ctx.signal?.removeEventListener('abort', onAbort);
        }
    }
}


/***/ }),

/***/ 76163:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   F9: () => (/* binding */ ApiFailure),
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   wv: () => (/* binding */ describeCounts)
/* harmony export */ });
/* unused harmony exports RETRY_DEFAULTS, UNREACHABLE_ATTEMPTS, MAX_RETRY_AFTER_MS, parseRetryAfter, classifyError, failureLabel, backoffDelay */
/* harmony import */ var _anthropic_ai_sdk_error__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(25064);
/**
 * Our own retry loop around each Messages API call (the SDK's is switched off so the behaviour
 * is ours and testable). 429 (honouring retry-after, capped, and logged), 5xx, 529 overloaded,
 * dropped connections and request timeouts are retried with exponential backoff and full jitter
 * until the run's deadline, not a fixed number of tries: a model API that is overloaded for five
 * minutes costs five minutes, not the review. An endpoint that refuses connections or cannot be
 * resolved is a misconfiguration far more often than a blip, so it gets a few tries only; anything
 * else (400, 401, 403, 404) fails at once. Every request has a timeout inside the deadline, and
 * the failure that ends the retries names each error kind and how often it came
 * ("model API overloaded (529) x10").
 */
// The error classes only: the client itself (about 1.4 MB of bundle) loads with the provider.

const RETRY_DEFAULTS = {
    maxRetries: Infinity,
    baseDelayMs: 1000,
    requestTimeoutMs: 300_000,
};
/** Tries given to an endpoint that refuses the connection or has no address. */
const UNREACHABLE_ATTEMPTS = 4;
/** A retry-after longer than this is not waited for in full. */
const MAX_RETRY_AFTER_MS = 60_000;
/** A call that failed for good (after retries, or not retryable). */
class ApiFailure extends Error {
    kind;
    attempts;
    status;
    counts;
    constructor(message, kind, attempts, status, 
    /** Each failed attempt's kind, e.g. "model API overloaded (529)" -> 10. */
    counts = {}) {
        super(message);
        this.kind = kind;
        this.attempts = attempts;
        this.status = status;
        this.counts = counts;
        this.name = 'ApiFailure';
    }
}
/** Parses `retry-after-ms`, then `retry-after` (seconds or an HTTP date). */
function parseRetryAfter(headers, now = Date.now()) {
    const ms = headers?.get('retry-after-ms');
    if (ms && Number.isFinite(Number(ms)))
        return Math.max(0, Number(ms));
    const ra = headers?.get('retry-after');
    if (!ra)
        return undefined;
    if (/^\d+(\.\d+)?$/.test(ra.trim()))
        return Number(ra) * 1000;
    const date = Date.parse(ra);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
/** The first system error code (`ECONNREFUSED`) in an error's cause chain. */
function causeCode(err) {
    for (let e = err, depth = 0; e && depth < 6; depth++) {
        const code = e.code;
        if (typeof code === 'string' && /^E[A-Z_]+$/.test(code))
            return code;
        const errors = e.errors;
        if (Array.isArray(errors) && errors.length > 0) {
            const inner = causeCode(errors[0]);
            if (inner)
                return inner;
        }
        e = e.cause;
    }
    return undefined;
}
/** Sorts an SDK error into what we do about it. */
function classifyError(err) {
    if (err instanceof _anthropic_ai_sdk_error__WEBPACK_IMPORTED_MODULE_0__/* .APIUserAbortError */ .cH) {
        return { kind: 'aborted', retryable: false, message: 'request aborted' };
    }
    if (err instanceof _anthropic_ai_sdk_error__WEBPACK_IMPORTED_MODULE_0__/* .APIConnectionTimeoutError */ .qA) {
        return { kind: 'request_timeout', retryable: true, message: 'request timed out' };
    }
    if (err instanceof _anthropic_ai_sdk_error__WEBPACK_IMPORTED_MODULE_0__/* .APIConnectionError */ .xX) {
        const cause = err.cause;
        const code = causeCode(err);
        const why = cause instanceof Error ? `: ${cause.message}` : '';
        if (code && UNREACHABLE_CODES.has(code)) {
            return { kind: 'unreachable', retryable: true, message: `connection error (${code})${why}` };
        }
        return {
            kind: 'connection',
            retryable: true,
            message: `connection error${code ? ` (${code})` : ''}${why}`,
        };
    }
    if (err instanceof _anthropic_ai_sdk_error__WEBPACK_IMPORTED_MODULE_0__/* .APIError */ .LG) {
        const status = err.status ?? 0;
        // Anthropic's and Google's { error: { message } }, or Bedrock's { message }.
        const body = err.error;
        const detail = body?.error?.message ?? body?.message ?? err.message;
        const message = `HTTP ${status}${body?.error?.type ? ` ${body.error.type}` : ''}: ${detail}`;
        if (status === 429) {
            return {
                kind: 'rate_limit',
                retryable: true,
                status,
                retryAfterMs: parseRetryAfter(err.headers),
                message,
            };
        }
        if (status === 529)
            return { kind: 'overloaded', retryable: true, status, message };
        if (status >= 500 || status === 408 || status === 409) {
            return {
                kind: 'server',
                retryable: true,
                status,
                retryAfterMs: parseRetryAfter(err.headers),
                message,
            };
        }
        if (status === 401 || status === 403)
            return { kind: 'auth', retryable: false, status, message };
        return { kind: 'client', retryable: false, status, message };
    }
    const message = err instanceof Error ? err.message : String(err);
    return { kind: 'client', retryable: false, message };
}
/** The short name of one failed attempt, counted in the message that ends the retries. */
function failureLabel(c) {
    switch (c.kind) {
        case 'overloaded':
            return 'model API overloaded (529)';
        case 'rate_limit':
            return 'model API rate limit (429)';
        case 'server':
            return `model API server error (${c.status ?? '5xx'})`;
        case 'connection':
            return 'connection to the model API dropped';
        case 'unreachable':
            return 'model API unreachable';
        case 'request_timeout':
            return 'model request timed out';
        case 'auth':
            return `model API refused the key (${c.status ?? 401})`;
        default:
            return c.status ? `model API error (${c.status})` : 'model API error';
    }
}
/** "model API overloaded (529) x7, connection to the model API dropped x2" */
function describeCounts(counts) {
    return Object.entries(counts)
        .map(([label, n]) => `${label} x${n}`)
        .join(', ');
}
/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^attempt)]. */
function backoffDelay(attempt, baseMs, maxMs, random = Math.random) {
    return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30)));
}
function sleep(ms, signal) {
    return new Promise((resolve) => {
        const t = setTimeout(done, ms);
        function done() {
            clearTimeout(t);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    });
}
/**
 * Calls `attempt(timeoutMs)` until it succeeds, a non-retryable error comes, a retry cap is
 * reached, or the deadline leaves no room for another try. Each try's timeout ends at the
 * deadline at the latest. `onRetry` is told about every wait (for logs and the transcript).
 */
async function withRetries(attempt, opts) {
    const given = stripUndefined(opts.retry ?? {});
    const r = { ...RETRY_DEFAULTS, ...given };
    const maxDelayMs = given.maxDelayMs ?? 30 * r.baseDelayMs;
    const counts = {};
    let lastError;
    const fail = (why, kind, n, status) => {
        const tally = describeCounts(counts);
        // The deadline ending a run of API failures: the failures are the cause, not the clock.
        if (kind === 'deadline' && lastError) {
            kind = lastError.kind;
            status = lastError.status;
            why = `${why} (the run's deadline ended the retries)`;
        }
        return new ApiFailure(tally ? `${tally}: ${why}` : why, kind, n, status, { ...counts });
    };
    for (let n = 0;; n++) {
        const left = opts.deadline - Date.now();
        if (opts.signal?.aborted)
            throw fail('aborted before the request was sent', 'aborted', n);
        if (left <= 0)
            throw fail('deadline passed before the request was sent', 'deadline', n);
        const timeoutMs = Math.min(r.requestTimeoutMs, left);
        try {
            return await attempt(timeoutMs);
        }
        catch (err) {
            const c = classifyError(err);
            if (c.kind === 'aborted' || opts.signal?.aborted)
                throw fail('aborted', 'aborted', n + 1);
            const label = failureLabel(c);
            counts[label] = (counts[label] ?? 0) + 1;
            if (c.kind !== 'request_timeout')
                lastError = c;
            if (c.kind === 'request_timeout' && Date.now() >= opts.deadline) {
                throw fail(`deadline passed while waiting for the model (${c.message})`, 'deadline', n + 1);
            }
            if (!c.retryable)
                throw fail(c.message, c.kind, n + 1, c.status);
            const cap = c.kind === 'unreachable' ? Math.min(r.maxRetries, UNREACHABLE_ATTEMPTS - 1) : r.maxRetries;
            if (n >= cap) {
                throw fail(`${c.message} (gave up after ${n + 1} attempts)`, c.kind, n + 1, c.status);
            }
            const retryAfterMs = c.retryAfterMs !== undefined ? Math.min(c.retryAfterMs, MAX_RETRY_AFTER_MS) : undefined;
            const delayMs = retryAfterMs ?? backoffDelay(n, r.baseDelayMs, maxDelayMs);
            if (Date.now() + delayMs >= opts.deadline) {
                throw fail(`${c.message} (gave up after ${n + 1} attempts: the next retry, in ${delayMs} ms, would pass the run's deadline)`, c.kind, n + 1, c.status);
            }
            opts.onRetry?.({
                attempt: n + 1,
                delayMs,
                error: c,
                ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
            });
            await sleep(delayMs, opts.signal);
        }
    }
}
function stripUndefined(o) {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}


/***/ }),

/***/ 97752:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ toolCallSpan),
/* harmony export */   y: () => (/* binding */ modelCallSpan)
/* harmony export */ });
/* harmony import */ var _telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(78382);
/* harmony import */ var _pricing_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(53111);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(76163);



/** Runs one model call (with its retries) inside a `chat {model}` span. */
async function modelCallSpan(tracer, params, label, call) {
    if (!tracer.enabled)
        return call();
    const span = tracer.start(`chat ${params.model}`, {
        [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.operation]: 'chat',
        [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.system]: 'anthropic',
        [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.provider]: 'anthropic',
        [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.requestModel]: params.model,
        [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.requestMaxTokens]: params.max_tokens,
        [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .PITCREW */ .rs.label]: label,
    });
    try {
        const response = await call();
        const u = response.usage;
        const cacheRead = u.cache_read_input_tokens ?? 0;
        const cacheWrite = u.cache_creation_input_tokens ?? 0;
        const cost = (0,_pricing_js__WEBPACK_IMPORTED_MODULE_1__/* .usageOfCall */ .xW)(params.model, {
            inputTokens: u.input_tokens,
            outputTokens: u.output_tokens,
            cacheReadTokens: cacheRead,
            cacheWriteTokens: cacheWrite,
        }).costUsd;
        span.set({
            [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.responseModel]: response.model,
            [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.responseId]: response.id,
            [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.finishReasons]: response.stop_reason ? [response.stop_reason] : undefined,
            // The GenAI conventions count cached prompt tokens in input_tokens too.
            [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.inputTokens]: u.input_tokens + cacheRead + cacheWrite,
            [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.outputTokens]: u.output_tokens,
            [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.cacheReadTokens]: cacheRead,
            [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.cacheWriteTokens]: cacheWrite,
            [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .PITCREW */ .rs.costUsd]: cost ?? undefined,
        });
        return response;
    }
    catch (err) {
        if (err instanceof _retry_js__WEBPACK_IMPORTED_MODULE_2__/* .ApiFailure */ .F9) {
            span.set({ [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .PITCREW */ .rs.attempts]: err.attempts });
            span.fail(err.message, err.kind);
        }
        else
            span.fail(err instanceof Error ? err.message : String(err));
        throw err;
    }
    finally {
        span.end();
    }
}
/** Runs one tool call inside an `execute_tool {name}` span; a tool error marks it failed. */
async function toolCallSpan(tracer, tool, call) {
    if (!tracer.enabled)
        return call();
    const span = tracer.start(`execute_tool ${tool.name}`, {
        [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.operation]: 'execute_tool',
        [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.toolName]: tool.name,
        [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.toolCallId]: tool.id,
        [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .GEN_AI */ .Mf.toolType]: 'function',
        [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .PITCREW */ .rs.label]: tool.label,
        [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .PITCREW */ .rs.turn]: tool.turn,
    });
    try {
        const outcome = await call();
        span.set({ [_telemetry_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .PITCREW */ .rs.durationMs]: outcome.ms });
        if (outcome.isError)
            span.fail(outcome.content.slice(0, 300), 'tool_error');
        return outcome;
    }
    catch (err) {
        span.fail(err instanceof Error ? err.message : String(err), 'exception');
        throw err;
    }
    finally {
        span.end();
    }
}


/***/ }),

/***/ 50016:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ emptyUsage),
/* harmony export */   v: () => (/* binding */ addUsage)
/* harmony export */ });
/**
 * The contract between the agent loop and everything that plugs into it: tools, budgets, usage.
 * Modes build a tool list and a prompt, call `runAgent`, and read a structured final result.
 */
function emptyUsage() {
    return {
        inputTokens: 0,
        outputTokens: 0,
        cacheWriteTokens: 0,
        cacheReadTokens: 0,
        costUsd: 0,
        turns: 0,
        apiCalls: 0,
    };
}
/** Adds two usages; an unknown cost on either side makes the sum unknown. */
function addUsage(a, b) {
    return {
        inputTokens: a.inputTokens + b.inputTokens,
        outputTokens: a.outputTokens + b.outputTokens,
        cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
        cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
        costUsd: a.costUsd === null || b.costUsd === null ? null : a.costUsd + b.costUsd,
        turns: a.turns + b.turns,
        apiCalls: a.apiCalls + b.apiCalls,
    };
}


/***/ }),

/***/ 64389:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   M5: () => (/* binding */ loadSettings),
/* harmony export */   TL: () => (/* binding */ parseInputs)
/* harmony export */ });
/* unused harmony exports inputSpecs, inputEnvName */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(75893);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(90131);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(22143);





/**
 * The action inputs of contract section 2, in the same schema language as the config file so
 * the docs table and the parser cannot disagree. Keys are the input names (kebab-case).
 */
const inputSpecs = {
    mode: {
        node: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__.s
            .enum(['auto', 'review', 'fix', 'rollback'])
            .default('auto')
            .describe('`auto` picks the mode from the event; `review`, `fix`, `rollback` force one.'),
    },
    provider: {
        node: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__.s
            .enum(['anthropic', 'bedrock', 'vertex'])
            .default('anthropic')
            .describe('Where the model runs: `anthropic` (the Anthropic API), `bedrock` (Amazon Bedrock: `AWS_REGION` and AWS credentials) or `vertex` (Google Vertex AI: `CLOUD_ML_REGION`, `ANTHROPIC_VERTEX_PROJECT_ID` and Google credentials). See docs/providers.md.'),
    },
    'anthropic-api-key': {
        node: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__.s.string().optional().describe('Anthropic API key. Never echoed.'),
        secret: true,
        envFallback: 'ANTHROPIC_API_KEY',
        defaultDoc: 'env `ANTHROPIC_API_KEY`',
    },
    'anthropic-base-url': {
        node: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__.s
            .string()
            .optional()
            .describe('Overrides the Messages API endpoint (gateways, proxies).')
            .refine((url, r) => {
            if (!/^https?:\/\/[^\s/]+/.test(url)) {
                r.error([], `Invalid value ${(0,_schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(url)}. Expected an http(s) URL.`);
            }
        }),
        envFallback: 'ANTHROPIC_BASE_URL',
        defaultDoc: 'env `ANTHROPIC_BASE_URL`',
    },
    'github-token': {
        node: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__.s.string().optional().describe('Token for the GitHub API and for pushes. Never echoed.'),
        secret: true,
        envFallback: 'GITHUB_TOKEN',
        defaultDoc: '`${{ github.token }}`',
    },
    model: {
        node: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__.s.string().default('claude-sonnet-4-6').describe('Main model.'),
    },
    'small-model': {
        node: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__.s.string().default('claude-haiku-4-5').describe('Cheap model for summaries and triage.'),
    },
    'max-turns': {
        node: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__.s.int({ min: 1 }).default(30).describe('Agent turns per task.'),
    },
    'max-cost-usd': {
        node: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__.s
            .number({ gt: 0 })
            .default(2)
            .describe('Spend ceiling per run in USD, from the price table of known models.'),
    },
    'timeout-minutes': {
        node: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__.s
            .number({ gt: 0 })
            .default(20)
            .describe('Wall-clock ceiling of the agent work, minutes.'),
    },
    'config-file': {
        node: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__.s
            .string()
            .default(_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_CONFIG_FILE */ .Cu)
            .describe('Repository configuration file, relative to the workspace.'),
    },
    'dry-run': {
        node: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__.s
            .boolean()
            .default(false)
            .describe('Do everything except write: no comment, review, push, PR or rollback; report what would be done.'),
    },
    'test-command': {
        node: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__.s
            .string()
            .optional()
            .describe('Fix mode: command that runs the tests (overrides `fix.test-command`).'),
    },
    'allowed-bots': {
        node: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__.s
            .list(_schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__.s.string().refine((login, r) => {
            // Bots are trusted by exact login only; a pattern would silently never match.
            if (/[*?\s]/.test(login)) {
                r.error([], `Invalid value ${(0,_schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(login)}. Expected an exact login such as 'renovate[bot]', no wildcards.`);
            }
        }))
            .default([])
            .describe('Bot logins allowed to trigger pitcrew, comma or newline separated (exact logins).'),
    },
};
const _inputsCheck = (x) => x;
const _inputsCheckBack = (x) => x;
void _inputsCheck;
void _inputsCheckBack;
/** `max-turns` -> `INPUT_MAX-TURNS`, exactly as @actions/core's getInput builds the name. */
function inputEnvName(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
const TRUE_VALUES = ['true', 'True', 'TRUE'];
const FALSE_VALUES = ['false', 'False', 'FALSE'];
/** Reads one input's raw text from the environment as `core.getInput` does (trimmed). */
function rawInput(env, name, spec) {
    const value = (env[inputEnvName(name)] ?? '').trim();
    if (value !== '' || !spec.envFallback)
        return value;
    return (env[spec.envFallback] ?? '').trim();
}
/**
 * Parses the action inputs from `INPUT_*` variables (the runner's way of passing them). Every
 * bad input is reported in one ConfigError; secrets are never quoted in it.
 */
function parseInputs(env) {
    const problems = [];
    const out = {};
    for (const [name, spec] of Object.entries(inputSpecs)) {
        const raw = rawInput(env, name, spec);
        const key = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
        const node = spec.node;
        if (raw === '') {
            if (node.meta.presence === 'default')
                out[key] = structuredClone(node.meta.defaultValue);
            continue;
        }
        const shown = (0,_schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(raw, spec.secret);
        const coerced = coerce(node, raw);
        if (coerced === _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__/* .INVALID */ .uY) {
            problems.push(`Invalid input '${name}' value ${shown}. Expected ${describeExpected(node)}.`);
            continue;
        }
        const ctx = { issues: [] };
        const value = (0,_schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__/* .parseNode */ .UN)(node, coerced, [], ctx, spec.secret);
        if (ctx.issues.length > 0 || value === _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__/* .INVALID */ .uY) {
            for (const i of ctx.issues) {
                // Node messages say "Invalid value 'x'."; inputs are quoted by their raw text instead.
                const rest = i.message
                    .replace(/^Invalid value (?:'(?:[^'\\]|\\.)*'|\([^)]*\))\.?/, '')
                    .trim();
                problems.push(`Invalid input '${name}' value ${shown}. ${rest}`.trim());
            }
            continue;
        }
        out[key] = value;
    }
    const unknown = unknownInputs(env);
    problems.push(...unknown);
    if (problems.length > 0) {
        throw new _types_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigError */ .xL(problems.length === 1
            ? problems[0]
            : `Invalid inputs (${problems.length} problems):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    return out;
}
/**
 * `INPUT_MAX_TURNS` (underscore) is what a workflow produces for `max_turns:`, a likely typo for
 * `max-turns`; silently ignoring it would run with the default budget.
 */
function unknownInputs(env) {
    const known = Object.keys(inputSpecs);
    const problems = [];
    for (const envName of Object.keys(env)) {
        if (!envName.startsWith('INPUT_'))
            continue;
        const name = envName.slice('INPUT_'.length).toLowerCase();
        if (known.includes(name))
            continue;
        const hit = (0,_schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__/* .closest */ .kp)(name.replace(/_/g, '-'), known);
        // Only flag near-misses: other INPUT_* variables may belong to a composite wrapper.
        if (hit && name.replace(/_/g, '-') === hit) {
            problems.push(`Unknown input '${name}'. Did you mean '${hit}'? Input names use hyphens.`);
        }
    }
    return problems;
}
function coerce(node, raw) {
    switch (node.spec.kind) {
        case 'boolean':
            // Same rule as core.getBooleanInput (YAML 1.2 core schema booleans only).
            if (TRUE_VALUES.includes(raw))
                return true;
            if (FALSE_VALUES.includes(raw))
                return false;
            return _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__/* .INVALID */ .uY;
        case 'int':
            return /^[+-]?\d+$/.test(raw) ? Number(raw) : _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__/* .INVALID */ .uY;
        case 'number':
            return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(raw) ? Number(raw) : _schema_dsl_js__WEBPACK_IMPORTED_MODULE_2__/* .INVALID */ .uY;
        case 'list':
            return raw
                .split(/[,\n]/)
                .map((x) => x.trim())
                .filter((x) => x !== '');
        default:
            return raw;
    }
}
function describeExpected(node) {
    const spec = node.spec;
    if (spec.kind === 'boolean')
        return `true or false (${[...TRUE_VALUES, ...FALSE_VALUES].join(', ')})`;
    if (spec.kind === 'int')
        return `an integer${spec.min === 1 ? ' >= 1' : ''}`;
    if (spec.kind === 'number')
        return `a number${spec.gt === 0 ? ' > 0' : ''}`;
    return 'a valid value';
}
/**
 * Inputs plus the repository config file, merged into the one Settings object every part reads.
 * A missing file at the default path means defaults; a missing file the user named is an error
 * (a typo there would otherwise silently drop their whole configuration).
 */
async function loadSettings(env, workspace, readFile = (p) => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(p, 'utf8')) {
    const inputs = parseInputs(env);
    const rel = inputs.configFile;
    const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel) ? rel : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspace, rel);
    const isDefault = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.normalize)(rel) === (0,node_path__WEBPACK_IMPORTED_MODULE_1__.normalize)(_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_CONFIG_FILE */ .Cu);
    let text;
    try {
        text = await readFile(abs);
    }
    catch (err) {
        const code = err.code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') {
            throw new _types_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigError */ .xL(`Cannot read config file '${rel}': ${err.message}. Expected a readable YAML file.`);
        }
        if (!isDefault) {
            throw new _types_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigError */ .xL(`Config file '${rel}' (input 'config-file') was not found in the workspace. Expected an existing YAML file, or remove the input to use '${_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_CONFIG_FILE */ .Cu}'.`);
        }
    }
    // The YAML parser loads only for a repository that has a config file (cold start).
    const config = text === undefined
        ? (0,_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .defaultRepoConfig */ .uW)()
        : (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(353)]).then(__nccwpck_require__.bind(__nccwpck_require__, 58353))).parseRepoConfig(text, rel);
    if (inputs.testCommand !== undefined)
        config.fix.testCommand = inputs.testCommand;
    return { inputs, config, configPath: text === undefined ? undefined : rel };
}


/***/ }),

/***/ 75893:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   UN: () => (/* binding */ parseNode),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   hD: () => (/* binding */ quote),
/* harmony export */   jV: () => (/* binding */ formatPath),
/* harmony export */   kp: () => (/* binding */ closest),
/* harmony export */   nJ: () => (/* binding */ camel),
/* harmony export */   s: () => (/* binding */ s),
/* harmony export */   uY: () => (/* binding */ INVALID)
/* harmony export */ });
/* unused harmony exports Node, defaultOf, durationSeconds, expected, kebab, editDistance, keyPaths */
/**
 * A small schema language for pitcrew's settings. One schema value drives three things: the
 * parser (YAML / input values -> typed settings), the TypeScript type of the result (inferred,
 * checked against src/config/types.ts at compile time), and the generated reference docs. Keeping
 * them in one place is what stops the documentation from drifting away from the parser.
 *
 * Keys are kebab-case in YAML and camelCase in the result (`max-comments` -> `maxComments`);
 * `.to('name')` renames a key when the result carries a unit (`timeout` -> `timeoutSeconds`).
 */
/** Returned by parsers for a value that produced an issue; never reaches the result. */
const INVALID = Symbol('invalid');
/**
 * A schema node. `T` is the parsed type, `P` whether the key may be absent, `N` a renamed
 * result key. The generic parameters exist only for type inference; parsing reads `spec`/`meta`.
 */
class Node {
    spec;
    meta;
    constructor(spec, meta) {
        this.spec = spec;
        this.meta = meta;
    }
    with(meta) {
        return new Node(this.spec, { ...this.meta, ...meta });
    }
    /** Human text shown in the docs (and used in "expected" messages of variant fields). */
    describe(description) {
        return this.with({ description });
    }
    /** Example values (YAML input form) shown in the docs. */
    example(...examples) {
        return this.with({ examples: [...this.meta.examples, ...examples] });
    }
    /** The value used when the key is absent (result form; cloned for every parse). */
    default(value, doc) {
        return this.with({ presence: 'default', defaultValue: value, defaultDoc: doc });
    }
    /** The key may be absent; the result key is then absent too. */
    optional() {
        return this.with({ presence: 'optional' });
    }
    /** Renames the result key (YAML `timeout` -> `timeoutSeconds`). */
    to(name) {
        return this.with({ rename: name });
    }
    /** Never echo this value (or anything inside it) in an error. */
    secret() {
        return this.with({ secret: true });
    }
    /** A cross-field check run after the value parsed cleanly. */
    refine(check) {
        return this.with({
            refiners: [...this.meta.refiners, check],
        });
    }
    /** Reshapes the parsed value (e.g. `duration` + `interval` -> `count`); may report issues. */
    transform(fn) {
        return this.with({
            transforms: [...this.meta.transforms, fn],
        });
    }
    /** Adds JSON Schema keywords to the editor schema of this node (see Meta.jsonSchema). */
    jsonSchema(keywords) {
        return this.with({ jsonSchema: { ...this.meta.jsonSchema, ...keywords } });
    }
    /** Appends a note to "missing key" errors. */
    requiredBecause(note) {
        return this.with({ requiredNote: note });
    }
}
function meta(extra) {
    return {
        examples: [],
        presence: 'required',
        secret: false,
        refiners: [],
        transforms: [],
        ...extra,
    };
}
/** Builders. `s.object({...})` etc. Every builder returns a required node; chain to change that. */
const s = {
    string(opts = {}) {
        return new Node({ kind: 'string', allowEmpty: opts.allowEmpty ?? false }, meta());
    },
    int(opts = {}) {
        return new Node({ kind: 'int', ...opts }, meta());
    },
    number(opts = {}) {
        return new Node({ kind: 'number', ...opts }, meta());
    },
    boolean() {
        return new Node({ kind: 'boolean' }, meta());
    },
    enum(values) {
        return new Node({ kind: 'enum', values }, meta());
    },
    /** `30s`, `5m`, `1h`, `1h30m` (or `0`) -> a number in `unit` (seconds by default). */
    duration(opts = {}) {
        return new Node({ kind: 'duration', unit: opts.unit ?? 's', min: opts.min, max: opts.max }, meta());
    },
    /** A duration validated like `duration` but kept as text (passed on to a metrics provider). */
    durationText() {
        return new Node({ kind: 'duration-text' }, meta());
    },
    /** A list; `single: true` also accepts one scalar for a one-item list. */
    list(of, opts = {}) {
        return new Node({ kind: 'list', of, single: opts.single ?? false, minItems: opts.minItems }, meta());
    },
    map(of) {
        return new Node({ kind: 'map', of }, meta());
    },
    object(fields) {
        return new Node({ kind: 'object', fields }, meta());
    },
    /**
     * An object absent from the file is parsed as `{}`, i.e. every field takes its default. Only
     * meaningful when no field is required.
     */
    section(fields) {
        return new Node({ kind: 'object', fields }, meta({ presence: 'default', defaultEmpty: true }));
    },
    /**
     * Objects told apart by a tag key (`type: prometheus`). With `shorthand`, a plain string is
     * read as `{ type: <string> }` (`method: github-deployment`).
     */
    union(tag, variants, opts = {}) {
        return new Node({ kind: 'union', tag, variants, shorthand: opts.shorthand ?? false }, meta());
    },
};
// ---------------------------------------------------------------------------------------------
// Parsing
/** Parses `value` against `node`, appending every problem to `ctx.issues`. */
function parseNode(node, value, path, ctx, secret = false) {
    const hidden = secret || node.meta.secret;
    const before = ctx.issues.length;
    let out = parseSpec(node, value, path, ctx, hidden);
    if (out === INVALID || ctx.issues.length > before)
        return INVALID;
    const refiner = {
        path,
        error: (rel, message) => void ctx.issues.push({ path: [...path, ...rel], message, at: 'value' }),
    };
    for (const check of node.meta.refiners)
        check(out, refiner);
    if (ctx.issues.length > before)
        return INVALID;
    for (const fn of node.meta.transforms) {
        out = fn(out, refiner);
        if (out === INVALID || ctx.issues.length > before)
            return INVALID;
    }
    return out;
}
/** The value a node takes when its key is absent (undefined: leave the key out). */
function defaultOf(node, path, ctx) {
    if (node.meta.presence !== 'default')
        return undefined;
    if (node.meta.defaultEmpty)
        return parseNode(node, {}, path, ctx);
    return structuredClone(node.meta.defaultValue);
}
function issue(ctx, path, message, at = 'value') {
    ctx.issues.push({ path, message, at });
    return INVALID;
}
function bad(ctx, path, value, node, hidden) {
    return issue(ctx, path, `Invalid value ${quote(value, hidden)}. Expected ${expected(node)}.`);
}
function isPlainObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function parseSpec(node, value, path, ctx, hidden) {
    const spec = node.spec;
    switch (spec.kind) {
        case 'string': {
            // Numbers read as strings on purpose: `account-id: 12345` is a string to New Relic.
            if (typeof value === 'number' && Number.isFinite(value))
                return String(value);
            if (typeof value !== 'string')
                return bad(ctx, path, value, node, hidden);
            if (!spec.allowEmpty && value.trim() === '')
                return bad(ctx, path, value, node, hidden);
            return value;
        }
        case 'int':
        case 'number': {
            if (typeof value !== 'number' || !Number.isFinite(value))
                return bad(ctx, path, value, node, hidden);
            if (spec.kind === 'int' && !Number.isInteger(value))
                return bad(ctx, path, value, node, hidden);
            if (!inRange(value, spec))
                return bad(ctx, path, value, node, hidden);
            return value;
        }
        case 'boolean':
            if (typeof value !== 'boolean')
                return bad(ctx, path, value, node, hidden);
            return value;
        case 'enum': {
            if (typeof value !== 'string' || !spec.values.includes(value)) {
                const hint = typeof value === 'string' ? didYouMean(value, spec.values) : '';
                return issue(ctx, path, `Invalid value ${quote(value, hidden)}. Expected ${expected(node)}.${hint}`);
            }
            return value;
        }
        case 'duration': {
            const seconds = durationSeconds(value);
            if (seconds === undefined) {
                return issue(ctx, path, `Invalid duration ${quote(value, hidden)}. Expected ${expected(node)}.`);
            }
            if ((spec.min !== undefined && seconds < spec.min) ||
                (spec.max !== undefined && seconds > spec.max)) {
                return issue(ctx, path, `Invalid duration ${quote(value, hidden)}. Expected ${expected(node)}.`);
            }
            return spec.unit === 'm' ? seconds / 60 : seconds;
        }
        case 'duration-text': {
            const seconds = durationSeconds(value);
            if (seconds === undefined || seconds <= 0) {
                return issue(ctx, path, `Invalid duration ${quote(value, hidden)}. Expected ${expected(node)}.`);
            }
            return String(value);
        }
        case 'list': {
            let items;
            if (Array.isArray(value))
                items = value;
            else if (spec.single && (typeof value === 'string' || typeof value === 'number'))
                items = [value];
            else
                return bad(ctx, path, value, node, hidden);
            if (spec.minItems !== undefined && items.length < spec.minItems) {
                return issue(ctx, path, `Expected at least ${spec.minItems} item(s), got ${items.length}.`);
            }
            const out = [];
            items.forEach((item, i) => {
                if (item === null || item === undefined) {
                    issue(ctx, [...path, i], `Empty list item. Expected ${expected(spec.of)}.`);
                    return;
                }
                out.push(parseNode(spec.of, item, [...path, i], ctx, hidden));
            });
            return out;
        }
        case 'map': {
            if (!isPlainObject(value))
                return bad(ctx, path, value, node, hidden);
            const out = {};
            for (const [k, v] of Object.entries(value)) {
                if (v === null || v === undefined) {
                    issue(ctx, [...path, k], `Missing value. Expected ${expected(spec.of)}.`);
                    continue;
                }
                out[k] = parseNode(spec.of, v, [...path, k], ctx, hidden);
            }
            return out;
        }
        case 'object':
            if (!isPlainObject(value))
                return bad(ctx, path, value, node, hidden);
            return parseFields(spec.fields, value, path, ctx, hidden);
        case 'union':
            return parseUnion(node, spec, value, path, ctx, hidden);
    }
}
function inRange(v, spec) {
    if (spec.min !== undefined && v < spec.min)
        return false;
    if (spec.max !== undefined && v > spec.max)
        return false;
    if (spec.gt !== undefined && v <= spec.gt)
        return false;
    if (spec.lt !== undefined && v >= spec.lt)
        return false;
    return true;
}
function parseFields(fields, value, path, ctx, hidden, skip = []) {
    const known = Object.keys(fields);
    for (const key of Object.keys(value)) {
        if (key in fields || skip.includes(key))
            continue;
        issue(ctx, [...path, key], unknownKeyMessage(key, [...skip, ...known], path, ctx.root), 'key');
    }
    const out = {};
    for (const [key, field] of Object.entries(fields)) {
        const outKey = field.meta.rename ?? camel(key);
        const raw = value[key];
        let parsed;
        if (raw === undefined || raw === null) {
            if (field.meta.presence === 'required') {
                const note = field.meta.requiredNote ? ` ${field.meta.requiredNote}` : '';
                issue(ctx, [...path, key], `Missing required key '${key}'.${note} Expected ${expected(field)}.`);
                continue;
            }
            parsed = defaultOf(field, [...path, key], ctx);
        }
        else {
            parsed = parseNode(field, raw, [...path, key], ctx, hidden);
        }
        if (parsed !== undefined)
            out[outKey] = parsed;
    }
    return out;
}
function parseUnion(node, spec, value, path, ctx, hidden) {
    const names = Object.keys(spec.variants);
    let obj;
    if (typeof value === 'string' && spec.shorthand)
        obj = { [spec.tag]: value };
    else if (isPlainObject(value))
        obj = value;
    else
        return bad(ctx, path, value, node, hidden);
    const tag = obj[spec.tag];
    if (tag === undefined || tag === null) {
        return issue(ctx, [...path, spec.tag], `Missing required key '${spec.tag}'. Expected one of: ${names.join(', ')}.`);
    }
    if (typeof tag !== 'string' || !(tag in spec.variants)) {
        const hint = typeof tag === 'string' ? didYouMean(tag, names) : '';
        // A shorthand string is the value itself, so point at the key holding it.
        const at = isPlainObject(value) ? [...path, spec.tag] : path;
        return issue(ctx, at, `Invalid ${spec.tag} ${quote(tag, hidden)}. Expected one of: ${names.join(', ')}.${hint}`);
    }
    const variant = spec.variants[tag];
    if (variant.spec.kind !== 'object')
        throw new Error(`union variant '${tag}' must be an object node`);
    const fields = Object.fromEntries(Object.entries(variant.spec.fields).map(([k, f]) => [
        k,
        f.meta.requiredNote ? f : f.requiredBecause(`It is required for ${spec.tag} '${tag}'.`),
    ]));
    const before = ctx.issues.length;
    const parsed = parseFields(fields, obj, path, ctx, hidden, [spec.tag]);
    if (ctx.issues.length > before)
        return INVALID;
    return { [spec.tag]: tag, ...parsed };
}
// ---------------------------------------------------------------------------------------------
// Durations
const NUM = '(\\d+(?:\\.\\d+)?)';
const DURATION_RE = new RegExp(`^(?:${NUM}w)?(?:${NUM}d)?(?:${NUM}h)?(?:${NUM}m)?(?:${NUM}s)?(?:${NUM}ms)?$`);
const UNIT_SECONDS = [604800, 86400, 3600, 60, 1, 0.001];
/**
 * `30s`, `5m`, `1h`, `1h30m`, `2d`, `500ms` (Prometheus style, largest unit first), or the number
 * 0. Other bare numbers are refused on purpose: `timeout: 10` could mean seconds or minutes, and
 * guessing wrong is a silent bug.
 */
function durationSeconds(value) {
    if (value === 0 || value === '0')
        return 0;
    if (typeof value !== 'string')
        return undefined;
    const m = DURATION_RE.exec(value.trim());
    if (!m || m.slice(1).every((g) => g === undefined))
        return undefined;
    return m
        .slice(1)
        .reduce((sum, g, i) => sum + (g === undefined ? 0 : Number(g) * UNIT_SECONDS[i]), 0);
}
/** Seconds back to the shortest readable form (`300` -> `5m`), for docs and messages. */
function formatDuration(seconds) {
    if (seconds === 0)
        return '0';
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const sec = seconds % 60;
    return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${sec ? `${sec}s` : ''}`;
}
// ---------------------------------------------------------------------------------------------
// Messages
/** The "Expected ..." half of an error: what this node accepts, in words. */
function expected(node) {
    const spec = node.spec;
    switch (spec.kind) {
        case 'string':
            return spec.allowEmpty ? 'a string' : 'a non-empty string';
        case 'int':
        case 'number':
            return `${spec.kind === 'int' ? 'an integer' : 'a number'}${rangeText(spec)}`;
        case 'boolean':
            return 'true or false';
        case 'enum':
            return `one of: ${spec.values.join(', ')}`;
        case 'duration':
        case 'duration-text': {
            const base = "a duration with a unit, like '30s', '5m', '1h' or '1h30m'";
            if (spec.kind === 'duration' && (spec.min !== undefined || spec.max !== undefined)) {
                const parts = [];
                if (spec.min !== undefined)
                    parts.push(`at least ${formatDuration(spec.min)}`);
                if (spec.max !== undefined)
                    parts.push(`at most ${formatDuration(spec.max)}`);
                return `${base}, ${parts.join(' and ')}`;
            }
            return base;
        }
        case 'list':
            return `a list of ${plural(expected(spec.of))}`;
        case 'map':
            return `a mapping of names to ${plural(expected(spec.of))}`;
        case 'object':
            return `a mapping with keys: ${Object.keys(spec.fields).join(', ')}`;
        case 'union':
            return `a mapping with '${spec.tag}: ${Object.keys(spec.variants).join('|')}'${spec.shorthand ? ` (or just the ${spec.tag} name)` : ''}`;
    }
}
function plural(text) {
    return text
        .replace(/^an? non-empty string$/, 'non-empty strings')
        .replace(/^a string$/, 'strings')
        .replace(/^an integer/, 'integers')
        .replace(/^a number/, 'numbers')
        .replace(/^a mapping/, 'mappings')
        .replace(/^a duration/, 'durations');
}
function rangeText(spec) {
    const parts = [];
    if (spec.min !== undefined)
        parts.push(`>= ${spec.min}`);
    if (spec.gt !== undefined)
        parts.push(`> ${spec.gt}`);
    if (spec.max !== undefined)
        parts.push(`<= ${spec.max}`);
    if (spec.lt !== undefined)
        parts.push(`< ${spec.lt}`);
    return parts.length ? ` ${parts.join(' and ')}` : '';
}
const TOKEN_LIKE = [
    /gh[pousr]_[A-Za-z0-9]{20,}/,
    /github_pat_[A-Za-z0-9_]{20,}/,
    /sk-ant-[A-Za-z0-9_-]{10,}/,
    /AKIA[0-9A-Z]{16}/,
    /xox[abprs]-[A-Za-z0-9-]{10,}/,
    /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\./,
];
/**
 * Quotes a bad value for an error message. Secret fields and anything shaped like a token are
 * never echoed: error messages end up in logs and job summaries.
 */
function quote(value, hidden = false) {
    if (hidden)
        return '(hidden: secret value)';
    let text;
    if (typeof value === 'string')
        text = value;
    else if (value === null || value === undefined)
        text = String(value);
    else if (typeof value === 'object')
        text = JSON.stringify(value);
    else
        text = String(value);
    if (TOKEN_LIKE.some((re) => re.test(text)))
        return '(hidden: looks like a secret)';
    // Credentials in a URL (`https://user:pass@host`) are secrets too.
    text = text.replace(/(\/\/)[^/@\s]*@/g, '$1***@');
    if (text.length > 80)
        text = `${text.slice(0, 77)}...`;
    return `'${text.replace(/\n/g, '\\n')}'`;
}
/** `max-comments` -> `maxComments`. */
function camel(key) {
    return key.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
}
/** `maxComments` -> `max-comments`. */
function kebab(key) {
    return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/_/g, '-');
}
/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions (`reveiw`). */
function editDistance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                v = Math.min(v, d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    return d[a.length][b.length];
}
/** The closest candidate, when it is close enough to be a plausible typo. */
function closest(word, candidates) {
    const lower = word.toLowerCase();
    const asKebab = kebab(word).toLowerCase();
    const exact = candidates.find((c) => c === asKebab || c.toLowerCase() === lower);
    if (exact)
        return exact;
    let best;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const dist = Math.min(editDistance(lower, c.toLowerCase()), editDistance(asKebab, c.toLowerCase()));
        if (dist < bestDistance) {
            best = c;
            bestDistance = dist;
        }
    }
    const limit = Math.max(1, Math.floor(Math.max(word.length, 3) / 3));
    return bestDistance <= limit ? best : undefined;
}
function didYouMean(word, candidates) {
    const hit = closest(word, candidates);
    return hit ? ` Did you mean '${hit}'?` : '';
}
function unknownKeyMessage(key, known, path, root) {
    let hint = didYouMean(key, known);
    if (!hint && root) {
        const here = formatPath(path);
        const elsewhere = keyPaths(root, []).filter((p) => p.endsWith(`.${key}`) && p.slice(0, -key.length - 1) !== here);
        if (elsewhere.length > 0)
            hint = ` Did you mean '${elsewhere.slice(0, 3).join("' or '")}'?`;
    }
    return `Unknown key ${quote(key)}.${hint} Expected one of: ${known.join(', ')}.`;
}
/** Every key path of a schema (`fix.test-command`, `rollback.metrics[].name`, ...). */
function keyPaths(node, prefix) {
    const spec = node.spec;
    const join = (k) => [...prefix, k].join('.');
    if (spec.kind === 'object') {
        return Object.entries(spec.fields).flatMap(([k, f]) => [
            join(k),
            ...keyPaths(f, [...prefix, k]),
        ]);
    }
    if (spec.kind === 'list') {
        const last = prefix.length ? [...prefix.slice(0, -1), `${prefix[prefix.length - 1]}[]`] : prefix;
        return keyPaths(spec.of, last);
    }
    if (spec.kind === 'union') {
        const all = Object.values(spec.variants).flatMap((v) => keyPaths(v, prefix));
        return [...new Set(all)];
    }
    return [];
}
/** `['rollback', 'metrics', 1, 'condition']` -> `rollback.metrics[1].condition`. */
function formatPath(path) {
    let out = '';
    for (const seg of path) {
        if (typeof seg === 'number')
            out += `[${seg}]`;
        else
            out += out === '' ? seg : `.${seg}`;
    }
    return out;
}


/***/ }),

/***/ 90131:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Cu: () => (/* binding */ DEFAULT_CONFIG_FILE),
/* harmony export */   bq: () => (/* binding */ configErrorFrom),
/* harmony export */   g2: () => (/* binding */ ConfigValidationError),
/* harmony export */   iR: () => (/* binding */ validateRepoConfigValue),
/* harmony export */   uW: () => (/* binding */ defaultRepoConfig),
/* harmony export */   wF: () => (/* binding */ repoConfigSchema)
/* harmony export */ });
/* harmony import */ var _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(75893);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(22143);


/** Where the repository configuration lives unless the `config-file` input says otherwise. */
const DEFAULT_CONFIG_FILE = '.github/pitcrew.yml';
/** `review.language`: a name or tag such as `German`, `pt-BR`, `Chinese (Simplified)`. */
const LANGUAGE_PATTERN = '^\\p{L}+(?:[ -]\\p{L}+){0,2}(?: \\(\\p{L}+(?: \\p{L}+)?\\))?$';
const LANGUAGE_RE = new RegExp(LANGUAGE_PATTERN, 'u');
const failurePolicy = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.enum(['fail', 'inconclusive', 'ignore']);
const POLICY_TEXT = '`fail` counts it as a failed measurement, `inconclusive` counts it towards `max-inconclusive`, `ignore` skips it';
const review = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.section({
    ignore: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .list(_schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.string(), { single: true })
        .default([])
        .describe('Globs of files never reviewed (lock files, generated code). Listed as skipped in the summary.')
        .example(['**/*.lock', 'dist/**']),
    instructions: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .list(_schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.object({
        path: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .optional()
            .describe('Glob the instruction applies to; omitted: every file.')
            .example('src/db/**'),
        text: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.string().describe('Extra review instructions for files matching `path`.'),
    }))
        .default([])
        .describe('Review instructions added to the prompt: for the files matching `path`, or for every file when `path` is omitted.')
        .example([
        { path: 'src/db/**', text: 'Every query must use bound parameters.' },
        { text: 'Flag any new dependency.' },
    ]),
    language: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .string()
        .optional()
        .refine((v, r) => {
        // Repository text that reaches the prompt: a language name, never a sentence.
        if (v.length > 40 || !LANGUAGE_RE.test(v)) {
            r.error([], `Invalid value '${v.slice(0, 40)}'. Expected a language name or tag (at most three words and 40 characters), like 'German', 'pt-BR' or 'Chinese (Simplified)'.`);
        }
    })
        .jsonSchema({ pattern: LANGUAGE_PATTERN, maxLength: 40 })
        .describe('Language of the review text (summary, finding titles and bodies); omitted: English. Code and suggestions are never translated.')
        .example('German'),
    'max-comments': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .int({ min: 0 })
        .default(20)
        .describe('Most inline comments per run; the rest go into the review body by severity.')
        .example(10),
    'min-severity': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .enum(['critical', 'major', 'minor', 'nit'])
        .default('minor')
        .describe('Findings below this severity are not posted.')
        .example('major'),
    categories: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .list(_schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.enum(_types_js__WEBPACK_IMPORTED_MODULE_1__/* .CATEGORIES */ .R6))
        .default([..._types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_CATEGORIES */ .Bl])
        .describe(`Finding categories that are posted (${_types_js__WEBPACK_IMPORTED_MODULE_1__/* .CATEGORIES */ .R6.map((c) => '`' + c + '`').join(', ')}). Findings in other categories are counted in the summary, not posted. A finding the model gives no valid category counts as \`${_types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_CATEGORY */ .Fj}\`.`)
        .example(['bug', 'security', 'correctness']),
    'review-drafts': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .boolean()
        .default(false)
        .describe('Review draft pull requests too.')
        .example(true),
    'request-changes': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .boolean()
        .default(false)
        .describe('Submit `REQUEST_CHANGES` when there are critical or major findings (otherwise `COMMENT`). pitcrew never approves.')
        .example(true),
    'max-tokens-per-call': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .int({ min: 1000 })
        .default(30000)
        .describe('Token budget of the diff sent in one model call; larger PRs are split into several calls.')
        .example(50000),
    concurrency: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .int({ min: 1, max: 16 })
        .default(3)
        .describe('Model calls run in parallel when a PR is split.')
        .example(4),
    'fail-on-incomplete': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .boolean()
        .default(true)
        .describe('Fail the step when the review is `incomplete`: the model API failed past its retries, a budget, the loop detector or the tool-error breaker stopped a call before `submit_review`, a GitHub write failed, or changed lines were not shown to the model. The summary comment names what was not covered either way.')
        .example(false),
});
const fix = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.section({
    'test-command': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .string()
        .optional()
        .describe('Command that runs the tests (bash). The `test-command` input overrides it.')
        .example('npm test'),
    reports: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .list(_schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.string(), { single: true })
        .default([])
        .describe('Globs of JUnit XML reports written by the test command, read to find failing tests.')
        .example(['reports/junit-*.xml']),
    'protected-paths': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .list(_schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.string(), { single: true })
        .default(['.github/**'])
        .describe('Globs the fix may never change; a change touching them is refused by code.')
        .example(['.github/**', 'migrations/**']),
    'allow-test-edits': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .boolean()
        .default(false)
        .describe('Allow the fix to edit or delete test files. Off: only non-test code is changed.')
        .example(true),
    'max-changed-lines': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .int({ min: 1 })
        .default(200)
        .describe('Largest diff (added + deleted lines) a fix may have.')
        .example(50),
    draft: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .boolean()
        .default(true)
        .describe('Open the fix-up pull request as a draft.')
        .example(false),
    'max-attempts-per-pr': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .int({ min: 1 })
        .default(3)
        .describe('Most fix-up pull requests opened for one pull request.')
        .example(1),
    'branch-prefix': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .string()
        .default('pitcrew/fix-')
        .describe('Prefix of fix branches (`<prefix><run id>`); pitcrew never runs on branches with it.')
        .example('bot/fix-'),
    'commit-name': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .string()
        .default('pitcrew[bot]')
        .describe('Author name of fix commits.')
        .example('CI Fixer'),
    'commit-email': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .string()
        .default('pitcrew[bot]@users.noreply.github.com')
        .describe('Author email of fix commits.')
        .example('ci-fixer@example.com'),
    'test-timeout': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .duration({ unit: 'm', min: 1 })
        .to('testTimeoutMinutes')
        .default(10, '10m')
        .describe('Wall-clock limit of one test run.')
        .example('15m'),
});
const timeout = (seconds) => _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
    .duration({ min: 1 })
    .to('timeoutSeconds')
    .default(seconds, formatDurationText(seconds))
    .describe('Timeout of one request.')
    .example('10s');
function formatDurationText(seconds) {
    return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}
const provider = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.union('type', {
    prometheus: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.object({
        address: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .describe('Prometheus base URL.')
            .example('http://prometheus.monitoring:9090'),
        query: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .describe('PromQL query returning one number.')
            .example('sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))'),
        range: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .durationText()
            .optional()
            .describe('Step of a range query (`query_range` over the measurement interval); omitted: instant query.')
            .example('30s'),
        headers: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .map(_schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.string())
            .secret()
            .default({})
            .describe('Extra request headers.')
            .example({ 'X-Scope-OrgID': 'prod' }),
        'bearer-token-env': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .optional()
            .describe('Name of the environment variable holding a bearer token.')
            .example('PROM_TOKEN'),
        'basic-auth-user-env': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .optional()
            .describe('Environment variable with the basic-auth user.')
            .example('PROM_USER'),
        'basic-auth-password-env': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .optional()
            .describe('Environment variable with the basic-auth password.')
            .example('PROM_PASSWORD'),
        timeout: timeout(30),
    }),
    datadog: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.object({
        site: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .default('datadoghq.com')
            .describe('Datadog site (`datadoghq.eu`, ...) or a full URL (proxies).')
            .example('datadoghq.eu'),
        query: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .describe('Metrics query.')
            .example('avg:trace.http.request.errors{service:web}.as_rate()'),
        'api-key-env': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .default('DD_API_KEY')
            .describe('Environment variable with the API key.'),
        'app-key-env': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .default('DD_APP_KEY')
            .describe('Environment variable with the application key.'),
        window: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.durationText().default('5m').describe('Lookback of each measurement.').example('10m'),
        timeout: timeout(30),
    }),
    http: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.object({
        url: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .describe('URL returning JSON.')
            .example('https://status.example.com/api/error-rate'),
        method: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .enum(['GET', 'POST'])
            .default('GET')
            .describe('HTTP method.'),
        headers: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.map(_schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.string()).secret().default({}).describe('Request headers.'),
        body: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.string().optional().describe('Request body (POST).'),
        'json-path': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .describe('Path of the number in the JSON response.')
            .example('data.result[0].value[1]'),
        timeout: timeout(30),
    }),
    newrelic: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.object({
        'account-id': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.string().describe('New Relic account id.').example(1234567),
        nrql: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .describe('NRQL query returning one number.')
            .example('SELECT percentage(count(*), WHERE error IS true) FROM Transaction SINCE 5 minutes ago'),
        'api-key-env': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .default('NEW_RELIC_API_KEY')
            .describe('Environment variable with the user API key.'),
        endpoint: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .default('https://api.newrelic.com/graphql')
            .describe('NerdGraph endpoint (EU: `https://api.eu.newrelic.com/graphql`).'),
        timeout: timeout(30),
    }),
});
const condition = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
    .object({
    min: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.number().optional().describe('Lowest healthy value.').example(100),
    max: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.number().optional().describe('Highest healthy value.').example(0.05),
    expr: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .string()
        .optional()
        .describe('A small expression over `result` that is true when healthy.')
        .example('result < 0.05'),
})
    .jsonSchema({ anyOf: [{ required: ['min'] }, { required: ['max'] }, { required: ['expr'] }] })
    .refine((c, r) => {
    if (c.min === undefined && c.max === undefined && c.expr === undefined) {
        r.error([], "Missing bound. Expected at least one of 'min', 'max' or 'expr'.");
    }
    else if (c.min !== undefined && c.max !== undefined && c.min > c.max) {
        r.error(['min'], `Invalid value '${c.min}'. Expected 'min' <= 'max' (${c.max}).`);
    }
});
const baseline = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.object({
    window: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .durationText()
        .default('30m')
        .describe('Window before the deploy used as the baseline.')
        .example('1h'),
    'max-ratio': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .number({ gt: 0 })
        .optional()
        .describe('Fail when the after/before median ratio passes this (2 = doubled).')
        .example(1.5),
    confidence: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .number({ gt: 0.5, lt: 1 })
        .default(0.98)
        .describe('Mann-Whitney U confidence needed to call the change a regression.')
        .example(0.95),
    direction: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .enum(['increase', 'decrease'])
        .default('increase')
        .describe('Which change is bad: `increase` (errors, latency) or `decrease` (throughput).'),
});
const metric = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.object({
    name: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.string().describe('Name shown in the summary and chart.').example('error-rate'),
    provider: provider.describe('Where the metric is read from, chosen by `type`.'),
    condition: condition.describe('When a measurement is healthy; at least one of `min`, `max`, `expr`.'),
    critical: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .boolean()
        .default(false)
        .describe('One failed measurement of a critical metric rolls back at once.')
        .example(true),
    'dry-run': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .boolean()
        .default(false)
        .describe('Measure and report, but never let this metric cause a rollback.')
        .example(true),
    'no-data': failurePolicy.optional().describe(`Overrides \`analysis.no-data\` for this metric.`),
    'provider-error': failurePolicy
        .optional()
        .describe('Overrides `analysis.provider-error` for this metric.'),
    'consecutive-failures': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .int({ min: 1 })
        .optional()
        .describe('Overrides `analysis.consecutive-failures`.'),
    'max-failures': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.int({ min: 1 }).optional().describe('Overrides `analysis.max-failures`.'),
    baseline: baseline.optional().describe('Also compare against the same metric before the deploy.'),
});
const analysis = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
    .section({
    'initial-delay': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .duration()
        .to('initialDelaySeconds')
        .default(0, '0')
        .describe('Wait before the first measurement.')
        .example('2m'),
    interval: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .duration({ min: 1 })
        .to('intervalSeconds')
        .default(60, '1m')
        .describe('Time between measurements.')
        .example('30s'),
    duration: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .duration({ min: 1 })
        .optional()
        .describe('Total watch time; sets `count` to duration / interval. Give `duration` or `count`, not both.')
        .example('15m'),
    count: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.int({ min: 1 }).optional().describe('Number of measurements (default 5).').example(10),
    'consecutive-failures': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .int({ min: 1 })
        .default(2)
        .describe('Roll back after this many failed measurements in a row.')
        .example(3),
    'max-failures': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .int({ min: 1 })
        .default(3)
        .describe('Roll back at this many failed measurements in total (3 = at the 3rd failure).')
        .example(5),
    'no-data': failurePolicy
        .default('inconclusive')
        .describe(`A query that returns no data: ${POLICY_TEXT}.`),
    'provider-error': failurePolicy
        .default('inconclusive')
        .describe(`A provider that errors or times out: ${POLICY_TEXT}.`),
    'max-inconclusive': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .int({ min: 1 })
        .default(3)
        .describe('Stop with outcome `inconclusive` after this many inconclusive measurements.')
        .example(5),
})
    .jsonSchema({ not: { type: 'object', required: ['duration', 'count'] } })
    .transform((a, r) => {
    const { duration, count, ...rest } = a;
    if (duration !== undefined && count !== undefined) {
        r.error(['count'], `Invalid value '${count}': 'duration' is set too. Expected either 'duration' or 'count', not both.`);
        return _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY;
    }
    let n = count ?? 5;
    if (duration !== undefined) {
        n = Math.floor(duration / rest.intervalSeconds);
        if (n < 1) {
            r.error(['duration'], `Invalid value '${duration}s'. Expected at least one interval (${rest.intervalSeconds}s).`);
            return _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY;
        }
    }
    return {
        initialDelaySeconds: rest.initialDelaySeconds,
        intervalSeconds: rest.intervalSeconds,
        count: n,
        consecutiveFailures: rest.consecutiveFailures,
        maxFailures: rest.maxFailures,
        noData: rest.noData,
        providerError: rest.providerError,
        maxInconclusive: rest.maxInconclusive,
    };
});
const methodTimeout = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
    .duration({ min: 1 })
    .to('timeoutSeconds')
    .default(300, '5m')
    .describe('Limit for the rollback command.')
    .example('10m');
const namespace = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.string().optional().describe('Kubernetes namespace.').example('prod');
const revision = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
    .int({ min: 1 })
    .optional()
    .describe('Revision to roll back to; omitted: the previous one.')
    .example(12);
const method = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.union('type', {
    'github-deployment': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.object({}),
    kubectl: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.object({
        resource: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .describe('What `kubectl rollout undo` rolls back.')
            .example('deployment/web'),
        namespace,
        revision,
        context: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.string().optional().describe('kubeconfig context.').example('prod-cluster'),
        timeout: methodTimeout,
    }),
    helm: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.object({
        release: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.string().describe('Helm release for `helm rollback`.').example('web'),
        namespace,
        revision,
        timeout: methodTimeout,
    }),
    'argo-rollouts': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.object({
        rollout: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .describe('Argo Rollout name for `kubectl argo rollouts undo`.')
            .example('web'),
        namespace,
        revision,
        timeout: methodTimeout,
    }),
    command: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.object({
        run: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
            .string()
            .describe('Command (bash) that performs the rollback.')
            .example('./deploy.sh --rollback'),
        timeout: methodTimeout,
    }),
}, { shorthand: true });
const rollback = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.section({
    environment: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .string()
        .optional()
        .describe('Deployment environment: its latest deployment is watched when the event names none; deployments to other environments are skipped.')
        .example('production'),
    'deployment-id': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .int({ min: 1 })
        .optional()
        .describe('A deployment id to watch when the event names no deployment; wins over the latest-of-`environment` lookup.')
        .example(123456),
    metrics: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .list(metric)
        .default([])
        .describe('Metrics measured after the deploy.')
        .refine((list, r) => {
        const seen = new Map();
        list.forEach((m, i) => {
            const first = seen.get(m.name);
            if (first !== undefined) {
                r.error([i, 'name'], `Invalid value '${m.name}': the name is used by metrics[${first}] too. Expected unique metric names.`);
            }
            else
                seen.set(m.name, i);
        });
    }),
    analysis: analysis.describe('How measurements are scheduled and judged.'),
    method: method
        .default({ type: 'github-deployment' }, 'github-deployment')
        .describe('How to roll back: a type name, or a mapping with `type` and its options.'),
    approval: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .enum(['auto', 'manual'])
        .default('auto')
        .describe('`manual`: stop with outcome `awaiting-approval` instead of rolling back.'),
    'fail-on-rollback': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .boolean()
        .default(true)
        .describe('Fail the step when a rollback was done (or would be done).')
        .example(false),
    'confirm-recovery': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .duration()
        .to('confirmRecoverySeconds')
        .default(0, '0')
        .describe('After a rollback, keep measuring this long to confirm recovery (0 = off).')
        .example('10m'),
    'incident-issue': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .boolean()
        .default(true)
        .describe('Open an incident issue after a rollback.')
        .example(false),
    'issue-label': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .string()
        .default('pitcrew')
        .describe('Label of incident issues.')
        .example('incident'),
});
const context = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.section({
    files: _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .list(_schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.string(), { single: true })
        .default(['AGENTS.md', 'CLAUDE.md', '.github/pitcrew/MEMORY.md'])
        .describe('Files read as project memory and instructions, when present.')
        .example(['AGENTS.md', 'docs/CONVENTIONS.md']),
    'max-bytes': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .int({ min: 0 })
        .default(20000)
        .describe('Size cap over all context files together.')
        .example(40000),
});
const budget = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.section({
    'hourly-usd': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .number({ gt: 0 })
        .optional()
        .describe('Cap in USD on what all pitcrew runs of the repository spend together in any rolling 60 minutes (all modes, concurrent runs included); omitted: no hourly cap. See [budget.md](budget.md).')
        .example(2),
    'daily-usd': _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s
        .number({ gt: 0 })
        .optional()
        .describe('Cap in USD on what all pitcrew runs of the repository spend together in any rolling 24 hours; omitted: no daily cap. A run that would pass a cap makes no model call and ends `over-budget`. See [budget.md](budget.md).')
        .example(20),
});
/** The schema of `.github/pitcrew.yml`; the docs are rendered from it too (src/config/docs.ts). */
const repoConfigSchema = _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__.s.section({
    review: review.describe('Pull request review.'),
    fix: fix.describe('Fixing failing tests.'),
    rollback: rollback.describe('Watching a deployment and rolling it back.'),
    context: context.describe('Project memory given to every mode.'),
    budget: budget.describe('Repository budget across runs, kept on a ledger issue ([budget.md](budget.md)). The CLI has no ledger and ignores it.'),
});
const _toRepoConfig = (x) => x;
const _fromRepoConfig = (x) => x;
/** A ConfigError carrying every problem found, so a user fixes them all in one go. */
class ConfigValidationError extends _types_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL {
    problems;
    constructor(message, problems) {
        super(message);
        this.problems = problems;
    }
}
/** Turns collected issues into one ConfigError listing all of them. */
function configErrorFrom(source, problems) {
    // File order reads best: a user fixes them top to bottom.
    const sorted = [...problems].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    const lines = sorted.map((p) => {
        const where = p.line !== undefined ? `line ${p.line}, column ${p.column}` : '';
        const head = p.key ? (where ? `${p.key} (${where})` : p.key) : where || '(top level)';
        return `  - ${head}: ${p.message}`;
    });
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    return new ConfigValidationError(`Invalid configuration in '${source}' (${count}):\n${lines.join('\n')}`, problems);
}
/** Validates an already-decoded value (null/undefined = defaults); issues go to `ctx`. */
function validateRepoConfigValue(value, ctx) {
    if (value === null || value === undefined)
        value = {};
    ctx.root ??= repoConfigSchema;
    const out = (0,_schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__/* .parseNode */ .UN)(repoConfigSchema, value, [], ctx);
    return ctx.issues.length > 0 || out === _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY ? _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY : out;
}
/** The configuration used when there is no config file. */
function defaultRepoConfig() {
    const config = validateRepoConfigValue(undefined, { issues: [], root: repoConfigSchema });
    if (config === _schema_dsl_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY)
        throw new Error('The default configuration does not validate.');
    return config;
}
// Referenced so the compile-time checks above are not flagged as unused values.
void _toRepoConfig;
void _fromRepoConfig;


/***/ }),

/***/ 92401:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ readTuning)
/* harmony export */ });
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(22143);

/**
 * Timing knobs for non-GitHub endpoints. GitHub asks integrations to space writes (1 s, 3 s for
 * notifying ones) and pitcrew does; the loopback emulator, the demo and self-hosted gateways may
 * lift that. Retry waits are multiplied by a unit that tests shrink.
 */
function readTuning(env) {
    const num = (name) => {
        const raw = env[name];
        if (raw === undefined || raw === '')
            return undefined;
        const value = Number(raw);
        if (!Number.isFinite(value) || value < 0) {
            throw new _types_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`Invalid ${name} '${raw}'. Expected a number of milliseconds >= 0.`);
        }
        return value;
    };
    return {
        githubWriteSpacingMs: num('PITCREW_GITHUB_WRITE_SPACING_MS'),
        githubRetryUnitMs: num('PITCREW_GITHUB_RETRY_UNIT_MS'),
        githubTimeoutMs: num('PITCREW_GITHUB_TIMEOUT_MS'),
        anthropicRetryBaseMs: num('PITCREW_ANTHROPIC_RETRY_BASE_MS'),
        heartbeatMs: num('PITCREW_HEARTBEAT_MS'),
    };
}


/***/ }),

/***/ 22143:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bl: () => (/* binding */ DEFAULT_CATEGORIES),
/* harmony export */   Fj: () => (/* binding */ DEFAULT_CATEGORY),
/* harmony export */   R6: () => (/* binding */ CATEGORIES),
/* harmony export */   xL: () => (/* binding */ ConfigError)
/* harmony export */ });
/**
 * The typed settings every part of pitcrew reads. The parser (src/config/schema.ts) produces
 * exactly these shapes from the action inputs and `.github/pitcrew.yml`; keys are camelCase
 * here and kebab-case in YAML and inputs.
 */
/** What a finding is about (contract section 8); `review.categories` picks those posted. */
const CATEGORIES = [
    'bug',
    'security',
    'performance',
    'correctness',
    'maintainability',
    'style',
    'docs',
    'tests',
];
/** `review.categories` by default: every category but `style` (right least often, most noise). */
const DEFAULT_CATEGORIES = CATEGORIES.filter((c) => c !== 'style');
/** The category of a finding the model submitted without a valid one. */
const DEFAULT_CATEGORY = 'correctness';
/** A configuration error: the step fails with this message and nothing is written to GitHub. */
class ConfigError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ConfigError';
    }
}


/***/ }),

/***/ 40788:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ readRunContext),
/* harmony export */   V: () => (/* binding */ runUrl)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);


/** Reads the run context from an environment (process.env in the action, a fixture in tests). */
function readRunContext(env) {
    const repository = env.GITHUB_REPOSITORY ?? '';
    const [owner = '', repo = ''] = repository.split('/');
    let payload = {};
    if (env.GITHUB_EVENT_PATH) {
        try {
            payload = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
        }
        catch (err) {
            throw new Error(`Cannot read the event payload at GITHUB_EVENT_PATH '${env.GITHUB_EVENT_PATH}': ${err.message}. Expected a JSON file written by the runner.`);
        }
    }
    const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '');
    return {
        eventName: env.GITHUB_EVENT_NAME ?? '',
        payload,
        owner,
        repo,
        workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
        sha: env.GITHUB_SHA ?? '',
        ref: env.GITHUB_REF ?? '',
        runId: env.GITHUB_RUN_ID ?? '0',
        ...(env.GITHUB_RUN_ATTEMPT ? { runAttempt: env.GITHUB_RUN_ATTEMPT } : {}),
        actor: env.GITHUB_ACTOR ?? '',
        apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, ''),
        graphqlUrl: (env.GITHUB_GRAPHQL_URL ?? 'https://api.github.com/graphql').replace(/\/$/, ''),
        serverUrl,
        runnerTemp: env.RUNNER_TEMP ?? (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(),
        outputPath: env.GITHUB_OUTPUT || undefined,
        summaryPath: env.GITHUB_STEP_SUMMARY || undefined,
    };
}
/**
 * The link to this workflow run (the attempt's page on a re-run), for comments and PR bodies;
 * undefined outside Actions (no run id or repository).
 */
function runUrl(ctx) {
    if (!ctx.runId || ctx.runId === '0' || !ctx.owner || !ctx.repo)
        return undefined;
    const base = `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}`;
    return ctx.runAttempt && /^\d+$/.test(ctx.runAttempt)
        ? `${base}/attempts/${ctx.runAttempt}`
        : base;
}


/***/ }),

/***/ 66645:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   ZZ: () => (/* binding */ tokenAuthorCheck),
/* harmony export */   eT: () => (/* binding */ createComment),
/* harmony export */   h1: () => (/* binding */ findComment),
/* harmony export */   oW: () => (/* binding */ updateOrCreateComment),
/* harmony export */   qD: () => (/* binding */ upsertStickyComment),
/* harmony export */   yn: () => (/* binding */ postOnce)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(73116);
/* harmony import */ var _idempotent_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(97636);


/**
 * The trust rule for pitcrew's own comments: markers are plain text anyone can paste, so only a
 * comment whose author is the token's identity counts: a Bot account (GITHUB_TOKEN is
 * `github-actions[bot]`, an App token `<app>[bot]`; `GET /user` refuses both) or, for a personal
 * token, the login `GET /user` returns. The identity is looked up lazily, at most once.
 */
function tokenAuthorCheck(octokit) {
    let identity = null;
    return async (c) => {
        if (c.type === 'Bot')
            return true;
        if (!c.login)
            return false;
        identity ??= octokit.rest.users
            .getAuthenticated()
            .then((r) => r.data.login)
            .catch(() => null); // installation tokens: 403 "Resource not accessible by integration"
        return (await identity) === c.login;
    };
}
/**
 * The first comment on an issue or PR whose body contains `marker` and whose author passes
 * `trusted` (default: pitcrew's token, see `tokenAuthorCheck`), searching every page (a busy PR
 * has hundreds of comments; the sticky one may be on page 3). A forged marker is never matched,
 * so it is never edited.
 */
async function findComment(octokit, opts) {
    const trusted = opts.trusted ?? tokenAuthorCheck(octokit);
    if (!opts.marker)
        throw new Error(`Invalid marker ''. Expected a non-empty string such as <!-- pitcrew:summary -->.`);
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner: opts.owner,
        repo: opts.repo,
        issue_number: opts.issueNumber,
        per_page: 100,
    });
    for await (const page of pages) {
        for (const c of page.data) {
            const author = { login: c.user?.login ?? null, type: c.user?.type ?? null };
            if (c.body?.includes(opts.marker) && (await trusted(author))) {
                return { id: c.id, body: c.body, url: c.html_url, user: c.user?.login ?? null };
            }
        }
    }
    return undefined;
}
/**
 * The look-up-then-write every comment and review-thread reply goes through: sent once; when
 * GitHub's answer is lost, looked up by its key on a comment by pitcrew's token (`trusted`,
 * default `tokenAuthorCheck`) before it is sent again. `marker`, when given, must be in `body`:
 * it is the key, and without it the next run could not find the comment either.
 */
async function postOnce(octokit, o) {
    if (o.marker !== undefined && !o.body.includes(o.marker)) {
        throw new Error(`Invalid ${o.kind} body: it does not contain the marker '${o.marker}'. Expected the marker inside the body, so the ${o.kind} can be found again.`);
    }
    const trusted = o.trusted ?? tokenAuthorCheck(octokit);
    const res = await (0,_idempotent_js__WEBPACK_IMPORTED_MODULE_0__/* .writeOnceOn */ .ay)(octokit, {
        what: o.what,
        create: o.send,
        find: async () => {
            const found = await o.find(trusted);
            return found && { id: found.id, url: found.url };
        },
    });
    return res.value;
}
/**
 * Posts a new comment, exactly once (`postOnce`). The key is `marker` (which must be in `body`)
 * on a comment by pitcrew's token; without a marker, a comment by pitcrew's token with this very
 * body, written since this call began (minus five minutes of clock skew).
 */
async function createComment(octokit, opts) {
    const { marker } = opts;
    const since = Date.now() - 5 * 60_000;
    return postOnce(octokit, {
        what: `the comment on #${opts.issueNumber}${marker ? ` (${marker})` : ''}`,
        kind: 'comment',
        body: opts.body,
        marker,
        trusted: opts.trusted,
        send: async () => {
            const res = await octokit.rest.issues.createComment({
                owner: opts.owner,
                repo: opts.repo,
                issue_number: opts.issueNumber,
                body: opts.body,
            });
            return { id: res.data.id, url: res.data.html_url };
        },
        find: (trusted) => marker
            ? findComment(octokit, { ...opts, marker, trusted })
            : findCommentWithBody(octokit, { ...opts, trusted, since }),
    });
}
/** A comment by pitcrew's token with exactly `body`, created at `since` or later. */
async function findCommentWithBody(octokit, opts) {
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner: opts.owner,
        repo: opts.repo,
        issue_number: opts.issueNumber,
        since: new Date(opts.since).toISOString(),
        per_page: 100,
    });
    for await (const page of pages) {
        for (const c of page.data) {
            const author = { login: c.user?.login ?? null, type: c.user?.type ?? null };
            if (c.body === opts.body &&
                Date.parse(c.created_at) >= opts.since &&
                (await opts.trusted(author))) {
                return { id: c.id, body: c.body, url: c.html_url, user: c.user?.login ?? null };
            }
        }
    }
    return undefined;
}
/**
 * One comment per PR that is edited in place on every run: found by `marker` (which must appear
 * in `body`, or the next run could not find it and would post a duplicate).
 */
async function upsertStickyComment(octokit, opts) {
    if (!opts.body.includes(opts.marker)) {
        throw new Error(`Invalid sticky comment body: it does not contain the marker '${opts.marker}'. Expected the marker inside the body so the next run finds this comment.`);
    }
    const trusted = opts.trusted ?? tokenAuthorCheck(octokit);
    const existing = await findComment(octokit, { ...opts, trusted });
    return updateOrCreateComment(octokit, { ...opts, trusted, id: existing?.id ?? null });
}
/**
 * Edits comment `id` in place, or posts a new one when there is none (`id` null) or it was
 * deleted meanwhile (404): a rerun replaces pitcrew's comment rather than adding another. The
 * new one is posted exactly once, keyed by `marker` (see `createComment`).
 */
async function updateOrCreateComment(octokit, opts) {
    if (opts.id !== null) {
        try {
            const res = await octokit.rest.issues.updateComment({
                owner: opts.owner,
                repo: opts.repo,
                comment_id: opts.id,
                body: opts.body,
            });
            return { id: res.data.id, url: res.data.html_url, created: false };
        }
        catch (err) {
            if (!(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isStatus */ .zM)(err, 404))
                throw err;
        }
    }
    const made = await createComment(octokit, opts);
    return { ...made, created: true };
}


/***/ }),

/***/ 73116:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   c2: () => (/* binding */ statusOf),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   w_: () => (/* binding */ errorMentions),
/* harmony export */   zM: () => (/* binding */ isStatus)
/* harmony export */ });
/* unused harmony export errorData */
/**
 * Helpers for the errors Octokit throws (`RequestError`: `status`, `response.data`), kept apart
 * so callers branch on status codes and quote GitHub's own words without casting everywhere.
 */
/** HTTP status of an Octokit error, or undefined for anything else (network errors, bugs). */
function statusOf(err) {
    if (typeof err !== 'object' || err === null)
        return undefined;
    const status = err.status;
    return typeof status === 'number' ? status : undefined;
}
/** True when `err` is an HTTP error with one of the given statuses (e.g. 404 means "absent"). */
function isStatus(err, ...codes) {
    const status = statusOf(err);
    return status !== undefined && codes.includes(status);
}
/** The `response.data` GitHub sent with an error, when it was JSON. */
function errorData(err) {
    if (typeof err !== 'object' || err === null)
        return undefined;
    const data = err.response?.data;
    return typeof data === 'object' && data !== null
        ? data
        : undefined;
}
/**
 * GitHub's explanation of an error in one line: the message plus each entry of `errors`
 * (strings, or `{message}` / `{field, code}` objects), so a 422 says what was wrong.
 */
function errorMessage(err) {
    const data = errorData(err);
    const parts = [];
    const base = data?.message ?? (err instanceof Error ? err.message : String(err));
    parts.push(base);
    for (const e of data?.errors ?? []) {
        if (typeof e === 'string')
            parts.push(e);
        else if (typeof e === 'object' && e !== null) {
            const o = e;
            if (o.message)
                parts.push(o.message);
            else
                parts.push([o.resource, o.field, o.code].filter(Boolean).join(' '));
        }
    }
    const status = statusOf(err);
    const text = [...new Set(parts.filter(Boolean))].join(': ');
    return status !== undefined && !text.startsWith(String(status)) ? `${status} ${text}` : text;
}
/** True when a 422 (or other error) names `needle` in its message or `errors` entries. */
function errorMentions(err, needle) {
    const text = errorMessage(err);
    return typeof needle === 'string' ? text.includes(needle) : needle.test(text);
}


/***/ }),

/***/ 97636:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Fq: () => (/* binding */ writeOnce),
/* harmony export */   ay: () => (/* binding */ writeOnceOn)
/* harmony export */ });
/* unused harmony export isUnknownOutcome */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(73116);
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8864);
/**
 * The one rule for GitHub writes that are not idempotent by nature (a review, a comment, a pull
 * request, a deployment, a deployment status, an issue): a write whose outcome is unknown (a 5xx,
 * a dropped connection, a timeout) may have happened, so it is never simply sent again. pitcrew
 * first looks for the write by its own key (a marker in the body, `payload.pitcrew`, the head
 * branch of a pull request) and posts again only when the write is not there.
 *
 * The Octokit client never retries these requests itself (see `octokit.ts`): this module is the
 * only place that decides whether a non-idempotent write is sent a second time.
 */


/**
 * True when a failed request may still have been applied by GitHub: a 5xx, a request that got
 * no HTTP answer at all (connection dropped, timed out, aborted), or a 408. A 4xx answer other
 * than 408 means GitHub refused it; a 429 (rate limit) is refused before anything is written.
 */
function isUnknownOutcome(err) {
    // A request refused before it was sent (a cancelled run) did not happen.
    if (err?.notSent === true)
        return false;
    const status = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .statusOf */ .c2)(err);
    if (status === undefined)
        return true;
    // Octokit reports a fetch that failed without an answer as status 500 with the cause attached.
    return status >= 500 || status === 408;
}
const defaultSleep = (ms) => new Promise((r) => setTimeout(r, ms));
/**
 * Performs a non-idempotent write at most once in effect. A refusal (4xx) is thrown at once; an
 * unknown outcome is followed by a look-up, and the write is sent again only when the look-up
 * finds nothing. When every attempt fails, the last error is thrown: the write did not happen
 * as far as GitHub's own state shows.
 */
async function writeOnce(o) {
    const attempts = Math.max(1, o.attempts ?? 3);
    const sleep = o.sleep ?? defaultSleep;
    const unit = o.delayMs ?? 1000;
    let last;
    for (let sends = 1; sends <= attempts; sends++) {
        try {
            return { value: await o.create(), confirmedBy: 'response', sends };
        }
        catch (err) {
            if (!isUnknownOutcome(err))
                throw err;
            last = err;
            o.log.warning(`GitHub did not confirm ${o.what} (${describe(err)}); looking it up before any retry.`);
        }
        // The look-up itself may fail for a while (the same outage): it is retried before the write.
        for (let look = 1;; look++) {
            await sleep(unit * sends);
            try {
                const found = await o.find();
                if (found !== undefined) {
                    o.log.info(`Found ${o.what}: it was written, so it is not sent again.`);
                    return { value: found, confirmedBy: 'found', sends };
                }
                break;
            }
            catch (err) {
                if (look >= attempts)
                    throw err;
            }
        }
        if (sends < attempts)
            o.log.info(`${o.what} is not there; sending it again.`);
    }
    throw last;
}
function describe(err) {
    const status = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .statusOf */ .c2)(err);
    const msg = err instanceof Error ? err.message : String(err);
    return status === undefined ? msg : `${status} ${msg}`.slice(0, 200);
}
/**
 * `writeOnce` for a write through a client made by `createOctokit`: the log and the wait before
 * a look-up come from the client (its retry unit), so tests that shrink one shrink both.
 */
function writeOnceOn(octokit, o) {
    const client = (0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .clientSettings */ .ry)(octokit);
    const log = o.log ?? client?.log ?? silentLog;
    return writeOnce({ delayMs: client?.retryUnitMs, ...o, log });
}
const silentLog = {
    debug: () => undefined,
    info: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    notice: () => undefined,
    startGroup: () => undefined,
    endGroup: () => undefined,
};


/***/ }),

/***/ 8864:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  $B: () => (/* binding */ NATIVE_JSON),
  ry: () => (/* binding */ clientSettings),
  Qi: () => (/* binding */ createOctokit)
});

// UNUSED EXPORTS: DEFAULT_GITHUB_TIMEOUT_MS

// EXTERNAL MODULE: ./src/timing.ts
var timing = __nccwpck_require__(18117);
;// CONCATENATED MODULE: ./node_modules/universal-user-agent/index.js
function getUserAgent() {
  if (typeof navigator === "object" && "userAgent" in navigator) {
    return navigator.userAgent;
  }

  if (typeof process === "object" && process.version !== undefined) {
    return `Node.js/${process.version.substr(1)} (${process.platform}; ${
      process.arch
    })`;
  }

  return "<environment undetectable>";
}

;// CONCATENATED MODULE: ./node_modules/before-after-hook/lib/register.js
// @ts-check

function register(state, name, method, options) {
  if (typeof method !== "function") {
    throw new Error("method for before hook must be a function");
  }

  if (!options) {
    options = {};
  }

  if (Array.isArray(name)) {
    return name.reverse().reduce((callback, name) => {
      return register.bind(null, state, name, callback, options);
    }, method)();
  }

  return Promise.resolve().then(() => {
    if (!state.registry[name]) {
      return method(options);
    }

    return state.registry[name].reduce((method, registered) => {
      return registered.hook.bind(null, method, options);
    }, method)();
  });
}

;// CONCATENATED MODULE: ./node_modules/before-after-hook/lib/add.js
// @ts-check

function addHook(state, kind, name, hook) {
  const orig = hook;
  if (!state.registry[name]) {
    state.registry[name] = [];
  }

  if (kind === "before") {
    hook = (method, options) => {
      return Promise.resolve()
        .then(orig.bind(null, options))
        .then(method.bind(null, options));
    };
  }

  if (kind === "after") {
    hook = (method, options) => {
      let result;
      return Promise.resolve()
        .then(method.bind(null, options))
        .then((result_) => {
          result = result_;
          return orig(result, options);
        })
        .then(() => {
          return result;
        });
    };
  }

  if (kind === "error") {
    hook = (method, options) => {
      return Promise.resolve()
        .then(method.bind(null, options))
        .catch((error) => {
          return orig(error, options);
        });
    };
  }

  state.registry[name].push({
    hook: hook,
    orig: orig,
  });
}

;// CONCATENATED MODULE: ./node_modules/before-after-hook/lib/remove.js
// @ts-check

function removeHook(state, name, method) {
  if (!state.registry[name]) {
    return;
  }

  const index = state.registry[name]
    .map((registered) => {
      return registered.orig;
    })
    .indexOf(method);

  if (index === -1) {
    return;
  }

  state.registry[name].splice(index, 1);
}

;// CONCATENATED MODULE: ./node_modules/before-after-hook/index.js
// @ts-check





// bind with array of arguments: https://stackoverflow.com/a/21792913
const bind = Function.bind;
const bindable = bind.bind(bind);

function bindApi(hook, state, name) {
  const removeHookRef = bindable(removeHook, null).apply(
    null,
    name ? [state, name] : [state]
  );
  hook.api = { remove: removeHookRef };
  hook.remove = removeHookRef;
  ["before", "error", "after", "wrap"].forEach((kind) => {
    const args = name ? [state, kind, name] : [state, kind];
    hook[kind] = hook.api[kind] = bindable(addHook, null).apply(null, args);
  });
}

function Singular() {
  const singularHookName = Symbol("Singular");
  const singularHookState = {
    registry: {},
  };
  const singularHook = register.bind(null, singularHookState, singularHookName);
  bindApi(singularHook, singularHookState, singularHookName);
  return singularHook;
}

function Collection() {
  const state = {
    registry: {},
  };

  const hook = register.bind(null, state);
  bindApi(hook, state);

  return hook;
}

/* harmony default export */ const before_after_hook = ({ Singular, Collection });

;// CONCATENATED MODULE: ./node_modules/@octokit/endpoint/dist-bundle/index.js
// pkg/dist-src/defaults.js


// pkg/dist-src/version.js
var VERSION = "0.0.0-development";

// pkg/dist-src/defaults.js
var userAgent = `octokit-endpoint.js/${VERSION} ${getUserAgent()}`;
var DEFAULTS = {
  method: "GET",
  baseUrl: "https://api.github.com",
  headers: {
    accept: "application/vnd.github.v3+json",
    "user-agent": userAgent
  },
  mediaType: {
    format: ""
  }
};

// pkg/dist-src/util/lowercase-keys.js
function lowercaseKeys(object) {
  if (!object) {
    return {};
  }
  return Object.keys(object).reduce((newObj, key) => {
    newObj[key.toLowerCase()] = object[key];
    return newObj;
  }, {});
}

// pkg/dist-src/util/is-plain-object.js
function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}

// pkg/dist-src/util/merge-deep.js
function mergeDeep(defaults, options) {
  const result = Object.assign({}, defaults);
  Object.keys(options).forEach((key) => {
    if (isPlainObject(options[key])) {
      if (!(key in defaults)) Object.assign(result, { [key]: options[key] });
      else result[key] = mergeDeep(defaults[key], options[key]);
    } else {
      Object.assign(result, { [key]: options[key] });
    }
  });
  return result;
}

// pkg/dist-src/util/remove-undefined-properties.js
function removeUndefinedProperties(obj) {
  for (const key in obj) {
    if (obj[key] === void 0) {
      delete obj[key];
    }
  }
  return obj;
}

// pkg/dist-src/merge.js
function merge(defaults, route, options) {
  if (typeof route === "string") {
    let [method, url] = route.split(" ");
    options = Object.assign(url ? { method, url } : { url: method }, options);
  } else {
    options = Object.assign({}, route);
  }
  options.headers = lowercaseKeys(options.headers);
  removeUndefinedProperties(options);
  removeUndefinedProperties(options.headers);
  const mergedOptions = mergeDeep(defaults || {}, options);
  if (options.url === "/graphql") {
    if (defaults && defaults.mediaType.previews?.length) {
      mergedOptions.mediaType.previews = defaults.mediaType.previews.filter(
        (preview) => !mergedOptions.mediaType.previews.includes(preview)
      ).concat(mergedOptions.mediaType.previews);
    }
    mergedOptions.mediaType.previews = (mergedOptions.mediaType.previews || []).map((preview) => preview.replace(/-preview/, ""));
  }
  return mergedOptions;
}

// pkg/dist-src/util/add-query-parameters.js
function addQueryParameters(url, parameters) {
  const separator = /\?/.test(url) ? "&" : "?";
  const names = Object.keys(parameters);
  if (names.length === 0) {
    return url;
  }
  return url + separator + names.map((name) => {
    if (name === "q") {
      return "q=" + parameters.q.split("+").map(encodeURIComponent).join("+");
    }
    return `${name}=${encodeURIComponent(parameters[name])}`;
  }).join("&");
}

// pkg/dist-src/util/extract-url-variable-names.js
var urlVariableRegex = /\{[^{}}]+\}/g;
function removeNonChars(variableName) {
  return variableName.replace(/(?:^\W+)|(?:(?<!\W)\W+$)/g, "").split(/,/);
}
function extractUrlVariableNames(url) {
  const matches = url.match(urlVariableRegex);
  if (!matches) {
    return [];
  }
  return matches.map(removeNonChars).reduce((a, b) => a.concat(b), []);
}

// pkg/dist-src/util/omit.js
function omit(object, keysToOmit) {
  const result = { __proto__: null };
  for (const key of Object.keys(object)) {
    if (keysToOmit.indexOf(key) === -1) {
      result[key] = object[key];
    }
  }
  return result;
}

// pkg/dist-src/util/url-template.js
function encodeReserved(str) {
  return str.split(/(%[0-9A-Fa-f]{2})/g).map(function(part) {
    if (!/%[0-9A-Fa-f]/.test(part)) {
      part = encodeURI(part).replace(/%5B/g, "[").replace(/%5D/g, "]");
    }
    return part;
  }).join("");
}
function encodeUnreserved(str) {
  return encodeURIComponent(str).replace(/[!'()*]/g, function(c) {
    return "%" + c.charCodeAt(0).toString(16).toUpperCase();
  });
}
function encodeValue(operator, value, key) {
  value = operator === "+" || operator === "#" ? encodeReserved(value) : encodeUnreserved(value);
  if (key) {
    return encodeUnreserved(key) + "=" + value;
  } else {
    return value;
  }
}
function isDefined(value) {
  return value !== void 0 && value !== null;
}
function isKeyOperator(operator) {
  return operator === ";" || operator === "&" || operator === "?";
}
function getValues(context, operator, key, modifier) {
  var value = context[key], result = [];
  if (isDefined(value) && value !== "") {
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
      value = value.toString();
      if (modifier && modifier !== "*") {
        value = value.substring(0, parseInt(modifier, 10));
      }
      result.push(
        encodeValue(operator, value, isKeyOperator(operator) ? key : "")
      );
    } else {
      if (modifier === "*") {
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            result.push(
              encodeValue(operator, value2, isKeyOperator(operator) ? key : "")
            );
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              result.push(encodeValue(operator, value[k], k));
            }
          });
        }
      } else {
        const tmp = [];
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            tmp.push(encodeValue(operator, value2));
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              tmp.push(encodeUnreserved(k));
              tmp.push(encodeValue(operator, value[k].toString()));
            }
          });
        }
        if (isKeyOperator(operator)) {
          result.push(encodeUnreserved(key) + "=" + tmp.join(","));
        } else if (tmp.length !== 0) {
          result.push(tmp.join(","));
        }
      }
    }
  } else {
    if (operator === ";") {
      if (isDefined(value)) {
        result.push(encodeUnreserved(key));
      }
    } else if (value === "" && (operator === "&" || operator === "?")) {
      result.push(encodeUnreserved(key) + "=");
    } else if (value === "") {
      result.push("");
    }
  }
  return result;
}
function parseUrl(template) {
  return {
    expand: expand.bind(null, template)
  };
}
function expand(template, context) {
  var operators = ["+", "#", ".", "/", ";", "?", "&"];
  template = template.replace(
    /\{([^\{\}]+)\}|([^\{\}]+)/g,
    function(_, expression, literal) {
      if (expression) {
        let operator = "";
        const values = [];
        if (operators.indexOf(expression.charAt(0)) !== -1) {
          operator = expression.charAt(0);
          expression = expression.substr(1);
        }
        expression.split(/,/g).forEach(function(variable) {
          var tmp = /([^:\*]*)(?::(\d+)|(\*))?/.exec(variable);
          values.push(getValues(context, operator, tmp[1], tmp[2] || tmp[3]));
        });
        if (operator && operator !== "+") {
          var separator = ",";
          if (operator === "?") {
            separator = "&";
          } else if (operator !== "#") {
            separator = operator;
          }
          return (values.length !== 0 ? operator : "") + values.join(separator);
        } else {
          return values.join(",");
        }
      } else {
        return encodeReserved(literal);
      }
    }
  );
  if (template === "/") {
    return template;
  } else {
    return template.replace(/\/$/, "");
  }
}

// pkg/dist-src/parse.js
function parse(options) {
  let method = options.method.toUpperCase();
  let url = (options.url || "/").replace(/:([a-z]\w+)/g, "{$1}");
  let headers = Object.assign({}, options.headers);
  let body;
  let parameters = omit(options, [
    "method",
    "baseUrl",
    "url",
    "headers",
    "request",
    "mediaType"
  ]);
  const urlVariableNames = extractUrlVariableNames(url);
  url = parseUrl(url).expand(parameters);
  if (!/^http/.test(url)) {
    url = options.baseUrl + url;
  }
  const omittedParameters = Object.keys(options).filter((option) => urlVariableNames.includes(option)).concat("baseUrl");
  const remainingParameters = omit(parameters, omittedParameters);
  const isBinaryRequest = /application\/octet-stream/i.test(headers.accept);
  if (!isBinaryRequest) {
    if (options.mediaType.format) {
      headers.accept = headers.accept.split(/,/).map(
        (format) => format.replace(
          /application\/vnd(\.\w+)(\.v3)?(\.\w+)?(\+json)?$/,
          `application/vnd$1$2.${options.mediaType.format}`
        )
      ).join(",");
    }
    if (url.endsWith("/graphql")) {
      if (options.mediaType.previews?.length) {
        const previewsFromAcceptHeader = headers.accept.match(/(?<![\w-])[\w-]+(?=-preview)/g) || [];
        headers.accept = previewsFromAcceptHeader.concat(options.mediaType.previews).map((preview) => {
          const format = options.mediaType.format ? `.${options.mediaType.format}` : "+json";
          return `application/vnd.github.${preview}-preview${format}`;
        }).join(",");
      }
    }
  }
  if (["GET", "HEAD"].includes(method)) {
    url = addQueryParameters(url, remainingParameters);
  } else {
    if ("data" in remainingParameters) {
      body = remainingParameters.data;
    } else {
      if (Object.keys(remainingParameters).length) {
        body = remainingParameters;
      }
    }
  }
  if (!headers["content-type"] && typeof body !== "undefined") {
    headers["content-type"] = "application/json; charset=utf-8";
  }
  if (["PATCH", "PUT"].includes(method) && typeof body === "undefined") {
    body = "";
  }
  return Object.assign(
    { method, url, headers },
    typeof body !== "undefined" ? { body } : null,
    options.request ? { request: options.request } : null
  );
}

// pkg/dist-src/endpoint-with-defaults.js
function endpointWithDefaults(defaults, route, options) {
  return parse(merge(defaults, route, options));
}

// pkg/dist-src/with-defaults.js
function withDefaults(oldDefaults, newDefaults) {
  const DEFAULTS2 = merge(oldDefaults, newDefaults);
  const endpoint2 = endpointWithDefaults.bind(null, DEFAULTS2);
  return Object.assign(endpoint2, {
    DEFAULTS: DEFAULTS2,
    defaults: withDefaults.bind(null, DEFAULTS2),
    merge: merge.bind(null, DEFAULTS2),
    parse
  });
}

// pkg/dist-src/index.js
var endpoint = withDefaults(null, DEFAULTS);


;// CONCATENATED MODULE: ./node_modules/content-type/dist/index.js
/*!
 * content-type
 * Copyright(c) 2015 Douglas Christopher Wilson
 * MIT Licensed
 */
const SP = 32; // " "
const HTAB = 9; // "\t"
const SEMI = 59; // ";"
const EQ = 61; // "="
const DQUOTE = 34; // '"'
const BSLASH = 92; // "\\"
const COMMA = 44; // ","
const LOWER_CASE = 1;
const OWS = 2;
const SEMI_FLAG = 4;
const COMMA_FLAG = 8;
const TOKEN_FLAG = 16;
const NON_ASCII = 0xff00;
const CASE_FLAGS = LOWER_CASE | NON_ASCII;
/**
 * Character flags used to normalize HTTP field values while scanning.
 * Out-of-range reads intentionally coerce to zero in bitwise expressions.
 */
const CHAR_MAP = new Uint8Array(0x100);
CHAR_MAP[HTAB] |= OWS;
CHAR_MAP[SP] |= OWS;
CHAR_MAP[SEMI] |= SEMI_FLAG;
CHAR_MAP[COMMA] |= COMMA_FLAG;
for (let code = 0x80 /* non-ASCII */; code <= 0xff; code++) {
    CHAR_MAP[code] |= LOWER_CASE;
}
for (const char of "!#$%&'*+-.^_`|~") {
    CHAR_MAP[char.charCodeAt(0)] |= TOKEN_FLAG;
}
for (let code = 0x30 /* 0 */; code <= 0x39 /* 9 */; code++) {
    CHAR_MAP[code] |= TOKEN_FLAG;
}
for (let code = 0x41 /* A */; code <= 0x5a /* Z */; code++) {
    CHAR_MAP[code] |= LOWER_CASE | TOKEN_FLAG;
}
for (let code = 0x61 /* a */; code <= 0x7a /* z */; code++) {
    CHAR_MAP[code] |= TOKEN_FLAG;
}
/**
 * Null object perf optimization. Faster than `Object.create(null)` and `{ __proto__: null }`.
 */
const NullObject = /* @__PURE__ */ (() => {
    const C = function () { };
    C.prototype = Object.create(null);
    return C;
})();
/**
 * Validate a type string against RFC 9110.
 */
function isTypeValid(type, start = 0, end = type.length) {
    let hasSlash = false;
    for (let index = start; index < end; index++) {
        const code = type.charCodeAt(index);
        if (code === 47 /* / */) {
            if (hasSlash || index === start || index >= end - 1)
                return false;
            hasSlash = true;
        }
        else if (!isTokenCode(code)) {
            return false;
        }
    }
    return hasSlash;
}
/**
 * Validate a token against RFC 9110.
 */
function isTokenValid(token, start = 0, end = token.length) {
    if (start >= end)
        return false;
    for (let index = start; index < end; index++) {
        if (!isTokenCode(token.charCodeAt(index)))
            return false;
    }
    return true;
}
/**
 * Check whether a character code belongs to the token production in RFC 9110.
 */
function isTokenCode(code) {
    return (CHAR_MAP[code] & TOKEN_FLAG) !== 0;
}
/**
 * Serialize a parameter value.
 */
function parameterValue(str) {
    const len = str.length;
    if (len === 0)
        return '""';
    let index = 0;
    while (index < len && isTokenCode(str.charCodeAt(index)))
        index++;
    if (index === len)
        return str;
    let result = '"';
    let start = 0;
    while (index < len) {
        const code = str.charCodeAt(index);
        if (code !== HTAB && (code < SP || code === 127 || code > 255)) {
            throw new TypeError(`Invalid parameter value: ${str}`);
        }
        if (code === 34 /* " */ || code === 92 /* \\ */) {
            result += `${str.slice(start, index)}\\`;
            start = index;
        }
        index++;
    }
    return `${result}${str.slice(start)}"`;
}
/**
 * Format an object into a `Content-Type` header.
 */
function format(obj) {
    const { type, parameters } = obj;
    if (!type || !isTypeValid(type)) {
        throw new TypeError(`Invalid type: ${type}`);
    }
    let result = type;
    if (parameters) {
        for (const param of Object.keys(parameters)) {
            if (!isTokenValid(param)) {
                throw new TypeError(`Invalid parameter name: ${param}`);
            }
            result += `; ${param}=${parameterValue(parameters[param])}`;
        }
    }
    return result;
}
/**
 * Parse a `Content-Type` header.
 */
function dist_parse(header, options) {
    const stopFlags = SEMI_FLAG | (options?.comma === true ? COMMA_FLAG : 0);
    const len = header.length;
    let valueStart = options?.start ?? 0;
    while ((CHAR_MAP[header.charCodeAt(valueStart)] & OWS) !== 0) {
        valueStart++;
    }
    let index = valueStart;
    let typeFlags = 0;
    let whitespace = -1;
    let stop = options?.parameters === false ? COMMA_FLAG : 0;
    while (index < len) {
        const code = header.charCodeAt(index);
        const flags = CHAR_MAP[code];
        if ((flags & stopFlags) !== 0) {
            stop |= flags & COMMA_FLAG;
            break;
        }
        if ((flags & OWS) !== 0) {
            if (whitespace === -1)
                whitespace = index;
        }
        else {
            whitespace = -1;
        }
        typeFlags |= (code & NON_ASCII) | flags;
        index++;
    }
    const valueEnd = whitespace === -1 ? index : whitespace;
    const value = header.slice(valueStart, valueEnd);
    const type = (typeFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
    if (index === len || stop !== 0) {
        return { type, index, parameters: new NullObject() };
    }
    return parseParameters(header, type, index, len, stopFlags);
}
/**
 * Parses the parameters of a `Content-Type` header starting at the given index.
 */
function parseParameters(header, type, index, len, stopFlags) {
    const parameters = new NullObject();
    parameter: while (index < len) {
        index++; // Skip over ;
        while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
            index++;
        }
        const keyStart = index;
        let keyFlags = 0;
        let keyWhitespace = -1;
        while (index < len) {
            const code = header.charCodeAt(index);
            const flags = CHAR_MAP[code];
            if ((flags & stopFlags) !== 0) {
                if ((flags & COMMA_FLAG) !== 0)
                    break parameter;
                continue parameter;
            }
            if (code === EQ) {
                const keyEnd = keyWhitespace === -1 ? index : keyWhitespace;
                const value = header.slice(keyStart, keyEnd);
                const key = (keyFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
                index++;
                while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
                    index++;
                }
                if (index < len && header.charCodeAt(index) === DQUOTE) {
                    const quotedStart = ++index;
                    let escaped = false;
                    while (index < len) {
                        const code = header.charCodeAt(index);
                        if (code === DQUOTE) {
                            if (parameters[key] === undefined) {
                                parameters[key] = escaped
                                    ? unescapeQuotedPairs(header, quotedStart, index)
                                    : header.slice(quotedStart, index);
                            }
                            index++;
                            let stop = 0;
                            // Discard characters between quote and delimiter.
                            while (index < len) {
                                const code = header.charCodeAt(index);
                                const flags = CHAR_MAP[code];
                                if ((flags & stopFlags) !== 0) {
                                    stop = flags & COMMA_FLAG;
                                    break;
                                }
                                index++;
                            }
                            if (stop !== 0)
                                break parameter;
                            continue parameter;
                        }
                        if (code === BSLASH && index + 1 < len) {
                            escaped = true;
                            index += 2;
                            continue;
                        }
                        index++;
                    }
                    continue parameter;
                }
                const valueStart = index;
                let stop = 0;
                let valueWhitespace = -1;
                while (index < len) {
                    const code = header.charCodeAt(index);
                    const flags = CHAR_MAP[code];
                    if ((flags & stopFlags) !== 0) {
                        stop = flags & COMMA_FLAG;
                        break;
                    }
                    if ((flags & OWS) !== 0) {
                        if (valueWhitespace === -1)
                            valueWhitespace = index;
                    }
                    else {
                        valueWhitespace = -1;
                    }
                    index++;
                }
                if (parameters[key] === undefined) {
                    const valueEnd = valueWhitespace === -1 ? index : valueWhitespace;
                    parameters[key] = header.slice(valueStart, valueEnd);
                }
                if (stop !== 0)
                    break parameter;
                continue parameter;
            }
            if ((flags & OWS) !== 0) {
                if (keyWhitespace === -1)
                    keyWhitespace = index;
            }
            else {
                keyWhitespace = -1;
            }
            keyFlags |= (code & NON_ASCII) | flags;
            index++;
        }
    }
    return { type, index, parameters };
}
/**
 * Remove backslashes from quoted pairs in a known-terminated quoted string body.
 */
function unescapeQuotedPairs(str, start, end) {
    let result = "";
    for (let index = start; index < end; index++) {
        if (str.charCodeAt(index) === BSLASH) {
            result += str.slice(start, index);
            start = ++index;
        }
    }
    return result + str.slice(start, end);
}
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/json-with-bigint/json-with-bigint.js
const intRegex = /^-?\d+$/;
const noiseValue = /^-?\d+n+$/; // Noise - strings that match the custom format before being converted to it
const originalStringify = JSON.stringify;
const originalParse = JSON.parse;
const customFormat = /^-?\d+n$/;

const bigIntsStringify = /([\[:])?"(-?\d+)n"($|\s*[,\}\]])/g;
const noiseStringify = /([\[:])?("-?\d+n+)n("$|"\s*[,\}\]])/g;

/**
 * @typedef {(this: any, key: string | number | undefined, value: any) => any} Replacer
 * @typedef {(key: string | number | undefined, value: any, context?: { source: string }) => any} Reviver
 */

/**
 * Checks if a value is unstringifiable according to native JSON.stringify rules.
 *
 * @param {any} val The value to check.
 * @returns {boolean} True if the value is undefined, a function, or a symbol.
 */
const isUnstringifiable = (val) =>
  val === undefined || typeof val === "function" || typeof val === "symbol";

/**
 * Checks if a value is a native JSON.rawJSON object (Node.js 22+).
 *
 * @param {any} val The value to check.
 * @returns {boolean} True if the value is a RawJSON instance.
 */
const isRawJSON = (val) =>
  val !== null &&
  typeof val === "object" &&
  val.constructor &&
  val.constructor.name === "RawJSON";

/**
 * Iteratively converts a JS value to a JSON string.
 * Used as a fallback when the native JSON.stringify hits the Maximum Call Stack size.
 * Fully compliant with JSON formatting (space), replacers, and toJSON behaviors.
 *
 * @param {any} rootValue The value to stringify.
 * @param {Replacer | Array<string | number> | null} [replacer] User's custom replacer function.
 * @param {string | number} [spaceParam] Indentation for pretty-printing.
 * @returns {string | undefined} The generated JSON string.
 */
const stringifyIteratively = (rootValue, replacer, spaceParam) => {
  let space = "";

  if (typeof spaceParam === "number") {
    space = " ".repeat(Math.min(10, Math.max(0, Math.floor(spaceParam))));
  } else if (typeof spaceParam === "string") {
    space = spaceParam.slice(0, 10);
  }

  const isFunctionReplacer = typeof replacer === "function";
  const propertyList = Array.isArray(replacer)
    ? new Set(replacer.map(String))
    : null;

  /**
   * Prepares a value for stringification by resolving toJSON, handling BigInts,
   * applying custom replacers, and unwrapping primitive objects.
   *
   * @param {object|Array} parent The parent object or array holding the value.
   * @param {string} key The key associated with the value.
   * @param {any} val The raw value to process.
   * @returns {any} The processed value ready for stringification.
   */
  const prepareVal = (parent, key, val) => {
    const isObject = val !== null && typeof val === "object";
    const hasToJSON = isObject && typeof val.toJSON === "function";

    if (hasToJSON) {
      val = val.toJSON(key);
    }

    const isNoise = typeof val === "string" && noiseValue.test(val);

    if (isNoise) return val + "n";

    const isBigInt = typeof val === "bigint";

    if (isBigInt) {
      const supportsRawJSON = "rawJSON" in JSON;

      if (supportsRawJSON) return JSON.rawJSON(val.toString());

      return val.toString() + "n";
    }

    if (isFunctionReplacer) {
      val = replacer.call(parent, key, val);
    }

    const isPostReplacerObject = val !== null && typeof val === "object";

    if (isPostReplacerObject) {
      const isPrimitiveWrapper =
        val instanceof Number ||
        val instanceof String ||
        val instanceof Boolean;

      if (isPrimitiveWrapper) {
        val = val.valueOf();
      }
    }

    return val;
  };

  const rootProcessed = prepareVal({ "": rootValue }, "", rootValue);

  if (isUnstringifiable(rootProcessed)) {
    return undefined;
  }

  const isRootPrimitive =
    rootProcessed === null || typeof rootProcessed !== "object";
  const isRootNativeRawJSON = isRawJSON(rootProcessed);

  if (isRootPrimitive || isRootNativeRawJSON) {
    return originalStringify(rootProcessed);
  }

  const chunks = [];
  let level = 0;

  const stack = [
    {
      parent: { "": rootProcessed },
      key: "",
      val: rootProcessed,
      isArray: Array.isArray(rootProcessed),
      keys: Array.isArray(rootProcessed) ? null : Object.keys(rootProcessed),
      index: 0,
      first: true,
    },
  ];

  const visited = new WeakSet([rootProcessed]);

  while (stack.length > 0) {
    const node = stack[stack.length - 1];

    if (node.index === 0) {
      chunks.push(node.isArray ? "[" : "{");
      level++;
    }

    let isDone = false;

    if (node.isArray) {
      if (node.index < node.val.length) {
        if (!node.first) chunks.push(",");

        if (space) chunks.push("\n" + space.repeat(level));

        const childRaw = node.val[node.index];
        const childVal = prepareVal(node.val, String(node.index), childRaw);

        if (isUnstringifiable(childVal)) {
          chunks.push("null");
          node.first = false;
          node.index++;
        } else {
          const isComplexObject =
            childVal !== null && typeof childVal === "object";
          const isNativeRaw = isRawJSON(childVal);

          if (isComplexObject && !isNativeRaw) {
            if (visited.has(childVal)) {
              throw new TypeError("Converting circular structure to JSON");
            }

            visited.add(childVal);

            stack.push({
              parent: node.val,
              key: String(node.index),
              val: childVal,
              isArray: Array.isArray(childVal),
              keys: Array.isArray(childVal) ? null : Object.keys(childVal),
              index: 0,
              first: true,
            });

            node.first = false;
            node.index++;
          } else {
            chunks.push(originalStringify(childVal));
            node.first = false;
            node.index++;
          }
        }
      } else {
        isDone = true;
      }
    } else {
      while (node.index < node.keys.length) {
        const k = node.keys[node.index++];

        const isFilteredOutByArray = propertyList && !propertyList.has(k);

        if (isFilteredOutByArray) continue;

        const childRaw = node.val[k];
        const childVal = prepareVal(node.val, k, childRaw);

        if (isUnstringifiable(childVal)) continue;

        if (!node.first) chunks.push(",");

        if (space) {
          chunks.push("\n" + space.repeat(level) + originalStringify(k) + ": ");
        } else {
          chunks.push(originalStringify(k) + ":");
        }

        const isComplexObject =
          childVal !== null && typeof childVal === "object";
        const isNativeRaw = isRawJSON(childVal);

        if (isComplexObject && !isNativeRaw) {
          if (visited.has(childVal)) {
            throw new TypeError("Converting circular structure to JSON");
          }

          visited.add(childVal);

          stack.push({
            parent: node.val,
            key: k,
            val: childVal,
            isArray: Array.isArray(childVal),
            keys: Array.isArray(childVal) ? null : Object.keys(childVal),
            index: 0,
            first: true,
          });

          node.first = false;

          break; // Stop current loop level to process the newly pushed stack node
        } else {
          chunks.push(originalStringify(childVal));
          node.first = false;
        }
      }

      const isNodeFullyProcessed =
        node.index >= node.keys.length && stack[stack.length - 1] === node;

      if (isNodeFullyProcessed) {
        isDone = true;
      }
    }

    if (isDone) {
      level--;

      if (!node.first && space) chunks.push("\n" + space.repeat(level));

      chunks.push(node.isArray ? "]" : "}");
      visited.delete(node.val);
      stack.pop();
    }
  }

  return chunks.join("");
};

/**
 * Converts a JavaScript value to a JSON string.
 *
 * Supports serialization of BigInt values using two strategies:
 * 1. Custom format "123n" → "123" (universal fallback)
 * 2. Native JSON.rawJSON() (Node.js 22+, fastest) when available
 *
 * All other values are serialized exactly like native JSON.stringify().
 *
 * @param {*} value The value to convert to a JSON string.
 * @param {Replacer | Array<string | number> | null} [replacer]
 * A function that alters the behavior of the stringification process,
 * or an array of strings/numbers to indicate properties to exclude.
 * @param {string | number} [space]
 * A string or number to specify indentation or pretty-printing.
 * @returns {string} The JSON string representation.
 */
const JSONStringify = (value, replacer, space) => {
  try {
    const supportsRawJSON = "rawJSON" in JSON;

    if (supportsRawJSON) {
      return originalStringify(
        value,
        (key, val) => {
          if (typeof val === "bigint") return JSON.rawJSON(val.toString());

          const hasFunctionReplacer = typeof replacer === "function";

          if (hasFunctionReplacer) return replacer(key, val);

          const isKeyInArrayReplacer =
            Array.isArray(replacer) && replacer.includes(key);

          if (isKeyInArrayReplacer) return val;

          return val;
        },
        space,
      );
    }

    if (!value) return originalStringify(value, replacer, space);

    const convertedToCustomJSON = originalStringify(
      value,
      (key, val) => {
        const isNoise = typeof val === "string" && noiseValue.test(val);

        if (isNoise) return val.toString() + "n"; // Mark noise values with additional "n" to offset the deletion of one "n" during the processing

        if (typeof val === "bigint") return val.toString() + "n";

        const hasFunctionReplacer = typeof replacer === "function";

        if (hasFunctionReplacer) return replacer(key, val);

        const isKeyInArrayReplacer =
          Array.isArray(replacer) && replacer.includes(key);

        if (isKeyInArrayReplacer) return val;

        return val;
      },
      space,
    );

    const processedJSON = convertedToCustomJSON.replace(
      bigIntsStringify,
      "$1$2$3",
    ); // Delete one "n" off the end of every BigInt value

    const denoisedJSON = processedJSON.replace(noiseStringify, "$1$2$3"); // Remove one "n" off the end of every noisy string

    return denoisedJSON;
  } catch (error) {
    if (error instanceof RangeError) {
      const convertedJSON = stringifyIteratively(value, replacer, space);

      if (convertedJSON === undefined) return undefined;

      const supportsRawJSON = "rawJSON" in JSON;

      if (supportsRawJSON) return convertedJSON;

      const processedJSON = convertedJSON.replace(bigIntsStringify, "$1$2$3");

      return processedJSON.replace(noiseStringify, "$1$2$3");
    }

    throw error;
  }
};

const featureCache = new Map();

/**
 * Detects if the current JSON.parse implementation supports the context.source feature.
 *
 * Uses toString() fingerprinting to cache results and automatically detect runtime
 * replacements of JSON.parse (polyfills, mocks, etc.).
 *
 * @returns {boolean} true if context.source is supported, false otherwise.
 */
const isContextSourceSupported = () => {
  const parseFingerprint = JSON.parse.toString();

  if (featureCache.has(parseFingerprint)) {
    return featureCache.get(parseFingerprint);
  }

  try {
    const result = JSON.parse(
      "1",
      (_, __, context) => !!context?.source && context.source === "1",
    );
    featureCache.set(parseFingerprint, result);

    return result;
  } catch {
    featureCache.set(parseFingerprint, false);

    return false;
  }
};

/**
 * Reviver function that converts custom-format BigInt strings back to BigInt values.
 * Also handles "noise" strings that accidentally match the BigInt format.
 *
 * @param {string | number | undefined} key The object key.
 * @param {*} value The value being parsed.
 * @param {object} [context] Parse context (if supported by JSON.parse).
 * @param {Reviver} [userReviver] User's custom reviver function.
 * @returns {any} The transformed value.
 */
const convertMarkedBigIntsReviver = (key, value, context, userReviver) => {
  const isCustomFormatBigInt =
    typeof value === "string" && customFormat.test(value);

  if (isCustomFormatBigInt) return BigInt(value.slice(0, -1));

  const isNoiseValue = typeof value === "string" && noiseValue.test(value);
  if (isNoiseValue) return value.slice(0, -1);

  const hasUserReviver = typeof userReviver === "function";

  if (!hasUserReviver) return value;

  return userReviver(key, value, context);
};

/**
 * Fast JSON.parse implementation (~2x faster than classic fallback).
 * Uses JSON.parse's context.source feature to detect integers and convert
 * large numbers directly to BigInt without string manipulation.
 *
 * Does not support legacy custom format from v1 of this library.
 *
 * @param {string} text JSON string to parse.
 * @param {Reviver} [reviver] Transform function to apply to each value.
 * @returns {any} Parsed JavaScript value.
 */
const JSONParseV2 = (text, reviver) => {
  return JSON.parse(text, (key, value, context) => {
    const isNumber = typeof value === "number";
    const isOutOfBounds =
      value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER;
    const isBigNumber = isNumber && isOutOfBounds;
    const isInt = context && intRegex.test(context.source);
    const isBigInt = isBigNumber && isInt;

    if (isBigInt) return BigInt(context.source);

    const hasCustomReviver = typeof reviver === "function";

    if (!hasCustomReviver) return value;

    return reviver(key, value, context);
  });
};

const MAX_INT = Number.MAX_SAFE_INTEGER.toString();
const MAX_DIGITS = MAX_INT.length;
const stringsOrLargeNumbers =
  /"(?:[^"\\]|\\.)*"|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/g;
const noiseValueWithQuotes = /^"-?\d+n+"$/; // Noise - strings that match the custom format before being converted to it

/**
 * Iteratively traverses the parsed object bottom-up (post-order),
 * emulating the native JSON.parse reviver behavior.
 * This avoids Call Stack overflows (RangeError) on deeply nested structures.
 *
 * @param {any} parsed The natively parsed JSON object.
 * @param {Reviver} [userReviver] User's custom reviver function.
 * @returns {any} The fully processed object.
 */
const applyReviverIteratively = (parsed, userReviver) => {
  const rootHolder = { "": parsed };
  const stack = [{ parent: rootHolder, key: "", visited: false }];

  while (stack.length > 0) {
    const node = stack[stack.length - 1];

    if (!node.visited) {
      node.visited = true;

      const value = node.parent[node.key];
      const isComplexObject = value !== null && typeof value === "object";

      if (isComplexObject) {
        const keys = Object.keys(value);

        for (let i = keys.length - 1; i >= 0; i--) {
          stack.push({ parent: value, key: keys[i], visited: false });
        }
      }
    } else {
      const { parent, key } = node;
      let value = parent[key];

      if (typeof value === "string") {
        const isCustomFormatBigInt = customFormat.test(value);

        if (isCustomFormatBigInt) {
          value = BigInt(value.slice(0, -1));
        } else {
          const isNoise = noiseValue.test(value);

          if (isNoise) value = value.slice(0, -1);
        }
      }

      const hasUserReviver = typeof userReviver === "function";

      if (hasUserReviver) {
        value = userReviver.call(parent, key, value);
      }

      const isDeleted = value === undefined;

      if (isDeleted) {
        delete parent[key];
      } else {
        parent[key] = value;
      }

      stack.pop();
    }
  }

  return rootHolder[""];
};

/**
 * Pre-processes the JSON string to mark large numbers with an 'n' suffix.
 *
 * @param {string} text The raw JSON string.
 * @returns {string} The serialized string with marked BigInts.
 */
const serializeBigInts = (text) => {
  return text.replace(
    stringsOrLargeNumbers,
    (match, digits, fractional, exponential) => {
      const isString = match[0] === '"';
      const isNoise = isString && noiseValueWithQuotes.test(match);

      if (isNoise) return match.substring(0, match.length - 1) + 'n"'; // Mark noise values with additional "n" to offset the deletion of one "n" during the processing

      const hasFractionalOrExponential = fractional || exponential;

      // With a fixed number of digits, we can correctly use lexicographical comparison to do a numeric comparison
      const isLessThanMaxSafeInt =
        digits &&
        (digits.length < MAX_DIGITS ||
          (digits.length === MAX_DIGITS && digits <= MAX_INT));

      const isStandardValue =
        isString || hasFractionalOrExponential || isLessThanMaxSafeInt;

      if (isStandardValue) return match;

      return '"' + match + 'n"';
    },
  );
};

/**
 * Converts a JSON string into a JavaScript value.
 *
 * Supports parsing of large integers using two strategies:
 * 1. Classic fallback: Marks large numbers with "123n" format, then converts to BigInt
 * 2. Fast path (JSONParseV2): Uses context.source feature (~2x faster) when available
 *
 * All other JSON values are parsed exactly like native JSON.parse().
 *
 * @param {string} text A valid JSON string.
 * @param {Reviver} [reviver]
 * A function that transforms the results. This function is called for each member
 * of the object. If a member contains nested objects, the nested objects are
 * transformed before the parent object is.
 * @returns {any} The parsed JavaScript value.
 * @throws {SyntaxError} If text is not valid JSON.
 */
const JSONParse = (text, reviver) => {
  if (!text) return originalParse(text, reviver);

  try {
    if (isContextSourceSupported()) return JSONParseV2(text, reviver); // Shortcut to a faster (2x) and simpler version

    // Find and mark big numbers with "n"
    const serializedData = serializeBigInts(text);

    return originalParse(serializedData, (key, value, context) =>
      convertMarkedBigIntsReviver(key, value, context, reviver),
    );
  } catch (error) {
    if (error instanceof RangeError) {
      const serializedData = serializeBigInts(text);
      const parsed = originalParse(serializedData);

      return applyReviverIteratively(parsed, reviver);
    }

    throw error;
  }
};



;// CONCATENATED MODULE: ./node_modules/@octokit/request-error/dist-src/index.js
class RequestError extends Error {
  name;
  /**
   * http status code
   */
  status;
  /**
   * Request options that lead to the error.
   */
  request;
  /**
   * Response object if a response was received
   */
  response;
  constructor(message, statusCode, options) {
    super(message, { cause: options.cause });
    this.name = "HttpError";
    this.status = Number.parseInt(statusCode);
    if (Number.isNaN(this.status)) {
      this.status = 0;
    }
    /* v8 ignore else -- @preserve -- Bug with vitest coverage where it sees an else branch that doesn't exist */
    if ("response" in options) {
      this.response = options.response;
    }
    const requestCopy = Object.assign({}, options.request);
    if (options.request.headers.authorization) {
      requestCopy.headers = Object.assign({}, options.request.headers, {
        authorization: options.request.headers.authorization.replace(
          /(?<! ) .*$/,
          " [REDACTED]"
        )
      });
    }
    requestCopy.url = requestCopy.url.replace(/\bclient_secret=\w+/g, "client_secret=[REDACTED]").replace(/\baccess_token=\w+/g, "access_token=[REDACTED]");
    this.request = requestCopy;
  }
}


;// CONCATENATED MODULE: ./node_modules/@octokit/request/dist-bundle/index.js
// pkg/dist-src/index.js


// pkg/dist-src/defaults.js


// pkg/dist-src/version.js
var dist_bundle_VERSION = "10.0.16";

// pkg/dist-src/defaults.js
var defaults_default = {
  headers: {
    "user-agent": `octokit-request.js/${dist_bundle_VERSION} ${getUserAgent()}`
  }
};

// pkg/dist-src/fetch-wrapper.js



// pkg/dist-src/is-plain-object.js
function dist_bundle_isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}

// pkg/dist-src/fetch-wrapper.js

var noop = () => "";
async function fetchWrapper(requestOptions) {
  const fetch = requestOptions.request?.fetch || globalThis.fetch;
  if (!fetch) {
    throw new Error(
      "fetch is not set. Please pass a fetch implementation as new Octokit({ request: { fetch }}). Learn more at https://github.com/octokit/octokit.js/#fetch-missing"
    );
  }
  const log = requestOptions.request?.log || console;
  const parseSuccessResponseBody = requestOptions.request?.parseSuccessResponseBody !== false;
  const body = dist_bundle_isPlainObject(requestOptions.body) || Array.isArray(requestOptions.body) ? JSONStringify(requestOptions.body) : requestOptions.body;
  const requestHeaders = Object.fromEntries(
    Object.entries(requestOptions.headers).map(([name, value]) => [
      name,
      String(value)
    ])
  );
  let fetchResponse;
  try {
    fetchResponse = await fetch(requestOptions.url, {
      method: requestOptions.method,
      body,
      redirect: requestOptions.request?.redirect,
      headers: requestHeaders,
      signal: requestOptions.request?.signal,
      // duplex must be set if request.body is ReadableStream or Async Iterables.
      // See https://fetch.spec.whatwg.org/#dom-requestinit-duplex.
      ...requestOptions.body && { duplex: "half" }
    });
  } catch (error) {
    let message = "Unknown Error";
    if (error instanceof Error) {
      if (error.name === "AbortError") {
        error.status = 500;
        throw error;
      }
      message = error.message;
      if (error.name === "TypeError" && "cause" in error) {
        if (error.cause instanceof Error) {
          message = error.cause.message;
        } else if (typeof error.cause === "string") {
          message = error.cause;
        }
      }
    }
    const requestError = new RequestError(message, 500, {
      request: requestOptions
    });
    requestError.cause = error;
    throw requestError;
  }
  const status = fetchResponse.status;
  const url = fetchResponse.url;
  const responseHeaders = {};
  for (const [key, value] of fetchResponse.headers) {
    responseHeaders[key] = value;
  }
  const octokitResponse = {
    url,
    status,
    headers: responseHeaders,
    data: ""
  };
  if ("deprecation" in responseHeaders) {
    const matches = responseHeaders.link && responseHeaders.link.match(/<([^<>]+)>; rel="deprecation"/);
    const deprecationLink = matches && matches.pop();
    log.warn(
      `[@octokit/request] "${requestOptions.method} ${requestOptions.url}" is deprecated. It is scheduled to be removed on ${responseHeaders.sunset}${deprecationLink ? `. See ${deprecationLink}` : ""}`
    );
  }
  if (status === 204 || status === 205) {
    return octokitResponse;
  }
  if (requestOptions.method === "HEAD") {
    if (status < 400) {
      return octokitResponse;
    }
    throw new RequestError(fetchResponse.statusText, status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status === 304) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError("Not modified", status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status >= 400) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError(toErrorMessage(octokitResponse.data), status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  octokitResponse.data = parseSuccessResponseBody ? await getResponseData(fetchResponse) : fetchResponse.body;
  return octokitResponse;
}
async function getResponseData(response) {
  const contentType = response.headers.get("content-type");
  if (!contentType) {
    return response.text().catch(noop);
  }
  const mimetype = dist_parse(contentType);
  if (isJSONResponse(mimetype)) {
    let text = "";
    try {
      text = await response.text();
      return JSONParse(text);
    } catch (err) {
      return text;
    }
  } else if (mimetype.type.startsWith("text/") || // `application/octet-stream` is the canonical "arbitrary binary" type
  // (RFC 2046) and must never be decoded as text, even when the response
  // carries a (misleading) `charset=utf-8` parameter — see #751.
  mimetype.parameters.charset?.toLowerCase() === "utf-8" && mimetype.type !== "application/octet-stream") {
    return response.text().catch(noop);
  } else {
    return response.arrayBuffer().catch(
      /* v8 ignore next -- @preserve */
      () => new ArrayBuffer(0)
    );
  }
}
function isJSONResponse(mimetype) {
  return mimetype.type === "application/json" || mimetype.type === "application/scim+json";
}
function toErrorMessage(data) {
  if (typeof data === "string") {
    return data;
  }
  if (data instanceof ArrayBuffer) {
    return "Unknown error";
  }
  if (typeof data === "object" && data !== null && "message" in data) {
    const objectData = data;
    const suffix = "documentation_url" in objectData ? ` - ${objectData.documentation_url}` : "";
    return Array.isArray(objectData.errors) ? `${objectData.message}: ${objectData.errors.map((v) => JSON.stringify(v)).join(", ")}${suffix}` : `${objectData.message}${suffix}`;
  }
  return `Unknown error: ${JSON.stringify(data)}`;
}

// pkg/dist-src/with-defaults.js
function dist_bundle_withDefaults(oldEndpoint, newDefaults) {
  const endpoint2 = oldEndpoint.defaults(newDefaults);
  const newApi = function(route, parameters) {
    const endpointOptions = endpoint2.merge(route, parameters);
    if (!endpointOptions.request || !endpointOptions.request.hook) {
      return fetchWrapper(endpoint2.parse(endpointOptions));
    }
    const request2 = (route2, parameters2) => {
      return fetchWrapper(
        endpoint2.parse(endpoint2.merge(route2, parameters2))
      );
    };
    Object.assign(request2, {
      endpoint: endpoint2,
      defaults: dist_bundle_withDefaults.bind(null, endpoint2)
    });
    return endpointOptions.request.hook(request2, endpointOptions);
  };
  return Object.assign(newApi, {
    endpoint: endpoint2,
    defaults: dist_bundle_withDefaults.bind(null, endpoint2)
  });
}

// pkg/dist-src/index.js
var request = dist_bundle_withDefaults(endpoint, defaults_default);

/* v8 ignore next -- @preserve */
/* v8 ignore else -- @preserve */

;// CONCATENATED MODULE: ./node_modules/@octokit/graphql/dist-bundle/index.js
// pkg/dist-src/index.js



// pkg/dist-src/version.js
var graphql_dist_bundle_VERSION = "0.0.0-development";

// pkg/dist-src/with-defaults.js


// pkg/dist-src/graphql.js


// pkg/dist-src/error.js
function _buildMessageForResponseErrors(data) {
  return `Request failed due to following response errors:
` + data.errors.map((e) => ` - ${e.message}`).join("\n");
}
var GraphqlResponseError = class extends Error {
  constructor(request2, headers, response) {
    super(_buildMessageForResponseErrors(response));
    this.request = request2;
    this.headers = headers;
    this.response = response;
    this.errors = response.errors;
    this.data = response.data;
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    }
  }
  request;
  headers;
  response;
  name = "GraphqlResponseError";
  errors;
  data;
};

// pkg/dist-src/graphql.js
var NON_VARIABLE_OPTIONS = [
  "method",
  "baseUrl",
  "url",
  "headers",
  "request",
  "query",
  "mediaType",
  "operationName"
];
var FORBIDDEN_VARIABLE_OPTIONS = ["query", "method", "url"];
var GHES_V3_SUFFIX_REGEX = /\/api\/v3\/?$/;
function graphql(request2, query, options) {
  if (options) {
    if (typeof query === "string" && "query" in options) {
      return Promise.reject(
        new Error(`[@octokit/graphql] "query" cannot be used as variable name`)
      );
    }
    for (const key in options) {
      if (!FORBIDDEN_VARIABLE_OPTIONS.includes(key)) continue;
      return Promise.reject(
        new Error(
          `[@octokit/graphql] "${key}" cannot be used as variable name`
        )
      );
    }
  }
  const parsedOptions = typeof query === "string" ? Object.assign({ query }, options) : query;
  const requestOptions = Object.keys(
    parsedOptions
  ).reduce((result, key) => {
    if (NON_VARIABLE_OPTIONS.includes(key)) {
      result[key] = parsedOptions[key];
      return result;
    }
    if (!result.variables) {
      result.variables = {};
    }
    result.variables[key] = parsedOptions[key];
    return result;
  }, {});
  const baseUrl = parsedOptions.baseUrl || request2.endpoint.DEFAULTS.baseUrl;
  if (GHES_V3_SUFFIX_REGEX.test(baseUrl)) {
    requestOptions.url = baseUrl.replace(GHES_V3_SUFFIX_REGEX, "/api/graphql");
  }
  return request2(requestOptions).then((response) => {
    if (response.data.errors) {
      const headers = {};
      for (const key of Object.keys(response.headers)) {
        headers[key] = response.headers[key];
      }
      throw new GraphqlResponseError(
        requestOptions,
        headers,
        response.data
      );
    }
    return response.data.data;
  });
}

// pkg/dist-src/with-defaults.js
function graphql_dist_bundle_withDefaults(request2, newDefaults) {
  const newRequest = request2.defaults(newDefaults);
  const newApi = (query, options) => {
    return graphql(newRequest, query, options);
  };
  return Object.assign(newApi, {
    defaults: graphql_dist_bundle_withDefaults.bind(null, newRequest),
    endpoint: newRequest.endpoint
  });
}

// pkg/dist-src/index.js
var graphql2 = graphql_dist_bundle_withDefaults(request, {
  headers: {
    "user-agent": `octokit-graphql.js/${graphql_dist_bundle_VERSION} ${getUserAgent()}`
  },
  method: "POST",
  url: "/graphql"
});
function withCustomRequest(customRequest) {
  return graphql_dist_bundle_withDefaults(customRequest, {
    method: "POST",
    url: "/graphql"
  });
}

/* v8 ignore if -- @preserve */

;// CONCATENATED MODULE: ./node_modules/@octokit/auth-token/dist-bundle/index.js
// pkg/dist-src/is-jwt.js
var b64url = "(?:[a-zA-Z0-9_-]+)";
var sep = "\\.";
var jwtRE = new RegExp(`^${b64url}${sep}${b64url}${sep}${b64url}$`);
var isJWT = jwtRE.test.bind(jwtRE);

// pkg/dist-src/auth.js
async function auth(token) {
  const isApp = isJWT(token);
  const isInstallation = token.startsWith("v1.") || token.startsWith("ghs_");
  const isUserToServer = token.startsWith("ghu_");
  const tokenType = isApp ? "app" : isInstallation ? "installation" : isUserToServer ? "user-to-server" : "oauth";
  return {
    type: "token",
    token,
    tokenType
  };
}

// pkg/dist-src/with-authorization-prefix.js
function withAuthorizationPrefix(token) {
  if (token.split(/\./).length === 3) {
    return `bearer ${token}`;
  }
  return `token ${token}`;
}

// pkg/dist-src/hook.js
async function hook(token, request, route, parameters) {
  const endpoint = request.endpoint.merge(
    route,
    parameters
  );
  endpoint.headers.authorization = withAuthorizationPrefix(token);
  return request(endpoint);
}

// pkg/dist-src/index.js
var createTokenAuth = function createTokenAuth2(token) {
  if (!token) {
    throw new Error("[@octokit/auth-token] No token passed to createTokenAuth");
  }
  if (typeof token !== "string") {
    throw new Error(
      "[@octokit/auth-token] Token passed to createTokenAuth is not a string"
    );
  }
  token = token.replace(/^(token|bearer) +/i, "");
  return Object.assign(auth.bind(null, token), {
    hook: hook.bind(null, token)
  });
};


;// CONCATENATED MODULE: ./node_modules/@octokit/core/dist-src/version.js
const version_VERSION = "7.0.8";


;// CONCATENATED MODULE: ./node_modules/@octokit/core/dist-src/index.js






const dist_src_noop = () => {
};
const consoleWarn = console.warn.bind(console);
const consoleError = console.error.bind(console);
function createLogger(logger = {}) {
  if (typeof logger.debug !== "function") {
    logger.debug = dist_src_noop;
  }
  if (typeof logger.info !== "function") {
    logger.info = dist_src_noop;
  }
  if (typeof logger.warn !== "function") {
    logger.warn = consoleWarn;
  }
  if (typeof logger.error !== "function") {
    logger.error = consoleError;
  }
  return logger;
}
const userAgentTrail = `octokit-core.js/${version_VERSION} ${getUserAgent()}`;
class Octokit {
  static VERSION = version_VERSION;
  static defaults(defaults) {
    const OctokitWithDefaults = class extends this {
      constructor(...args) {
        const options = args[0] || {};
        if (typeof defaults === "function") {
          super(defaults(options));
          return;
        }
        super(
          Object.assign(
            {},
            defaults,
            options,
            options.userAgent && defaults.userAgent ? {
              userAgent: `${options.userAgent} ${defaults.userAgent}`
            } : null
          )
        );
      }
    };
    return OctokitWithDefaults;
  }
  static plugins = [];
  /**
   * Attach a plugin (or many) to your Octokit instance.
   *
   * @example
   * const API = Octokit.plugin(plugin1, plugin2, plugin3, ...)
   */
  static plugin(...newPlugins) {
    const currentPlugins = this.plugins;
    const NewOctokit = class extends this {
      static plugins = currentPlugins.concat(
        newPlugins.filter((plugin) => !currentPlugins.includes(plugin))
      );
    };
    return NewOctokit;
  }
  constructor(options = {}) {
    const hook = new before_after_hook.Collection();
    const requestDefaults = {
      baseUrl: request.endpoint.DEFAULTS.baseUrl,
      headers: {},
      request: Object.assign({}, options.request, {
        // @ts-ignore internal usage only, no need to type
        hook: hook.bind(null, "request")
      }),
      mediaType: {
        previews: [],
        format: ""
      }
    };
    requestDefaults.headers["user-agent"] = options.userAgent ? `${options.userAgent} ${userAgentTrail}` : userAgentTrail;
    if (options.baseUrl) {
      requestDefaults.baseUrl = options.baseUrl;
    }
    if (options.previews) {
      requestDefaults.mediaType.previews = options.previews;
    }
    if (options.timeZone) {
      requestDefaults.headers["time-zone"] = options.timeZone;
    }
    this.request = request.defaults(requestDefaults);
    this.graphql = withCustomRequest(this.request).defaults(requestDefaults);
    this.log = createLogger(options.log);
    this.hook = hook;
    if (!options.authStrategy) {
      if (!options.auth) {
        this.auth = async () => ({
          type: "unauthenticated"
        });
      } else {
        const auth = createTokenAuth(options.auth);
        hook.wrap("request", auth.hook);
        this.auth = auth;
      }
    } else {
      const { authStrategy, ...otherOptions } = options;
      const auth = authStrategy(
        Object.assign(
          {
            request: this.request,
            log: this.log,
            // we pass the current octokit instance as well as its constructor options
            // to allow for authentication strategies that return a new octokit instance
            // that shares the same internal state as the current one. The original
            // requirement for this was the "event-octokit" authentication strategy
            // of https://github.com/probot/octokit-auth-probot.
            octokit: this,
            octokitOptions: otherOptions
          },
          options.auth
        )
      );
      hook.wrap("request", auth.hook);
      this.auth = auth;
    }
    const classConstructor = this.constructor;
    for (let i = 0; i < classConstructor.plugins.length; ++i) {
      Object.assign(this, classConstructor.plugins[i](this, options));
    }
  }
  // assigned during constructor
  request;
  graphql;
  log;
  hook;
  // TODO: type `octokit.auth` based on passed options.authStrategy
  auth;
}


;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-request-log/dist-src/version.js
const dist_src_version_VERSION = "6.0.0";


;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-request-log/dist-src/index.js

function requestLog(octokit) {
  octokit.hook.wrap("request", (request, options) => {
    octokit.log.debug("request", options);
    const start = Date.now();
    const requestOptions = octokit.request.endpoint.parse(options);
    const path = requestOptions.url.replace(options.baseUrl, "");
    return request(options).then((response) => {
      const requestId = response.headers["x-github-request-id"];
      octokit.log.info(
        `${requestOptions.method} ${path} - ${response.status} with id ${requestId} in ${Date.now() - start}ms`
      );
      return response;
    }).catch((error) => {
      const requestId = error.response?.headers["x-github-request-id"] || "UNKNOWN";
      octokit.log.error(
        `${requestOptions.method} ${path} - ${error.status} with id ${requestId} in ${Date.now() - start}ms`
      );
      throw error;
    });
  });
}
requestLog.VERSION = dist_src_version_VERSION;


;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-paginate-rest/dist-bundle/index.js
// pkg/dist-src/version.js
var plugin_paginate_rest_dist_bundle_VERSION = "0.0.0-development";

// pkg/dist-src/normalize-paginated-list-response.js
function normalizePaginatedListResponse(response) {
  if (!response.data) {
    return {
      ...response,
      data: []
    };
  }
  const responseNeedsNormalization = ("total_count" in response.data || "total_commits" in response.data) && !("url" in response.data);
  if (!responseNeedsNormalization) return response;
  const incompleteResults = response.data.incomplete_results;
  const repositorySelection = response.data.repository_selection;
  const totalCount = response.data.total_count;
  const totalCommits = response.data.total_commits;
  delete response.data.incomplete_results;
  delete response.data.repository_selection;
  delete response.data.total_count;
  delete response.data.total_commits;
  const namespaceKey = Object.keys(response.data)[0];
  const data = response.data[namespaceKey];
  response.data = data;
  if (typeof incompleteResults !== "undefined") {
    response.data.incomplete_results = incompleteResults;
  }
  if (typeof repositorySelection !== "undefined") {
    response.data.repository_selection = repositorySelection;
  }
  response.data.total_count = totalCount;
  response.data.total_commits = totalCommits;
  return response;
}

// pkg/dist-src/iterator.js
function iterator(octokit, route, parameters) {
  const options = typeof route === "function" ? route.endpoint(parameters) : octokit.request.endpoint(route, parameters);
  const requestMethod = typeof route === "function" ? route : octokit.request;
  const method = options.method;
  const headers = options.headers;
  let url = options.url;
  return {
    [Symbol.asyncIterator]: () => ({
      async next() {
        if (!url) return { done: true };
        try {
          const response = await requestMethod({ method, url, headers });
          const normalizedResponse = normalizePaginatedListResponse(response);
          url = ((normalizedResponse.headers.link || "").match(
            /<([^<>]+)>;\s*rel="next"/
          ) || [])[1];
          if (!url && "total_commits" in normalizedResponse.data) {
            const parsedUrl = new URL(normalizedResponse.url);
            const params = parsedUrl.searchParams;
            const page = parseInt(params.get("page") || "1", 10);
            const per_page = parseInt(params.get("per_page") || "250", 10);
            if (page * per_page < normalizedResponse.data.total_commits) {
              params.set("page", String(page + 1));
              url = parsedUrl.toString();
            }
          }
          return { value: normalizedResponse };
        } catch (error) {
          if (error.status !== 409) throw error;
          url = "";
          return {
            value: {
              status: 200,
              headers: {},
              data: []
            }
          };
        }
      }
    })
  };
}

// pkg/dist-src/paginate.js
function paginate(octokit, route, parameters, mapFn) {
  if (typeof parameters === "function") {
    mapFn = parameters;
    parameters = void 0;
  }
  return gather(
    octokit,
    [],
    iterator(octokit, route, parameters)[Symbol.asyncIterator](),
    mapFn
  );
}
function gather(octokit, results, iterator2, mapFn) {
  return iterator2.next().then((result) => {
    if (result.done) {
      return results;
    }
    let earlyExit = false;
    function done() {
      earlyExit = true;
    }
    results = results.concat(
      mapFn ? mapFn(result.value, done) : result.value.data
    );
    if (earlyExit) {
      return results;
    }
    return gather(octokit, results, iterator2, mapFn);
  });
}

// pkg/dist-src/compose-paginate.js
var composePaginateRest = Object.assign(paginate, {
  iterator
});

// pkg/dist-src/generated/paginating-endpoints.js
var paginatingEndpoints = (/* unused pure expression or super */ null && ([
  "GET /advisories",
  "GET /app/hook/deliveries",
  "GET /app/installation-requests",
  "GET /app/installations",
  "GET /assignments/{assignment_id}/accepted_assignments",
  "GET /classrooms",
  "GET /classrooms/{classroom_id}/assignments",
  "GET /enterprises/{enterprise}/code-security/configurations",
  "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}/repositories",
  "GET /enterprises/{enterprise}/dependabot/alerts",
  "GET /enterprises/{enterprise}/teams",
  "GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships",
  "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations",
  "GET /events",
  "GET /gists",
  "GET /gists/public",
  "GET /gists/starred",
  "GET /gists/{gist_id}/comments",
  "GET /gists/{gist_id}/commits",
  "GET /gists/{gist_id}/forks",
  "GET /installation/repositories",
  "GET /issues",
  "GET /licenses",
  "GET /marketplace_listing/plans",
  "GET /marketplace_listing/plans/{plan_id}/accounts",
  "GET /marketplace_listing/stubbed/plans",
  "GET /marketplace_listing/stubbed/plans/{plan_id}/accounts",
  "GET /networks/{owner}/{repo}/events",
  "GET /notifications",
  "GET /organizations",
  "GET /organizations/{org}/dependabot/repository-access",
  "GET /orgs/{org}/actions/cache/usage-by-repository",
  "GET /orgs/{org}/actions/hosted-runners",
  "GET /orgs/{org}/actions/permissions/repositories",
  "GET /orgs/{org}/actions/permissions/self-hosted-runners/repositories",
  "GET /orgs/{org}/actions/runner-groups",
  "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/hosted-runners",
  "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories",
  "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/runners",
  "GET /orgs/{org}/actions/runners",
  "GET /orgs/{org}/actions/secrets",
  "GET /orgs/{org}/actions/secrets/{secret_name}/repositories",
  "GET /orgs/{org}/actions/variables",
  "GET /orgs/{org}/actions/variables/{name}/repositories",
  "GET /orgs/{org}/attestations/repositories",
  "GET /orgs/{org}/attestations/{subject_digest}",
  "GET /orgs/{org}/blocks",
  "GET /orgs/{org}/campaigns",
  "GET /orgs/{org}/code-scanning/alerts",
  "GET /orgs/{org}/code-security/configurations",
  "GET /orgs/{org}/code-security/configurations/{configuration_id}/repositories",
  "GET /orgs/{org}/codespaces",
  "GET /orgs/{org}/codespaces/secrets",
  "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories",
  "GET /orgs/{org}/copilot/billing/seats",
  "GET /orgs/{org}/copilot/metrics",
  "GET /orgs/{org}/dependabot/alerts",
  "GET /orgs/{org}/dependabot/secrets",
  "GET /orgs/{org}/dependabot/secrets/{secret_name}/repositories",
  "GET /orgs/{org}/events",
  "GET /orgs/{org}/failed_invitations",
  "GET /orgs/{org}/hooks",
  "GET /orgs/{org}/hooks/{hook_id}/deliveries",
  "GET /orgs/{org}/insights/api/route-stats/{actor_type}/{actor_id}",
  "GET /orgs/{org}/insights/api/subject-stats",
  "GET /orgs/{org}/insights/api/user-stats/{user_id}",
  "GET /orgs/{org}/installations",
  "GET /orgs/{org}/invitations",
  "GET /orgs/{org}/invitations/{invitation_id}/teams",
  "GET /orgs/{org}/issues",
  "GET /orgs/{org}/members",
  "GET /orgs/{org}/members/{username}/codespaces",
  "GET /orgs/{org}/migrations",
  "GET /orgs/{org}/migrations/{migration_id}/repositories",
  "GET /orgs/{org}/organization-roles/{role_id}/teams",
  "GET /orgs/{org}/organization-roles/{role_id}/users",
  "GET /orgs/{org}/outside_collaborators",
  "GET /orgs/{org}/packages",
  "GET /orgs/{org}/packages/{package_type}/{package_name}/versions",
  "GET /orgs/{org}/personal-access-token-requests",
  "GET /orgs/{org}/personal-access-token-requests/{pat_request_id}/repositories",
  "GET /orgs/{org}/personal-access-tokens",
  "GET /orgs/{org}/personal-access-tokens/{pat_id}/repositories",
  "GET /orgs/{org}/private-registries",
  "GET /orgs/{org}/projects",
  "GET /orgs/{org}/projectsV2",
  "GET /orgs/{org}/projectsV2/{project_number}/fields",
  "GET /orgs/{org}/projectsV2/{project_number}/items",
  "GET /orgs/{org}/properties/values",
  "GET /orgs/{org}/public_members",
  "GET /orgs/{org}/repos",
  "GET /orgs/{org}/rulesets",
  "GET /orgs/{org}/rulesets/rule-suites",
  "GET /orgs/{org}/rulesets/{ruleset_id}/history",
  "GET /orgs/{org}/secret-scanning/alerts",
  "GET /orgs/{org}/security-advisories",
  "GET /orgs/{org}/settings/immutable-releases/repositories",
  "GET /orgs/{org}/settings/network-configurations",
  "GET /orgs/{org}/team/{team_slug}/copilot/metrics",
  "GET /orgs/{org}/teams",
  "GET /orgs/{org}/teams/{team_slug}/discussions",
  "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions",
  "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions",
  "GET /orgs/{org}/teams/{team_slug}/invitations",
  "GET /orgs/{org}/teams/{team_slug}/members",
  "GET /orgs/{org}/teams/{team_slug}/projects",
  "GET /orgs/{org}/teams/{team_slug}/repos",
  "GET /orgs/{org}/teams/{team_slug}/teams",
  "GET /projects/{project_id}/collaborators",
  "GET /repos/{owner}/{repo}/actions/artifacts",
  "GET /repos/{owner}/{repo}/actions/caches",
  "GET /repos/{owner}/{repo}/actions/organization-secrets",
  "GET /repos/{owner}/{repo}/actions/organization-variables",
  "GET /repos/{owner}/{repo}/actions/runners",
  "GET /repos/{owner}/{repo}/actions/runs",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
  "GET /repos/{owner}/{repo}/actions/secrets",
  "GET /repos/{owner}/{repo}/actions/variables",
  "GET /repos/{owner}/{repo}/actions/workflows",
  "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
  "GET /repos/{owner}/{repo}/activity",
  "GET /repos/{owner}/{repo}/assignees",
  "GET /repos/{owner}/{repo}/attestations/{subject_digest}",
  "GET /repos/{owner}/{repo}/branches",
  "GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations",
  "GET /repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs",
  "GET /repos/{owner}/{repo}/code-scanning/alerts",
  "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances",
  "GET /repos/{owner}/{repo}/code-scanning/analyses",
  "GET /repos/{owner}/{repo}/codespaces",
  "GET /repos/{owner}/{repo}/codespaces/devcontainers",
  "GET /repos/{owner}/{repo}/codespaces/secrets",
  "GET /repos/{owner}/{repo}/collaborators",
  "GET /repos/{owner}/{repo}/comments",
  "GET /repos/{owner}/{repo}/comments/{comment_id}/reactions",
  "GET /repos/{owner}/{repo}/commits",
  "GET /repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls",
  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs",
  "GET /repos/{owner}/{repo}/commits/{ref}/check-suites",
  "GET /repos/{owner}/{repo}/commits/{ref}/status",
  "GET /repos/{owner}/{repo}/commits/{ref}/statuses",
  "GET /repos/{owner}/{repo}/compare/{basehead}",
  "GET /repos/{owner}/{repo}/compare/{base}...{head}",
  "GET /repos/{owner}/{repo}/contributors",
  "GET /repos/{owner}/{repo}/dependabot/alerts",
  "GET /repos/{owner}/{repo}/dependabot/secrets",
  "GET /repos/{owner}/{repo}/deployments",
  "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
  "GET /repos/{owner}/{repo}/environments",
  "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies",
  "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/apps",
  "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets",
  "GET /repos/{owner}/{repo}/environments/{environment_name}/variables",
  "GET /repos/{owner}/{repo}/events",
  "GET /repos/{owner}/{repo}/forks",
  "GET /repos/{owner}/{repo}/hooks",
  "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries",
  "GET /repos/{owner}/{repo}/invitations",
  "GET /repos/{owner}/{repo}/issues",
  "GET /repos/{owner}/{repo}/issues/comments",
  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
  "GET /repos/{owner}/{repo}/issues/events",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/events",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/labels",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/reactions",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline",
  "GET /repos/{owner}/{repo}/keys",
  "GET /repos/{owner}/{repo}/labels",
  "GET /repos/{owner}/{repo}/milestones",
  "GET /repos/{owner}/{repo}/milestones/{milestone_number}/labels",
  "GET /repos/{owner}/{repo}/notifications",
  "GET /repos/{owner}/{repo}/pages/builds",
  "GET /repos/{owner}/{repo}/projects",
  "GET /repos/{owner}/{repo}/pulls",
  "GET /repos/{owner}/{repo}/pulls/comments",
  "GET /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments",
  "GET /repos/{owner}/{repo}/releases",
  "GET /repos/{owner}/{repo}/releases/{release_id}/assets",
  "GET /repos/{owner}/{repo}/releases/{release_id}/reactions",
  "GET /repos/{owner}/{repo}/rules/branches/{branch}",
  "GET /repos/{owner}/{repo}/rulesets",
  "GET /repos/{owner}/{repo}/rulesets/rule-suites",
  "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history",
  "GET /repos/{owner}/{repo}/secret-scanning/alerts",
  "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}/locations",
  "GET /repos/{owner}/{repo}/security-advisories",
  "GET /repos/{owner}/{repo}/stargazers",
  "GET /repos/{owner}/{repo}/subscribers",
  "GET /repos/{owner}/{repo}/tags",
  "GET /repos/{owner}/{repo}/teams",
  "GET /repos/{owner}/{repo}/topics",
  "GET /repositories",
  "GET /search/code",
  "GET /search/commits",
  "GET /search/issues",
  "GET /search/labels",
  "GET /search/repositories",
  "GET /search/topics",
  "GET /search/users",
  "GET /teams/{team_id}/discussions",
  "GET /teams/{team_id}/discussions/{discussion_number}/comments",
  "GET /teams/{team_id}/discussions/{discussion_number}/comments/{comment_number}/reactions",
  "GET /teams/{team_id}/discussions/{discussion_number}/reactions",
  "GET /teams/{team_id}/invitations",
  "GET /teams/{team_id}/members",
  "GET /teams/{team_id}/projects",
  "GET /teams/{team_id}/repos",
  "GET /teams/{team_id}/teams",
  "GET /user/blocks",
  "GET /user/codespaces",
  "GET /user/codespaces/secrets",
  "GET /user/emails",
  "GET /user/followers",
  "GET /user/following",
  "GET /user/gpg_keys",
  "GET /user/installations",
  "GET /user/installations/{installation_id}/repositories",
  "GET /user/issues",
  "GET /user/keys",
  "GET /user/marketplace_purchases",
  "GET /user/marketplace_purchases/stubbed",
  "GET /user/memberships/orgs",
  "GET /user/migrations",
  "GET /user/migrations/{migration_id}/repositories",
  "GET /user/orgs",
  "GET /user/packages",
  "GET /user/packages/{package_type}/{package_name}/versions",
  "GET /user/public_emails",
  "GET /user/repos",
  "GET /user/repository_invitations",
  "GET /user/social_accounts",
  "GET /user/ssh_signing_keys",
  "GET /user/starred",
  "GET /user/subscriptions",
  "GET /user/teams",
  "GET /users",
  "GET /users/{username}/attestations/{subject_digest}",
  "GET /users/{username}/events",
  "GET /users/{username}/events/orgs/{org}",
  "GET /users/{username}/events/public",
  "GET /users/{username}/followers",
  "GET /users/{username}/following",
  "GET /users/{username}/gists",
  "GET /users/{username}/gpg_keys",
  "GET /users/{username}/keys",
  "GET /users/{username}/orgs",
  "GET /users/{username}/packages",
  "GET /users/{username}/projects",
  "GET /users/{username}/projectsV2",
  "GET /users/{username}/projectsV2/{project_number}/fields",
  "GET /users/{username}/projectsV2/{project_number}/items",
  "GET /users/{username}/received_events",
  "GET /users/{username}/received_events/public",
  "GET /users/{username}/repos",
  "GET /users/{username}/social_accounts",
  "GET /users/{username}/ssh_signing_keys",
  "GET /users/{username}/starred",
  "GET /users/{username}/subscriptions"
]));

// pkg/dist-src/paginating-endpoints.js
function isPaginatingEndpoint(arg) {
  if (typeof arg === "string") {
    return paginatingEndpoints.includes(arg);
  } else {
    return false;
  }
}

// pkg/dist-src/index.js
function paginateRest(octokit) {
  return {
    paginate: Object.assign(paginate.bind(null, octokit), {
      iterator: iterator.bind(null, octokit)
    })
  };
}
paginateRest.VERSION = plugin_paginate_rest_dist_bundle_VERSION;


;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/version.js
const plugin_rest_endpoint_methods_dist_src_version_VERSION = "17.0.0";

//# sourceMappingURL=version.js.map

;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/generated/endpoints.js
const Endpoints = {
  actions: {
    addCustomLabelsToSelfHostedRunnerForOrg: [
      "POST /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    addCustomLabelsToSelfHostedRunnerForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    addRepoAccessToSelfHostedRunnerGroupInOrg: [
      "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgVariable: [
      "PUT /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
    ],
    approveWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/approve"
    ],
    cancelWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel"
    ],
    createEnvironmentVariable: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/variables"
    ],
    createHostedRunnerForOrg: ["POST /orgs/{org}/actions/hosted-runners"],
    createOrUpdateEnvironmentSecret: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    createOrUpdateOrgSecret: ["PUT /orgs/{org}/actions/secrets/{secret_name}"],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}"
    ],
    createOrgVariable: ["POST /orgs/{org}/actions/variables"],
    createRegistrationTokenForOrg: [
      "POST /orgs/{org}/actions/runners/registration-token"
    ],
    createRegistrationTokenForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/registration-token"
    ],
    createRemoveTokenForOrg: ["POST /orgs/{org}/actions/runners/remove-token"],
    createRemoveTokenForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/remove-token"
    ],
    createRepoVariable: ["POST /repos/{owner}/{repo}/actions/variables"],
    createWorkflowDispatch: [
      "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches"
    ],
    deleteActionsCacheById: [
      "DELETE /repos/{owner}/{repo}/actions/caches/{cache_id}"
    ],
    deleteActionsCacheByKey: [
      "DELETE /repos/{owner}/{repo}/actions/caches{?key,ref}"
    ],
    deleteArtifact: [
      "DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"
    ],
    deleteCustomImageFromOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
    ],
    deleteCustomImageVersionFromOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
    ],
    deleteEnvironmentSecret: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    deleteEnvironmentVariable: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    deleteHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/actions/secrets/{secret_name}"],
    deleteOrgVariable: ["DELETE /orgs/{org}/actions/variables/{name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}"
    ],
    deleteRepoVariable: [
      "DELETE /repos/{owner}/{repo}/actions/variables/{name}"
    ],
    deleteSelfHostedRunnerFromOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}"
    ],
    deleteSelfHostedRunnerFromRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}"
    ],
    deleteWorkflowRun: ["DELETE /repos/{owner}/{repo}/actions/runs/{run_id}"],
    deleteWorkflowRunLogs: [
      "DELETE /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
    ],
    disableSelectedRepositoryGithubActionsOrganization: [
      "DELETE /orgs/{org}/actions/permissions/repositories/{repository_id}"
    ],
    disableWorkflow: [
      "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable"
    ],
    downloadArtifact: [
      "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}"
    ],
    downloadJobLogsForWorkflowRun: [
      "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs"
    ],
    downloadWorkflowRunAttemptLogs: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs"
    ],
    downloadWorkflowRunLogs: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
    ],
    enableSelectedRepositoryGithubActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/repositories/{repository_id}"
    ],
    enableWorkflow: [
      "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable"
    ],
    forceCancelWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel"
    ],
    generateRunnerJitconfigForOrg: [
      "POST /orgs/{org}/actions/runners/generate-jitconfig"
    ],
    generateRunnerJitconfigForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig"
    ],
    getActionsCacheList: ["GET /repos/{owner}/{repo}/actions/caches"],
    getActionsCacheUsage: ["GET /repos/{owner}/{repo}/actions/cache/usage"],
    getActionsCacheUsageByRepoForOrg: [
      "GET /orgs/{org}/actions/cache/usage-by-repository"
    ],
    getActionsCacheUsageForOrg: ["GET /orgs/{org}/actions/cache/usage"],
    getAllowedActionsOrganization: [
      "GET /orgs/{org}/actions/permissions/selected-actions"
    ],
    getAllowedActionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/selected-actions"
    ],
    getArtifact: ["GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"],
    getCustomImageForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
    ],
    getCustomImageVersionForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
    ],
    getCustomOidcSubClaimForRepo: [
      "GET /repos/{owner}/{repo}/actions/oidc/customization/sub"
    ],
    getEnvironmentPublicKey: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key"
    ],
    getEnvironmentSecret: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    getEnvironmentVariable: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    getGithubActionsDefaultWorkflowPermissionsOrganization: [
      "GET /orgs/{org}/actions/permissions/workflow"
    ],
    getGithubActionsDefaultWorkflowPermissionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/workflow"
    ],
    getGithubActionsPermissionsOrganization: [
      "GET /orgs/{org}/actions/permissions"
    ],
    getGithubActionsPermissionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions"
    ],
    getHostedRunnerForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    getHostedRunnersGithubOwnedImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/github-owned"
    ],
    getHostedRunnersLimitsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/limits"
    ],
    getHostedRunnersMachineSpecsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/machine-sizes"
    ],
    getHostedRunnersPartnerImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/partner"
    ],
    getHostedRunnersPlatformsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/platforms"
    ],
    getJobForWorkflowRun: ["GET /repos/{owner}/{repo}/actions/jobs/{job_id}"],
    getOrgPublicKey: ["GET /orgs/{org}/actions/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/actions/secrets/{secret_name}"],
    getOrgVariable: ["GET /orgs/{org}/actions/variables/{name}"],
    getPendingDeploymentsForRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
    ],
    getRepoPermissions: [
      "GET /repos/{owner}/{repo}/actions/permissions",
      {},
      { renamed: ["actions", "getGithubActionsPermissionsRepository"] }
    ],
    getRepoPublicKey: ["GET /repos/{owner}/{repo}/actions/secrets/public-key"],
    getRepoSecret: ["GET /repos/{owner}/{repo}/actions/secrets/{secret_name}"],
    getRepoVariable: ["GET /repos/{owner}/{repo}/actions/variables/{name}"],
    getReviewsForRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals"
    ],
    getSelfHostedRunnerForOrg: ["GET /orgs/{org}/actions/runners/{runner_id}"],
    getSelfHostedRunnerForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/{runner_id}"
    ],
    getWorkflow: ["GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}"],
    getWorkflowAccessToRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/access"
    ],
    getWorkflowRun: ["GET /repos/{owner}/{repo}/actions/runs/{run_id}"],
    getWorkflowRunAttempt: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}"
    ],
    getWorkflowRunUsage: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/timing"
    ],
    getWorkflowUsage: [
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/timing"
    ],
    listArtifactsForRepo: ["GET /repos/{owner}/{repo}/actions/artifacts"],
    listCustomImageVersionsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions"
    ],
    listCustomImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom"
    ],
    listEnvironmentSecrets: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets"
    ],
    listEnvironmentVariables: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/variables"
    ],
    listGithubHostedRunnersInGroupForOrg: [
      "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/hosted-runners"
    ],
    listHostedRunnersForOrg: ["GET /orgs/{org}/actions/hosted-runners"],
    listJobsForWorkflowRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs"
    ],
    listJobsForWorkflowRunAttempt: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs"
    ],
    listLabelsForSelfHostedRunnerForOrg: [
      "GET /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    listLabelsForSelfHostedRunnerForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    listOrgSecrets: ["GET /orgs/{org}/actions/secrets"],
    listOrgVariables: ["GET /orgs/{org}/actions/variables"],
    listRepoOrganizationSecrets: [
      "GET /repos/{owner}/{repo}/actions/organization-secrets"
    ],
    listRepoOrganizationVariables: [
      "GET /repos/{owner}/{repo}/actions/organization-variables"
    ],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/actions/secrets"],
    listRepoVariables: ["GET /repos/{owner}/{repo}/actions/variables"],
    listRepoWorkflows: ["GET /repos/{owner}/{repo}/actions/workflows"],
    listRunnerApplicationsForOrg: ["GET /orgs/{org}/actions/runners/downloads"],
    listRunnerApplicationsForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/downloads"
    ],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/actions/secrets/{secret_name}/repositories"
    ],
    listSelectedReposForOrgVariable: [
      "GET /orgs/{org}/actions/variables/{name}/repositories"
    ],
    listSelectedRepositoriesEnabledGithubActionsOrganization: [
      "GET /orgs/{org}/actions/permissions/repositories"
    ],
    listSelfHostedRunnersForOrg: ["GET /orgs/{org}/actions/runners"],
    listSelfHostedRunnersForRepo: ["GET /repos/{owner}/{repo}/actions/runners"],
    listWorkflowRunArtifacts: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts"
    ],
    listWorkflowRuns: [
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs"
    ],
    listWorkflowRunsForRepo: ["GET /repos/{owner}/{repo}/actions/runs"],
    reRunJobForWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun"
    ],
    reRunWorkflow: ["POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun"],
    reRunWorkflowFailedJobs: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs"
    ],
    removeAllCustomLabelsFromSelfHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    removeAllCustomLabelsFromSelfHostedRunnerForRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    removeCustomLabelFromSelfHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}/labels/{name}"
    ],
    removeCustomLabelFromSelfHostedRunnerForRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels/{name}"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
    ],
    removeSelectedRepoFromOrgVariable: [
      "DELETE /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
    ],
    reviewCustomGatesForRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule"
    ],
    reviewPendingDeploymentsForRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
    ],
    setAllowedActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/selected-actions"
    ],
    setAllowedActionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/selected-actions"
    ],
    setCustomLabelsForSelfHostedRunnerForOrg: [
      "PUT /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    setCustomLabelsForSelfHostedRunnerForRepo: [
      "PUT /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    setCustomOidcSubClaimForRepo: [
      "PUT /repos/{owner}/{repo}/actions/oidc/customization/sub"
    ],
    setGithubActionsDefaultWorkflowPermissionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/workflow"
    ],
    setGithubActionsDefaultWorkflowPermissionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/workflow"
    ],
    setGithubActionsPermissionsOrganization: [
      "PUT /orgs/{org}/actions/permissions"
    ],
    setGithubActionsPermissionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories"
    ],
    setSelectedReposForOrgVariable: [
      "PUT /orgs/{org}/actions/variables/{name}/repositories"
    ],
    setSelectedRepositoriesEnabledGithubActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/repositories"
    ],
    setWorkflowAccessToRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/access"
    ],
    updateEnvironmentVariable: [
      "PATCH /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    updateHostedRunnerForOrg: [
      "PATCH /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    updateOrgVariable: ["PATCH /orgs/{org}/actions/variables/{name}"],
    updateRepoVariable: [
      "PATCH /repos/{owner}/{repo}/actions/variables/{name}"
    ]
  },
  activity: {
    checkRepoIsStarredByAuthenticatedUser: ["GET /user/starred/{owner}/{repo}"],
    deleteRepoSubscription: ["DELETE /repos/{owner}/{repo}/subscription"],
    deleteThreadSubscription: [
      "DELETE /notifications/threads/{thread_id}/subscription"
    ],
    getFeeds: ["GET /feeds"],
    getRepoSubscription: ["GET /repos/{owner}/{repo}/subscription"],
    getThread: ["GET /notifications/threads/{thread_id}"],
    getThreadSubscriptionForAuthenticatedUser: [
      "GET /notifications/threads/{thread_id}/subscription"
    ],
    listEventsForAuthenticatedUser: ["GET /users/{username}/events"],
    listNotificationsForAuthenticatedUser: ["GET /notifications"],
    listOrgEventsForAuthenticatedUser: [
      "GET /users/{username}/events/orgs/{org}"
    ],
    listPublicEvents: ["GET /events"],
    listPublicEventsForRepoNetwork: ["GET /networks/{owner}/{repo}/events"],
    listPublicEventsForUser: ["GET /users/{username}/events/public"],
    listPublicOrgEvents: ["GET /orgs/{org}/events"],
    listReceivedEventsForUser: ["GET /users/{username}/received_events"],
    listReceivedPublicEventsForUser: [
      "GET /users/{username}/received_events/public"
    ],
    listRepoEvents: ["GET /repos/{owner}/{repo}/events"],
    listRepoNotificationsForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/notifications"
    ],
    listReposStarredByAuthenticatedUser: ["GET /user/starred"],
    listReposStarredByUser: ["GET /users/{username}/starred"],
    listReposWatchedByUser: ["GET /users/{username}/subscriptions"],
    listStargazersForRepo: ["GET /repos/{owner}/{repo}/stargazers"],
    listWatchedReposForAuthenticatedUser: ["GET /user/subscriptions"],
    listWatchersForRepo: ["GET /repos/{owner}/{repo}/subscribers"],
    markNotificationsAsRead: ["PUT /notifications"],
    markRepoNotificationsAsRead: ["PUT /repos/{owner}/{repo}/notifications"],
    markThreadAsDone: ["DELETE /notifications/threads/{thread_id}"],
    markThreadAsRead: ["PATCH /notifications/threads/{thread_id}"],
    setRepoSubscription: ["PUT /repos/{owner}/{repo}/subscription"],
    setThreadSubscription: [
      "PUT /notifications/threads/{thread_id}/subscription"
    ],
    starRepoForAuthenticatedUser: ["PUT /user/starred/{owner}/{repo}"],
    unstarRepoForAuthenticatedUser: ["DELETE /user/starred/{owner}/{repo}"]
  },
  apps: {
    addRepoToInstallation: [
      "PUT /user/installations/{installation_id}/repositories/{repository_id}",
      {},
      { renamed: ["apps", "addRepoToInstallationForAuthenticatedUser"] }
    ],
    addRepoToInstallationForAuthenticatedUser: [
      "PUT /user/installations/{installation_id}/repositories/{repository_id}"
    ],
    checkToken: ["POST /applications/{client_id}/token"],
    createFromManifest: ["POST /app-manifests/{code}/conversions"],
    createInstallationAccessToken: [
      "POST /app/installations/{installation_id}/access_tokens"
    ],
    deleteAuthorization: ["DELETE /applications/{client_id}/grant"],
    deleteInstallation: ["DELETE /app/installations/{installation_id}"],
    deleteToken: ["DELETE /applications/{client_id}/token"],
    getAuthenticated: ["GET /app"],
    getBySlug: ["GET /apps/{app_slug}"],
    getInstallation: ["GET /app/installations/{installation_id}"],
    getOrgInstallation: ["GET /orgs/{org}/installation"],
    getRepoInstallation: ["GET /repos/{owner}/{repo}/installation"],
    getSubscriptionPlanForAccount: [
      "GET /marketplace_listing/accounts/{account_id}"
    ],
    getSubscriptionPlanForAccountStubbed: [
      "GET /marketplace_listing/stubbed/accounts/{account_id}"
    ],
    getUserInstallation: ["GET /users/{username}/installation"],
    getWebhookConfigForApp: ["GET /app/hook/config"],
    getWebhookDelivery: ["GET /app/hook/deliveries/{delivery_id}"],
    listAccountsForPlan: ["GET /marketplace_listing/plans/{plan_id}/accounts"],
    listAccountsForPlanStubbed: [
      "GET /marketplace_listing/stubbed/plans/{plan_id}/accounts"
    ],
    listInstallationReposForAuthenticatedUser: [
      "GET /user/installations/{installation_id}/repositories"
    ],
    listInstallationRequestsForAuthenticatedApp: [
      "GET /app/installation-requests"
    ],
    listInstallations: ["GET /app/installations"],
    listInstallationsForAuthenticatedUser: ["GET /user/installations"],
    listPlans: ["GET /marketplace_listing/plans"],
    listPlansStubbed: ["GET /marketplace_listing/stubbed/plans"],
    listReposAccessibleToInstallation: ["GET /installation/repositories"],
    listSubscriptionsForAuthenticatedUser: ["GET /user/marketplace_purchases"],
    listSubscriptionsForAuthenticatedUserStubbed: [
      "GET /user/marketplace_purchases/stubbed"
    ],
    listWebhookDeliveries: ["GET /app/hook/deliveries"],
    redeliverWebhookDelivery: [
      "POST /app/hook/deliveries/{delivery_id}/attempts"
    ],
    removeRepoFromInstallation: [
      "DELETE /user/installations/{installation_id}/repositories/{repository_id}",
      {},
      { renamed: ["apps", "removeRepoFromInstallationForAuthenticatedUser"] }
    ],
    removeRepoFromInstallationForAuthenticatedUser: [
      "DELETE /user/installations/{installation_id}/repositories/{repository_id}"
    ],
    resetToken: ["PATCH /applications/{client_id}/token"],
    revokeInstallationAccessToken: ["DELETE /installation/token"],
    scopeToken: ["POST /applications/{client_id}/token/scoped"],
    suspendInstallation: ["PUT /app/installations/{installation_id}/suspended"],
    unsuspendInstallation: [
      "DELETE /app/installations/{installation_id}/suspended"
    ],
    updateWebhookConfigForApp: ["PATCH /app/hook/config"]
  },
  billing: {
    getGithubActionsBillingOrg: ["GET /orgs/{org}/settings/billing/actions"],
    getGithubActionsBillingUser: [
      "GET /users/{username}/settings/billing/actions"
    ],
    getGithubBillingPremiumRequestUsageReportOrg: [
      "GET /organizations/{org}/settings/billing/premium_request/usage"
    ],
    getGithubBillingPremiumRequestUsageReportUser: [
      "GET /users/{username}/settings/billing/premium_request/usage"
    ],
    getGithubBillingUsageReportOrg: [
      "GET /organizations/{org}/settings/billing/usage"
    ],
    getGithubBillingUsageReportUser: [
      "GET /users/{username}/settings/billing/usage"
    ],
    getGithubPackagesBillingOrg: ["GET /orgs/{org}/settings/billing/packages"],
    getGithubPackagesBillingUser: [
      "GET /users/{username}/settings/billing/packages"
    ],
    getSharedStorageBillingOrg: [
      "GET /orgs/{org}/settings/billing/shared-storage"
    ],
    getSharedStorageBillingUser: [
      "GET /users/{username}/settings/billing/shared-storage"
    ]
  },
  campaigns: {
    createCampaign: ["POST /orgs/{org}/campaigns"],
    deleteCampaign: ["DELETE /orgs/{org}/campaigns/{campaign_number}"],
    getCampaignSummary: ["GET /orgs/{org}/campaigns/{campaign_number}"],
    listOrgCampaigns: ["GET /orgs/{org}/campaigns"],
    updateCampaign: ["PATCH /orgs/{org}/campaigns/{campaign_number}"]
  },
  checks: {
    create: ["POST /repos/{owner}/{repo}/check-runs"],
    createSuite: ["POST /repos/{owner}/{repo}/check-suites"],
    get: ["GET /repos/{owner}/{repo}/check-runs/{check_run_id}"],
    getSuite: ["GET /repos/{owner}/{repo}/check-suites/{check_suite_id}"],
    listAnnotations: [
      "GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations"
    ],
    listForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-runs"],
    listForSuite: [
      "GET /repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs"
    ],
    listSuitesForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-suites"],
    rerequestRun: [
      "POST /repos/{owner}/{repo}/check-runs/{check_run_id}/rerequest"
    ],
    rerequestSuite: [
      "POST /repos/{owner}/{repo}/check-suites/{check_suite_id}/rerequest"
    ],
    setSuitesPreferences: [
      "PATCH /repos/{owner}/{repo}/check-suites/preferences"
    ],
    update: ["PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"]
  },
  codeScanning: {
    commitAutofix: [
      "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix/commits"
    ],
    createAutofix: [
      "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
    ],
    createVariantAnalysis: [
      "POST /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses"
    ],
    deleteAnalysis: [
      "DELETE /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}{?confirm_delete}"
    ],
    deleteCodeqlDatabase: [
      "DELETE /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
    ],
    getAlert: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}",
      {},
      { renamedParameters: { alert_id: "alert_number" } }
    ],
    getAnalysis: [
      "GET /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}"
    ],
    getAutofix: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
    ],
    getCodeqlDatabase: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
    ],
    getDefaultSetup: ["GET /repos/{owner}/{repo}/code-scanning/default-setup"],
    getSarif: ["GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}"],
    getVariantAnalysis: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}"
    ],
    getVariantAnalysisRepoTask: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}/repos/{repo_owner}/{repo_name}"
    ],
    listAlertInstances: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances"
    ],
    listAlertsForOrg: ["GET /orgs/{org}/code-scanning/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/code-scanning/alerts"],
    listAlertsInstances: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances",
      {},
      { renamed: ["codeScanning", "listAlertInstances"] }
    ],
    listCodeqlDatabases: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/databases"
    ],
    listRecentAnalyses: ["GET /repos/{owner}/{repo}/code-scanning/analyses"],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}"
    ],
    updateDefaultSetup: [
      "PATCH /repos/{owner}/{repo}/code-scanning/default-setup"
    ],
    uploadSarif: ["POST /repos/{owner}/{repo}/code-scanning/sarifs"]
  },
  codeSecurity: {
    attachConfiguration: [
      "POST /orgs/{org}/code-security/configurations/{configuration_id}/attach"
    ],
    attachEnterpriseConfiguration: [
      "POST /enterprises/{enterprise}/code-security/configurations/{configuration_id}/attach"
    ],
    createConfiguration: ["POST /orgs/{org}/code-security/configurations"],
    createConfigurationForEnterprise: [
      "POST /enterprises/{enterprise}/code-security/configurations"
    ],
    deleteConfiguration: [
      "DELETE /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    deleteConfigurationForEnterprise: [
      "DELETE /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ],
    detachConfiguration: [
      "DELETE /orgs/{org}/code-security/configurations/detach"
    ],
    getConfiguration: [
      "GET /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    getConfigurationForRepository: [
      "GET /repos/{owner}/{repo}/code-security-configuration"
    ],
    getConfigurationsForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations"
    ],
    getConfigurationsForOrg: ["GET /orgs/{org}/code-security/configurations"],
    getDefaultConfigurations: [
      "GET /orgs/{org}/code-security/configurations/defaults"
    ],
    getDefaultConfigurationsForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations/defaults"
    ],
    getRepositoriesForConfiguration: [
      "GET /orgs/{org}/code-security/configurations/{configuration_id}/repositories"
    ],
    getRepositoriesForEnterpriseConfiguration: [
      "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}/repositories"
    ],
    getSingleConfigurationForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ],
    setConfigurationAsDefault: [
      "PUT /orgs/{org}/code-security/configurations/{configuration_id}/defaults"
    ],
    setConfigurationAsDefaultForEnterprise: [
      "PUT /enterprises/{enterprise}/code-security/configurations/{configuration_id}/defaults"
    ],
    updateConfiguration: [
      "PATCH /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    updateEnterpriseConfiguration: [
      "PATCH /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ]
  },
  codesOfConduct: {
    getAllCodesOfConduct: ["GET /codes_of_conduct"],
    getConductCode: ["GET /codes_of_conduct/{key}"]
  },
  codespaces: {
    addRepositoryForSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    checkPermissionsForDevcontainer: [
      "GET /repos/{owner}/{repo}/codespaces/permissions_check"
    ],
    codespaceMachinesForAuthenticatedUser: [
      "GET /user/codespaces/{codespace_name}/machines"
    ],
    createForAuthenticatedUser: ["POST /user/codespaces"],
    createOrUpdateOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}"
    ],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    createOrUpdateSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}"
    ],
    createWithPrForAuthenticatedUser: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/codespaces"
    ],
    createWithRepoForAuthenticatedUser: [
      "POST /repos/{owner}/{repo}/codespaces"
    ],
    deleteForAuthenticatedUser: ["DELETE /user/codespaces/{codespace_name}"],
    deleteFromOrganization: [
      "DELETE /orgs/{org}/members/{username}/codespaces/{codespace_name}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/codespaces/secrets/{secret_name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    deleteSecretForAuthenticatedUser: [
      "DELETE /user/codespaces/secrets/{secret_name}"
    ],
    exportForAuthenticatedUser: [
      "POST /user/codespaces/{codespace_name}/exports"
    ],
    getCodespacesForUserInOrg: [
      "GET /orgs/{org}/members/{username}/codespaces"
    ],
    getExportDetailsForAuthenticatedUser: [
      "GET /user/codespaces/{codespace_name}/exports/{export_id}"
    ],
    getForAuthenticatedUser: ["GET /user/codespaces/{codespace_name}"],
    getOrgPublicKey: ["GET /orgs/{org}/codespaces/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/codespaces/secrets/{secret_name}"],
    getPublicKeyForAuthenticatedUser: [
      "GET /user/codespaces/secrets/public-key"
    ],
    getRepoPublicKey: [
      "GET /repos/{owner}/{repo}/codespaces/secrets/public-key"
    ],
    getRepoSecret: [
      "GET /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    getSecretForAuthenticatedUser: [
      "GET /user/codespaces/secrets/{secret_name}"
    ],
    listDevcontainersInRepositoryForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/devcontainers"
    ],
    listForAuthenticatedUser: ["GET /user/codespaces"],
    listInOrganization: [
      "GET /orgs/{org}/codespaces",
      {},
      { renamedParameters: { org_id: "org" } }
    ],
    listInRepositoryForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces"
    ],
    listOrgSecrets: ["GET /orgs/{org}/codespaces/secrets"],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/codespaces/secrets"],
    listRepositoriesForSecretForAuthenticatedUser: [
      "GET /user/codespaces/secrets/{secret_name}/repositories"
    ],
    listSecretsForAuthenticatedUser: ["GET /user/codespaces/secrets"],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
    ],
    preFlightWithRepoForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/new"
    ],
    publishForAuthenticatedUser: [
      "POST /user/codespaces/{codespace_name}/publish"
    ],
    removeRepositoryForSecretForAuthenticatedUser: [
      "DELETE /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    repoMachinesForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/machines"
    ],
    setRepositoriesForSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}/repositories"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
    ],
    startForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/start"],
    stopForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/stop"],
    stopInOrganization: [
      "POST /orgs/{org}/members/{username}/codespaces/{codespace_name}/stop"
    ],
    updateForAuthenticatedUser: ["PATCH /user/codespaces/{codespace_name}"]
  },
  copilot: {
    addCopilotSeatsForTeams: [
      "POST /orgs/{org}/copilot/billing/selected_teams"
    ],
    addCopilotSeatsForUsers: [
      "POST /orgs/{org}/copilot/billing/selected_users"
    ],
    cancelCopilotSeatAssignmentForTeams: [
      "DELETE /orgs/{org}/copilot/billing/selected_teams"
    ],
    cancelCopilotSeatAssignmentForUsers: [
      "DELETE /orgs/{org}/copilot/billing/selected_users"
    ],
    copilotMetricsForOrganization: ["GET /orgs/{org}/copilot/metrics"],
    copilotMetricsForTeam: ["GET /orgs/{org}/team/{team_slug}/copilot/metrics"],
    getCopilotOrganizationDetails: ["GET /orgs/{org}/copilot/billing"],
    getCopilotSeatDetailsForUser: [
      "GET /orgs/{org}/members/{username}/copilot"
    ],
    listCopilotSeats: ["GET /orgs/{org}/copilot/billing/seats"]
  },
  credentials: { revoke: ["POST /credentials/revoke"] },
  dependabot: {
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
    ],
    createOrUpdateOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}"
    ],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/dependabot/secrets/{secret_name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    getAlert: ["GET /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"],
    getOrgPublicKey: ["GET /orgs/{org}/dependabot/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/dependabot/secrets/{secret_name}"],
    getRepoPublicKey: [
      "GET /repos/{owner}/{repo}/dependabot/secrets/public-key"
    ],
    getRepoSecret: [
      "GET /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    listAlertsForEnterprise: [
      "GET /enterprises/{enterprise}/dependabot/alerts"
    ],
    listAlertsForOrg: ["GET /orgs/{org}/dependabot/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/dependabot/alerts"],
    listOrgSecrets: ["GET /orgs/{org}/dependabot/secrets"],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/dependabot/secrets"],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
    ],
    repositoryAccessForOrg: [
      "GET /organizations/{org}/dependabot/repository-access"
    ],
    setRepositoryAccessDefaultLevel: [
      "PUT /organizations/{org}/dependabot/repository-access/default-level"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
    ],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"
    ],
    updateRepositoryAccessForOrg: [
      "PATCH /organizations/{org}/dependabot/repository-access"
    ]
  },
  dependencyGraph: {
    createRepositorySnapshot: [
      "POST /repos/{owner}/{repo}/dependency-graph/snapshots"
    ],
    diffRange: [
      "GET /repos/{owner}/{repo}/dependency-graph/compare/{basehead}"
    ],
    exportSbom: ["GET /repos/{owner}/{repo}/dependency-graph/sbom"]
  },
  emojis: { get: ["GET /emojis"] },
  enterpriseTeamMemberships: {
    add: [
      "PUT /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ],
    bulkAdd: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/add"
    ],
    bulkRemove: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/remove"
    ],
    get: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ],
    list: ["GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships"],
    remove: [
      "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ]
  },
  enterpriseTeamOrganizations: {
    add: [
      "PUT /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    bulkAdd: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/add"
    ],
    bulkRemove: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/remove"
    ],
    delete: [
      "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    getAssignment: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    getAssignments: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations"
    ]
  },
  enterpriseTeams: {
    create: ["POST /enterprises/{enterprise}/teams"],
    delete: ["DELETE /enterprises/{enterprise}/teams/{team_slug}"],
    get: ["GET /enterprises/{enterprise}/teams/{team_slug}"],
    list: ["GET /enterprises/{enterprise}/teams"],
    update: ["PATCH /enterprises/{enterprise}/teams/{team_slug}"]
  },
  gists: {
    checkIsStarred: ["GET /gists/{gist_id}/star"],
    create: ["POST /gists"],
    createComment: ["POST /gists/{gist_id}/comments"],
    delete: ["DELETE /gists/{gist_id}"],
    deleteComment: ["DELETE /gists/{gist_id}/comments/{comment_id}"],
    fork: ["POST /gists/{gist_id}/forks"],
    get: ["GET /gists/{gist_id}"],
    getComment: ["GET /gists/{gist_id}/comments/{comment_id}"],
    getRevision: ["GET /gists/{gist_id}/{sha}"],
    list: ["GET /gists"],
    listComments: ["GET /gists/{gist_id}/comments"],
    listCommits: ["GET /gists/{gist_id}/commits"],
    listForUser: ["GET /users/{username}/gists"],
    listForks: ["GET /gists/{gist_id}/forks"],
    listPublic: ["GET /gists/public"],
    listStarred: ["GET /gists/starred"],
    star: ["PUT /gists/{gist_id}/star"],
    unstar: ["DELETE /gists/{gist_id}/star"],
    update: ["PATCH /gists/{gist_id}"],
    updateComment: ["PATCH /gists/{gist_id}/comments/{comment_id}"]
  },
  git: {
    createBlob: ["POST /repos/{owner}/{repo}/git/blobs"],
    createCommit: ["POST /repos/{owner}/{repo}/git/commits"],
    createRef: ["POST /repos/{owner}/{repo}/git/refs"],
    createTag: ["POST /repos/{owner}/{repo}/git/tags"],
    createTree: ["POST /repos/{owner}/{repo}/git/trees"],
    deleteRef: ["DELETE /repos/{owner}/{repo}/git/refs/{ref}"],
    getBlob: ["GET /repos/{owner}/{repo}/git/blobs/{file_sha}"],
    getCommit: ["GET /repos/{owner}/{repo}/git/commits/{commit_sha}"],
    getRef: ["GET /repos/{owner}/{repo}/git/ref/{ref}"],
    getTag: ["GET /repos/{owner}/{repo}/git/tags/{tag_sha}"],
    getTree: ["GET /repos/{owner}/{repo}/git/trees/{tree_sha}"],
    listMatchingRefs: ["GET /repos/{owner}/{repo}/git/matching-refs/{ref}"],
    updateRef: ["PATCH /repos/{owner}/{repo}/git/refs/{ref}"]
  },
  gitignore: {
    getAllTemplates: ["GET /gitignore/templates"],
    getTemplate: ["GET /gitignore/templates/{name}"]
  },
  hostedCompute: {
    createNetworkConfigurationForOrg: [
      "POST /orgs/{org}/settings/network-configurations"
    ],
    deleteNetworkConfigurationFromOrg: [
      "DELETE /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ],
    getNetworkConfigurationForOrg: [
      "GET /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ],
    getNetworkSettingsForOrg: [
      "GET /orgs/{org}/settings/network-settings/{network_settings_id}"
    ],
    listNetworkConfigurationsForOrg: [
      "GET /orgs/{org}/settings/network-configurations"
    ],
    updateNetworkConfigurationForOrg: [
      "PATCH /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ]
  },
  interactions: {
    getRestrictionsForAuthenticatedUser: ["GET /user/interaction-limits"],
    getRestrictionsForOrg: ["GET /orgs/{org}/interaction-limits"],
    getRestrictionsForRepo: ["GET /repos/{owner}/{repo}/interaction-limits"],
    getRestrictionsForYourPublicRepos: [
      "GET /user/interaction-limits",
      {},
      { renamed: ["interactions", "getRestrictionsForAuthenticatedUser"] }
    ],
    removeRestrictionsForAuthenticatedUser: ["DELETE /user/interaction-limits"],
    removeRestrictionsForOrg: ["DELETE /orgs/{org}/interaction-limits"],
    removeRestrictionsForRepo: [
      "DELETE /repos/{owner}/{repo}/interaction-limits"
    ],
    removeRestrictionsForYourPublicRepos: [
      "DELETE /user/interaction-limits",
      {},
      { renamed: ["interactions", "removeRestrictionsForAuthenticatedUser"] }
    ],
    setRestrictionsForAuthenticatedUser: ["PUT /user/interaction-limits"],
    setRestrictionsForOrg: ["PUT /orgs/{org}/interaction-limits"],
    setRestrictionsForRepo: ["PUT /repos/{owner}/{repo}/interaction-limits"],
    setRestrictionsForYourPublicRepos: [
      "PUT /user/interaction-limits",
      {},
      { renamed: ["interactions", "setRestrictionsForAuthenticatedUser"] }
    ]
  },
  issues: {
    addAssignees: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees"
    ],
    addBlockedByDependency: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
    ],
    addLabels: ["POST /repos/{owner}/{repo}/issues/{issue_number}/labels"],
    addSubIssue: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
    ],
    checkUserCanBeAssigned: ["GET /repos/{owner}/{repo}/assignees/{assignee}"],
    checkUserCanBeAssignedToIssue: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/assignees/{assignee}"
    ],
    create: ["POST /repos/{owner}/{repo}/issues"],
    createComment: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments"
    ],
    createLabel: ["POST /repos/{owner}/{repo}/labels"],
    createMilestone: ["POST /repos/{owner}/{repo}/milestones"],
    deleteComment: [
      "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}"
    ],
    deleteLabel: ["DELETE /repos/{owner}/{repo}/labels/{name}"],
    deleteMilestone: [
      "DELETE /repos/{owner}/{repo}/milestones/{milestone_number}"
    ],
    get: ["GET /repos/{owner}/{repo}/issues/{issue_number}"],
    getComment: ["GET /repos/{owner}/{repo}/issues/comments/{comment_id}"],
    getEvent: ["GET /repos/{owner}/{repo}/issues/events/{event_id}"],
    getLabel: ["GET /repos/{owner}/{repo}/labels/{name}"],
    getMilestone: ["GET /repos/{owner}/{repo}/milestones/{milestone_number}"],
    getParent: ["GET /repos/{owner}/{repo}/issues/{issue_number}/parent"],
    list: ["GET /issues"],
    listAssignees: ["GET /repos/{owner}/{repo}/assignees"],
    listComments: ["GET /repos/{owner}/{repo}/issues/{issue_number}/comments"],
    listCommentsForRepo: ["GET /repos/{owner}/{repo}/issues/comments"],
    listDependenciesBlockedBy: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
    ],
    listDependenciesBlocking: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking"
    ],
    listEvents: ["GET /repos/{owner}/{repo}/issues/{issue_number}/events"],
    listEventsForRepo: ["GET /repos/{owner}/{repo}/issues/events"],
    listEventsForTimeline: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline"
    ],
    listForAuthenticatedUser: ["GET /user/issues"],
    listForOrg: ["GET /orgs/{org}/issues"],
    listForRepo: ["GET /repos/{owner}/{repo}/issues"],
    listLabelsForMilestone: [
      "GET /repos/{owner}/{repo}/milestones/{milestone_number}/labels"
    ],
    listLabelsForRepo: ["GET /repos/{owner}/{repo}/labels"],
    listLabelsOnIssue: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/labels"
    ],
    listMilestones: ["GET /repos/{owner}/{repo}/milestones"],
    listSubIssues: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
    ],
    lock: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/lock"],
    removeAllLabels: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels"
    ],
    removeAssignees: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees"
    ],
    removeDependencyBlockedBy: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}"
    ],
    removeLabel: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}"
    ],
    removeSubIssue: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue"
    ],
    reprioritizeSubIssue: [
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority"
    ],
    setLabels: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/labels"],
    unlock: ["DELETE /repos/{owner}/{repo}/issues/{issue_number}/lock"],
    update: ["PATCH /repos/{owner}/{repo}/issues/{issue_number}"],
    updateComment: ["PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}"],
    updateLabel: ["PATCH /repos/{owner}/{repo}/labels/{name}"],
    updateMilestone: [
      "PATCH /repos/{owner}/{repo}/milestones/{milestone_number}"
    ]
  },
  licenses: {
    get: ["GET /licenses/{license}"],
    getAllCommonlyUsed: ["GET /licenses"],
    getForRepo: ["GET /repos/{owner}/{repo}/license"]
  },
  markdown: {
    render: ["POST /markdown"],
    renderRaw: [
      "POST /markdown/raw",
      { headers: { "content-type": "text/plain; charset=utf-8" } }
    ]
  },
  meta: {
    get: ["GET /meta"],
    getAllVersions: ["GET /versions"],
    getOctocat: ["GET /octocat"],
    getZen: ["GET /zen"],
    root: ["GET /"]
  },
  migrations: {
    deleteArchiveForAuthenticatedUser: [
      "DELETE /user/migrations/{migration_id}/archive"
    ],
    deleteArchiveForOrg: [
      "DELETE /orgs/{org}/migrations/{migration_id}/archive"
    ],
    downloadArchiveForOrg: [
      "GET /orgs/{org}/migrations/{migration_id}/archive"
    ],
    getArchiveForAuthenticatedUser: [
      "GET /user/migrations/{migration_id}/archive"
    ],
    getStatusForAuthenticatedUser: ["GET /user/migrations/{migration_id}"],
    getStatusForOrg: ["GET /orgs/{org}/migrations/{migration_id}"],
    listForAuthenticatedUser: ["GET /user/migrations"],
    listForOrg: ["GET /orgs/{org}/migrations"],
    listReposForAuthenticatedUser: [
      "GET /user/migrations/{migration_id}/repositories"
    ],
    listReposForOrg: ["GET /orgs/{org}/migrations/{migration_id}/repositories"],
    listReposForUser: [
      "GET /user/migrations/{migration_id}/repositories",
      {},
      { renamed: ["migrations", "listReposForAuthenticatedUser"] }
    ],
    startForAuthenticatedUser: ["POST /user/migrations"],
    startForOrg: ["POST /orgs/{org}/migrations"],
    unlockRepoForAuthenticatedUser: [
      "DELETE /user/migrations/{migration_id}/repos/{repo_name}/lock"
    ],
    unlockRepoForOrg: [
      "DELETE /orgs/{org}/migrations/{migration_id}/repos/{repo_name}/lock"
    ]
  },
  oidc: {
    getOidcCustomSubTemplateForOrg: [
      "GET /orgs/{org}/actions/oidc/customization/sub"
    ],
    updateOidcCustomSubTemplateForOrg: [
      "PUT /orgs/{org}/actions/oidc/customization/sub"
    ]
  },
  orgs: {
    addSecurityManagerTeam: [
      "PUT /orgs/{org}/security-managers/teams/{team_slug}",
      {},
      {
        deprecated: "octokit.rest.orgs.addSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#add-a-security-manager-team"
      }
    ],
    assignTeamToOrgRole: [
      "PUT /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
    ],
    assignUserToOrgRole: [
      "PUT /orgs/{org}/organization-roles/users/{username}/{role_id}"
    ],
    blockUser: ["PUT /orgs/{org}/blocks/{username}"],
    cancelInvitation: ["DELETE /orgs/{org}/invitations/{invitation_id}"],
    checkBlockedUser: ["GET /orgs/{org}/blocks/{username}"],
    checkMembershipForUser: ["GET /orgs/{org}/members/{username}"],
    checkPublicMembershipForUser: ["GET /orgs/{org}/public_members/{username}"],
    convertMemberToOutsideCollaborator: [
      "PUT /orgs/{org}/outside_collaborators/{username}"
    ],
    createArtifactStorageRecord: [
      "POST /orgs/{org}/artifacts/metadata/storage-record"
    ],
    createInvitation: ["POST /orgs/{org}/invitations"],
    createIssueType: ["POST /orgs/{org}/issue-types"],
    createWebhook: ["POST /orgs/{org}/hooks"],
    customPropertiesForOrgsCreateOrUpdateOrganizationValues: [
      "PATCH /organizations/{org}/org-properties/values"
    ],
    customPropertiesForOrgsGetOrganizationValues: [
      "GET /organizations/{org}/org-properties/values"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationDefinition: [
      "PUT /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationDefinitions: [
      "PATCH /orgs/{org}/properties/schema"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationValues: [
      "PATCH /orgs/{org}/properties/values"
    ],
    customPropertiesForReposDeleteOrganizationDefinition: [
      "DELETE /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposGetOrganizationDefinition: [
      "GET /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposGetOrganizationDefinitions: [
      "GET /orgs/{org}/properties/schema"
    ],
    customPropertiesForReposGetOrganizationValues: [
      "GET /orgs/{org}/properties/values"
    ],
    delete: ["DELETE /orgs/{org}"],
    deleteAttestationsBulk: ["POST /orgs/{org}/attestations/delete-request"],
    deleteAttestationsById: [
      "DELETE /orgs/{org}/attestations/{attestation_id}"
    ],
    deleteAttestationsBySubjectDigest: [
      "DELETE /orgs/{org}/attestations/digest/{subject_digest}"
    ],
    deleteIssueType: ["DELETE /orgs/{org}/issue-types/{issue_type_id}"],
    deleteWebhook: ["DELETE /orgs/{org}/hooks/{hook_id}"],
    disableSelectedRepositoryImmutableReleasesOrganization: [
      "DELETE /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
    ],
    enableSelectedRepositoryImmutableReleasesOrganization: [
      "PUT /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
    ],
    get: ["GET /orgs/{org}"],
    getImmutableReleasesSettings: [
      "GET /orgs/{org}/settings/immutable-releases"
    ],
    getImmutableReleasesSettingsRepositories: [
      "GET /orgs/{org}/settings/immutable-releases/repositories"
    ],
    getMembershipForAuthenticatedUser: ["GET /user/memberships/orgs/{org}"],
    getMembershipForUser: ["GET /orgs/{org}/memberships/{username}"],
    getOrgRole: ["GET /orgs/{org}/organization-roles/{role_id}"],
    getOrgRulesetHistory: ["GET /orgs/{org}/rulesets/{ruleset_id}/history"],
    getOrgRulesetVersion: [
      "GET /orgs/{org}/rulesets/{ruleset_id}/history/{version_id}"
    ],
    getWebhook: ["GET /orgs/{org}/hooks/{hook_id}"],
    getWebhookConfigForOrg: ["GET /orgs/{org}/hooks/{hook_id}/config"],
    getWebhookDelivery: [
      "GET /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}"
    ],
    list: ["GET /organizations"],
    listAppInstallations: ["GET /orgs/{org}/installations"],
    listArtifactStorageRecords: [
      "GET /orgs/{org}/artifacts/{subject_digest}/metadata/storage-records"
    ],
    listAttestationRepositories: ["GET /orgs/{org}/attestations/repositories"],
    listAttestations: ["GET /orgs/{org}/attestations/{subject_digest}"],
    listAttestationsBulk: [
      "POST /orgs/{org}/attestations/bulk-list{?per_page,before,after}"
    ],
    listBlockedUsers: ["GET /orgs/{org}/blocks"],
    listFailedInvitations: ["GET /orgs/{org}/failed_invitations"],
    listForAuthenticatedUser: ["GET /user/orgs"],
    listForUser: ["GET /users/{username}/orgs"],
    listInvitationTeams: ["GET /orgs/{org}/invitations/{invitation_id}/teams"],
    listIssueTypes: ["GET /orgs/{org}/issue-types"],
    listMembers: ["GET /orgs/{org}/members"],
    listMembershipsForAuthenticatedUser: ["GET /user/memberships/orgs"],
    listOrgRoleTeams: ["GET /orgs/{org}/organization-roles/{role_id}/teams"],
    listOrgRoleUsers: ["GET /orgs/{org}/organization-roles/{role_id}/users"],
    listOrgRoles: ["GET /orgs/{org}/organization-roles"],
    listOrganizationFineGrainedPermissions: [
      "GET /orgs/{org}/organization-fine-grained-permissions"
    ],
    listOutsideCollaborators: ["GET /orgs/{org}/outside_collaborators"],
    listPatGrantRepositories: [
      "GET /orgs/{org}/personal-access-tokens/{pat_id}/repositories"
    ],
    listPatGrantRequestRepositories: [
      "GET /orgs/{org}/personal-access-token-requests/{pat_request_id}/repositories"
    ],
    listPatGrantRequests: ["GET /orgs/{org}/personal-access-token-requests"],
    listPatGrants: ["GET /orgs/{org}/personal-access-tokens"],
    listPendingInvitations: ["GET /orgs/{org}/invitations"],
    listPublicMembers: ["GET /orgs/{org}/public_members"],
    listSecurityManagerTeams: [
      "GET /orgs/{org}/security-managers",
      {},
      {
        deprecated: "octokit.rest.orgs.listSecurityManagerTeams() is deprecated, see https://docs.github.com/rest/orgs/security-managers#list-security-manager-teams"
      }
    ],
    listWebhookDeliveries: ["GET /orgs/{org}/hooks/{hook_id}/deliveries"],
    listWebhooks: ["GET /orgs/{org}/hooks"],
    pingWebhook: ["POST /orgs/{org}/hooks/{hook_id}/pings"],
    redeliverWebhookDelivery: [
      "POST /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
    ],
    removeMember: ["DELETE /orgs/{org}/members/{username}"],
    removeMembershipForUser: ["DELETE /orgs/{org}/memberships/{username}"],
    removeOutsideCollaborator: [
      "DELETE /orgs/{org}/outside_collaborators/{username}"
    ],
    removePublicMembershipForAuthenticatedUser: [
      "DELETE /orgs/{org}/public_members/{username}"
    ],
    removeSecurityManagerTeam: [
      "DELETE /orgs/{org}/security-managers/teams/{team_slug}",
      {},
      {
        deprecated: "octokit.rest.orgs.removeSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#remove-a-security-manager-team"
      }
    ],
    reviewPatGrantRequest: [
      "POST /orgs/{org}/personal-access-token-requests/{pat_request_id}"
    ],
    reviewPatGrantRequestsInBulk: [
      "POST /orgs/{org}/personal-access-token-requests"
    ],
    revokeAllOrgRolesTeam: [
      "DELETE /orgs/{org}/organization-roles/teams/{team_slug}"
    ],
    revokeAllOrgRolesUser: [
      "DELETE /orgs/{org}/organization-roles/users/{username}"
    ],
    revokeOrgRoleTeam: [
      "DELETE /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
    ],
    revokeOrgRoleUser: [
      "DELETE /orgs/{org}/organization-roles/users/{username}/{role_id}"
    ],
    setImmutableReleasesSettings: [
      "PUT /orgs/{org}/settings/immutable-releases"
    ],
    setImmutableReleasesSettingsRepositories: [
      "PUT /orgs/{org}/settings/immutable-releases/repositories"
    ],
    setMembershipForUser: ["PUT /orgs/{org}/memberships/{username}"],
    setPublicMembershipForAuthenticatedUser: [
      "PUT /orgs/{org}/public_members/{username}"
    ],
    unblockUser: ["DELETE /orgs/{org}/blocks/{username}"],
    update: ["PATCH /orgs/{org}"],
    updateIssueType: ["PUT /orgs/{org}/issue-types/{issue_type_id}"],
    updateMembershipForAuthenticatedUser: [
      "PATCH /user/memberships/orgs/{org}"
    ],
    updatePatAccess: ["POST /orgs/{org}/personal-access-tokens/{pat_id}"],
    updatePatAccesses: ["POST /orgs/{org}/personal-access-tokens"],
    updateWebhook: ["PATCH /orgs/{org}/hooks/{hook_id}"],
    updateWebhookConfigForOrg: ["PATCH /orgs/{org}/hooks/{hook_id}/config"]
  },
  packages: {
    deletePackageForAuthenticatedUser: [
      "DELETE /user/packages/{package_type}/{package_name}"
    ],
    deletePackageForOrg: [
      "DELETE /orgs/{org}/packages/{package_type}/{package_name}"
    ],
    deletePackageForUser: [
      "DELETE /users/{username}/packages/{package_type}/{package_name}"
    ],
    deletePackageVersionForAuthenticatedUser: [
      "DELETE /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    deletePackageVersionForOrg: [
      "DELETE /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    deletePackageVersionForUser: [
      "DELETE /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getAllPackageVersionsForAPackageOwnedByAnOrg: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions",
      {},
      { renamed: ["packages", "getAllPackageVersionsForPackageOwnedByOrg"] }
    ],
    getAllPackageVersionsForAPackageOwnedByTheAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions",
      {},
      {
        renamed: [
          "packages",
          "getAllPackageVersionsForPackageOwnedByAuthenticatedUser"
        ]
      }
    ],
    getAllPackageVersionsForPackageOwnedByAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions"
    ],
    getAllPackageVersionsForPackageOwnedByOrg: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions"
    ],
    getAllPackageVersionsForPackageOwnedByUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}/versions"
    ],
    getPackageForAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}"
    ],
    getPackageForOrganization: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}"
    ],
    getPackageForUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}"
    ],
    getPackageVersionForAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getPackageVersionForOrganization: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getPackageVersionForUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    listDockerMigrationConflictingPackagesForAuthenticatedUser: [
      "GET /user/docker/conflicts"
    ],
    listDockerMigrationConflictingPackagesForOrganization: [
      "GET /orgs/{org}/docker/conflicts"
    ],
    listDockerMigrationConflictingPackagesForUser: [
      "GET /users/{username}/docker/conflicts"
    ],
    listPackagesForAuthenticatedUser: ["GET /user/packages"],
    listPackagesForOrganization: ["GET /orgs/{org}/packages"],
    listPackagesForUser: ["GET /users/{username}/packages"],
    restorePackageForAuthenticatedUser: [
      "POST /user/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageForOrg: [
      "POST /orgs/{org}/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageForUser: [
      "POST /users/{username}/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageVersionForAuthenticatedUser: [
      "POST /user/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ],
    restorePackageVersionForOrg: [
      "POST /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ],
    restorePackageVersionForUser: [
      "POST /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ]
  },
  privateRegistries: {
    createOrgPrivateRegistry: ["POST /orgs/{org}/private-registries"],
    deleteOrgPrivateRegistry: [
      "DELETE /orgs/{org}/private-registries/{secret_name}"
    ],
    getOrgPrivateRegistry: ["GET /orgs/{org}/private-registries/{secret_name}"],
    getOrgPublicKey: ["GET /orgs/{org}/private-registries/public-key"],
    listOrgPrivateRegistries: ["GET /orgs/{org}/private-registries"],
    updateOrgPrivateRegistry: [
      "PATCH /orgs/{org}/private-registries/{secret_name}"
    ]
  },
  projects: {
    addItemForOrg: ["POST /orgs/{org}/projectsV2/{project_number}/items"],
    addItemForUser: [
      "POST /users/{username}/projectsV2/{project_number}/items"
    ],
    deleteItemForOrg: [
      "DELETE /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
    ],
    deleteItemForUser: [
      "DELETE /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ],
    getFieldForOrg: [
      "GET /orgs/{org}/projectsV2/{project_number}/fields/{field_id}"
    ],
    getFieldForUser: [
      "GET /users/{username}/projectsV2/{project_number}/fields/{field_id}"
    ],
    getForOrg: ["GET /orgs/{org}/projectsV2/{project_number}"],
    getForUser: ["GET /users/{username}/projectsV2/{project_number}"],
    getOrgItem: ["GET /orgs/{org}/projectsV2/{project_number}/items/{item_id}"],
    getUserItem: [
      "GET /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ],
    listFieldsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/fields"],
    listFieldsForUser: [
      "GET /users/{username}/projectsV2/{project_number}/fields"
    ],
    listForOrg: ["GET /orgs/{org}/projectsV2"],
    listForUser: ["GET /users/{username}/projectsV2"],
    listItemsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/items"],
    listItemsForUser: [
      "GET /users/{username}/projectsV2/{project_number}/items"
    ],
    updateItemForOrg: [
      "PATCH /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
    ],
    updateItemForUser: [
      "PATCH /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ]
  },
  pulls: {
    checkIfMerged: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
    create: ["POST /repos/{owner}/{repo}/pulls"],
    createReplyForReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies"
    ],
    createReview: ["POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
    createReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments"
    ],
    deletePendingReview: [
      "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    deleteReviewComment: [
      "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}"
    ],
    dismissReview: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals"
    ],
    get: ["GET /repos/{owner}/{repo}/pulls/{pull_number}"],
    getReview: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    getReviewComment: ["GET /repos/{owner}/{repo}/pulls/comments/{comment_id}"],
    list: ["GET /repos/{owner}/{repo}/pulls"],
    listCommentsForReview: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments"
    ],
    listCommits: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/commits"],
    listFiles: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/files"],
    listRequestedReviewers: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    listReviewComments: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments"
    ],
    listReviewCommentsForRepo: ["GET /repos/{owner}/{repo}/pulls/comments"],
    listReviews: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
    merge: ["PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
    removeRequestedReviewers: [
      "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    requestReviewers: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    submitReview: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events"
    ],
    update: ["PATCH /repos/{owner}/{repo}/pulls/{pull_number}"],
    updateBranch: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch"
    ],
    updateReview: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    updateReviewComment: [
      "PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}"
    ]
  },
  rateLimit: { get: ["GET /rate_limit"] },
  reactions: {
    createForCommitComment: [
      "POST /repos/{owner}/{repo}/comments/{comment_id}/reactions"
    ],
    createForIssue: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions"
    ],
    createForIssueComment: [
      "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
    ],
    createForPullRequestReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
    ],
    createForRelease: [
      "POST /repos/{owner}/{repo}/releases/{release_id}/reactions"
    ],
    createForTeamDiscussionCommentInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
    ],
    createForTeamDiscussionInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
    ],
    deleteForCommitComment: [
      "DELETE /repos/{owner}/{repo}/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForIssue: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/reactions/{reaction_id}"
    ],
    deleteForIssueComment: [
      "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForPullRequestComment: [
      "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForRelease: [
      "DELETE /repos/{owner}/{repo}/releases/{release_id}/reactions/{reaction_id}"
    ],
    deleteForTeamDiscussion: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions/{reaction_id}"
    ],
    deleteForTeamDiscussionComment: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions/{reaction_id}"
    ],
    listForCommitComment: [
      "GET /repos/{owner}/{repo}/comments/{comment_id}/reactions"
    ],
    listForIssue: ["GET /repos/{owner}/{repo}/issues/{issue_number}/reactions"],
    listForIssueComment: [
      "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
    ],
    listForPullRequestReviewComment: [
      "GET /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
    ],
    listForRelease: [
      "GET /repos/{owner}/{repo}/releases/{release_id}/reactions"
    ],
    listForTeamDiscussionCommentInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
    ],
    listForTeamDiscussionInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
    ]
  },
  repos: {
    acceptInvitation: [
      "PATCH /user/repository_invitations/{invitation_id}",
      {},
      { renamed: ["repos", "acceptInvitationForAuthenticatedUser"] }
    ],
    acceptInvitationForAuthenticatedUser: [
      "PATCH /user/repository_invitations/{invitation_id}"
    ],
    addAppAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    addCollaborator: ["PUT /repos/{owner}/{repo}/collaborators/{username}"],
    addStatusCheckContexts: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    addTeamAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    addUserAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    cancelPagesDeployment: [
      "POST /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}/cancel"
    ],
    checkAutomatedSecurityFixes: [
      "GET /repos/{owner}/{repo}/automated-security-fixes"
    ],
    checkCollaborator: ["GET /repos/{owner}/{repo}/collaborators/{username}"],
    checkImmutableReleases: ["GET /repos/{owner}/{repo}/immutable-releases"],
    checkPrivateVulnerabilityReporting: [
      "GET /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    checkVulnerabilityAlerts: [
      "GET /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    codeownersErrors: ["GET /repos/{owner}/{repo}/codeowners/errors"],
    compareCommits: ["GET /repos/{owner}/{repo}/compare/{base}...{head}"],
    compareCommitsWithBasehead: [
      "GET /repos/{owner}/{repo}/compare/{basehead}"
    ],
    createAttestation: ["POST /repos/{owner}/{repo}/attestations"],
    createAutolink: ["POST /repos/{owner}/{repo}/autolinks"],
    createCommitComment: [
      "POST /repos/{owner}/{repo}/commits/{commit_sha}/comments"
    ],
    createCommitSignatureProtection: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    createCommitStatus: ["POST /repos/{owner}/{repo}/statuses/{sha}"],
    createDeployKey: ["POST /repos/{owner}/{repo}/keys"],
    createDeployment: ["POST /repos/{owner}/{repo}/deployments"],
    createDeploymentBranchPolicy: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
    ],
    createDeploymentProtectionRule: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
    ],
    createDeploymentStatus: [
      "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
    ],
    createDispatchEvent: ["POST /repos/{owner}/{repo}/dispatches"],
    createForAuthenticatedUser: ["POST /user/repos"],
    createFork: ["POST /repos/{owner}/{repo}/forks"],
    createInOrg: ["POST /orgs/{org}/repos"],
    createOrUpdateEnvironment: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    createOrUpdateFileContents: ["PUT /repos/{owner}/{repo}/contents/{path}"],
    createOrgRuleset: ["POST /orgs/{org}/rulesets"],
    createPagesDeployment: ["POST /repos/{owner}/{repo}/pages/deployments"],
    createPagesSite: ["POST /repos/{owner}/{repo}/pages"],
    createRelease: ["POST /repos/{owner}/{repo}/releases"],
    createRepoRuleset: ["POST /repos/{owner}/{repo}/rulesets"],
    createUsingTemplate: [
      "POST /repos/{template_owner}/{template_repo}/generate"
    ],
    createWebhook: ["POST /repos/{owner}/{repo}/hooks"],
    customPropertiesForReposCreateOrUpdateRepositoryValues: [
      "PATCH /repos/{owner}/{repo}/properties/values"
    ],
    customPropertiesForReposGetRepositoryValues: [
      "GET /repos/{owner}/{repo}/properties/values"
    ],
    declineInvitation: [
      "DELETE /user/repository_invitations/{invitation_id}",
      {},
      { renamed: ["repos", "declineInvitationForAuthenticatedUser"] }
    ],
    declineInvitationForAuthenticatedUser: [
      "DELETE /user/repository_invitations/{invitation_id}"
    ],
    delete: ["DELETE /repos/{owner}/{repo}"],
    deleteAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
    ],
    deleteAdminBranchProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    deleteAnEnvironment: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    deleteAutolink: ["DELETE /repos/{owner}/{repo}/autolinks/{autolink_id}"],
    deleteBranchProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    deleteCommitComment: ["DELETE /repos/{owner}/{repo}/comments/{comment_id}"],
    deleteCommitSignatureProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    deleteDeployKey: ["DELETE /repos/{owner}/{repo}/keys/{key_id}"],
    deleteDeployment: [
      "DELETE /repos/{owner}/{repo}/deployments/{deployment_id}"
    ],
    deleteDeploymentBranchPolicy: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    deleteFile: ["DELETE /repos/{owner}/{repo}/contents/{path}"],
    deleteInvitation: [
      "DELETE /repos/{owner}/{repo}/invitations/{invitation_id}"
    ],
    deleteOrgRuleset: ["DELETE /orgs/{org}/rulesets/{ruleset_id}"],
    deletePagesSite: ["DELETE /repos/{owner}/{repo}/pages"],
    deletePullRequestReviewProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    deleteRelease: ["DELETE /repos/{owner}/{repo}/releases/{release_id}"],
    deleteReleaseAsset: [
      "DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}"
    ],
    deleteRepoRuleset: ["DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    deleteWebhook: ["DELETE /repos/{owner}/{repo}/hooks/{hook_id}"],
    disableAutomatedSecurityFixes: [
      "DELETE /repos/{owner}/{repo}/automated-security-fixes"
    ],
    disableDeploymentProtectionRule: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
    ],
    disableImmutableReleases: [
      "DELETE /repos/{owner}/{repo}/immutable-releases"
    ],
    disablePrivateVulnerabilityReporting: [
      "DELETE /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    disableVulnerabilityAlerts: [
      "DELETE /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    downloadArchive: [
      "GET /repos/{owner}/{repo}/zipball/{ref}",
      {},
      { renamed: ["repos", "downloadZipballArchive"] }
    ],
    downloadTarballArchive: ["GET /repos/{owner}/{repo}/tarball/{ref}"],
    downloadZipballArchive: ["GET /repos/{owner}/{repo}/zipball/{ref}"],
    enableAutomatedSecurityFixes: [
      "PUT /repos/{owner}/{repo}/automated-security-fixes"
    ],
    enableImmutableReleases: ["PUT /repos/{owner}/{repo}/immutable-releases"],
    enablePrivateVulnerabilityReporting: [
      "PUT /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    enableVulnerabilityAlerts: [
      "PUT /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    generateReleaseNotes: [
      "POST /repos/{owner}/{repo}/releases/generate-notes"
    ],
    get: ["GET /repos/{owner}/{repo}"],
    getAccessRestrictions: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
    ],
    getAdminBranchProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    getAllDeploymentProtectionRules: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
    ],
    getAllEnvironments: ["GET /repos/{owner}/{repo}/environments"],
    getAllStatusCheckContexts: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts"
    ],
    getAllTopics: ["GET /repos/{owner}/{repo}/topics"],
    getAppsWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps"
    ],
    getAutolink: ["GET /repos/{owner}/{repo}/autolinks/{autolink_id}"],
    getBranch: ["GET /repos/{owner}/{repo}/branches/{branch}"],
    getBranchProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    getBranchRules: ["GET /repos/{owner}/{repo}/rules/branches/{branch}"],
    getClones: ["GET /repos/{owner}/{repo}/traffic/clones"],
    getCodeFrequencyStats: ["GET /repos/{owner}/{repo}/stats/code_frequency"],
    getCollaboratorPermissionLevel: [
      "GET /repos/{owner}/{repo}/collaborators/{username}/permission"
    ],
    getCombinedStatusForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/status"],
    getCommit: ["GET /repos/{owner}/{repo}/commits/{ref}"],
    getCommitActivityStats: ["GET /repos/{owner}/{repo}/stats/commit_activity"],
    getCommitComment: ["GET /repos/{owner}/{repo}/comments/{comment_id}"],
    getCommitSignatureProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    getCommunityProfileMetrics: ["GET /repos/{owner}/{repo}/community/profile"],
    getContent: ["GET /repos/{owner}/{repo}/contents/{path}"],
    getContributorsStats: ["GET /repos/{owner}/{repo}/stats/contributors"],
    getCustomDeploymentProtectionRule: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
    ],
    getDeployKey: ["GET /repos/{owner}/{repo}/keys/{key_id}"],
    getDeployment: ["GET /repos/{owner}/{repo}/deployments/{deployment_id}"],
    getDeploymentBranchPolicy: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    getDeploymentStatus: [
      "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}"
    ],
    getEnvironment: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    getLatestPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/latest"],
    getLatestRelease: ["GET /repos/{owner}/{repo}/releases/latest"],
    getOrgRuleSuite: ["GET /orgs/{org}/rulesets/rule-suites/{rule_suite_id}"],
    getOrgRuleSuites: ["GET /orgs/{org}/rulesets/rule-suites"],
    getOrgRuleset: ["GET /orgs/{org}/rulesets/{ruleset_id}"],
    getOrgRulesets: ["GET /orgs/{org}/rulesets"],
    getPages: ["GET /repos/{owner}/{repo}/pages"],
    getPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/{build_id}"],
    getPagesDeployment: [
      "GET /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}"
    ],
    getPagesHealthCheck: ["GET /repos/{owner}/{repo}/pages/health"],
    getParticipationStats: ["GET /repos/{owner}/{repo}/stats/participation"],
    getPullRequestReviewProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    getPunchCardStats: ["GET /repos/{owner}/{repo}/stats/punch_card"],
    getReadme: ["GET /repos/{owner}/{repo}/readme"],
    getReadmeInDirectory: ["GET /repos/{owner}/{repo}/readme/{dir}"],
    getRelease: ["GET /repos/{owner}/{repo}/releases/{release_id}"],
    getReleaseAsset: ["GET /repos/{owner}/{repo}/releases/assets/{asset_id}"],
    getReleaseByTag: ["GET /repos/{owner}/{repo}/releases/tags/{tag}"],
    getRepoRuleSuite: [
      "GET /repos/{owner}/{repo}/rulesets/rule-suites/{rule_suite_id}"
    ],
    getRepoRuleSuites: ["GET /repos/{owner}/{repo}/rulesets/rule-suites"],
    getRepoRuleset: ["GET /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    getRepoRulesetHistory: [
      "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history"
    ],
    getRepoRulesetVersion: [
      "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history/{version_id}"
    ],
    getRepoRulesets: ["GET /repos/{owner}/{repo}/rulesets"],
    getStatusChecksProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    getTeamsWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams"
    ],
    getTopPaths: ["GET /repos/{owner}/{repo}/traffic/popular/paths"],
    getTopReferrers: ["GET /repos/{owner}/{repo}/traffic/popular/referrers"],
    getUsersWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users"
    ],
    getViews: ["GET /repos/{owner}/{repo}/traffic/views"],
    getWebhook: ["GET /repos/{owner}/{repo}/hooks/{hook_id}"],
    getWebhookConfigForRepo: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/config"
    ],
    getWebhookDelivery: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}"
    ],
    listActivities: ["GET /repos/{owner}/{repo}/activity"],
    listAttestations: [
      "GET /repos/{owner}/{repo}/attestations/{subject_digest}"
    ],
    listAutolinks: ["GET /repos/{owner}/{repo}/autolinks"],
    listBranches: ["GET /repos/{owner}/{repo}/branches"],
    listBranchesForHeadCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/branches-where-head"
    ],
    listCollaborators: ["GET /repos/{owner}/{repo}/collaborators"],
    listCommentsForCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/comments"
    ],
    listCommitCommentsForRepo: ["GET /repos/{owner}/{repo}/comments"],
    listCommitStatusesForRef: [
      "GET /repos/{owner}/{repo}/commits/{ref}/statuses"
    ],
    listCommits: ["GET /repos/{owner}/{repo}/commits"],
    listContributors: ["GET /repos/{owner}/{repo}/contributors"],
    listCustomDeploymentRuleIntegrations: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/apps"
    ],
    listDeployKeys: ["GET /repos/{owner}/{repo}/keys"],
    listDeploymentBranchPolicies: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
    ],
    listDeploymentStatuses: [
      "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
    ],
    listDeployments: ["GET /repos/{owner}/{repo}/deployments"],
    listForAuthenticatedUser: ["GET /user/repos"],
    listForOrg: ["GET /orgs/{org}/repos"],
    listForUser: ["GET /users/{username}/repos"],
    listForks: ["GET /repos/{owner}/{repo}/forks"],
    listInvitations: ["GET /repos/{owner}/{repo}/invitations"],
    listInvitationsForAuthenticatedUser: ["GET /user/repository_invitations"],
    listLanguages: ["GET /repos/{owner}/{repo}/languages"],
    listPagesBuilds: ["GET /repos/{owner}/{repo}/pages/builds"],
    listPublic: ["GET /repositories"],
    listPullRequestsAssociatedWithCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls"
    ],
    listReleaseAssets: [
      "GET /repos/{owner}/{repo}/releases/{release_id}/assets"
    ],
    listReleases: ["GET /repos/{owner}/{repo}/releases"],
    listTags: ["GET /repos/{owner}/{repo}/tags"],
    listTeams: ["GET /repos/{owner}/{repo}/teams"],
    listWebhookDeliveries: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries"
    ],
    listWebhooks: ["GET /repos/{owner}/{repo}/hooks"],
    merge: ["POST /repos/{owner}/{repo}/merges"],
    mergeUpstream: ["POST /repos/{owner}/{repo}/merge-upstream"],
    pingWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/pings"],
    redeliverWebhookDelivery: [
      "POST /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
    ],
    removeAppAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    removeCollaborator: [
      "DELETE /repos/{owner}/{repo}/collaborators/{username}"
    ],
    removeStatusCheckContexts: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    removeStatusCheckProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    removeTeamAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    removeUserAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    renameBranch: ["POST /repos/{owner}/{repo}/branches/{branch}/rename"],
    replaceAllTopics: ["PUT /repos/{owner}/{repo}/topics"],
    requestPagesBuild: ["POST /repos/{owner}/{repo}/pages/builds"],
    setAdminBranchProtection: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    setAppAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    setStatusCheckContexts: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    setTeamAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    setUserAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    testPushWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/tests"],
    transfer: ["POST /repos/{owner}/{repo}/transfer"],
    update: ["PATCH /repos/{owner}/{repo}"],
    updateBranchProtection: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    updateCommitComment: ["PATCH /repos/{owner}/{repo}/comments/{comment_id}"],
    updateDeploymentBranchPolicy: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    updateInformationAboutPagesSite: ["PUT /repos/{owner}/{repo}/pages"],
    updateInvitation: [
      "PATCH /repos/{owner}/{repo}/invitations/{invitation_id}"
    ],
    updateOrgRuleset: ["PUT /orgs/{org}/rulesets/{ruleset_id}"],
    updatePullRequestReviewProtection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    updateRelease: ["PATCH /repos/{owner}/{repo}/releases/{release_id}"],
    updateReleaseAsset: [
      "PATCH /repos/{owner}/{repo}/releases/assets/{asset_id}"
    ],
    updateRepoRuleset: ["PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    updateStatusCheckPotection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks",
      {},
      { renamed: ["repos", "updateStatusCheckProtection"] }
    ],
    updateStatusCheckProtection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    updateWebhook: ["PATCH /repos/{owner}/{repo}/hooks/{hook_id}"],
    updateWebhookConfigForRepo: [
      "PATCH /repos/{owner}/{repo}/hooks/{hook_id}/config"
    ],
    uploadReleaseAsset: [
      "POST /repos/{owner}/{repo}/releases/{release_id}/assets{?name,label}",
      { baseUrl: "https://uploads.github.com" }
    ]
  },
  search: {
    code: ["GET /search/code"],
    commits: ["GET /search/commits"],
    issuesAndPullRequests: ["GET /search/issues"],
    labels: ["GET /search/labels"],
    repos: ["GET /search/repositories"],
    topics: ["GET /search/topics"],
    users: ["GET /search/users"]
  },
  secretScanning: {
    createPushProtectionBypass: [
      "POST /repos/{owner}/{repo}/secret-scanning/push-protection-bypasses"
    ],
    getAlert: [
      "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
    ],
    getScanHistory: ["GET /repos/{owner}/{repo}/secret-scanning/scan-history"],
    listAlertsForOrg: ["GET /orgs/{org}/secret-scanning/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/secret-scanning/alerts"],
    listLocationsForAlert: [
      "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}/locations"
    ],
    listOrgPatternConfigs: [
      "GET /orgs/{org}/secret-scanning/pattern-configurations"
    ],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
    ],
    updateOrgPatternConfigs: [
      "PATCH /orgs/{org}/secret-scanning/pattern-configurations"
    ]
  },
  securityAdvisories: {
    createFork: [
      "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/forks"
    ],
    createPrivateVulnerabilityReport: [
      "POST /repos/{owner}/{repo}/security-advisories/reports"
    ],
    createRepositoryAdvisory: [
      "POST /repos/{owner}/{repo}/security-advisories"
    ],
    createRepositoryAdvisoryCveRequest: [
      "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/cve"
    ],
    getGlobalAdvisory: ["GET /advisories/{ghsa_id}"],
    getRepositoryAdvisory: [
      "GET /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
    ],
    listGlobalAdvisories: ["GET /advisories"],
    listOrgRepositoryAdvisories: ["GET /orgs/{org}/security-advisories"],
    listRepositoryAdvisories: ["GET /repos/{owner}/{repo}/security-advisories"],
    updateRepositoryAdvisory: [
      "PATCH /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
    ]
  },
  teams: {
    addOrUpdateMembershipForUserInOrg: [
      "PUT /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    addOrUpdateRepoPermissionsInOrg: [
      "PUT /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    checkPermissionsForRepoInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    create: ["POST /orgs/{org}/teams"],
    createDiscussionCommentInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
    ],
    createDiscussionInOrg: ["POST /orgs/{org}/teams/{team_slug}/discussions"],
    deleteDiscussionCommentInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    deleteDiscussionInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    deleteInOrg: ["DELETE /orgs/{org}/teams/{team_slug}"],
    getByName: ["GET /orgs/{org}/teams/{team_slug}"],
    getDiscussionCommentInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    getDiscussionInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    getMembershipForUserInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    list: ["GET /orgs/{org}/teams"],
    listChildInOrg: ["GET /orgs/{org}/teams/{team_slug}/teams"],
    listDiscussionCommentsInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
    ],
    listDiscussionsInOrg: ["GET /orgs/{org}/teams/{team_slug}/discussions"],
    listForAuthenticatedUser: ["GET /user/teams"],
    listMembersInOrg: ["GET /orgs/{org}/teams/{team_slug}/members"],
    listPendingInvitationsInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/invitations"
    ],
    listReposInOrg: ["GET /orgs/{org}/teams/{team_slug}/repos"],
    removeMembershipForUserInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    removeRepoInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    updateDiscussionCommentInOrg: [
      "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    updateDiscussionInOrg: [
      "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    updateInOrg: ["PATCH /orgs/{org}/teams/{team_slug}"]
  },
  users: {
    addEmailForAuthenticated: [
      "POST /user/emails",
      {},
      { renamed: ["users", "addEmailForAuthenticatedUser"] }
    ],
    addEmailForAuthenticatedUser: ["POST /user/emails"],
    addSocialAccountForAuthenticatedUser: ["POST /user/social_accounts"],
    block: ["PUT /user/blocks/{username}"],
    checkBlocked: ["GET /user/blocks/{username}"],
    checkFollowingForUser: ["GET /users/{username}/following/{target_user}"],
    checkPersonIsFollowedByAuthenticated: ["GET /user/following/{username}"],
    createGpgKeyForAuthenticated: [
      "POST /user/gpg_keys",
      {},
      { renamed: ["users", "createGpgKeyForAuthenticatedUser"] }
    ],
    createGpgKeyForAuthenticatedUser: ["POST /user/gpg_keys"],
    createPublicSshKeyForAuthenticated: [
      "POST /user/keys",
      {},
      { renamed: ["users", "createPublicSshKeyForAuthenticatedUser"] }
    ],
    createPublicSshKeyForAuthenticatedUser: ["POST /user/keys"],
    createSshSigningKeyForAuthenticatedUser: ["POST /user/ssh_signing_keys"],
    deleteAttestationsBulk: [
      "POST /users/{username}/attestations/delete-request"
    ],
    deleteAttestationsById: [
      "DELETE /users/{username}/attestations/{attestation_id}"
    ],
    deleteAttestationsBySubjectDigest: [
      "DELETE /users/{username}/attestations/digest/{subject_digest}"
    ],
    deleteEmailForAuthenticated: [
      "DELETE /user/emails",
      {},
      { renamed: ["users", "deleteEmailForAuthenticatedUser"] }
    ],
    deleteEmailForAuthenticatedUser: ["DELETE /user/emails"],
    deleteGpgKeyForAuthenticated: [
      "DELETE /user/gpg_keys/{gpg_key_id}",
      {},
      { renamed: ["users", "deleteGpgKeyForAuthenticatedUser"] }
    ],
    deleteGpgKeyForAuthenticatedUser: ["DELETE /user/gpg_keys/{gpg_key_id}"],
    deletePublicSshKeyForAuthenticated: [
      "DELETE /user/keys/{key_id}",
      {},
      { renamed: ["users", "deletePublicSshKeyForAuthenticatedUser"] }
    ],
    deletePublicSshKeyForAuthenticatedUser: ["DELETE /user/keys/{key_id}"],
    deleteSocialAccountForAuthenticatedUser: ["DELETE /user/social_accounts"],
    deleteSshSigningKeyForAuthenticatedUser: [
      "DELETE /user/ssh_signing_keys/{ssh_signing_key_id}"
    ],
    follow: ["PUT /user/following/{username}"],
    getAuthenticated: ["GET /user"],
    getById: ["GET /user/{account_id}"],
    getByUsername: ["GET /users/{username}"],
    getContextForUser: ["GET /users/{username}/hovercard"],
    getGpgKeyForAuthenticated: [
      "GET /user/gpg_keys/{gpg_key_id}",
      {},
      { renamed: ["users", "getGpgKeyForAuthenticatedUser"] }
    ],
    getGpgKeyForAuthenticatedUser: ["GET /user/gpg_keys/{gpg_key_id}"],
    getPublicSshKeyForAuthenticated: [
      "GET /user/keys/{key_id}",
      {},
      { renamed: ["users", "getPublicSshKeyForAuthenticatedUser"] }
    ],
    getPublicSshKeyForAuthenticatedUser: ["GET /user/keys/{key_id}"],
    getSshSigningKeyForAuthenticatedUser: [
      "GET /user/ssh_signing_keys/{ssh_signing_key_id}"
    ],
    list: ["GET /users"],
    listAttestations: ["GET /users/{username}/attestations/{subject_digest}"],
    listAttestationsBulk: [
      "POST /users/{username}/attestations/bulk-list{?per_page,before,after}"
    ],
    listBlockedByAuthenticated: [
      "GET /user/blocks",
      {},
      { renamed: ["users", "listBlockedByAuthenticatedUser"] }
    ],
    listBlockedByAuthenticatedUser: ["GET /user/blocks"],
    listEmailsForAuthenticated: [
      "GET /user/emails",
      {},
      { renamed: ["users", "listEmailsForAuthenticatedUser"] }
    ],
    listEmailsForAuthenticatedUser: ["GET /user/emails"],
    listFollowedByAuthenticated: [
      "GET /user/following",
      {},
      { renamed: ["users", "listFollowedByAuthenticatedUser"] }
    ],
    listFollowedByAuthenticatedUser: ["GET /user/following"],
    listFollowersForAuthenticatedUser: ["GET /user/followers"],
    listFollowersForUser: ["GET /users/{username}/followers"],
    listFollowingForUser: ["GET /users/{username}/following"],
    listGpgKeysForAuthenticated: [
      "GET /user/gpg_keys",
      {},
      { renamed: ["users", "listGpgKeysForAuthenticatedUser"] }
    ],
    listGpgKeysForAuthenticatedUser: ["GET /user/gpg_keys"],
    listGpgKeysForUser: ["GET /users/{username}/gpg_keys"],
    listPublicEmailsForAuthenticated: [
      "GET /user/public_emails",
      {},
      { renamed: ["users", "listPublicEmailsForAuthenticatedUser"] }
    ],
    listPublicEmailsForAuthenticatedUser: ["GET /user/public_emails"],
    listPublicKeysForUser: ["GET /users/{username}/keys"],
    listPublicSshKeysForAuthenticated: [
      "GET /user/keys",
      {},
      { renamed: ["users", "listPublicSshKeysForAuthenticatedUser"] }
    ],
    listPublicSshKeysForAuthenticatedUser: ["GET /user/keys"],
    listSocialAccountsForAuthenticatedUser: ["GET /user/social_accounts"],
    listSocialAccountsForUser: ["GET /users/{username}/social_accounts"],
    listSshSigningKeysForAuthenticatedUser: ["GET /user/ssh_signing_keys"],
    listSshSigningKeysForUser: ["GET /users/{username}/ssh_signing_keys"],
    setPrimaryEmailVisibilityForAuthenticated: [
      "PATCH /user/email/visibility",
      {},
      { renamed: ["users", "setPrimaryEmailVisibilityForAuthenticatedUser"] }
    ],
    setPrimaryEmailVisibilityForAuthenticatedUser: [
      "PATCH /user/email/visibility"
    ],
    unblock: ["DELETE /user/blocks/{username}"],
    unfollow: ["DELETE /user/following/{username}"],
    updateAuthenticated: ["PATCH /user"]
  }
};
var endpoints_default = Endpoints;

//# sourceMappingURL=endpoints.js.map

;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/endpoints-to-methods.js

const endpointMethodsMap = /* @__PURE__ */ new Map();
for (const [scope, endpoints] of Object.entries(endpoints_default)) {
  for (const [methodName, endpoint] of Object.entries(endpoints)) {
    const [route, defaults, decorations] = endpoint;
    const [method, url] = route.split(/ /);
    const endpointDefaults = Object.assign(
      {
        method,
        url
      },
      defaults
    );
    if (!endpointMethodsMap.has(scope)) {
      endpointMethodsMap.set(scope, /* @__PURE__ */ new Map());
    }
    endpointMethodsMap.get(scope).set(methodName, {
      scope,
      methodName,
      endpointDefaults,
      decorations
    });
  }
}
const handler = {
  has({ scope }, methodName) {
    return endpointMethodsMap.get(scope).has(methodName);
  },
  getOwnPropertyDescriptor(target, methodName) {
    return {
      value: this.get(target, methodName),
      // ensures method is in the cache
      configurable: true,
      writable: true,
      enumerable: true
    };
  },
  defineProperty(target, methodName, descriptor) {
    Object.defineProperty(target.cache, methodName, descriptor);
    return true;
  },
  deleteProperty(target, methodName) {
    delete target.cache[methodName];
    return true;
  },
  ownKeys({ scope }) {
    return [...endpointMethodsMap.get(scope).keys()];
  },
  set(target, methodName, value) {
    return target.cache[methodName] = value;
  },
  get({ octokit, scope, cache }, methodName) {
    if (cache[methodName]) {
      return cache[methodName];
    }
    const method = endpointMethodsMap.get(scope).get(methodName);
    if (!method) {
      return void 0;
    }
    const { endpointDefaults, decorations } = method;
    if (decorations) {
      cache[methodName] = decorate(
        octokit,
        scope,
        methodName,
        endpointDefaults,
        decorations
      );
    } else {
      cache[methodName] = octokit.request.defaults(endpointDefaults);
    }
    return cache[methodName];
  }
};
function endpointsToMethods(octokit) {
  const newMethods = {};
  for (const scope of endpointMethodsMap.keys()) {
    newMethods[scope] = new Proxy({ octokit, scope, cache: {} }, handler);
  }
  return newMethods;
}
function decorate(octokit, scope, methodName, defaults, decorations) {
  const requestWithDefaults = octokit.request.defaults(defaults);
  function withDecorations(...args) {
    let options = requestWithDefaults.endpoint.merge(...args);
    if (decorations.mapToData) {
      options = Object.assign({}, options, {
        data: options[decorations.mapToData],
        [decorations.mapToData]: void 0
      });
      return requestWithDefaults(options);
    }
    if (decorations.renamed) {
      const [newScope, newMethodName] = decorations.renamed;
      octokit.log.warn(
        `octokit.${scope}.${methodName}() has been renamed to octokit.${newScope}.${newMethodName}()`
      );
    }
    if (decorations.deprecated) {
      octokit.log.warn(decorations.deprecated);
    }
    if (decorations.renamedParameters) {
      const options2 = requestWithDefaults.endpoint.merge(...args);
      for (const [name, alias] of Object.entries(
        decorations.renamedParameters
      )) {
        if (name in options2) {
          octokit.log.warn(
            `"${name}" parameter is deprecated for "octokit.${scope}.${methodName}()". Use "${alias}" instead`
          );
          if (!(alias in options2)) {
            options2[alias] = options2[name];
          }
          delete options2[name];
        }
      }
      return requestWithDefaults(options2);
    }
    return requestWithDefaults(...args);
  }
  return Object.assign(withDecorations, requestWithDefaults);
}

//# sourceMappingURL=endpoints-to-methods.js.map

;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/index.js


function restEndpointMethods(octokit) {
  const api = endpointsToMethods(octokit);
  return {
    rest: api
  };
}
restEndpointMethods.VERSION = plugin_rest_endpoint_methods_dist_src_version_VERSION;
function legacyRestEndpointMethods(octokit) {
  const api = endpointsToMethods(octokit);
  return {
    ...api,
    rest: api
  };
}
legacyRestEndpointMethods.VERSION = plugin_rest_endpoint_methods_dist_src_version_VERSION;

//# sourceMappingURL=index.js.map

;// CONCATENATED MODULE: ./node_modules/@octokit/rest/dist-src/version.js
const rest_dist_src_version_VERSION = "22.0.1";


;// CONCATENATED MODULE: ./node_modules/@octokit/rest/dist-src/index.js





const dist_src_Octokit = Octokit.plugin(requestLog, legacyRestEndpointMethods, paginateRest).defaults(
  {
    userAgent: `octokit-rest.js/${rest_dist_src_version_VERSION}`
  }
);


// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __nccwpck_require__(63251);
;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
// pkg/dist-src/version.js
var plugin_retry_dist_bundle_VERSION = "0.0.0-development";

// pkg/dist-src/error-request.js
function isRequestError(error) {
  return error.request !== void 0;
}
async function errorRequest(state, octokit, error, options) {
  if (!isRequestError(error) || !error?.request.request) {
    throw error;
  }
  if (error.status >= 400 && !state.doNotRetry.includes(error.status)) {
    const retries = options.request.retries != null ? options.request.retries : state.retries;
    const retryAfter = Math.pow((options.request.retryCount || 0) + 1, 2);
    throw octokit.retry.retryRequest(error, retries, retryAfter);
  }
  throw error;
}

// pkg/dist-src/wrap-request.js


async function wrapRequest(state, octokit, request, options) {
  const limiter = new light();
  limiter.on("failed", function(error, info) {
    const maxRetries = ~~error.request.request?.retries;
    const after = ~~error.request.request?.retryAfter;
    options.request.retryCount = info.retryCount + 1;
    if (maxRetries > info.retryCount) {
      return after * state.retryAfterBaseValue;
    }
  });
  return limiter.schedule(
    requestWithGraphqlErrorHandling.bind(null, state, octokit, request),
    options
  );
}
async function requestWithGraphqlErrorHandling(state, octokit, request, options) {
  const response = await request(options);
  if (response.data && response.data.errors && response.data.errors.length > 0 && /Something went wrong while executing your query/.test(
    response.data.errors[0].message
  )) {
    const error = new RequestError(response.data.errors[0].message, 500, {
      request: options,
      response
    });
    return errorRequest(state, octokit, error, options);
  }
  return response;
}

// pkg/dist-src/index.js
function retry(octokit, octokitOptions) {
  const state = Object.assign(
    {
      enabled: true,
      retryAfterBaseValue: 1e3,
      doNotRetry: [400, 401, 403, 404, 410, 422, 451],
      retries: 3
    },
    octokitOptions.retry
  );
  const retryPlugin = {
    retry: {
      retryRequest: (error, retries, retryAfter) => {
        error.request.request = Object.assign({}, error.request.request, {
          retries,
          retryAfter
        });
        return error;
      }
    }
  };
  if (state.enabled) {
    octokit.hook.error("request", errorRequest.bind(null, state, retryPlugin));
    octokit.hook.wrap("request", wrapRequest.bind(null, state, retryPlugin));
  }
  return retryPlugin;
}
retry.VERSION = plugin_retry_dist_bundle_VERSION;


;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
// pkg/dist-src/index.js


// pkg/dist-src/version.js
var plugin_throttling_dist_bundle_VERSION = "0.0.0-development";

// pkg/dist-src/wrap-request.js
var dist_bundle_noop = () => Promise.resolve();
function dist_bundle_wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, dist_bundle_noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, dist_bundle_noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, dist_bundle_noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}

// pkg/dist-src/generated/triggers-notification-paths.js
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];

// pkg/dist-src/route-matcher.js
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}

// pkg/dist-src/index.js
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = light,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return dist_bundle_wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = plugin_throttling_dist_bundle_VERSION;
throttling.triggersNotification = triggersNotification;


// EXTERNAL MODULE: ./node_modules/bottleneck/lib/index.js
var lib = __nccwpck_require__(62203);
var lib_default = /*#__PURE__*/__nccwpck_require__.n(lib);
// EXTERNAL MODULE: ./src/github/errors.ts
var errors = __nccwpck_require__(73116);
;// CONCATENATED MODULE: ./src/github/request-policy.ts
/**
 * The rules the Octokit client applies to every request, as pure functions: which requests may
 * be sent again on their own (only those that cannot write twice), how long a rate limit asks
 * us to wait, and how long one attempt may last before the run's deadline. `octokit.ts` wires
 * them into the client's hooks; `idempotent.ts` decides for the writes that may not be resent.
 */

/**
 * POSTs that are idempotent by nature: adding labels or requesting reviewers twice leaves the
 * same state, a reaction by the same identity with the same content is answered with the one
 * that exists, and rendering Markdown writes nothing.
 */
const IDEMPOTENT_POSTS = [
    /\/issues\/\{issue_number\}\/labels$/,
    /\/issues\/\d+\/labels$/,
    /\/pulls\/\{pull_number\}\/requested_reviewers$/,
    /\/pulls\/\d+\/requested_reviewers$/,
    /^\/markdown(\/raw)?$/,
    /\/(issues|pulls)\/comments\/(\{comment_id\}|\d+)\/reactions$/,
];
/**
 * True when sending the request twice cannot write twice: GET, HEAD, PUT, PATCH and DELETE
 * (they set a state), a GraphQL query that is not a mutation, and the POSTs listed above. Every
 * other POST creates something (a review, a comment, a pull request, a deployment, a status, an
 * issue), so the client never resends it: after an unknown outcome `writeOnce` looks it up.
 */
function isIdempotentRequest(req) {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'POST')
        return true;
    if (typeof req.query === 'string')
        return !isMutation(req.query);
    const path = (req.url ?? '').replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '');
    return IDEMPOTENT_POSTS.some((re) => re.test(path));
}
/** A GraphQL document whose first operation is a mutation (comments and blank lines skipped). */
function isMutation(query) {
    const body = query.replace(/#[^\n]*/g, '').trimStart();
    return /^mutation\b/.test(body);
}
/**
 * The rate limit in a 403/429 answer, or undefined when the answer is something else (a 403
 * without a limit is a missing permission). GitHub's rules: wait `retry-after` seconds when it
 * is sent; else, with `x-ratelimit-remaining: 0`, until `x-ratelimit-reset`; else (a secondary
 * limit without either header) at least `fallbackSeconds`. A 429 always is a limit, with or
 * without `x-ratelimit-remaining`.
 */
function rateLimitOf(err, nowMs, fallbackSeconds = 60) {
    const status = (0,errors/* statusOf */.c2)(err);
    if (status !== 403 && status !== 429)
        return undefined;
    const headers = err.response?.headers ?? {};
    const header = (name) => {
        const v = headers[name];
        return v === undefined ? undefined : String(v);
    };
    const retryAfter = parseRetryAfter(header('retry-after'), nowMs);
    const exhausted = header('x-ratelimit-remaining') === '0';
    const secondary = /secondary rate limit|abuse detection/i.test((0,errors/* errorMessage */.gJ)(err));
    if (status === 403 && !secondary && !exhausted && retryAfter === undefined)
        return undefined;
    const kind = secondary ? 'secondary rate limit' : 'rate limit';
    if (retryAfter !== undefined)
        return { kind, waitSeconds: retryAfter, source: 'retry-after' };
    const reset = Number(header('x-ratelimit-reset'));
    if (exhausted && Number.isFinite(reset) && reset > 0) {
        // One second past the reset, as GitHub advises, so the retry lands in the new window.
        const waitSeconds = Math.max(0, Math.ceil(reset - nowMs / 1000)) + 1;
        return { kind, waitSeconds, source: 'x-ratelimit-reset' };
    }
    return { kind, waitSeconds: fallbackSeconds, source: 'default' };
}
/** `retry-after` as seconds: a number of seconds or an HTTP date; undefined when absent or bad. */
function parseRetryAfter(value, nowMs) {
    if (value === undefined || value.trim() === '')
        return undefined;
    const v = value.trim();
    if (/^\d+(\.\d+)?$/.test(v))
        return Math.ceil(Number(v));
    const at = Date.parse(v);
    return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}
/**
 * Time after the run's deadline that requests may still take their full timeout: the outcome of
 * a run whose agent used all of `timeout-minutes` must still be posted and reported.
 */
const DEADLINE_GRACE_MS = 60_000;
/**
 * How long one attempt may last: `timeoutMs`, cut to what is left until the deadline plus the
 * grace, but never below a sixth of `timeoutMs` (5 s by default). Requests are not refused when
 * the time is up: a write that is never sent (a rollback's record, a review's summary) would
 * leave exactly the half-written state a rerun has to repair; it is only given little time.
 */
function attemptTimeoutMs(nowMs, timeoutMs, deadline) {
    if (deadline === undefined)
        return timeoutMs;
    const floor = Math.ceil(timeoutMs / 6);
    return Math.max(floor, Math.min(timeoutMs, deadline + DEADLINE_GRACE_MS - nowMs));
}

;// CONCATENATED MODULE: ./src/github/octokit.ts






const settings = new WeakMap();
/** The log and retry unit of a client made by `createOctokit` (defaults for any other). */
function clientSettings(octokit) {
    return settings.get(octokit);
}
const DEFAULT_GITHUB_TIMEOUT_MS = 30_000;
/** The runner's proxy settings; NO_PROXY alone sends nothing through a proxy. */
const PROXY_VARS = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
/**
 * Node's own fetch, unless the runner sets a proxy: then the proxy-aware fetch `@actions/github`
 * uses (undici with a ProxyAgent, NO_PROXY and loopback honoured), loaded only then. undici and
 * `@actions/http-client` are about 1 MB of bundle: parsing them cost every run ~100 ms of start.
 */
function githubFetch(apiUrl) {
    if (!PROXY_VARS.some((name) => process.env[name]))
        return (url, init) => fetch(url, init);
    const loaded = Promise.all(/* import() */[__nccwpck_require__.e(942), __nccwpck_require__.e(134)]).then(__nccwpck_require__.bind(__nccwpck_require__, 25134)).then((m) => m.proxyFetch(apiUrl));
    // Settled before any request awaits it; a failed load is reported by the request that needs it.
    loaded.catch(() => undefined);
    return async (url, init) => (await loaded)(url, init);
}
/** What `@actions/github` adds to the user agent: the runner's orchestration id, when set. */
function userAgentWithOrchestrationId() {
    const id = process.env.ACTIONS_ORCHESTRATION_ID?.trim();
    return id ? `actions_orchestration_id/${id.replace(/[^a-z0-9_.-]/gi, '_')}` : undefined;
}
/**
 * Request options for a read whose answer is megabytes of JSON (a big PR's file list): the body
 * is parsed with `JSON.parse` instead of Octokit's big-integer-safe parser, which on Node 20
 * runs a regular expression over the whole text and a reviver over every value (several times
 * slower). Only for answers without integers past 2^53 (file lists: counts and paths).
 */
const NATIVE_JSON = { parseSuccessResponseBody: false, nativeJson: true };
/**
 * The Octokit every part of pitcrew uses: `@octokit/rest` (REST methods as `octokit.x` and
 * `octokit.rest.x`, pagination) with the throttling and retry plugins, over the runner's proxy
 * settings (the fetch `@actions/github` builds from HTTPS_PROXY/NO_PROXY), with these rules:
 * - every attempt has a timeout, cut to the run's deadline (plus the grace to report);
 * - server errors (5xx, timeouts, dropped connections) are retried with backoff only for
 *   requests that cannot write twice (`isIdempotentRequest`); any other POST is sent once, and
 *   `writeOnce` looks it up before sending it again;
 * - rate limits (429, secondary 403) are retried for every request, after the wait GitHub asks
 *   for (`retry-after`, else the reset time), each wait logged: GitHub refused, nothing was
 *   written;
 * - writes are spaced (throttling plugin). The base URL is always `apiUrl`, and GraphQL goes to
 *   `graphqlUrl` when given.
 */
function createOctokit(opts) {
    if (!/^https?:\/\/[^/]+/.test(opts.apiUrl)) {
        throw new Error(`Invalid GitHub API URL '${opts.apiUrl}'. Expected an http(s) URL such as https://api.github.com.`);
    }
    if (opts.graphqlUrl !== undefined && !/^https?:\/\/[^/]+/.test(opts.graphqlUrl)) {
        throw new Error(`Invalid GitHub GraphQL URL '${opts.graphqlUrl}'. Expected an http(s) URL such as https://api.github.com/graphql.`);
    }
    const retries = opts.retries ?? 3;
    const unit = opts.minRetryDelayMs ?? 1000;
    const maxAfter = opts.maxRetryAfterSeconds ?? 600;
    const timeoutMs = opts.timeoutMs ?? DEFAULT_GITHUB_TIMEOUT_MS;
    const deadline = () => typeof opts.deadline === 'function' ? opts.deadline() : opts.deadline;
    const log = opts.log;
    // Rate limits are handled by the outer hook below, for writes too; the plugin only spaces
    // requests. Its own retry ignores a 429's `retry-after` unless `x-ratelimit-remaining` is 0.
    const throttle = {
        onRateLimit: () => false,
        onSecondaryRateLimit: () => false,
    };
    if (opts.writeSpacingMs !== undefined) {
        // The plugin's default groups are process-wide with fixed spacing; our own groups keep
        // one client's spacing from slowing another (and let tests run without waits).
        const group = (minTime) => new (lib_default()).Group({ maxConcurrent: 1, minTime });
        throttle.write = group(opts.writeSpacingMs);
        throttle.notifications = group(opts.writeSpacingMs);
        throttle.search = group(opts.writeSpacingMs);
    }
    const ours = new WeakSet();
    /** Innermost: each attempt (the retry plugin's too) gets its own timer. */
    const timeouts = (octokit) => {
        // Each attempt counts as one request in flight (the timing debug line, timing.ts).
        octokit.hook.wrap('request', async (request, options) => {
            const done = (0,timing/* startBusy */.O)('github');
            try {
                return await request(options);
            }
            finally {
                done();
            }
        });
        octokit.hook.wrap('request', async (request, options) => {
            const what = `${options.method} ${options.url}`;
            const ms = attemptTimeoutMs(Date.now(), timeoutMs, deadline());
            const controller = new AbortController();
            const timer = setTimeout(() => controller.abort(new Error(`GitHub did not answer ${what} within ${ms} ms (PITCREW_GITHUB_TIMEOUT_MS or the run's deadline).`)), ms);
            // Wrap hooks share one options object (the next hook ignores an argument), so the
            // signal is set on it; a retry finds the previous attempt's signal there, not the caller's.
            const given = options.request?.signal;
            const outer = given && !ours.has(given) ? given : undefined;
            const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
            ours.add(signal);
            options.request = { ...options.request, signal };
            try {
                const res = await request(options);
                // A big JSON answer (NATIVE_JSON): read and parsed here, so the attempt's timer covers
                // the body too.
                if (options.request.nativeJson && res.data)
                    res.data = JSON.parse(await new Response(res.data).text());
                return res;
            }
            finally {
                clearTimeout(timer);
            }
        });
    };
    // Plugin order is hook order: `timeouts` innermost, so each retry gets its own timer.
    const Client = dist_src_Octokit.plugin(timeouts, throttling, retry);
    const octokit = new Client({
        auth: opts.token,
        baseUrl: opts.apiUrl.replace(/\/+$/, ''),
        // what @actions/github adds: the Actions orchestration id, when the runner sets one
        userAgent: userAgentWithOrchestrationId(),
        request: { fetch: githubFetch(opts.apiUrl) },
        log: {
            debug: (m) => quietRequestLog(m) || log.debug(m),
            info: (m) => quietRequestLog(m) || log.debug(m),
            warn: (m) => log.warning(m),
            error: (m) => quietRequestLog(m) || log.debug(m),
        },
        throttle,
        // 429 is a refusal with a wait: the rate-limit hook below waits as asked, once.
        retry: {
            retries,
            retryAfterBaseValue: unit,
            doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
        },
    });
    // A write that may have happened is never resent by the retry plugin (see writeOnce).
    octokit.hook.before('request', (options) => {
        if (!isIdempotentRequest(options))
            options.request = { ...options.request, retries: 0 };
    });
    // Outermost: a rate limit is waited for as GitHub asks, for every request (nothing was
    // written), within `retries`, `maxRetryAfterSeconds` and the run's deadline.
    octokit.hook.wrap('request', async (request, options) => {
        for (let attempt = 0;; attempt++) {
            try {
                return await request(options);
            }
            catch (err) {
                const limit = rateLimitOf(err, Date.now());
                if (!limit)
                    throw err;
                const what = `${options.method} ${options.url}`;
                const prefix = `GitHub ${limit.kind} on ${what}`;
                if (attempt >= retries) {
                    log.warning(`${prefix}: giving up after ${attempt} retries.`);
                    throw err;
                }
                if (limit.waitSeconds > maxAfter) {
                    log.warning(`${prefix}: retry-after ${limit.waitSeconds}s exceeds the ${maxAfter}s limit; not retrying.`);
                    throw err;
                }
                const waitMs = limit.waitSeconds * unit;
                const end = deadline();
                if (end !== undefined && Date.now() + waitMs > end) {
                    log.warning(`${prefix}: waiting ${limit.waitSeconds}s would pass the run's deadline; not retrying.`);
                    throw err;
                }
                log.warning(`${prefix}: retrying after ${limit.waitSeconds}s (${limit.source}; retry ${attempt + 1} of ${retries}).`);
                await new Promise((r) => setTimeout(r, waitMs));
            }
        }
    });
    if (opts.graphqlUrl) {
        const target = opts.graphqlUrl.replace(/\/+$/, '');
        const base = opts.apiUrl.replace(/\/+$/, '');
        // What Octokit derives: `/graphql` on the base URL, or the GHES form for an /api/v3 base.
        const derived = new Set(['/graphql', `${base}/graphql`]);
        if (/\/api\/v3$/.test(base))
            derived.add(base.replace(/\/api\/v3$/, '/api/graphql'));
        octokit.hook.before('request', (options) => {
            if (typeof options.url === 'string' && derived.has(options.url))
                options.url = target;
        });
    }
    settings.set(octokit, { log, retryUnitMs: unit });
    return octokit;
}
/**
 * True for the lines `@octokit/rest`'s request-log plugin writes for every attempt ("request",
 * then "POST /path - 201 with id X in 5ms"): the log stays what it was with `@actions/github`'s
 * client, where rate limits, retries and timeouts are narrated by the hooks above.
 */
function quietRequestLog(message) {
    return message === 'request' || /^[A-Z]+ \S* - \S+ with id \S+ in \d+ms$/.test(message);
}


/***/ }),

/***/ 74487:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AZ: () => (/* binding */ listPullsByHeadPrefix),
/* harmony export */   Cs: () => (/* binding */ getPull),
/* harmony export */   IG: () => (/* binding */ createOrUpdatePull),
/* harmony export */   jX: () => (/* binding */ MAX_PULL_FILES),
/* harmony export */   pG: () => (/* binding */ listPullFiles)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(73116);
/* harmony import */ var _idempotent_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(97636);
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8864);



/** GitHub lists at most 3000 files of a PR; past that, the list is silently cut. */
const MAX_PULL_FILES = 3000;
/**
 * Every file of a PR (100 per page, following GitHub's `next` links), with `truncated` set when
 * GitHub's 3000-file cap was reached, so callers can say the review is partial rather than
 * pretend it saw everything. Pages are read one after another: reading 4 at once made a
 * 3,000-file review slower on a 2-core runner (6.0 s against 3.9 s outside the model), the
 * bodies arriving together. Each page is parsed with JSON.parse (NATIVE_JSON).
 */
async function listPullFiles(octokit, opts) {
    const files = [];
    for (let page = 1; files.length < MAX_PULL_FILES; page++) {
        const res = await octokit.rest.pulls.listFiles({
            owner: opts.owner,
            repo: opts.repo,
            pull_number: opts.pullNumber,
            per_page: 100,
            page,
            request: _octokit_js__WEBPACK_IMPORTED_MODULE_1__/* .NATIVE_JSON */ .$B,
        });
        for (const f of res.data) {
            const file = {
                filename: f.filename,
                status: f.status,
                additions: f.additions,
                deletions: f.deletions,
                changes: f.changes,
                sha: f.sha ?? undefined,
            };
            if (f.patch !== undefined)
                file.patch = f.patch;
            if (f.previous_filename)
                file.previous_filename = f.previous_filename;
            files.push(file);
        }
        if (!/\brel="next"/.test(String(res.headers.link ?? '')))
            break;
    }
    return { files: files.slice(0, MAX_PULL_FILES), truncated: files.length >= MAX_PULL_FILES };
}
function summarize(p) {
    return {
        number: p.number,
        url: p.html_url,
        state: p.state,
        draft: p.draft ?? false,
        title: p.title,
        body: p.body ?? '',
        headRef: p.head.ref,
        headSha: p.head.sha,
        headRepoFullName: p.head.repo?.full_name ?? null,
        baseRef: p.base.ref,
        baseSha: p.base.sha,
        user: p.user?.login ?? null,
        labels: p.labels.map((l) => l.name ?? '').filter(Boolean),
        ...('changed_files' in p && typeof p.changed_files === 'number'
            ? { changedFiles: p.changed_files }
            : {}),
    };
}
/** One PR, in the few fields pitcrew uses. */
async function getPull(octokit, opts) {
    const res = await octokit.rest.pulls.get({
        owner: opts.owner,
        repo: opts.repo,
        pull_number: opts.pullNumber,
    });
    return summarize(res.data);
}
async function findOpenPull(octokit, spec) {
    const open = await octokit.paginate(octokit.rest.pulls.list, {
        owner: spec.owner,
        repo: spec.repo,
        state: 'open',
        head: `${spec.owner}:${spec.head}`,
        per_page: 100,
    });
    const same = open.find((p) => p.base.ref === spec.base) ?? open[0];
    return same ? summarize(same) : undefined;
}
/**
 * Opens a PR for `head`, or updates the open one: reruns must never open a second PR. The head
 * branch is the key: a create whose answer is lost is looked up by it before it is sent again,
 * and `created` says whether this call opened the PR (also when only the look-up saw it). A 422
 * "A pull request already exists" (a race with another run) is resolved by updating that PR.
 */
async function createOrUpdatePull(octokit, spec) {
    let found = await findOpenPull(octokit, spec);
    let made;
    if (!found) {
        try {
            const res = await (0,_idempotent_js__WEBPACK_IMPORTED_MODULE_0__/* .writeOnceOn */ .ay)(octokit, {
                what: `the pull request from '${spec.head}'`,
                create: async () => {
                    const res = await octokit.rest.pulls.create({
                        owner: spec.owner,
                        repo: spec.repo,
                        head: spec.head,
                        base: spec.base,
                        title: spec.title,
                        body: spec.body,
                        draft: spec.draft ?? false,
                    });
                    return { number: res.data.number, url: res.data.html_url };
                },
                // Nothing was open for this head before the create: what is open now is ours.
                find: async () => {
                    const pull = await findOpenPull(octokit, spec);
                    return pull && { number: pull.number, url: pull.url };
                },
            });
            made = res.value;
        }
        catch (err) {
            if (!((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isStatus */ .zM)(err, 422) && (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMentions */ .w_)(err, 'A pull request already exists')))
                throw err;
            found = await findOpenPull(octokit, spec);
            if (!found)
                throw err;
        }
    }
    if (!made && found) {
        const existing = found;
        const res = await octokit.rest.pulls.update({
            owner: spec.owner,
            repo: spec.repo,
            pull_number: existing.number,
            title: spec.title,
            body: spec.body,
            ...(existing.baseRef !== spec.base ? { base: spec.base } : {}),
        });
        made = { number: res.data.number, url: res.data.html_url };
    }
    // Unreachable: either the create succeeded or `found` was set (else the error was rethrown).
    if (!made)
        throw new Error(`No pull request for head '${spec.head}' after create-or-update.`);
    const created = found === undefined;
    const { number, url } = made;
    const labels = (spec.labels ?? []).filter(Boolean);
    if (labels.length > 0) {
        // The PR exists by now: a label that cannot be added must not undo it (callers would
        // delete the branch and close a PR that was just opened). It is reported instead.
        try {
            await octokit.rest.issues.addLabels({
                owner: spec.owner,
                repo: spec.repo,
                issue_number: number,
                labels,
            });
        }
        catch (err) {
            return { number, url, created, labelError: err.message };
        }
    }
    return { number, url, created };
}
/**
 * PRs (open and closed) whose head branch starts with `prefix`, optionally into `base`: how
 * fix mode counts its earlier attempts for one PR. Stops after `maxPages` pages of 100.
 */
async function listPullsByHeadPrefix(octokit, opts) {
    const out = [];
    const maxPages = opts.maxPages ?? 10;
    let pageCount = 0;
    const pages = octokit.paginate.iterator(octokit.rest.pulls.list, {
        owner: opts.owner,
        repo: opts.repo,
        state: 'all',
        per_page: 100,
        ...(opts.base ? { base: opts.base } : {}),
    });
    for await (const page of pages) {
        for (const p of page.data) {
            if (p.head.ref.startsWith(opts.prefix))
                out.push(summarize(p));
        }
        if (++pageCount >= maxPages)
            break;
    }
    return out;
}


/***/ }),

/***/ 79407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(79437);

/** Set by bin/pitcrew.js before it loads this bundle (a global, so no child process inherits it). */
const CLI_FLAG = Symbol.for('pitcrew.cli');
if (globalThis[CLI_FLAG] === true) {
    // The `pitcrew` command: the same bundle, the CLI loaded on demand.
    const { startCli } = await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(176), __nccwpck_require__.e(240), __nccwpck_require__.e(486)]).then(__nccwpck_require__.bind(__nccwpck_require__, 70486));
    // Let stdout drain (a pipe may be slow) instead of process.exit cutting the output short.
    process.exitCode = await startCli();
}
else {
    // The runner executes this file; everything else lives behind run().
    await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 79437:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(48161);
;// CONCATENATED MODULE: ./src/runner-commands.ts
/**
 * The runner's workflow commands (`::warning file=a.ts,line=3::text`, `::add-mask::`), written
 * byte for byte as `@actions/core` writes them. Our own because `@actions/core` statically loads
 * its OIDC client, and with it `@actions/http-client` and undici (about 1 MB of bundle parsed and
 * evaluated before the first request), for a run that never asks for an OIDC token.
 */

function commandValue(input) {
    if (input === null || input === undefined)
        return '';
    return typeof input === 'string' ? input : JSON.stringify(input);
}
function escapeData(s) {
    return commandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
/** `::command key=value,key=value::message` on stdout; empty properties are left out. */
function issueCommand(command, properties, message) {
    const props = Object.entries(properties)
        .filter(([, v]) => v)
        .map(([k, v]) => `${k}=${escapeProperty(v)}`)
        .join(',');
    process.stdout.write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${external_node_os_.EOL}`);
}
function annotation(p = {}) {
    return {
        title: p.title,
        file: p.file,
        line: p.startLine,
        endLine: p.endLine,
        col: p.startColumn,
        endColumn: p.endColumn,
    };
}
const info = (message) => void process.stdout.write(message + external_node_os_.EOL);
const debug = (message) => issueCommand('debug', {}, message);
const warning = (message, p) => issueCommand('warning', annotation(p), message);
const error = (message, p) => issueCommand('error', annotation(p), message);
const notice = (message, p) => issueCommand('notice', annotation(p), message);
const startGroup = (name) => issueCommand('group', {}, name);
const endGroup = () => issueCommand('endgroup', {}, '');
/** The runner masks this value in every later line of the log. */
const setSecret = (secret) => issueCommand('add-mask', {}, secret);
/** The step fails (exit code 1) with this message as an error annotation. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(76760);
// EXTERNAL MODULE: ./src/context.ts
var context = __nccwpck_require__(40788);
// EXTERNAL MODULE: ./src/config/inputs.ts
var config_inputs = __nccwpck_require__(64389);
;// CONCATENATED MODULE: ./src/config/router.ts
const PR_EVENTS = ['pull_request', 'pull_request_target'];
const PR_ACTIONS = ['opened', 'synchronize', 'reopened', 'ready_for_review'];
const COMMENT_EVENTS = ['issue_comment', 'pull_request_review_comment'];
const COMMAND_RE = /^\/pitcrew[ \t]+(review|fix)(?=\s|$)/;
const REMEMBER_RE = /^\/pitcrew[ \t]+remember(?=\s|$)/;
const SLASH_RE = /^\/pitcrew(?=\s|$)/;
/** `@pitcrew` as a mention: not inside a word, an e-mail address or a longer login. */
const MENTION_RE = /(^|[^\w@./-])@pitcrew(?![\w-])/i;
/** Longest memory line kept; a longer text is refused, not cut. */
const MAX_MEMORY_TEXT = 500;
function obj(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
}
function str(v) {
    return typeof v === 'string' && v !== '' ? v : undefined;
}
function num(v) {
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
function login(user) {
    return str(obj(user)?.login);
}
function branchOf(ref) {
    if (ref.startsWith('refs/heads/'))
        return ref.slice('refs/heads/'.length);
    return undefined;
}
/** Pull request fields from a `pull_request` object of a webhook payload. */
function pullFields(pr, baseRepoFallback) {
    const head = obj(pr.head) ?? {};
    const base = obj(pr.base) ?? {};
    const headRepo = str(obj(head.repo)?.full_name);
    const baseRepo = str(obj(base.repo)?.full_name) ?? baseRepoFallback;
    return {
        prNumber: num(pr.number),
        headRef: str(head.ref),
        headSha: str(head.sha),
        baseRef: str(base.ref),
        baseSha: str(base.sha),
        headRepoFullName: headRepo,
        // A deleted fork has `head.repo: null`: treat it as a fork, the safe side.
        isFork: headRepo === undefined || baseRepo === undefined ? true : headRepo !== baseRepo,
        isDraft: typeof pr.draft === 'boolean' ? pr.draft : undefined,
    };
}
function repoName(ctx, payload) {
    return (str(obj(payload.repository)?.full_name) ??
        (ctx.owner && ctx.repo ? `${ctx.owner}/${ctx.repo}` : undefined));
}
/** Everything the payload says about its target, whatever the mode will be. */
function targetFields(ctx) {
    const p = ctx.payload;
    const pr = obj(p.pull_request);
    if (pr)
        return pullFields(pr, repoName(ctx, p));
    const run = obj(p.workflow_run);
    if (run) {
        const headRepo = str(obj(run.head_repository)?.full_name);
        const baseRepo = repoName(ctx, p);
        const firstPr = Array.isArray(run.pull_requests) ? obj(run.pull_requests[0]) : undefined;
        return {
            headRef: str(run.head_branch),
            headSha: str(run.head_sha),
            workflowRunId: num(run.id),
            headRepoFullName: headRepo,
            isFork: headRepo !== undefined && baseRepo !== undefined ? headRepo !== baseRepo : undefined,
            prNumber: num(firstPr?.number),
            baseRef: str(obj(firstPr?.base)?.ref),
            baseSha: str(obj(firstPr?.base)?.sha),
        };
    }
    const deployment = obj(p.deployment);
    if (deployment) {
        return {
            deploymentId: num(deployment.id),
            environment: str(obj(p.deployment_status)?.environment) ?? str(deployment.environment),
            headSha: str(deployment.sha),
            headRef: str(deployment.ref),
        };
    }
    const issue = obj(p.issue);
    if (issue && obj(issue.pull_request)) {
        return {
            prNumber: num(issue.number),
            isDraft: typeof issue.draft === 'boolean' ? issue.draft : undefined,
        };
    }
    // push, workflow_dispatch, schedule: the checked-out commit (GITHUB_REF/GITHUB_SHA, which a
    // workflow's own checkout follows), the payload only when the runner variables are missing.
    const after = str(p.after) && !/^0+$/.test(String(p.after)) ? str(p.after) : undefined;
    return {
        headRef: branchOf(ctx.ref) ?? branchOf(str(p.ref) ?? ''),
        headSha: str(ctx.sha) ?? after,
    };
}
function describe(ctx) {
    const action = str(ctx.payload.action);
    return action ? `'${ctx.eventName}' (action '${action}')` : `'${ctx.eventName}'`;
}
/**
 * Picks the mode for this run (contract section 3). An explicit `mode` input always wins;
 * with `auto` the event decides, and an event pitcrew does not handle gives `mode: null` with a
 * reason so the step can end with a notice and exit 0 instead of failing.
 */
function routeEvent(ctx, inputs) {
    const p = ctx.payload;
    const event = ctx.eventName;
    const action = str(p.action);
    const sender = login(p.sender) ?? (ctx.actor || undefined);
    const target = targetFields(ctx);
    if (inputs.mode !== 'auto') {
        const command = COMMENT_EVENTS.includes(event) ? commentCommand(p) : undefined;
        return {
            ...target,
            ...(command ? { commentCommand: command } : {}),
            mode: inputs.mode,
            reason: `mode '${inputs.mode}' set by the 'mode' input (event ${describe(ctx)})`,
            triggeringActor: COMMENT_EVENTS.includes(event)
                ? (login(obj(p.comment)?.user) ?? sender)
                : actorOf(ctx, sender),
        };
    }
    if (PR_EVENTS.includes(event)) {
        if (!action || !PR_ACTIONS.includes(action)) {
            return skip(`${describe(ctx)} is not handled; review runs on ${PR_ACTIONS.join(', ')}`);
        }
        const draft = target.isDraft ? ' (draft)' : '';
        return {
            ...target,
            mode: 'review',
            reason: `pull request #${target.prNumber ?? '?'}${draft} ${action.replace(/_/g, ' ')} (event '${event}')`,
            triggeringActor: sender,
        };
    }
    if (COMMENT_EVENTS.includes(event)) {
        if (action !== 'created') {
            return skip(`${describe(ctx)} is not handled; only new comments ('created') carry commands`);
        }
        if (event === 'issue_comment' && !obj(obj(p.issue)?.pull_request)) {
            return skip(`'issue_comment' on issue #${num(obj(p.issue)?.number) ?? '?'}, which is not a pull request`);
        }
        const command = commentCommand(p);
        const author = login(obj(p.comment)?.user) ?? sender;
        const comment = commentRef(event, p);
        if (!command)
            return conversationRoute(event, p, target, author, comment);
        return {
            ...target,
            mode: command,
            commentCommand: command,
            ...(comment ? { comment } : {}),
            reason: `'/pitcrew ${command}' comment by ${author ?? 'unknown'} on pull request #${target.prNumber ?? '?'}`,
            triggeringActor: author,
        };
    }
    if (event === 'workflow_run') {
        const run = obj(p.workflow_run) ?? {};
        const conclusion = str(run.conclusion) ?? 'none';
        if (action !== 'completed') {
            return skip(`${describe(ctx)} is not handled; fix runs when a workflow run completed with 'failure'`);
        }
        if (conclusion !== 'failure') {
            return skip(`workflow run ${num(run.id) ?? '?'} completed with conclusion '${conclusion}', not 'failure'`);
        }
        return {
            ...target,
            mode: 'fix',
            reason: `workflow run ${target.workflowRunId ?? '?'} ('${str(run.name) ?? 'workflow'}') failed on '${target.headRef ?? '?'}' at ${target.headSha?.slice(0, 7) ?? '?'}`,
            triggeringActor: login(run.triggering_actor) ?? login(run.actor) ?? sender,
        };
    }
    if (event === 'deployment_status') {
        const state = str(obj(p.deployment_status)?.state) ?? 'none';
        if (state !== 'success') {
            return skip(`deployment ${target.deploymentId ?? '?'} has status '${state}'; rollback watches 'success' deployments`);
        }
        return {
            ...target,
            mode: 'rollback',
            reason: `deployment ${target.deploymentId ?? '?'} to '${target.environment ?? '?'}' succeeded; watching its metrics`,
            triggeringActor: login(obj(p.deployment_status)?.creator) ?? login(obj(p.deployment)?.creator) ?? sender,
        };
    }
    if (['workflow_dispatch', 'push', 'schedule'].includes(event)) {
        return skip(`event '${event}' needs an explicit 'mode' input (review, fix or rollback); mode is 'auto'`);
    }
    return skip(`event ${describe(ctx)} is not handled by pitcrew`);
}
function actorOf(ctx, sender) {
    const run = obj(ctx.payload.workflow_run);
    if (run)
        return login(run.triggering_actor) ?? login(run.actor) ?? sender;
    return sender;
}
function commentCommand(p) {
    const body = str(obj(p.comment)?.body);
    const m = body ? COMMAND_RE.exec(body.trimStart()) : null;
    return m ? m[1] : undefined;
}
function commentRef(event, p) {
    const id = num(obj(p.comment)?.id);
    if (id === undefined)
        return undefined;
    return { id, kind: event === 'issue_comment' ? 'issue' : 'review' };
}
/**
 * A comment that is not `/pitcrew review|fix`: `/pitcrew remember <text>`, a question (any other
 * `/pitcrew ...`, or a mention of `@pitcrew`), or nothing for pitcrew. In a review thread a
 * question must be a reply (whether the thread is pitcrew's is checked against GitHub later).
 */
function conversationRoute(event, p, target, author, comment) {
    const c = obj(p.comment) ?? {};
    const body = (str(c.body) ?? '').trimStart();
    const pr = `pull request #${target.prNumber ?? '?'}`;
    const where = event === 'issue_comment' ? 'conversation' : 'thread';
    if (!comment)
        return skip(`${describe0(event)}: the comment has no id`);
    const base = { ...target, mode: 'review', comment, triggeringActor: author };
    if (REMEMBER_RE.test(body)) {
        const text = memoryText(body.replace(REMEMBER_RE, ''));
        if (text === '') {
            return skip(`'/pitcrew remember' by ${author ?? 'unknown'} on ${pr} has no text. Expected '/pitcrew remember <text>', e.g. '/pitcrew remember We use tabs in Makefiles.'`);
        }
        if (text.length > MAX_MEMORY_TEXT) {
            return skip(`'/pitcrew remember' by ${author ?? 'unknown'} on ${pr}: the text has ${text.length} characters. Expected at most ${MAX_MEMORY_TEXT}.`);
        }
        return {
            ...base,
            conversation: { kind: 'remember', commentId: comment.id, where, text },
            reason: `'/pitcrew remember' comment by ${author ?? 'unknown'} on ${pr}`,
        };
    }
    if (SLASH_RE.test(body) || MENTION_RE.test(body)) {
        const inReplyToId = num(c.in_reply_to_id);
        if (where === 'thread' && inReplyToId === undefined) {
            return skip(`review comment ${comment.id} on ${pr} asks pitcrew but is not a reply in a thread: pitcrew answers in its own threads`);
        }
        return {
            ...base,
            conversation: {
                kind: 'ask',
                commentId: comment.id,
                where,
                ...(inReplyToId !== undefined ? { inReplyToId } : {}),
                question: body,
            },
            reason: `question by ${author ?? 'unknown'} ${where === 'thread' ? `in review thread ${inReplyToId}` : 'in the conversation'} of ${pr}`,
        };
    }
    return skip(`${describe0(event)}: the comment does not start with '/pitcrew' and does not mention @pitcrew`);
}
/** The memory line: one line, markers defused (an HTML comment would hide or forge one). */
function memoryText(raw) {
    return raw
        .replace(/<!--|-->/g, '')
        .replace(/\s+/g, ' ')
        .trim();
}
function describe0(event) {
    return `'${event}' (action 'created')`;
}
function skip(reason) {
    return { mode: null, reason };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(51455);
// EXTERNAL MODULE: ./src/tools/git.ts + 4 modules
var tools_git = __nccwpck_require__(38680);
;// CONCATENATED MODULE: ./src/config/trusted.ts



/**
 * A pull request must not choose the rules it is handled by (review ignores, fix guardrails such
 * as allow-test-edits): for PR-bound runs the config file is read from the base commit (as
 * claude-code-action restores it), not from the head the PR author controls. Where the base commit is not in the checkout (a shallow clone), a fork's
 * config is ignored (defaults), and a same-repository PR's checked-out file is used.
 */
function trustedConfigReader(ctx, route, log) {
    if (!route.baseSha || !route.prNumber || !route.mode)
        return undefined;
    const baseSha = route.baseSha;
    const git = new tools_git/* Git */.TU(ctx.workspace);
    return async (abs) => {
        const rel = (0,external_node_path_.relative)(ctx.workspace, abs).split('\\').join('/');
        // One process for both questions: is the base commit here, and the file at it.
        const objects = await git
            .catFile([`${baseSha}^{commit}`, `${baseSha}:${rel}`])
            .catch(() => new Map());
        if (objects.get(`${baseSha}^{commit}`)?.type === 'commit') {
            const shown = objects.get(`${baseSha}:${rel}`);
            if (shown?.type === 'blob') {
                log.info(`config: read from the base commit ${baseSha.slice(0, 7)}, not the PR head`);
                return shown.text;
            }
            throw Object.assign(new Error(`'${rel}' does not exist at the base commit`), {
                code: 'ENOENT',
            });
        }
        if (route.isFork) {
            log.warning(`The base commit ${baseSha.slice(0, 7)} is not in the checkout (use fetch-depth: 0); the fork's '${rel}' is ignored and defaults apply.`);
            throw Object.assign(new Error('base commit not fetched'), { code: 'ENOENT' });
        }
        return (0,promises_.readFile)(abs, 'utf8');
    };
}

// EXTERNAL MODULE: ./src/config/tuning.ts
var config_tuning = __nccwpck_require__(92401);
// EXTERNAL MODULE: ./src/config/types.ts
var types = __nccwpck_require__(22143);
;// CONCATENATED MODULE: ./src/log.ts

/**
 * The Actions log. Every message passes through `redact` first: nothing we print may carry a
 * secret, even one the runner's own masking does not know about.
 */
function actionsLog(redact = (t) => t) {
    return {
        debug: (m) => debug(redact(m)),
        info: (m) => info(redact(m)),
        warning: (m, a) => warning(redact(m), a),
        error: (m, a) => error(redact(m), a),
        notice: (m, a) => notice(redact(m), a),
        startGroup: (n) => startGroup(redact(n)),
        endGroup: () => endGroup(),
    };
}
/** Collects messages in memory; used by tests and by the CLI's quiet mode. */
function memoryLog() {
    const lines = [];
    const push = (level) => (m) => void lines.push(`${level}: ${m}`);
    return {
        lines,
        debug: push('debug'),
        info: push('info'),
        warning: push('warning'),
        error: push('error'),
        notice: push('notice'),
        startGroup: push('group'),
        endGroup: () => undefined,
    };
}

// EXTERNAL MODULE: ./src/safety/redact.ts
var redact = __nccwpck_require__(16713);
// EXTERNAL MODULE: ./src/github/errors.ts
var errors = __nccwpck_require__(73116);
;// CONCATENATED MODULE: ./src/github/permissions.ts

const KNOWN = ['admin', 'maintain', 'write', 'triage', 'read', 'none'];
/**
 * A user's permission on a repository. `role_name` is preferred because the legacy
 * `permission` field folds maintain into write and triage into read. A 404 (not a user, not a
 * collaborator) is 'none': it must never grant anything.
 */
async function getPermission(octokit, owner, repo, login) {
    try {
        const res = await octokit.rest.repos.getCollaboratorPermissionLevel({
            owner,
            repo,
            username: login,
        });
        const role = res.data.role_name;
        if (role && KNOWN.includes(role))
            return role;
        const perm = res.data.permission;
        return KNOWN.includes(perm) ? perm : 'none';
    }
    catch (err) {
        if ((0,errors/* isStatus */.zM)(err, 404))
            return 'none';
        throw err;
    }
}
/** Write, maintain and admin may push; triage and read may not. */
function canWrite(perm) {
    return perm === 'admin' || perm === 'maintain' || perm === 'write';
}

;// CONCATENATED MODULE: ./src/safety/actor.ts

const WRITE_PERMISSIONS = new Set(['admin', 'maintain', 'write']);
/**
 * Decides whether the actor may trigger a run. Fails closed: an unknown actor, an error while
 * looking up the permission, or an unrecognised permission is a refusal, with the reason.
 */
async function checkActor(input) {
    const login = (input.login ?? '').trim();
    if (login === '')
        return { allowed: false, reason: 'The triggering actor is unknown.' };
    const looksLikeBot = input.isBot === true || /\[bot\]$/i.test(login);
    if (looksLikeBot) {
        const listed = (input.allowedBots ?? []).some((b) => b.trim().toLowerCase() === login.toLowerCase());
        return listed
            ? { allowed: true, reason: `Bot '${login}' is listed in allowed bots.` }
            : {
                allowed: false,
                reason: `Bot '${login}' is not listed in allowed bots; bots are trusted only by exact login.`,
            };
    }
    let permission;
    try {
        permission = await input.getPermission(login);
    }
    catch (err) {
        return {
            allowed: false,
            reason: `Could not read the permission of '${login}': ${err?.message ?? String(err)}.`,
        };
    }
    const level = (permission ?? 'none').toLowerCase();
    if (WRITE_PERMISSIONS.has(level)) {
        return { allowed: true, reason: `'${login}' has ${level} permission.` };
    }
    return {
        allowed: false,
        reason: `'${login}' has ${level} permission; write, maintain or admin is required.`,
    };
}
/** Events a person (or a bot) causes directly; their actor must have write access. */
const PERSON_EVENTS = new Set([
    'issue_comment',
    'pull_request_review_comment',
    'pull_request_target',
    'workflow_run',
]);
/**
 * Who may make pitcrew act: a person needs write access for the events they cause directly
 * (comment commands, pull_request_target, a failed run they triggered); a bot only when listed
 * by exact login. Returns the reason to skip, or null.
 */
async function actorRefusal(ctx, route, allowedBots, octokit) {
    // Creating a deployment already takes write access, and deploy apps (bots) create most of
    // them: the deployment_status trigger is not a person to check.
    if (ctx.eventName === 'deployment_status')
        return null;
    const needsWrite = PERSON_EVENTS.has(ctx.eventName);
    const login = route.triggeringActor;
    if (!login) {
        return needsWrite
            ? `The actor of this '${ctx.eventName}' event is unknown; pitcrew acts only for actors whose permission it can check.`
            : null;
    }
    const sender = ctx.payload.sender;
    const isBot = login.endsWith('[bot]') || (sender?.login === login && sender.type === 'Bot');
    if (!isBot && !needsWrite)
        return null;
    const verdict = await checkActor({
        login,
        isBot,
        allowedBots,
        getPermission: async (user) => {
            if (!octokit)
                return 'none';
            return getPermission(octokit, ctx.owner, ctx.repo, user);
        },
    });
    return verdict.allowed ? null : verdict.reason;
}

// EXTERNAL MODULE: ./src/safety/command.ts
var command = __nccwpck_require__(33867);
// EXTERNAL MODULE: ./src/github/octokit.ts + 26 modules
var github_octokit = __nccwpck_require__(8864);
// EXTERNAL MODULE: ./src/github/pulls.ts
var pulls = __nccwpck_require__(74487);
;// CONCATENATED MODULE: ./src/github/pull-context.ts

/**
 * Fills in what the event leaves out, from the API, before anything else happens: a comment
 * command names the PR but not its commits (the base commit is needed for the trusted config,
 * the head repository for the fork check); a failed `workflow_run` of a fork PR lists no PR at
 * all (GitHub leaves `pull_requests` empty for forks), so it is found by `fork-owner:branch`.
 */
async function completeRoute(ctx, route, octokit, log) {
    if (!route.mode || !octokit)
        return route;
    const repoRef = { owner: ctx.owner, repo: ctx.repo };
    try {
        let prNumber = route.prNumber;
        if (!prNumber &&
            route.workflowRunId &&
            route.isFork &&
            route.headRepoFullName &&
            route.headRef) {
            const forkOwner = route.headRepoFullName.split('/')[0];
            const open = await octokit.rest.pulls.list({
                ...repoRef,
                state: 'open',
                head: `${forkOwner}:${route.headRef}`,
                per_page: 10,
            });
            const match = open.data.find((p) => p.head.sha === route.headSha) ?? open.data[0];
            if (match) {
                log.info(`The failed run belongs to fork PR #${match.number}.`);
                prNumber = match.number;
            }
        }
        if (!prNumber || (route.baseSha && route.headSha && prNumber === route.prNumber))
            return route;
        const pull = await (0,pulls/* getPull */.Cs)(octokit, { ...repoRef, pullNumber: prNumber });
        return {
            ...route,
            prNumber,
            headSha: route.headSha ?? pull.headSha,
            headRef: route.headRef ?? pull.headRef,
            baseSha: route.baseSha ?? pull.baseSha,
            baseRef: route.baseRef ?? pull.baseRef,
            headRepoFullName: route.headRepoFullName ?? pull.headRepoFullName ?? undefined,
            isFork: route.isFork ?? pull.headRepoFullName !== `${ctx.owner}/${ctx.repo}`,
            isDraft: route.isDraft ?? pull.draft,
        };
    }
    catch (err) {
        log.warning(`Could not read the pull request of this event: ${err.message}`);
        return route;
    }
}

;// CONCATENATED MODULE: ./src/github/reactions.ts
/** Adds `content` to a comment; `created` is false when this identity had already reacted so. */
async function addReaction(octokit, o) {
    const params = { owner: o.owner, repo: o.repo, comment_id: o.commentId, content: o.content };
    const res = o.kind === 'issue'
        ? await octokit.rest.reactions.createForIssueComment(params)
        : await octokit.rest.reactions.createForPullRequestReviewComment(params);
    return { id: res.data.id, created: res.status === 201 };
}

// EXTERNAL MODULE: ./src/agent/client.ts + 1 modules
var client = __nccwpck_require__(19692);
// EXTERNAL MODULE: ./src/agent/provider.ts
var provider = __nccwpck_require__(63036);
// EXTERNAL MODULE: ./src/agent/budget-gate.ts + 2 modules
var budget_gate = __nccwpck_require__(64723);
// EXTERNAL MODULE: ./src/agent/types.ts
var agent_types = __nccwpck_require__(50016);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(77598);
;// CONCATENATED MODULE: ./src/outputs.ts




/**
 * Writes one step output in the runner's file format (the same heredoc form `core.setOutput`
 * uses). We write the file ourselves so an in-process run can target any environment.
 */
function writeOutput(outputPath, name, value) {
    if (!outputPath)
        return;
    let delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
    while (value.includes(delimiter))
        delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
    (0,external_node_fs_.appendFileSync)(outputPath, `${name}<<${delimiter}${external_node_os_.EOL}${value}${external_node_os_.EOL}${delimiter}${external_node_os_.EOL}`);
}
/** Appends Markdown to the job summary file; a no-op outside a runner. */
function appendSummary(summaryPath, markdown) {
    if (!summaryPath)
        return;
    (0,external_node_fs_.appendFileSync)(summaryPath, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
}
function formatCost(cost) {
    return cost === null ? 'unknown' : cost.toFixed(4);
}
/** The usage table every job summary ends with. */
function usageMarkdown(usage, stopReason) {
    return [
        '| input tokens | output tokens | cache write | cache read | cost (USD) | turns | stop reason |',
        '|---:|---:|---:|---:|---:|---:|---|',
        `| ${usage.inputTokens} | ${usage.outputTokens} | ${usage.cacheWriteTokens} | ${usage.cacheReadTokens} | ${formatCost(usage.costUsd)} | ${usage.turns} | ${stopReason} |`,
    ].join('\n');
}
/** All contract outputs for a finished (or skipped) task. */
function taskOutputs(result, transcriptPath) {
    return {
        mode: result.mode,
        outcome: result.outcome,
        result: JSON.stringify(result.result),
        'input-tokens': String(result.usage.inputTokens),
        'output-tokens': String(result.usage.outputTokens),
        'cache-read-tokens': String(result.usage.cacheReadTokens),
        'cost-usd': formatCost(result.usage.costUsd),
        turns: String(result.usage.turns),
        'stop-reason': result.stopReason,
        transcript: transcriptPath,
    };
}
/** Outputs and job summary of a finished task (the mode's summary, then the usage table). */
function reportResult(ctx, redactor, result, transcriptPath) {
    for (const [name, value] of Object.entries(taskOutputs(result, transcriptPath))) {
        writeOutput(ctx.outputPath, name, redactor.redact(value));
    }
    appendSummary(ctx.summaryPath, redactor.redact(`${result.summary.trimEnd()}\n\n### Usage\n\n${usageMarkdown(result.usage, result.stopReason)}\n`));
}
/** Outputs and job summary of a run that did nothing, saying why. */
function reportSkip(ctx, reason, mode) {
    const outputs = taskOutputs({
        mode: mode ?? 'review',
        outcome: 'skipped',
        result: { skipped: true, reason },
        usage: (0,agent_types/* emptyUsage */.l)(),
        stopReason: 'none',
        summary: '',
    }, '');
    outputs.mode = mode ?? 'none';
    delete outputs.transcript;
    for (const [name, value] of Object.entries(outputs))
        writeOutput(ctx.outputPath, name, value);
    appendSummary(ctx.summaryPath, `## pitcrew: skipped\n\n${reason}\n\n${usageMarkdown((0,agent_types/* emptyUsage */.l)(), 'none')}\n`);
}
/**
 * A run that failed midway still reports what it spent: the usage so far goes to the outputs and
 * the job summary, beside the error (the model calls already made are billed).
 */
function reportFailure(ctx, redactor, failed) {
    if (failed.mode) {
        const partial = taskOutputs({
            mode: failed.mode,
            outcome: 'skipped',
            result: { error: failed.message },
            usage: failed.usage,
            stopReason: 'none',
            summary: '',
        }, failed.transcriptPath);
        // No outcome: the task did not finish; the step is failed.
        delete partial.outcome;
        delete partial['stop-reason'];
        for (const [name, value] of Object.entries(partial)) {
            writeOutput(ctx.outputPath, name, redactor.redact(value));
        }
    }
    appendSummary(ctx.summaryPath, `## pitcrew failed\n\n${failed.message}\n\n### Usage so far\n\n${usageMarkdown(failed.usage, 'error')}\n`);
}
/**
 * Outputs and job summary of a run the runner cancelled: outcome `cancelled`, the usage billed
 * so far, where it stopped, and whatever the mode reported while winding down (collapsed: it was
 * written by a mode that was being stopped, so it is context, not the verdict).
 */
function reportCancelled(ctx, redactor, run) {
    const partial = run.partial;
    const stopReason = partial && partial.stopReason !== 'none' ? partial.stopReason : 'aborted';
    const where = run.phase ? ` ${run.phase}` : '';
    const outputs = taskOutputs({
        mode: run.mode ?? 'review',
        outcome: 'cancelled',
        result: {
            cancelled: true,
            signal: run.signal,
            phase: run.phase ?? null,
            ...(run.stillRunning ? { stillRunning: true } : {}),
            ...(run.error ? { error: run.error } : {}),
            ...(partial ? { partial: { outcome: partial.outcome, ...partial.result } } : {}),
        },
        usage: run.usage,
        stopReason,
        summary: '',
    }, run.transcriptPath);
    if (!run.mode)
        outputs.mode = 'none';
    for (const [name, value] of Object.entries(outputs)) {
        writeOutput(ctx.outputPath, name, redactor.redact(value));
    }
    const lines = [
        `## pitcrew${run.mode ? ` ${run.mode}` : ''}: cancelled`,
        '',
        `The runner sent ${run.signal}${where}. pitcrew stopped the model and the commands it ran, and started no GitHub write after the signal.`,
    ];
    if (run.stillRunning)
        lines.push('', 'The mode had not wound down within the grace period; this report was written without it.');
    if (run.error)
        lines.push('', `While stopping: ${run.error}`);
    if (partial?.summary.trim()) {
        lines.push('', `<details><summary>What the run reported while stopping (outcome ${partial.outcome})</summary>`, '', partial.summary.trimEnd(), '', '</details>');
    }
    lines.push('', '### Usage so far', '', usageMarkdown(run.usage, stopReason), '');
    appendSummary(ctx.summaryPath, redactor.redact(lines.join('\n')));
}

;// CONCATENATED MODULE: ./src/cancellation.ts
/**
 * A cancelled job, seen from the action. The runner cancels a step by sending SIGINT, then
 * SIGTERM about 7.5 s later, then killing the process. Node's default for both signals is to die
 * on the spot: no outputs, no job summary, and the test command's process group outliving us.
 * Here the first signal aborts the run's AbortSignal (the model request in flight, the agent
 * loop, the metric watch) and refuses every GitHub write not yet sent, so a cancelled run starts
 * nothing new; main.ts then waits a short grace for the mode to wind down and writes the report.
 * A second signal does not kill the process: it only cuts the grace short.
 */
/** The signals a runner sends to cancel a step (and at the job's timeout-minutes). */
const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM'];
/**
 * How long the mode may take to wind down after the first signal before the report is written
 * anyway. Well inside the runner's 7.5 s between SIGINT and SIGTERM, with room for the report.
 */
const CANCEL_GRACE_MS = 3_000;
/**
 * A request pitcrew refused to send because the run was cancelled: nothing reached GitHub, so
 * it is a refusal, never an unknown outcome to look up and resend (see github/idempotent.ts).
 */
class CancelledError extends Error {
    /** The request was never sent. */
    notSent = true;
    constructor(what, why) {
        super(`Not sent: ${what}. ${why}; a cancelled run starts no new write.`);
        this.name = 'CancelledError';
    }
}
/**
 * Listens for SIGINT/SIGTERM. While listening, the process is not killed by them: `onSignal`
 * hears each one with its count (1 = the run is being cancelled, 2+ = hurry).
 */
function listenForCancel(source, onSignal = () => undefined) {
    const controller = new AbortController();
    let received;
    let count = 0;
    let resolveCancelled;
    let resolveHurried;
    const cancelled = new Promise((r) => (resolveCancelled = r));
    const hurried = new Promise((r) => (resolveHurried = r));
    const listener = (signal) => {
        count++;
        if (count === 1) {
            received = signal;
            controller.abort(new Error(`the runner sent ${signal} (the step was cancelled)`));
            resolveCancelled(signal);
        }
        else {
            resolveHurried();
        }
        onSignal(signal, count);
    };
    for (const s of CANCEL_SIGNALS)
        source.on(s, listener);
    return {
        signal: controller.signal,
        get received() {
            return received;
        },
        cancelled,
        hurried,
        dispose: () => {
            for (const s of CANCEL_SIGNALS)
                source.removeListener(s, listener);
        },
    };
}
/**
 * Waits for `work`. Once the run is cancelled, waits at most `graceMs` more (less when a second
 * signal comes) and then answers `pending`: the report must not wait for a mode that is stuck.
 */
async function settleWithin(work, cancel, graceMs) {
    const settled = work.then((value) => ({ status: 'fulfilled', value }), (reason) => ({ status: 'rejected', reason }));
    let timer;
    const gaveUp = cancel.cancelled.then(() => Promise.race([new Promise((r) => (timer = setTimeout(r, graceMs))), cancel.hurried]).then(() => ({ status: 'pending' })));
    try {
        return await Promise.race([settled, gaveUp]);
    }
    finally {
        if (timer)
            clearTimeout(timer);
    }
}
/**
 * After cancellation no GitHub write is started: a request that changes something (any method
 * but GET and HEAD; GraphQL goes by POST) is refused with CancelledError before it is sent. A
 * write already in flight completes. Reads go on, so a mode can still look things up while it
 * winds down.
 */
function refuseWritesOnCancel(octokit, signal) {
    octokit.hook.before('request', (options) => {
        if (!signal.aborted)
            return;
        const method = (options.method ?? 'GET').toUpperCase();
        if (method === 'GET' || method === 'HEAD')
            return;
        const reason = signal.reason;
        const why = reason instanceof Error ? reason.message : 'cancelled';
        throw new CancelledError(`${method} ${options.url ?? ''}`, why);
    });
}

// EXTERNAL MODULE: ./src/telemetry/tracer.ts
var telemetry_tracer = __nccwpck_require__(63390);
;// CONCATENATED MODULE: ./src/telemetry/github.ts
/** Hooks the tracer into an Octokit; with tracing off it adds nothing. */
function traceGitHubWrites(octokit, tracer) {
    if (!tracer.enabled)
        return;
    octokit.hook.wrap('request', async (request, options) => {
        const method = (options.method ?? 'GET').toUpperCase();
        if (method === 'GET' || method === 'HEAD')
            return request(options);
        const route = String(options.url ?? '').replace(/^https?:\/\/[^/]+/, '');
        const attributes = {
            'http.request.method': method,
            'url.template': route,
            'pitcrew.github.write': true,
        };
        const span = tracer.start(`github ${method} ${route}`, attributes);
        try {
            const response = await request(options);
            span.set({ 'http.response.status_code': response.status });
            return response;
        }
        catch (err) {
            const status = err.status;
            if (typeof status === 'number')
                span.set({ 'http.response.status_code': status });
            span.fail(err instanceof Error ? err.message : String(err), typeof status === 'number' ? String(status) : err?.name);
            throw err;
        }
        finally {
            span.end();
        }
    });
}

// EXTERNAL MODULE: ./src/telemetry/attributes.ts
var attributes = __nccwpck_require__(78382);
// EXTERNAL MODULE: ./src/version.ts
var version = __nccwpck_require__(311);
// EXTERNAL MODULE: ./src/timing.ts
var timing = __nccwpck_require__(18117);
;// CONCATENATED MODULE: ./src/main.ts



























const MISSING_TOKEN = (mode) => `Input 'github-token' is empty and GITHUB_TOKEN is not set: ${mode} mode posts its results on GitHub, so it stops before any model call. Expected a token, e.g. 'github-token: \${{ github.token }}' (the default) or a GitHub App token.`;
/** Modes load on demand: a review run never parses the fix or rollback code (cold start). */
const modes = {
    review: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(6), __nccwpck_require__.e(58), __nccwpck_require__.e(176), __nccwpck_require__.e(167)]).then(__nccwpck_require__.bind(__nccwpck_require__, 87167))).runReview,
    fix: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(6), __nccwpck_require__.e(58), __nccwpck_require__.e(960), __nccwpck_require__.e(29)]).then(__nccwpck_require__.bind(__nccwpck_require__, 11960))).runFix,
    rollback: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(528), __nccwpck_require__.e(240)]).then(__nccwpck_require__.bind(__nccwpck_require__, 85528))).runRollback,
};
const processIo = { signals: process, exit: (code) => process.exit(code) };
/** How long the end of a run waits for its budget settlement (a cancelled job has seconds). */
const SETTLE_WAIT_MS = 5_000;
/**
 * The action: inputs -> settings -> mode -> task -> outputs + summary. Any thrown error becomes
 * `core.setFailed` with a redacted message; a configuration error writes nothing to GitHub. On
 * SIGINT/SIGTERM (a cancelled job) the run stops and reports outcome `cancelled` (cancellation.ts).
 */
async function run(env = process.env, io = processIo) {
    // Every credential in the environment (the key and token inputs, *_TOKEN, *_KEY, deploy keys
    // passed as env:) is masked in what we post and write, not only in the runner's log.
    const envSecrets = (0,command/* secretEnvValues */.yp)(env);
    const redactor = new redact/* Redactor */.pO(envSecrets);
    for (const secret of envSecrets)
        setSecret(secret);
    const log = withPhases(actionsLog((t) => redactor.redact(t)), (name) => (state.phase = name));
    // Loaded only when an OTLP endpoint is set: a run without one never parses OpenTelemetry.
    const state = {
        transcriptPath: '',
        tracer: await (0,telemetry_tracer/* startTracing */.bc)(env, { redactor, log, version: version/* VERSION */.x }),
    };
    const cancel = listenForCancel(io.signals, (signal, count) => {
        if (count > 1)
            return log.info(`pitcrew: ${signal} again; writing the report now.`);
        // Where the signal found the run, not where winding down took it.
        state.cancelledAt = state.phase;
        const commands = (0,command/* stopRunningCommands */.aX)();
        log.notice(`pitcrew: ${signal} received (the step is being cancelled): stopping${commands ? ` ${commands} running command(s),` : ''} the model and any new GitHub write; the report follows.`);
    });
    try {
        const ending = await settleWithin(runTask(env, state, { redactor, log, signal: cancel.signal }), cancel, CANCEL_GRACE_MS);
        await settleBudget(state, ending);
        if (cancel.received) {
            try {
                reportCancellation(state, redactor, cancel.received, ending);
            }
            finally {
                // A group that ignored SIGTERM has no SIGKILL timer left once we exit: kill it now.
                (0,command/* killRunningCommands */._X)();
                await endRun(state, log, 'cancelled', 'the step was cancelled', telemetry_tracer/* TRACE_FLUSH_MS */.gP / 2);
                io.exit(1);
            }
        }
        else if (ending.status === 'rejected') {
            fail(state, redactor, ending.reason);
            await endRun(state, log, 'failed', ending.reason);
        }
        else if (ending.status === 'fulfilled') {
            finish(state, redactor, log, ending.value);
            const v = ending.value;
            await endRun(state, log, 'result' in v ? v.result.outcome : 'skipped', v);
        }
    }
    catch (err) {
        // Writing the outputs or the summary failed (a full disk): the step still fails, saying why.
        setFailed(redactor.redact(err instanceof Error ? err.message : String(err)));
        await endRun(state, log, 'failed', err);
    }
    finally {
        cancel.dispose();
    }
}
/**
 * The end of every run: the transcript's path, and the run span closed with the outcome and its
 * spans exported (bounded: a collector that does not answer does not hold the job).
 */
async function endRun(state, log, outcome, why, flushMs = telemetry_tracer/* TRACE_FLUSH_MS */.gP) {
    if (state.transcriptPath)
        log.info(`transcript: ${state.transcriptPath}`);
    const { tracer } = state;
    if (!tracer.enabled)
        return;
    tracer.run.set({ [attributes/* PITCREW */.rs.mode]: state.mode, [attributes/* PITCREW */.rs.outcome]: outcome });
    if (outcome === 'failed' || outcome === 'cancelled') {
        tracer.run.fail(why instanceof Error ? why.message : String(why), outcome);
    }
    else if (typeof why === 'object' && why && 'result' in why) {
        const r = why.result;
        tracer.run.set({ [attributes/* PITCREW */.rs.stopReason]: r.stopReason });
        if (r.failure)
            tracer.run.fail(r.failure, r.outcome);
    }
    await tracer.shutdown(flushMs);
}
/** Settings, route, checks, then the mode; what it returns is reported by `run`. */
async function runTask(env, state, o) {
    const { redactor, log, signal } = o;
    const ctx = (state.ctx = (0,context/* readRunContext */.$)(env));
    log.startGroup('pitcrew: settings');
    const tuning = (0,config_tuning/* readTuning */.m)(env);
    let route;
    let settings;
    let octokit;
    let clientOptions;
    // Known once the settings are: GitHub requests made before it get the plain timeout.
    let runDeadline;
    try {
        const inputs = (0,config_inputs/* parseInputs */.TL)(env);
        for (const secret of [inputs.anthropicApiKey, inputs.githubToken]) {
            if (secret) {
                redactor.add(secret);
                setSecret(secret);
            }
        }
        clientOptions = inputs.githubToken
            ? {
                token: inputs.githubToken,
                apiUrl: ctx.apiUrl,
                graphqlUrl: ctx.graphqlUrl,
                log,
                writeSpacingMs: tuning.githubWriteSpacingMs,
                minRetryDelayMs: tuning.githubRetryUnitMs,
                timeoutMs: tuning.githubTimeoutMs,
            }
            : undefined;
        octokit = clientOptions
            ? (0,github_octokit/* createOctokit */.Qi)({ ...clientOptions, deadline: () => runDeadline })
            : null;
        if (octokit)
            refuseWritesOnCancel(octokit, signal);
        if (octokit)
            traceGitHubWrites(octokit, state.tracer);
        route = await completeRoute(ctx, routeEvent(ctx, inputs), octokit, log);
        settings = await (0,config_inputs/* loadSettings */.M5)(env, ctx.workspace, trustedConfigReader(ctx, route, log));
    }
    finally {
        log.endGroup();
    }
    log.info(`config: ${settings.configPath ?? 'none found, defaults used'}; model ${settings.inputs.model}; budgets: ${settings.inputs.maxTurns} turns, $${settings.inputs.maxCostUsd}, ${settings.inputs.timeoutMinutes} min${settings.inputs.dryRun ? '; dry run' : ''}`);
    if (!route.mode)
        return { skip: route.reason };
    const mode = (state.mode = route.mode);
    log.info(`mode ${route.mode}: ${route.reason}`);
    state.tracer.run.set({ [attributes/* PITCREW */.rs.mode]: mode });
    // The mode's code starts loading now, while the checks below wait on GitHub (cold start). A
    // question or a memory line on a PR is review work, but not a review: its own module.
    const loadingMode = route.conversation
        ? Promise.all(/* import() */[__nccwpck_require__.e(176), __nccwpck_require__.e(412)]).then(__nccwpck_require__.bind(__nccwpck_require__, 19412)).then((m) => m.runConversation)
        : modes[mode]();
    loadingMode.catch(() => undefined);
    // Review and fix post their work on GitHub: without a token it would be billed and lost. Before
    // the actor check, which cannot ask GitHub without one (it would read as "none permission").
    if (route.mode !== 'rollback' && !settings.inputs.githubToken) {
        throw new types/* ConfigError */.xL(MISSING_TOKEN(route.mode));
    }
    const refusal = await actorRefusal(ctx, route, settings.inputs.allowedBots, octokit);
    if (refusal)
        return { skip: refusal, mode };
    // The provider's settings and credentials, checked before any model call: review and fix need
    // the model, rollback only for its incident summary (it falls back to a template without it).
    const modelSetup = () => (0,provider/* providerSetup */.f5)(settings.inputs.provider ?? 'anthropic', env, {
        apiKey: settings.inputs.anthropicApiKey,
        baseUrl: settings.inputs.anthropicBaseUrl ?? env.ANTHROPIC_BASE_URL,
    });
    let setup;
    if (route.mode !== 'rollback') {
        setup = modelSetup();
        (0,provider/* preloadModelSdk */.V)(setup);
        for (const secret of (0,provider/* setupSecrets */.X2)(setup)) {
            redactor.add(secret);
            setSecret(secret);
        }
        log.info(`model provider: ${(0,provider/* describeSetup */.jX)(setup)}`);
    }
    (0,external_node_fs_.mkdirSync)(ctx.runnerTemp, { recursive: true });
    const transcriptPath = (0,external_node_path_.join)(ctx.runnerTemp, `pitcrew-transcript-${ctx.runId}-${Date.now()}.jsonl`);
    state.transcriptPath = transcriptPath;
    // The `transcript` output always names a file, even for a run that never called the model.
    (0,external_node_fs_.writeFileSync)(transcriptPath, '', { mode: 0o600 });
    const deadline = (runDeadline = Date.now() + settings.inputs.timeoutMinutes * 60_000);
    const caps = settings.config.budget;
    const budgeted = caps.hourlyUsd !== undefined || caps.dailyUsd !== undefined;
    const budget = (state.budget = (0,budget_gate/* createBudgetGate */.bg)({
        caps,
        // The ledger's own client, without the run's deadline or the refusal of writes on cancel: a
        // cancelled or timed-out run must still settle what it spent.
        octokit: budgeted && clientOptions ? (0,github_octokit/* createOctokit */.Qi)(clientOptions) : null,
        owner: ctx.owner,
        repo: ctx.repo,
        runId: ctx.runId,
        runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
        runUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}`,
        mode,
        maxCostUsd: settings.inputs.maxCostUsd,
        timeoutMinutes: settings.inputs.timeoutMinutes,
        log,
    }));
    const deps = {
        settings,
        ctx,
        route,
        log,
        redactor,
        octokit,
        transcriptPath,
        env,
        signal,
        tracer: state.tracer,
        heartbeatMs: tuning.heartbeatMs,
        budget,
        agentClient: () => {
            // The guardrail behind every mode's reserve(): no client, so no model call, without a grant.
            if (!budget.allowsModelCalls()) {
                throw new client/* AgentError */.Yv('No model call without a granted reservation on the budget ledger (budget.*-usd is set).');
            }
            setup ??= modelSetup();
            // Where the time before the first model call went (bench/cold-start.ts reads it).
            if (!state.client)
                log.debug(`pitcrew timing: ${JSON.stringify((0,timing/* timingSnapshot */.j)())}`);
            state.client ??= (0,client/* createAgentClient */.hO)({
                provider: setup,
                log,
                redactor,
                transcriptPath,
                // The reservation is the run's max-cost-usd: the ceiling stays what it always was.
                run: {
                    maxCostUsd: Math.min(settings.inputs.maxCostUsd, budget.grantedUsd() ?? Infinity),
                    deadline,
                },
                retry: { baseDelayMs: tuning.anthropicRetryBaseMs },
                signal,
                tracer: state.tracer,
            });
            return state.client;
        },
    };
    if (route.comment && octokit)
        await acknowledge(octokit, ctx, route.comment, settings, log);
    const runMode = await loadingMode;
    return { result: await runMode(deps) };
}
/**
 * The `eyes` reaction on the command comment, before the work starts (contract section 8,
 * "Progress"). Only for an actor who passed the checks, never in a dry run; a reaction GitHub
 * refuses is a warning, not a reason to leave the command undone.
 */
async function acknowledge(octokit, ctx, comment, settings, log) {
    if (settings.inputs.dryRun)
        return log.info('Dry run: no eyes reaction on the command comment.');
    try {
        const r = await addReaction(octokit, {
            owner: ctx.owner,
            repo: ctx.repo,
            kind: comment.kind,
            commentId: comment.id,
            content: 'eyes',
        });
        log.info(`Reacted with eyes to ${comment.kind === 'issue' ? 'comment' : 'review comment'} ${comment.id}${r.created ? '' : ' (it was already there)'}.`);
    }
    catch (err) {
        log.warning(`Could not add the eyes reaction to comment ${comment.id}: ${err.message}. The command goes on.`);
    }
}
/** A task that ran to its end: outputs and summary, the step failed when the mode says so. */
function finish(state, redactor, log, ending) {
    const ctx = state.ctx;
    if ('skip' in ending) {
        log.notice(`pitcrew skipped: ${ending.skip}`);
        return reportSkip(ctx, ending.skip, ending.mode);
    }
    const budgetLine = state.budget?.summaryLine();
    const result = budgetLine
        ? { ...ending.result, summary: `${ending.result.summary.trimEnd()}\n\n${budgetLine}\n` }
        : ending.result;
    reportResult(ctx, redactor, result, state.transcriptPath);
    log.info(`outcome: ${result.outcome} (stop reason: ${result.stopReason})`);
    // The whole run's git and GitHub time (bench/big-pr.ts reads it).
    log.debug(`pitcrew timing at the end: ${JSON.stringify((0,timing/* timingSnapshot */.j)())}`);
    if (result.failure)
        setFailed(redactor.redact(result.failure));
}
/** A task that threw: the step fails with the message; the usage so far is still reported. */
function fail(state, redactor, err) {
    const message = redactor.redact(err instanceof Error ? err.message : String(err));
    setFailed(message);
    if (state.ctx) {
        const usage = state.client?.usage() ?? (0,agent_types/* emptyUsage */.l)();
        reportFailure(state.ctx, redactor, {
            message,
            mode: state.mode,
            usage,
            transcriptPath: state.transcriptPath,
        });
    }
}
/**
 * A cancelled run: outcome `cancelled` with the usage billed so far and what the mode had done
 * when it stopped (its result, if it returned within the grace). The step fails.
 */
function reportCancellation(state, redactor, signal, ending) {
    const where = state.cancelledAt;
    const message = `pitcrew was cancelled (${signal}${where ? ` ${where}` : ''}).`;
    setFailed(message);
    if (!state.ctx)
        return;
    const partial = ending.status === 'fulfilled' && 'result' in ending.value ? ending.value.result : undefined;
    reportCancelled(state.ctx, redactor, {
        mode: state.mode,
        signal,
        phase: where,
        usage: state.client?.usage() ?? partial?.usage ?? (0,agent_types/* emptyUsage */.l)(),
        transcriptPath: state.transcriptPath,
        partial,
        ...(ending.status === 'rejected'
            ? { error: ending.reason instanceof Error ? ending.reason.message : String(ending.reason) }
            : {}),
        ...(ending.status === 'pending' ? { stillRunning: true } : {}),
    });
}
/**
 * Records on the budget ledger what the run really spent (its client's usage), whatever the
 * ending: success, failure, a budget stop, a cancelled job. Waits at most SETTLE_WAIT_MS: an
 * unsettled reservation expires on its own.
 */
async function settleBudget(state, ending) {
    const budget = state.budget;
    if (!budget?.enabled)
        return;
    const result = ending.status === 'fulfilled' && 'result' in ending.value ? ending.value.result : undefined;
    const usage = state.client?.usage() ?? result?.usage ?? (0,agent_types/* emptyUsage */.l)();
    let timer;
    await Promise.race([
        budget.settle(usage.costUsd),
        new Promise((resolve) => (timer = setTimeout(resolve, SETTLE_WAIT_MS))),
    ]);
    clearTimeout(timer);
}
/** Follows the log groups the phases open and close, to say where a cancelled run was. */
function withPhases(log, onPhase) {
    let open;
    return {
        ...log,
        startGroup: (name) => {
            open = name;
            onPhase(`during '${name}'`);
            log.startGroup(name);
        },
        endGroup: () => {
            if (open !== undefined)
                onPhase(`after '${open}'`);
            open = undefined;
            log.endGroup();
        },
    };
}


/***/ }),

/***/ 33867:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   _X: () => (/* binding */ killRunningCommands),
/* harmony export */   aX: () => (/* binding */ stopRunningCommands),
/* harmony export */   d1: () => (/* binding */ runCommand),
/* harmony export */   wS: () => (/* binding */ scrubbedEnv),
/* harmony export */   yp: () => (/* binding */ secretEnvValues)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(16713);
/**
 * Runs shell commands (test suites, deploy commands) the way CI needs them run: in their own
 * process group so a timeout kills the whole tree, with output capped in memory (head and tail
 * kept) but streamed in full to a log file, and with an environment that carries no tokens.
 */




const DEFAULT_MAX_OUTPUT = 60_000;
const DEFAULT_GRACE_MS = 2_000;
/** Variables the runner or the action set that carry credentials by name. */
const SECRET_NAMES = new Set([
    'ANTHROPIC_API_KEY',
    'ANTHROPIC_AUTH_TOKEN',
    'GITHUB_TOKEN',
    'GH_TOKEN',
    'GH_ENTERPRISE_TOKEN',
    'GITHUB_ENTERPRISE_TOKEN',
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_URL',
]);
/** Names that look like credentials: *_TOKEN, *_SECRET, *_KEY, passwords, and their kin. */
const SECRET_NAME_PATTERN = /(?:^|_)(?:TOKEN|SECRET|SECRETS|KEY|PASSWORD|PASSWD|PASS|PAT|CREDENTIAL|CREDENTIALS|PRIVATE_KEY|API_KEY)(?:_|$)/i;
/**
 * A copy of the environment without credentials: INPUT_* (action inputs carry the API key and
 * token), the known token variables, anything named like a secret, and any value shaped like a
 * known token whatever its name. Tests and deploy commands get tokens only through extraEnv.
 */
function scrubbedEnv(env) {
    const out = {};
    for (const [name, value] of Object.entries(env)) {
        if (value === undefined)
            continue;
        const upper = name.toUpperCase();
        if (upper.startsWith('INPUT_'))
            continue;
        if (SECRET_NAMES.has(upper))
            continue;
        if (SECRET_NAME_PATTERN.test(name))
            continue;
        if ((0,_redact_js__WEBPACK_IMPORTED_MODULE_3__/* .containsTokenPattern */ .fv)(value))
            continue;
        out[name] = value;
    }
    return out;
}
/** Env values shorter than this are not registered as secrets: masking `1` or `true` shreds logs. */
const MIN_ENV_SECRET_LENGTH = 8;
/**
 * The values of the environment that are credentials by name or by shape (the variables
 * `scrubbedEnv` drops, action inputs named like a key or token included), to register with the
 * Redactor: a deploy key passed as `env:` is masked in the Actions log by the runner, but not in
 * a comment we post unless we know it too.
 */
function secretEnvValues(env) {
    const out = new Set();
    for (const [name, value] of Object.entries(env)) {
        if (!value || value.trim().length < MIN_ENV_SECRET_LENGTH)
            continue;
        // Input names keep their hyphens (INPUT_GITHUB-TOKEN): compare them as underscores.
        const upper = name.toUpperCase().replace(/-/g, '_');
        if (SECRET_NAMES.has(upper) || SECRET_NAME_PATTERN.test(upper) || (0,_redact_js__WEBPACK_IMPORTED_MODULE_3__/* .containsTokenPattern */ .fv)(value)) {
            // ACTIONS_ID_TOKEN_REQUEST_URL is a URL, not a secret by itself; the rest are.
            if (upper !== 'ACTIONS_ID_TOKEN_REQUEST_URL')
                out.add(value.trim());
        }
    }
    return [...out];
}
/** Keeps the first `head` and the last `tail` characters of a stream of chunks. */
class HeadTail {
    headMax;
    tailMax;
    head = '';
    tail = '';
    total = 0;
    constructor(headMax, tailMax) {
        this.headMax = headMax;
        this.tailMax = tailMax;
    }
    push(chunk) {
        this.total += chunk.length;
        if (this.head.length < this.headMax) {
            const room = this.headMax - this.head.length;
            this.head += chunk.slice(0, room);
            chunk = chunk.slice(room);
        }
        if (chunk.length === 0)
            return;
        this.tail += chunk;
        // Trim lazily (at twice the size) so a stream of small chunks is not quadratic.
        if (this.tail.length > this.tailMax * 2)
            this.tail = this.tail.slice(-this.tailMax);
    }
    result(logPath) {
        const tail = this.tail.slice(-this.tailMax);
        const omitted = this.total - this.head.length - tail.length;
        if (omitted <= 0)
            return { output: this.head + tail, truncated: false };
        const where = logPath ? `; full output in ${logPath}` : '';
        return {
            output: `${this.head}\n[... ${omitted} characters omitted${where} ...]\n${tail}`,
            truncated: true,
        };
    }
}
/** Streams (already redacted) text to a log file. */
class LogSink {
    stream;
    constructor(file) {
        node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(file), { recursive: true });
        this.stream = node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream(file);
        // A write error (disk full) must not crash the run; the in-memory output still exists.
        this.stream.on('error', () => undefined);
    }
    write(text) {
        this.stream.write(text);
    }
    close() {
        return new Promise((resolve) => this.stream.end(() => resolve()));
    }
}
/**
 * Every command still running, by the pid of its process group, with the function that stops it
 * (SIGTERM, then SIGKILL after the grace). A cancelled run stops them all, wherever they were
 * started from: no caller has to remember to pass a signal for the tree to die with the run.
 */
const running = new Map();
/** Stops every running command (SIGTERM to its group, SIGKILL after its grace). */
function stopRunningCommands() {
    for (const stop of running.values())
        stop();
    return running.size;
}
/**
 * SIGKILLs the group of every command still running. For the moment before the process exits:
 * the SIGKILL timers of `stopRunningCommands` do not outlive it.
 */
function killRunningCommands() {
    for (const pid of running.keys())
        killGroup(pid, 'SIGKILL');
}
function killGroup(pid, signal) {
    if (pid === undefined)
        return;
    try {
        // Negative pid: the whole process group, grandchildren included.
        process.kill(-pid, signal);
    }
    catch {
        // ESRCH: the group is already gone.
    }
}
/**
 * Runs `bash -c command` in its own process group. On timeout or abort the group gets SIGTERM,
 * then SIGKILL after a grace period. When the command exits, whatever it left running in its
 * group is killed too, so a test run cannot leave servers behind that hold ports or our pipes.
 */
function runCommand(opts) {
    const started = Date.now();
    const maxChars = opts.maxOutputChars ?? DEFAULT_MAX_OUTPUT;
    const headTail = new HeadTail(Math.floor(maxChars / 3), maxChars - Math.floor(maxChars / 3));
    const env = { ...(opts.env ?? scrubbedEnv(process.env)), ...(opts.extraEnv ?? {}) };
    const grace = opts.killGraceMs ?? DEFAULT_GRACE_MS;
    return new Promise((resolve) => {
        let sink;
        try {
            if (opts.logPath)
                sink = new LogSink(opts.logPath);
        }
        catch (err) {
            sink = undefined;
            headTail.push(`[log file ${opts.logPath} could not be opened: ${err.message}]\n`);
        }
        const redact = (s) => (opts.redactor ? opts.redactor.redact(s) : s);
        if (opts.signal?.aborted) {
            void (sink?.close() ?? Promise.resolve()).then(() => resolve({
                exitCode: null,
                signal: null,
                timedOut: false,
                output: 'Aborted before start.',
                truncated: false,
                durationMs: Date.now() - started,
                error: 'Aborted before start.',
            }));
            return;
        }
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('bash', ['-c', opts.command], {
            cwd: opts.cwd,
            env,
            detached: true,
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let timedOut = false;
        let settled = false;
        let killTimer;
        let exit;
        // Redacted before it is capped or logged: a secret split across chunks (or across the
        // head/tail cut) is masked whole, never shown in part.
        const stream = opts.redactor ? new _redact_js__WEBPACK_IMPORTED_MODULE_3__/* .StreamRedactor */ .d6(opts.redactor) : null;
        const emit = (text) => {
            if (!text)
                return;
            headTail.push(text);
            sink?.write(text);
        };
        const onData = (chunk) => emit(stream ? stream.push(chunk) : chunk);
        child.stdout.setEncoding('utf8');
        child.stderr.setEncoding('utf8');
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        const stop = () => {
            killGroup(child.pid, 'SIGTERM');
            killTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), grace);
            killTimer.unref();
        };
        const timer = setTimeout(() => {
            timedOut = true;
            stop();
        }, opts.timeoutMs);
        const onAbort = () => stop();
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        const pid = child.pid;
        if (pid !== undefined)
            running.set(pid, stop);
        child.on('error', (err) => {
            void finish({ exitCode: null, signal: null, error: `Failed to start bash: ${err.message}` });
        });
        child.on('exit', (code, signal) => {
            exit = { code, signal };
            // Leftovers in the group would keep our pipes open (and ports busy): end them.
            killGroup(child.pid, 'SIGKILL');
            // A process that left the group (setsid) can still hold the pipes: stop waiting for it.
            setTimeout(() => {
                child.stdout.destroy();
                child.stderr.destroy();
                void finish({ exitCode: code, signal });
            }, 1_000).unref();
        });
        child.on('close', () => {
            void finish({ exitCode: exit?.code ?? null, signal: exit?.signal ?? null });
        });
        async function finish(r) {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            if (killTimer)
                clearTimeout(killTimer);
            opts.signal?.removeEventListener('abort', onAbort);
            if (pid !== undefined)
                running.delete(pid);
            if (stream)
                emit(stream.end());
            if (r.error)
                headTail.push(`${r.error}\n`);
            if (timedOut) {
                const note = `\n[timed out after ${opts.timeoutMs} ms; the process group was killed]\n`;
                headTail.push(note);
                sink?.write(note);
            }
            await sink?.close();
            const { output, truncated } = headTail.result(opts.logPath);
            resolve({
                exitCode: r.exitCode,
                signal: r.signal,
                timedOut,
                output: redact(output),
                truncated,
                ...(opts.logPath && sink ? { logPath: opts.logPath } : {}),
                durationMs: Date.now() - started,
                ...(r.error ? { error: r.error } : {}),
            });
        }
    });
}


/***/ }),

/***/ 16713:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d6: () => (/* binding */ StreamRedactor),
/* harmony export */   fv: () => (/* binding */ containsTokenPattern),
/* harmony export */   pO: () => (/* binding */ Redactor)
/* harmony export */ });
/**
 * Secret redaction for everything that leaves the process: logs, comments, outputs, the
 * transcript. Registered values (and the encoded forms they travel in) plus well-known token
 * shapes are replaced with `***`, in one pass of one combined regex so large logs stay cheap.
 */
const MASK = '***';
/** Values shorter than this are ignored: masking "a" or "true" would shred every message. */
const MIN_SECRET_LENGTH = 4;
/** Encoded forms shorter than this are not registered: too likely to occur by chance. */
const MIN_DERIVED_LENGTH = 8;
/** Case-insensitive literal without the `i` flag, which the shared regex cannot carry. */
function ci(word) {
    return [...word]
        .map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escapeRegExp(c)))
        .join('');
}
function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
/**
 * Token shapes, each a regex source without capture groups except the named `keep*` groups,
 * whose text is kept (the header name before a credential, say) while the rest is masked.
 */
const TOKEN_PATTERNS = [
    // GitHub: classic PAT, OAuth, user-to-server, server-to-server (GITHUB_TOKEN), refresh.
    '\\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{16,255}\\b',
    // GitHub fine-grained PAT.
    '\\bgithub_pat_[A-Za-z0-9_]{22,255}',
    // Anthropic API and admin keys (sk-ant-api03-..., sk-ant-admin01-...).
    '\\bsk-ant-[A-Za-z0-9_-]{8,}',
    // AWS access key ids (long-term and temporary).
    '\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b',
    // AWS secret access key, recognisable only by the name in front of it.
    `(?<keep1>${ci('aws_secret_access_key')}["']?\\s*[:=]\\s*["']?)[A-Za-z0-9/+=]{40}`,
    // Slack bot, user, app-level, refresh and config tokens.
    '\\bxox[abprs]-[A-Za-z0-9-]{10,}',
    '\\bxapp-[0-9]-[A-Za-z0-9-]{10,}',
    // JWT: header.payload.signature, both JSON parts starting with '{"'.
    '\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*',
    // Authorization header values (git extraheader, curl -H, HTTP dumps).
    `(?<keep2>${ci('authorization')}["']?\\s*[:=]\\s*["']?(?:${ci('bearer')}|${ci('basic')}|${ci('token')})\\s+)[^\\s'",;]+`,
    // Private key blocks; an unterminated one (a cut-off log) is masked to the end.
    '-----BEGIN[A-Z ]*PRIVATE KEY-----(?:[\\s\\S]*?-----END[A-Z ]*PRIVATE KEY-----|[\\s\\S]*$)',
];
const TOKEN_REGEX = new RegExp(TOKEN_PATTERNS.join('|'), 'g');
/** True when the text contains something shaped like a known token (used to scrub env values). */
function containsTokenPattern(text) {
    TOKEN_REGEX.lastIndex = 0;
    const found = TOKEN_REGEX.test(text);
    TOKEN_REGEX.lastIndex = 0;
    return found;
}
/**
 * Base64 forms of `bytes` as they appear at each of the three alignments inside a longer
 * base64 string, trimmed to the characters that depend on the secret alone. This catches a
 * token inside `base64("x-access-token:" + token)` without knowing the prefix.
 */
function base64Forms(bytes) {
    const forms = [];
    for (let offset = 0; offset < 3; offset++) {
        const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
        // Characters touching the zero prefix: none, 2 or 3.
        const start = [0, 2, 3][offset];
        // Keep only whole groups of 3 bytes; the last partial group depends on what follows.
        const end = Math.floor((offset + bytes.length) / 3) * 4;
        const core = encoded.slice(start, end);
        if (core.length >= MIN_DERIVED_LENGTH) {
            forms.push(core);
            const urlSafe = core.replace(/\+/g, '-').replace(/\//g, '_');
            if (urlSafe !== core)
                forms.push(urlSafe);
        }
    }
    return forms;
}
/**
 * Every form a registered secret is masked in, as regex sources: itself, its lines, and the
 * encodings a tool may print it in (JSON escapes, URL encoding, hex, base64 and base64url), so a
 * test that dumps a token as `Buffer.toString('hex')` or in a query string leaks nothing.
 */
function derivedForms(secret) {
    const literals = new Set([secret]);
    // The runner masks multi-line secrets line by line; a key printed piecewise stays masked.
    if (secret.includes('\n')) {
        for (const line of secret.split(/\r?\n/)) {
            if (line.trim().length >= MIN_DERIVED_LENGTH)
                literals.add(line.trim());
        }
    }
    literals.add(escapeJson(secret));
    const bytes = Buffer.from(secret, 'utf8');
    // Hex as `xxd -p`, `Buffer.toString('hex')` and `%x` print it, and as `%X` and .NET print it.
    const hex = bytes.toString('hex');
    literals.add(hex);
    literals.add(hex.toUpperCase());
    for (const b64 of base64Forms(bytes))
        literals.add(b64);
    const forms = [...literals]
        .filter((f) => f.length >= MIN_SECRET_LENGTH)
        .map((f) => ({ source: escapeRegExp(f), length: f.length }));
    const url = urlEncodedPattern(secret);
    if (url)
        forms.push(url);
    return forms;
}
/** Characters no URL encoder escapes (RFC 3986 unreserved). */
const UNRESERVED = /^[A-Za-z0-9_.~-]$/;
/**
 * The secret as any URL encoder may write it: each other character raw or percent-encoded in
 * either case (`encodeURIComponent` keeps `!'()*`, Python's `quote` escapes them; some write
 * `%2f`), a space also as `+` (form encoding). Null when the secret has nothing to encode.
 */
function urlEncodedPattern(secret) {
    if ([...secret].every((c) => UNRESERVED.test(c)))
        return null;
    const source = [...secret]
        .map((c) => {
        if (UNRESERVED.test(c))
            return escapeRegExp(c);
        const percent = [...Buffer.from(c, 'utf8')]
            .map((b) => `%${ci(b.toString(16).toUpperCase().padStart(2, '0'))}`)
            .join('');
        return `(?:${escapeRegExp(c)}|${percent}${c === ' ' ? '|\\+' : ''})`;
    })
        .join('');
    return { source, length: encodeURIComponent(secret).length };
}
/** The secret as it appears inside JSON.stringify output (quotes, backslashes, newlines). */
function escapeJson(secret) {
    return JSON.stringify(secret).slice(1, -1);
}
class Redactor {
    secrets = new Set();
    /** Regex source of each masked form -> the length of the text it matches (for ordering). */
    forms = new Map();
    regex = null;
    constructor(secrets) {
        for (const s of secrets ?? [])
            this.add(s);
    }
    /** Registers a value to mask everywhere; empty and very short (<4) values are ignored. */
    add(secret) {
        if (typeof secret !== 'string')
            return;
        const value = secret.trim();
        if (value.length < MIN_SECRET_LENGTH || this.secrets.has(value))
            return;
        this.secrets.add(value);
        for (const form of derivedForms(value))
            this.forms.set(form.source, form.length);
        this.regex = null;
    }
    /** Masks registered secrets (and their encodings) and known token shapes with `***`. */
    redact(text) {
        if (typeof text !== 'string' || text.length === 0)
            return text;
        const regex = this.combined();
        regex.lastIndex = 0;
        return text.replace(regex, (...args) => {
            // The last argument of a replacer is the named-groups object when the regex has any.
            const groups = args[args.length - 1];
            const keep = groups.keep1 ?? groups.keep2 ?? '';
            return keep + MASK;
        });
    }
    /**
     * Returns a copy with every string inside (object keys too) redacted. Arrays, plain objects
     * and errors are copied; other objects (Date, Map, Buffer…) are returned as they are.
     */
    redactDeep(value) {
        return this.deep(value, new WeakMap());
    }
    deep(value, seen) {
        if (typeof value === 'string')
            return this.redact(value);
        if (value === null || typeof value !== 'object')
            return value;
        const cached = seen.get(value);
        if (cached !== undefined)
            return cached;
        if (Array.isArray(value)) {
            const out = [];
            seen.set(value, out);
            for (const item of value)
                out.push(this.deep(item, seen));
            return out;
        }
        const proto = Object.getPrototypeOf(value);
        const plain = proto === Object.prototype || proto === null;
        if (!plain && !(value instanceof Error))
            return value;
        const out = Object.create(proto);
        seen.set(value, out);
        // Errors keep message and stack as own non-enumerable properties: copy those too.
        const keys = value instanceof Error
            ? Object.getOwnPropertyNames(value)
            : Object.keys(value);
        for (const key of keys) {
            const v = value[key];
            const redactedKey = this.redact(key);
            if (value instanceof Error && (key === 'message' || key === 'stack')) {
                Object.defineProperty(out, key, {
                    value: this.deep(v, seen),
                    writable: true,
                    configurable: true,
                    enumerable: false,
                });
            }
            else {
                out[redactedKey] = this.deep(v, seen);
            }
        }
        return out;
    }
    /**
     * A position at or before `at` that does not fall inside anything `redact` would mask, so
     * text cut there and redacted in two parts is masked as if it were whole.
     */
    safeCut(text, at) {
        if (at <= 0)
            return 0;
        const regex = this.combined();
        regex.lastIndex = 0;
        let cut = at;
        for (let m = regex.exec(text); m; m = regex.exec(text)) {
            if (m.index >= at)
                break;
            if (m.index + m[0].length > at) {
                cut = m.index;
                break;
            }
            if (m[0].length === 0)
                regex.lastIndex++;
        }
        regex.lastIndex = 0;
        // A match from the very start (an unterminated key block) must not stall the stream.
        return cut > 0 ? cut : at;
    }
    combined() {
        if (this.regex)
            return this.regex;
        // Longest first so a secret is never half-masked by a shorter one that prefixes it.
        const literals = [...this.forms].sort((a, b) => b[1] - a[1]).map(([source]) => source);
        const parts = literals.length > 0 ? [...literals, ...TOKEN_PATTERNS] : TOKEN_PATTERNS;
        this.regex = new RegExp(parts.join('|'), 'g');
        return this.regex;
    }
}
/** Longer than any token shape or registered secret we expect: the hold-back of a long line. */
const STREAM_OVERLAP = 4096;
/** A private key block longer than this (a PEM of an 8192-bit RSA key is ~6.5 KB) is not one. */
const MAX_KEY_BLOCK_CHARS = 16_384;
const KEY_BEGIN = /-----BEGIN[A-Z ]*PRIVATE KEY-----/g;
const KEY_END = /-----END[A-Z ]*PRIVATE KEY-----/;
/** True when the text opens a private key block it does not close. */
function opensKeyBlock(text) {
    let last = -1;
    KEY_BEGIN.lastIndex = 0;
    for (let m = KEY_BEGIN.exec(text); m; m = KEY_BEGIN.exec(text))
        last = m.index;
    KEY_BEGIN.lastIndex = 0;
    return last >= 0 && !KEY_END.test(text.slice(last));
}
/**
 * Redaction for text that arrives in chunks (a command's output). Redacting chunk by chunk
 * misses a secret split across two chunks, so text is released only up to a line end (a long
 * line is released in pieces cut outside any match, holding back more than a secret's length),
 * and a private key block that spans releases stays masked until its END line.
 */
class StreamRedactor {
    redactor;
    maxPending;
    pending = '';
    keyChars = -1;
    constructor(redactor, 
    /** Without a line end for this long, text is released anyway: memory stays bounded. */
    maxPending = 65_536) {
        this.redactor = redactor;
        this.maxPending = maxPending;
    }
    /** Adds a chunk; returns the redacted text that can be released now (maybe ''). */
    push(chunk) {
        this.pending += chunk;
        let cut = this.pending.lastIndexOf('\n') + 1;
        if (cut === 0) {
            if (this.pending.length < this.maxPending)
                return '';
            cut = this.redactor.safeCut(this.pending, this.pending.length - STREAM_OVERLAP);
        }
        const text = this.pending.slice(0, cut);
        this.pending = this.pending.slice(cut);
        return this.release(text);
    }
    /** Releases what is left at the end of the stream. */
    end() {
        const text = this.pending;
        this.pending = '';
        return text ? this.release(text) : '';
    }
    release(text) {
        if (this.keyChars >= 0) {
            // Inside a key block opened by an earlier release (already shown as ***).
            const end = KEY_END.exec(text);
            if (end) {
                text = text.slice(end.index + end[0].length);
                this.keyChars = -1;
            }
            else {
                this.keyChars += text.length;
                if (this.keyChars <= MAX_KEY_BLOCK_CHARS)
                    return '';
                this.keyChars = -1;
            }
        }
        const out = this.redactor.redact(text);
        if (opensKeyBlock(text))
            this.keyChars = 0;
        return out;
    }
}


/***/ }),

/***/ 78382:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Mf: () => (/* binding */ GEN_AI),
/* harmony export */   Sd: () => (/* binding */ ERROR_TYPE),
/* harmony export */   rs: () => (/* binding */ PITCREW)
/* harmony export */ });
/**
 * Attribute names, as plain strings: the OpenTelemetry GenAI semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/) and pitcrew's own. Kept here rather than
 * imported from @opentelemetry/semantic-conventions so the code that sets them (the agent loop,
 * always loaded) does not load the OpenTelemetry packages.
 */
const GEN_AI = {
    operation: 'gen_ai.operation.name',
    system: 'gen_ai.system',
    provider: 'gen_ai.provider.name',
    requestModel: 'gen_ai.request.model',
    requestMaxTokens: 'gen_ai.request.max_tokens',
    responseModel: 'gen_ai.response.model',
    responseId: 'gen_ai.response.id',
    finishReasons: 'gen_ai.response.finish_reasons',
    inputTokens: 'gen_ai.usage.input_tokens',
    outputTokens: 'gen_ai.usage.output_tokens',
    cacheReadTokens: 'gen_ai.usage.cache_read.input_tokens',
    cacheWriteTokens: 'gen_ai.usage.cache_creation.input_tokens',
    toolName: 'gen_ai.tool.name',
    toolCallId: 'gen_ai.tool.call.id',
    toolType: 'gen_ai.tool.type',
};
const PITCREW = {
    mode: 'pitcrew.mode',
    outcome: 'pitcrew.outcome',
    stopReason: 'pitcrew.stop_reason',
    label: 'pitcrew.label',
    turn: 'pitcrew.turn',
    costUsd: 'pitcrew.cost_usd',
    attempts: 'pitcrew.attempts',
    durationMs: 'pitcrew.duration_ms',
    testsCommand: 'pitcrew.tests.command',
    testsLabel: 'pitcrew.tests.label',
    testsExitCode: 'pitcrew.tests.exit_code',
    testsTimedOut: 'pitcrew.tests.timed_out',
    testsFailures: 'pitcrew.tests.failures',
};
const ERROR_TYPE = 'error.type';


/***/ }),

/***/ 63390:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   bc: () => (/* binding */ startTracing),
/* harmony export */   gP: () => (/* binding */ TRACE_FLUSH_MS),
/* harmony export */   hP: () => (/* binding */ noTracer)
/* harmony export */ });
/* unused harmony export tracingEndpoint */
const noopSpan = { set: () => undefined, fail: () => undefined, end: () => undefined };
/** Tracing off: every call is a no-op. */
const noTracer = {
    enabled: false,
    run: noopSpan,
    start: () => noopSpan,
    shutdown: () => Promise.resolve(),
};
/** The OTLP endpoint the environment asks traces to go to, if any. */
function tracingEndpoint(env) {
    return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined;
}
/** How long the spans of a run may take to export before the process exits. */
const TRACE_FLUSH_MS = 5_000;
/**
 * The run's tracer: OpenTelemetry when `OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is set (the module is loaded here, on demand), else the
 * no-op. A tracing setup that cannot work is a warning, never a failed run.
 */
async function startTracing(env, o) {
    const endpoint = tracingEndpoint(env);
    if (!endpoint)
        return noTracer;
    try {
        const { createOtelTracer } = await Promise.all(/* import() */[__nccwpck_require__.e(914), __nccwpck_require__.e(616), __nccwpck_require__.e(881)]).then(__nccwpck_require__.bind(__nccwpck_require__, 47881));
        return createOtelTracer(env, o);
    }
    catch (err) {
        o.log.warning(`Tracing is off: ${o.redactor.redact(err instanceof Error ? err.message : String(err))}`);
        return noTracer;
    }
}


/***/ }),

/***/ 18117:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ startBusy),
/* harmony export */   j: () => (/* binding */ timingSnapshot)
/* harmony export */ });
const busy = {
    git: { inFlight: 0, since: 0, totalMs: 0, count: 0 },
    github: { inFlight: 0, since: 0, totalMs: 0, count: 0 },
};
/** Marks one git process or GitHub request as started; call the returned function when done. */
function startBusy(kind) {
    const b = busy[kind];
    b.count++;
    if (b.inFlight++ === 0)
        b.since = performance.now();
    let done = false;
    return () => {
        if (done)
            return;
        done = true;
        if (--b.inFlight === 0)
            b.totalMs += performance.now() - b.since;
    };
}
/** The counters so far; ms since the process started (Node's time origin). */
function timingSnapshot() {
    const now = performance.now();
    const ms = (b) => Math.round(b.totalMs + (b.inFlight > 0 ? now - b.since : 0));
    return {
        sinceStartMs: Math.round(now),
        gitBusyMs: ms(busy.git),
        gitProcesses: busy.git.count,
        githubBusyMs: ms(busy.github),
        githubRequests: busy.github.count,
    };
}


/***/ }),

/***/ 38680:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  TU: () => (/* binding */ Git)
});

// UNUSED EXPORTS: GitError, authConfig, basicAuthHeader, gitEnvironment

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(77598);
// EXTERNAL MODULE: ./node_modules/debug/src/index.js
var src = __nccwpck_require__(2830);
var src_default = /*#__PURE__*/__nccwpck_require__.n(src);
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
var dist = __nccwpck_require__(47117);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(31421);
// EXTERNAL MODULE: ./node_modules/@kwsites/promise-deferred/dist/index.js
var promise_deferred_dist = __nccwpck_require__(19997);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(76760);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __nccwpck_require__(78474);
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
const dist_re = "òòòòòò ", dist_se = " òò", dist_oe = " ò ", wr = ["hash", "date", "message", "refs", "author_name", "author_email"];
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

// EXTERNAL MODULE: ./src/safety/command.ts
var command = __nccwpck_require__(33867);
// EXTERNAL MODULE: ./src/safety/redact.ts
var redact = __nccwpck_require__(16713);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(73024);
;// CONCATENATED MODULE: ./src/tools/process-tree.ts
/**
 * Ending a program and everything it started when we only know a tag in its environment.
 * simple-git owns the child process (its pid is not ours to see) and stops it with SIGINT, which
 * git does not pass on: a push's local receive-pack, its hooks or an https transport would live
 * on and hold the output pipes open. Every descendant inherits the environment, so a variable
 * set for one git call names exactly the processes that call started.
 */

/**
 * SIGKILLs every process of ours whose environment holds `name=value` and returns how many it
 * signalled. Linux only (it reads /proc); elsewhere it does nothing and returns 0.
 */
function killTagged(name, value) {
    const needle = Buffer.from(`${name}=${value}\0`);
    let pids;
    try {
        pids = (0,external_node_fs_.readdirSync)('/proc').filter((p) => /^\d+$/.test(p));
    }
    catch {
        return 0;
    }
    let killed = 0;
    for (const pid of pids) {
        if (Number(pid) === process.pid)
            continue;
        let environ;
        try {
            environ = (0,external_node_fs_.readFileSync)(`/proc/${pid}/environ`);
        }
        catch {
            continue; // gone already, or another user's
        }
        if (!environ.includes(needle))
            continue;
        try {
            process.kill(Number(pid), 'SIGKILL');
            killed++;
        }
        catch {
            // exited between the read and the kill
        }
    }
    return killed;
}

// EXTERNAL MODULE: ./src/timing.ts
var timing = __nccwpck_require__(18117);
;// CONCATENATED MODULE: ./src/tools/git.ts
/**
 * Git through simple-git: an argument array, never a shell, never prompting, errors redacted,
 * and simple-git's unsafe-option checks on, so an option that runs a program (`--upload-pack`,
 * `-c core.sshCommand=...`, `-c alias.x=!cmd`) is refused before git starts, wherever it comes
 * from. The push token travels as an http extraheader scoped to the remote's origin, given
 * through the environment of the one git process that needs it (GIT_CONFIG_COUNT/KEY/VALUE):
 * never in the remote URL, never in .git/config, never in the argument list other users can
 * read in `ps`.
 */







class GitError extends Error {
    code;
    stderr;
    constructor(message, code, stderr) {
        super(message);
        this.code = code;
        this.stderr = stderr;
        this.name = 'GitError';
    }
}
/** Subcommands that talk to a remote and so may need the token. */
const NETWORK_COMMANDS = new Set(['push', 'fetch', 'pull', 'ls-remote']);
/** The `AUTHORIZATION` header value git sends: what GitHub expects for a token over https. */
function basicAuthHeader(token) {
    return `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64')}`;
}
/**
 * Config entries that make git send the token to one https origin: an empty value first, which
 * resets headers inherited from .git/config (actions/checkout persists its own, and two
 * Authorization headers make GitHub answer 400), then ours. Scoped to the origin so a redirect
 * to another host does not carry it.
 */
function authConfig(remoteUrl, token) {
    const origin = new URL(remoteUrl).origin;
    const key = `http.${origin}/.extraheader`;
    return [
        [key, ''],
        [key, basicAuthHeader(token)],
    ];
}
/** GIT_CONFIG_COUNT/KEY/VALUE (git >= 2.31): config for one process, invisible in argv. */
function configEnv(entries, base) {
    const env = { ...base };
    const already = Number(base.GIT_CONFIG_COUNT ?? 0) || 0;
    entries.forEach(([key, value], i) => {
        env[`GIT_CONFIG_KEY_${already + i}`] = key;
        env[`GIT_CONFIG_VALUE_${already + i}`] = value;
    });
    env.GIT_CONFIG_COUNT = String(already + entries.length);
    return env;
}
/**
 * Variables that make git start a program (an editor, a pager, a password prompt, an ssh or
 * proxy command, an external diff) or read its programs from elsewhere, and
 * GIT_CONFIG_PARAMETERS, whose config simple-git cannot check: never handed to git. pitcrew's
 * git never needs them, and simple-git would refuse every call that carried one.
 */
const DROPPED_ENV = new Set([
    'EDITOR',
    'VISUAL',
    'PAGER',
    'PREFIX',
    'SSH_ASKPASS',
    'GIT_ASKPASS',
    'GIT_EDITOR',
    'GIT_SEQUENCE_EDITOR',
    'GIT_PAGER',
    'GIT_EXTERNAL_DIFF',
    'GIT_PROXY_COMMAND',
    'GIT_SSH',
    'GIT_SSH_COMMAND',
    'GIT_EXEC_PATH',
    'GIT_TEMPLATE_DIR',
    'GIT_CONFIG_PARAMETERS',
]);
/** Tags the processes of one git call (see process-tree.ts); a random value, not a secret. */
const CALL_TAG = 'PITCREW_GIT_CALL';
/** How long a timed-out call waits for its pipes to close once git was stopped. */
const KILL_GRACE_MS = 2000;
/**
 * The environment git runs with: `base` without DROPPED_ENV, never prompting, in English,
 * with literal pathspecs. `allow` names its GIT_* variables: simple-git's environment guard
 * refuses any it was not told about, and checks the config they set (GIT_CONFIG_KEY_n)
 * against its list of keys that cannot run programs.
 */
function gitEnvironment(base) {
    const env = {};
    for (const [name, value] of Object.entries(base)) {
        if (value === undefined || DROPPED_ENV.has(name.toUpperCase()))
            continue;
        env[name] = value;
    }
    Object.assign(env, {
        GIT_TERMINAL_PROMPT: '0',
        GCM_INTERACTIVE: 'never',
        // Messages in English whatever the runner's locale: callers match on some of them.
        LC_ALL: 'C',
        // Paths are paths, never patterns: a file named `*` or `:(exclude)x` (a fix may create
        // one) must not widen `git add -- <files>` to files nobody meant to commit.
        GIT_LITERAL_PATHSPECS: '1',
    });
    return { env, allow: Object.keys(env).filter((name) => /^git_/i.test(name)) };
}
/**
 * simple-git logs each git process's spawn options, its environment (so the token's header)
 * included, through the `debug` package when DEBUG names it. Its namespaces stay off whatever
 * DEBUG says; every other namespace keeps what DEBUG gave it.
 */
function silenceSimpleGitDebug() {
    const enabled = src_default().disable();
    src_default().enable([enabled, '-simple-git', '-simple-git:*'].filter(Boolean).join(','));
}
silenceSimpleGitDebug();
let gitVersionPromise;
class Git {
    cwd;
    opts;
    redactor;
    baseEnv;
    remoteUrls = new Map();
    constructor(cwd, opts = {}) {
        this.cwd = cwd;
        this.opts = opts;
        this.redactor = opts.redactor ?? new redact/* Redactor */.pO();
        if (opts.authToken) {
            this.redactor.add(opts.authToken);
            this.redactor.add(basicAuthHeader(opts.authToken).slice('AUTHORIZATION: basic '.length));
        }
        this.baseEnv = gitEnvironment(opts.env ?? (0,command/* scrubbedEnv */.wS)(process.env)).env;
    }
    /**
     * Runs git with an argument array. Throws a redacted GitError on a non-zero exit unless
     * allowFail, and always when simple-git refuses the arguments (an option that runs a
     * program). On push/fetch/pull/ls-remote to an https remote, the token is supplied.
     */
    async run(args, opts = {}) {
        let env = this.baseEnv;
        const auth = await this.authFor(args);
        if (auth) {
            const [major, minor] = await this.version();
            if (major < 2 || (major === 2 && minor < 31)) {
                throw new GitError(`git ${major}.${minor} is too old to receive the token through its environment ` +
                    '(GIT_CONFIG_COUNT needs git 2.31 or later); pitcrew does not put it in argv. ' +
                    'Install a newer git on the runner.', 128, '');
            }
            env = configEnv(auth, this.baseEnv);
        }
        const result = await this.exec(args, env, opts.input, opts.timeoutMs);
        const redacted = {
            code: result.code,
            stdout: this.redactor.redact(result.stdout),
            stderr: this.redactor.redact(result.stderr),
            ...(result.timedOut ? { timedOut: true } : {}),
        };
        // The message names the caller's arguments only: the auth config never appears in it.
        const shown = this.redactor.redact(args.join(' '));
        if (result.refused !== undefined) {
            throw new GitError(`git ${shown} refused: ${this.redactor.redact(result.refused)}`, result.code, redacted.stderr);
        }
        if (result.code !== 0 && !opts.allowFail) {
            const detail = redacted.stderr.trim() || redacted.stdout.trim();
            throw new GitError(`git ${shown} failed with exit code ${result.code}${detail ? `: ${detail}` : ''}`, result.code, redacted.stderr);
        }
        return redacted;
    }
    /** Full sha of a commit-ish; throws when it does not resolve. */
    async revParse(ref) {
        const { stdout } = await this.run([
            'rev-parse',
            '--verify',
            '--end-of-options',
            `${ref}^{commit}`,
        ]);
        return stdout.trim();
    }
    /** True when `a` is an ancestor of (or equal to) `b`. */
    async isAncestor(a, b) {
        const r = await this.run(['merge-base', '--is-ancestor', '--end-of-options', a, b], {
            allowFail: true,
        });
        if (r.code === 0)
            return true;
        if (r.code === 1)
            return false;
        throw new GitError(`git merge-base --is-ancestor ${a} ${b} failed: ${r.stderr.trim()}`, r.code, r.stderr);
    }
    /** The checked-out branch, or null on a detached HEAD (the usual state in Actions). */
    async currentBranch() {
        const r = await this.run(['symbolic-ref', '--quiet', '--short', 'HEAD'], { allowFail: true });
        return r.code === 0 ? r.stdout.trim() || null : null;
    }
    /** Unified diff from base to head with renames, no color, no external diff or textconv drivers. */
    async diff(base, head, paths) {
        for (const ref of [base, head])
            refuseOption(ref, 'diff');
        const args = ['diff', '-M', '--no-color', '--no-ext-diff', '--no-textconv', base, head, '--'];
        const { stdout } = await this.run(paths && paths.length > 0 ? [...args, ...paths] : args);
        return stdout;
    }
    /** Author of HEAD: used to recognise our own commits (loop guard). */
    async headAuthor() {
        const { stdout } = await this.run(['log', '-1', '--format=%an%x00%ae', 'HEAD']);
        const [name = '', email = ''] = stdout.trim().split('\0');
        return { name, email };
    }
    /** Auth config entries for this command, or null when it does not go to an https remote. */
    async authFor(args) {
        const token = this.opts.authToken;
        if (!token)
            return null;
        const sub = args.findIndex((a) => !a.startsWith('-'));
        if (sub === -1 || !NETWORK_COMMANDS.has(args[sub]))
            return null;
        // The remote is the first positional that is a URL or a configured remote ('--depth 1'
        // puts a value first); none means the default remote.
        let url = null;
        for (const arg of args.slice(sub + 1)) {
            if (arg.startsWith('-'))
                continue;
            url = /^[a-z][a-z0-9+.-]*:\/\//i.test(arg) ? arg : await this.remoteUrl(arg);
            if (url)
                break;
        }
        url ??= await this.remoteUrl('origin');
        if (!url || !/^https:\/\//i.test(url))
            return null;
        try {
            return authConfig(url, token);
        }
        catch {
            return null;
        }
    }
    async remoteUrl(name) {
        if (!this.remoteUrls.has(name)) {
            const r = await this.exec(['remote', 'get-url', '--', name], this.baseEnv);
            this.remoteUrls.set(name, r.code === 0 ? r.stdout.trim() : null);
        }
        return this.remoteUrls.get(name) ?? null;
    }
    /**
     * The blobs `specs` name (`<rev>:<path>`), read through ONE `git cat-file --batch` process
     * instead of a `git show` each: the text of each blob (redacted), null for anything missing
     * or not a blob.
     */
    async readBlobs(specs) {
        const objects = await this.catFile(specs);
        const out = new Map();
        for (const [spec, o] of objects)
            out.set(spec, o?.type === 'blob' ? o.text : null);
        return out;
    }
    /**
     * What `specs` name (any `git cat-file` object name: `<sha>^{commit}`, `<rev>:<path>`), through
     * one `git cat-file --batch`: the type and (redacted) content of each, null when missing. A
     * spec with a newline (cat-file reads one per line) is asked with `git cat-file -t`/`-p`.
     */
    async catFile(specs) {
        const out = new Map();
        const batch = [...new Set(specs)].filter((s) => !/[\r\n]/.test(s));
        for (const odd of specs.filter((s) => /[\r\n]/.test(s))) {
            const t = await this.run(['cat-file', '-t', odd], { allowFail: true });
            const p = t.code === 0 ? await this.run(['cat-file', '-p', odd], { allowFail: true }) : null;
            out.set(odd, p && p.code === 0 ? { type: t.stdout.trim(), text: p.stdout } : null);
        }
        if (batch.length === 0)
            return out;
        const res = await this.exec(['cat-file', '--batch'], this.baseEnv, batch.join('\n') + '\n');
        const buf = res.raw ?? Buffer.alloc(0);
        let at = 0;
        for (const spec of batch) {
            const nl = buf.indexOf(10, at);
            if (nl < 0) {
                out.set(spec, null);
                continue;
            }
            const header = buf.subarray(at, nl).toString('utf8');
            at = nl + 1;
            const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
            if (!m) {
                out.set(spec, null); // "<spec> missing" or "<spec> ambiguous"
                continue;
            }
            const size = Number(m[2]);
            const text = this.redactor.redact(buf.subarray(at, at + size).toString('utf8'));
            at += size + 1;
            out.set(spec, { type: m[1], text });
        }
        return out;
    }
    version() {
        gitVersionPromise ??= this.exec(['--version'], this.baseEnv).then((r) => {
            const m = /(\d+)\.(\d+)/.exec(r.stdout);
            return m ? [Number(m[1]), Number(m[2])] : [0, 0];
        });
        return gitVersionPromise;
    }
    /**
     * One git process through a simple-git instance of its own, so its environment (and the
     * token in it) belongs to this call only. Every exit code comes back as a result; `refused`
     * is set when simple-git would not start git for these arguments or this environment.
     */
    async exec(args, env, input, timeoutMs) {
        const busy = (0,timing/* startBusy */.O)('git');
        try {
            return await this.execOnce(args, env, input, timeoutMs);
        }
        finally {
            busy();
        }
    }
    async execOnce(args, env, input, timeoutMs) {
        const tag = (0,external_node_crypto_.randomUUID)();
        const controller = timeoutMs === undefined ? undefined : new AbortController();
        let seen;
        let git;
        try {
            git = No({
                baseDir: this.cwd,
                allowEnvironment: gitEnvironment(env).allow,
                // Only `close` ends a call: on `exit` the pipes may still hold output (a long diff).
                completion: { onClose: true, onExit: false },
                ...(controller ? { abort: controller.signal } : {}),
                ...(input !== undefined ? { input: () => input } : {}),
                errors: (error, result) => {
                    seen = result;
                    if (error)
                        return error;
                    return result.exitCode === 0 ? undefined : new dist_A(undefined, 'exit code');
                },
            }).env({ ...env, [CALL_TAG]: tag });
        }
        catch (err) {
            // the working directory does not exist
            return { code: 127, stdout: '', stderr: `cannot run git: ${messageOf(err)}` };
        }
        let timedOut = false;
        let timer;
        const stopped = new Promise((resolve) => {
            if (timeoutMs === undefined)
                return;
            timer = setTimeout(() => {
                timedOut = true;
                controller?.abort();
                killTagged(CALL_TAG, tag);
                // a descendant we could not reach may hold the pipes: do not wait for it
                setTimeout(() => resolve('stopped'), KILL_GRACE_MS).unref();
            }, timeoutMs);
        });
        const done = git.raw(args).then(() => 'done', (err) => err);
        const outcome = await Promise.race([done, stopped]);
        clearTimeout(timer);
        if (seen === undefined && !timedOut) {
            const message = messageOf(outcome);
            if (outcome instanceof x)
                return { code: 128, stdout: '', stderr: '', refused: message };
            return { code: 127, stdout: '', stderr: `cannot run git: ${message}` };
        }
        const code = seen?.exitCode;
        return {
            // killed by a signal (null) or never started (negative): what git says for a fatal end
            code: code === null || code === undefined || code < 0 ? 128 : code,
            stdout: seen ? Buffer.concat(seen.stdOut).toString('utf8') : '',
            // the bytes as git wrote them: `cat-file --batch` sizes count bytes, not characters
            raw: seen ? Buffer.concat(seen.stdOut) : Buffer.alloc(0),
            stderr: (seen ? Buffer.concat(seen.stdErr).toString('utf8') : '') +
                (timedOut ? `\n(no answer within ${timeoutMs} ms: killed)` : ''),
            ...(timedOut ? { timedOut } : {}),
        };
    }
}
/** A ref that git would read as an option (`--output=...`) is refused, not passed on. */
function refuseOption(ref, what) {
    if (ref.startsWith('-')) {
        throw new GitError(`git ${what}: refusing '${ref}' as a revision: it starts with '-'.`, 128, '');
    }
}
function messageOf(err) {
    return err instanceof Error ? err.message : String(err);
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/** pitcrew's version; a test keeps it equal to package.json's. */
const VERSION = '0.1.0';


/***/ }),

/***/ 42613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 20181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 35317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 76982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 24434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 79896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 58611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 85675:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http2");

/***/ }),

/***/ 65692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 50264:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("inspector");

/***/ }),

/***/ 69278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 34589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 16698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 31421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 37540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 77598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 53053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 40610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 78474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 73024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 51455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 37067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 32467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 44708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 77030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 48161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 76760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 53916:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path/posix");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 41792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 80481:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline");

/***/ }),

/***/ 57075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 37830:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/web");

/***/ }),

/***/ 41692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 73136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 57975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 73429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 75919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 38522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 70857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 16928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 82987:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("perf_hooks");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 83480:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("querystring");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 13193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 64756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 52018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 87016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 39023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 28167:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("worker_threads");

/***/ }),

/***/ 43106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ }),

/***/ 25064:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DH: () => (/* binding */ RequestTimeoutError),
/* harmony export */   EH: () => (/* binding */ NotImplementedError),
/* harmony export */   Ed: () => (/* binding */ OverloadedError),
/* harmony export */   Ee: () => (/* binding */ GatewayTimeoutError),
/* harmony export */   Is: () => (/* binding */ UnprocessableEntityError),
/* harmony export */   LG: () => (/* binding */ APIError),
/* harmony export */   Ll: () => (/* binding */ PermissionDeniedError),
/* harmony export */   OE: () => (/* binding */ RateLimitError),
/* harmony export */   PO: () => (/* binding */ InternalServerError),
/* harmony export */   Xo: () => (/* binding */ ClientClosedRequestError),
/* harmony export */   cH: () => (/* binding */ APIUserAbortError),
/* harmony export */   dw: () => (/* binding */ RetryableError),
/* harmony export */   fK: () => (/* binding */ ConflictError),
/* harmony export */   k9: () => (/* binding */ PreconditionFailedError),
/* harmony export */   m_: () => (/* binding */ NotFoundError),
/* harmony export */   pJ: () => (/* binding */ AnthropicError),
/* harmony export */   qA: () => (/* binding */ APIConnectionTimeoutError),
/* harmony export */   us: () => (/* binding */ ServiceUnavailableError),
/* harmony export */   v3: () => (/* binding */ AuthenticationError),
/* harmony export */   v7: () => (/* binding */ BadRequestError),
/* harmony export */   xD: () => (/* binding */ ContentTooLargeError),
/* harmony export */   xL: () => (/* binding */ RequestHeaderFieldsTooLargeError),
/* harmony export */   xX: () => (/* binding */ APIConnectionError),
/* harmony export */   yP: () => (/* binding */ PaymentRequiredError)
/* harmony export */ });
/* harmony import */ var _internal_errors_mjs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(62533);

var AnthropicError = /* @__PURE__ */ (() => {
    class AnthropicError extends Error {
        /** @internal */
        constructor(message, options) {
            super(message, options);
            Object.defineProperty(this, 'name', { value: new.target._errorName, writable: true, configurable: true });
        }
    }
    /** @internal */
    AnthropicError._errorName = 'AnthropicError';
    return AnthropicError;
})();
var APIError = /* @__PURE__ */ (() => {
    class APIError extends AnthropicError {
        constructor(status, error, message, headers, type) {
            super(`${APIError.makeMessage(status, error, message)}`);
            this.status = status;
            this.headers = headers;
            this.requestID = headers?.get('request-id');
            this.workspaceID = headers?.get('anthropic-workspace-id');
            this.error = error;
            const body = (error ?? {});
            this.apiMessage = body.error?.message ?? null;
            this.type = type ?? body.error?.type ?? null;
            const errorCode = body.error?.details?.error_code;
            this.errorCode = typeof errorCode === 'string' ? errorCode : null;
            this.details = body.error?.details ?? null;
        }
        static makeMessage(status, error, message) {
            const msg = error?.message ?
                typeof error.message === 'string' ?
                    error.message
                    : JSON.stringify(error.message)
                : error ? JSON.stringify(error)
                    : message;
            if (status && msg) {
                return `${status} ${msg}`;
            }
            if (status) {
                return `${status} status code (no body)`;
            }
            if (msg) {
                return msg;
            }
            return '(no status code or body)';
        }
        static generate(status, errorResponse, message, headers) {
            if (!status || !headers) {
                return new APIConnectionError({ message, cause: (0,_internal_errors_mjs__WEBPACK_IMPORTED_MODULE_0__/* .castToError */ .r)(errorResponse) });
            }
            const error = errorResponse;
            const errorClass = STATUS_ERROR_CLASSES.get(status);
            if (errorClass) {
                return new errorClass(status, error, message, headers);
            }
            if (status >= 500) {
                return new InternalServerError(status, error, message, headers);
            }
            return new APIError(status, error, message, headers);
        }
    }
    /** @internal */
    APIError._errorName = 'APIError';
    return APIError;
})();
var APIUserAbortError = /* @__PURE__ */ (() => {
    class APIUserAbortError extends APIError {
        constructor({ message } = {}) {
            super(undefined, undefined, message || 'Request was aborted.', undefined);
        }
    }
    /** @internal */
    APIUserAbortError._errorName = 'APIUserAbortError';
    return APIUserAbortError;
})();
var APIConnectionError = /* @__PURE__ */ (() => {
    class APIConnectionError extends APIError {
        constructor({ message, cause }) {
            super(undefined, undefined, message || 'Connection error.', undefined);
            // in some environments the 'cause' property is already declared
            // @ts-ignore
            if (cause)
                this.cause = cause;
        }
    }
    /** @internal */
    APIConnectionError._errorName = 'APIConnectionError';
    return APIConnectionError;
})();
var APIConnectionTimeoutError = /* @__PURE__ */ (() => {
    class APIConnectionTimeoutError extends APIConnectionError {
        constructor({ message } = {}) {
            super({ message: message ?? 'Request timed out.' });
        }
    }
    /** @internal */
    APIConnectionTimeoutError._errorName = 'APIConnectionTimeoutError';
    return APIConnectionTimeoutError;
})();
/**
 * An error that opts into the SDK's retry policy: throw it (e.g. from
 * middleware) to have the attempt retried.
 *
 * Note that the request will only be retried when `maxRetries` has not been exhausted.
 */
var RetryableError = /* @__PURE__ */ (() => {
    /**
     * An error that opts into the SDK's retry policy: throw it (e.g. from
     * middleware) to have the attempt retried.
     *
     * Note that the request will only be retried when `maxRetries` has not been exhausted.
     */
    class RetryableError extends AnthropicError {
        constructor(message, { cause } = {}) {
            super(message ?? 'Retryable error.');
            // in some environments the 'cause' property is already declared
            // @ts-ignore
            if (cause !== undefined)
                this.cause = cause;
        }
    }
    /** @internal */
    RetryableError._errorName = 'RetryableError';
    return RetryableError;
})();
var BadRequestError = /* @__PURE__ */ (() => {
    class BadRequestError extends APIError {
    }
    /** @internal */
    BadRequestError._errorName = 'BadRequestError';
    return BadRequestError;
})();
var AuthenticationError = /* @__PURE__ */ (() => {
    class AuthenticationError extends APIError {
    }
    /** @internal */
    AuthenticationError._errorName = 'AuthenticationError';
    return AuthenticationError;
})();
var PaymentRequiredError = /* @__PURE__ */ (() => {
    class PaymentRequiredError extends APIError {
    }
    /** @internal */
    PaymentRequiredError._errorName = 'PaymentRequiredError';
    return PaymentRequiredError;
})();
var PermissionDeniedError = /* @__PURE__ */ (() => {
    class PermissionDeniedError extends APIError {
    }
    /** @internal */
    PermissionDeniedError._errorName = 'PermissionDeniedError';
    return PermissionDeniedError;
})();
var NotFoundError = /* @__PURE__ */ (() => {
    class NotFoundError extends APIError {
    }
    /** @internal */
    NotFoundError._errorName = 'NotFoundError';
    return NotFoundError;
})();
var RequestTimeoutError = /* @__PURE__ */ (() => {
    class RequestTimeoutError extends APIError {
    }
    /** @internal */
    RequestTimeoutError._errorName = 'RequestTimeoutError';
    return RequestTimeoutError;
})();
var ConflictError = /* @__PURE__ */ (() => {
    class ConflictError extends APIError {
    }
    /** @internal */
    ConflictError._errorName = 'ConflictError';
    return ConflictError;
})();
var PreconditionFailedError = /* @__PURE__ */ (() => {
    class PreconditionFailedError extends APIError {
    }
    /** @internal */
    PreconditionFailedError._errorName = 'PreconditionFailedError';
    return PreconditionFailedError;
})();
var ContentTooLargeError = /* @__PURE__ */ (() => {
    class ContentTooLargeError extends APIError {
    }
    /** @internal */
    ContentTooLargeError._errorName = 'ContentTooLargeError';
    return ContentTooLargeError;
})();
var UnprocessableEntityError = /* @__PURE__ */ (() => {
    class UnprocessableEntityError extends APIError {
    }
    /** @internal */
    UnprocessableEntityError._errorName = 'UnprocessableEntityError';
    return UnprocessableEntityError;
})();
var RateLimitError = /* @__PURE__ */ (() => {
    class RateLimitError extends APIError {
    }
    /** @internal */
    RateLimitError._errorName = 'RateLimitError';
    return RateLimitError;
})();
var RequestHeaderFieldsTooLargeError = /* @__PURE__ */ (() => {
    class RequestHeaderFieldsTooLargeError extends APIError {
    }
    /** @internal */
    RequestHeaderFieldsTooLargeError._errorName = 'RequestHeaderFieldsTooLargeError';
    return RequestHeaderFieldsTooLargeError;
})();
var ClientClosedRequestError = /* @__PURE__ */ (() => {
    class ClientClosedRequestError extends APIError {
    }
    /** @internal */
    ClientClosedRequestError._errorName = 'ClientClosedRequestError';
    return ClientClosedRequestError;
})();
var InternalServerError = /* @__PURE__ */ (() => {
    class InternalServerError extends APIError {
    }
    /** @internal */
    InternalServerError._errorName = 'InternalServerError';
    return InternalServerError;
})();
var NotImplementedError = /* @__PURE__ */ (() => {
    class NotImplementedError extends InternalServerError {
    }
    /** @internal */
    NotImplementedError._errorName = 'NotImplementedError';
    return NotImplementedError;
})();
var ServiceUnavailableError = /* @__PURE__ */ (() => {
    class ServiceUnavailableError extends InternalServerError {
    }
    /** @internal */
    ServiceUnavailableError._errorName = 'ServiceUnavailableError';
    return ServiceUnavailableError;
})();
var GatewayTimeoutError = /* @__PURE__ */ (() => {
    class GatewayTimeoutError extends InternalServerError {
    }
    /** @internal */
    GatewayTimeoutError._errorName = 'GatewayTimeoutError';
    return GatewayTimeoutError;
})();
var OverloadedError = /* @__PURE__ */ (() => {
    class OverloadedError extends InternalServerError {
    }
    /** @internal */
    OverloadedError._errorName = 'OverloadedError';
    return OverloadedError;
})();
const STATUS_ERROR_CLASSES = /* @__PURE__ */ new Map([
    [400, BadRequestError],
    [401, AuthenticationError],
    [402, PaymentRequiredError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [408, RequestTimeoutError],
    [409, ConflictError],
    [412, PreconditionFailedError],
    [413, ContentTooLargeError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [431, RequestHeaderFieldsTooLargeError],
    [499, ClientClosedRequestError],
    [501, NotImplementedError],
    [503, ServiceUnavailableError],
    [504, GatewayTimeoutError],
    [529, OverloadedError],
]);
//# sourceMappingURL=error.mjs.map

/***/ }),

/***/ 62533:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ castToError),
/* harmony export */   z: () => (/* binding */ isAbortError)
/* harmony export */ });
function isAbortError(err) {
    return (typeof err === 'object' &&
        err !== null &&
        // Spec-compliant fetch implementations
        (('name' in err && err.name === 'AbortError') ||
            // Expo fetch
            ('message' in err && String(err.message).includes('FetchRequestCanceledException'))));
}
const castToError = (err) => {
    if (err instanceof Error)
        return err;
    if (typeof err === 'object' && err !== null) {
        try {
            const tag = Object.prototype.toString.call(err);
            // cross-realm errors (e.g. undici's abort `DOMException` under jest) fail `instanceof Error`
            if (tag === '[object Error]' || tag === '[object DOMException]') {
                // @ts-ignore - not all envs have native support for cause yet
                const error = new Error(err.message, err.cause ? { cause: err.cause } : {});
                if (err.stack)
                    error.stack = err.stack;
                // @ts-ignore - not all envs have native support for cause yet
                if (err.cause && !error.cause)
                    error.cause = err.cause;
                if (err.name)
                    error.name = err.name;
                return error;
            }
        }
        catch { }
        try {
            return new Error(JSON.stringify(err));
        }
        catch { }
    }
    return new Error(err);
};
//# sourceMappingURL=errors.mjs.map

/***/ }),

/***/ 46495:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"blacklist_client.lua":"local blacklist = ARGV[num_static_argv + 1]\\n\\nif redis.call(\'zscore\', client_last_seen_key, blacklist) then\\n  redis.call(\'zadd\', client_last_seen_key, 0, blacklist)\\nend\\n\\n\\nreturn {}\\n","check.lua":"local weight = tonumber(ARGV[num_static_argv + 1])\\n\\nlocal capacity = process_tick(now, false)[\'capacity\']\\nlocal nextRequest = tonumber(redis.call(\'hget\', settings_key, \'nextRequest\'))\\n\\nreturn conditions_check(capacity, weight) and nextRequest - now <= 0\\n","conditions_check.lua":"local conditions_check = function (capacity, weight)\\n  return capacity == nil or weight <= capacity\\nend\\n","current_reservoir.lua":"return process_tick(now, false)[\'reservoir\']\\n","done.lua":"process_tick(now, false)\\n\\nreturn tonumber(redis.call(\'hget\', settings_key, \'done\'))\\n","free.lua":"local index = ARGV[num_static_argv + 1]\\n\\nredis.call(\'zadd\', job_expirations_key, 0, index)\\n\\nreturn process_tick(now, false)[\'running\']\\n","get_time.lua":"redis.replicate_commands()\\n\\nlocal get_time = function ()\\n  local time = redis.call(\'time\')\\n\\n  return tonumber(time[1]..string.sub(time[2], 1, 3))\\nend\\n","group_check.lua":"return not (redis.call(\'exists\', settings_key) == 1)\\n","heartbeat.lua":"process_tick(now, true)\\n","increment_reservoir.lua":"local incr = tonumber(ARGV[num_static_argv + 1])\\n\\nredis.call(\'hincrby\', settings_key, \'reservoir\', incr)\\n\\nlocal reservoir = process_tick(now, true)[\'reservoir\']\\n\\nlocal groupTimeout = tonumber(redis.call(\'hget\', settings_key, \'groupTimeout\'))\\nrefresh_expiration(0, 0, groupTimeout)\\n\\nreturn reservoir\\n","init.lua":"local clear = tonumber(ARGV[num_static_argv + 1])\\nlocal limiter_version = ARGV[num_static_argv + 2]\\nlocal num_local_argv = num_static_argv + 2\\n\\nif clear == 1 then\\n  redis.call(\'del\', unpack(KEYS))\\nend\\n\\nif redis.call(\'exists\', settings_key) == 0 then\\n  -- Create\\n  local args = {\'hmset\', settings_key}\\n\\n  for i = num_local_argv + 1, #ARGV do\\n    table.insert(args, ARGV[i])\\n  end\\n\\n  redis.call(unpack(args))\\n  redis.call(\'hmset\', settings_key,\\n    \'nextRequest\', now,\\n    \'lastReservoirRefresh\', now,\\n    \'lastReservoirIncrease\', now,\\n    \'running\', 0,\\n    \'done\', 0,\\n    \'unblockTime\', 0,\\n    \'capacityPriorityCounter\', 0\\n  )\\n\\nelse\\n  -- Apply migrations\\n  local settings = redis.call(\'hmget\', settings_key,\\n    \'id\',\\n    \'version\'\\n  )\\n  local id = settings[1]\\n  local current_version = settings[2]\\n\\n  if current_version ~= limiter_version then\\n    local version_digits = {}\\n    for k, v in string.gmatch(current_version, \\"([^.]+)\\") do\\n      table.insert(version_digits, tonumber(k))\\n    end\\n\\n    -- 2.10.0\\n    if version_digits[2] < 10 then\\n      redis.call(\'hsetnx\', settings_key, \'reservoirRefreshInterval\', \'\')\\n      redis.call(\'hsetnx\', settings_key, \'reservoirRefreshAmount\', \'\')\\n      redis.call(\'hsetnx\', settings_key, \'lastReservoirRefresh\', \'\')\\n      redis.call(\'hsetnx\', settings_key, \'done\', 0)\\n      redis.call(\'hset\', settings_key, \'version\', \'2.10.0\')\\n    end\\n\\n    -- 2.11.1\\n    if version_digits[2] < 11 or (version_digits[2] == 11 and version_digits[3] < 1) then\\n      if redis.call(\'hstrlen\', settings_key, \'lastReservoirRefresh\') == 0 then\\n        redis.call(\'hmset\', settings_key,\\n          \'lastReservoirRefresh\', now,\\n          \'version\', \'2.11.1\'\\n        )\\n      end\\n    end\\n\\n    -- 2.14.0\\n    if version_digits[2] < 14 then\\n      local old_running_key = \'b_\'..id..\'_running\'\\n      local old_executing_key = \'b_\'..id..\'_executing\'\\n\\n      if redis.call(\'exists\', old_running_key) == 1 then\\n        redis.call(\'rename\', old_running_key, job_weights_key)\\n      end\\n      if redis.call(\'exists\', old_executing_key) == 1 then\\n        redis.call(\'rename\', old_executing_key, job_expirations_key)\\n      end\\n      redis.call(\'hset\', settings_key, \'version\', \'2.14.0\')\\n    end\\n\\n    -- 2.15.2\\n    if version_digits[2] < 15 or (version_digits[2] == 15 and version_digits[3] < 2) then\\n      redis.call(\'hsetnx\', settings_key, \'capacityPriorityCounter\', 0)\\n      redis.call(\'hset\', settings_key, \'version\', \'2.15.2\')\\n    end\\n\\n    -- 2.17.0\\n    if version_digits[2] < 17 then\\n      redis.call(\'hsetnx\', settings_key, \'clientTimeout\', 10000)\\n      redis.call(\'hset\', settings_key, \'version\', \'2.17.0\')\\n    end\\n\\n    -- 2.18.0\\n    if version_digits[2] < 18 then\\n      redis.call(\'hsetnx\', settings_key, \'reservoirIncreaseInterval\', \'\')\\n      redis.call(\'hsetnx\', settings_key, \'reservoirIncreaseAmount\', \'\')\\n      redis.call(\'hsetnx\', settings_key, \'reservoirIncreaseMaximum\', \'\')\\n      redis.call(\'hsetnx\', settings_key, \'lastReservoirIncrease\', now)\\n      redis.call(\'hset\', settings_key, \'version\', \'2.18.0\')\\n    end\\n\\n  end\\n\\n  process_tick(now, false)\\nend\\n\\nlocal groupTimeout = tonumber(redis.call(\'hget\', settings_key, \'groupTimeout\'))\\nrefresh_expiration(0, 0, groupTimeout)\\n\\nreturn {}\\n","process_tick.lua":"local process_tick = function (now, always_publish)\\n\\n  local compute_capacity = function (maxConcurrent, running, reservoir)\\n    if maxConcurrent ~= nil and reservoir ~= nil then\\n      return math.min((maxConcurrent - running), reservoir)\\n    elseif maxConcurrent ~= nil then\\n      return maxConcurrent - running\\n    elseif reservoir ~= nil then\\n      return reservoir\\n    else\\n      return nil\\n    end\\n  end\\n\\n  local settings = redis.call(\'hmget\', settings_key,\\n    \'id\',\\n    \'maxConcurrent\',\\n    \'running\',\\n    \'reservoir\',\\n    \'reservoirRefreshInterval\',\\n    \'reservoirRefreshAmount\',\\n    \'lastReservoirRefresh\',\\n    \'reservoirIncreaseInterval\',\\n    \'reservoirIncreaseAmount\',\\n    \'reservoirIncreaseMaximum\',\\n    \'lastReservoirIncrease\',\\n    \'capacityPriorityCounter\',\\n    \'clientTimeout\'\\n  )\\n  local id = settings[1]\\n  local maxConcurrent = tonumber(settings[2])\\n  local running = tonumber(settings[3])\\n  local reservoir = tonumber(settings[4])\\n  local reservoirRefreshInterval = tonumber(settings[5])\\n  local reservoirRefreshAmount = tonumber(settings[6])\\n  local lastReservoirRefresh = tonumber(settings[7])\\n  local reservoirIncreaseInterval = tonumber(settings[8])\\n  local reservoirIncreaseAmount = tonumber(settings[9])\\n  local reservoirIncreaseMaximum = tonumber(settings[10])\\n  local lastReservoirIncrease = tonumber(settings[11])\\n  local capacityPriorityCounter = tonumber(settings[12])\\n  local clientTimeout = tonumber(settings[13])\\n\\n  local initial_capacity = compute_capacity(maxConcurrent, running, reservoir)\\n\\n  --\\n  -- Process \'running\' changes\\n  --\\n  local expired = redis.call(\'zrangebyscore\', job_expirations_key, \'-inf\', \'(\'..now)\\n\\n  if #expired > 0 then\\n    redis.call(\'zremrangebyscore\', job_expirations_key, \'-inf\', \'(\'..now)\\n\\n    local flush_batch = function (batch, acc)\\n      local weights = redis.call(\'hmget\', job_weights_key, unpack(batch))\\n                      redis.call(\'hdel\',  job_weights_key, unpack(batch))\\n      local clients = redis.call(\'hmget\', job_clients_key, unpack(batch))\\n                      redis.call(\'hdel\',  job_clients_key, unpack(batch))\\n\\n      -- Calculate sum of removed weights\\n      for i = 1, #weights do\\n        acc[\'total\'] = acc[\'total\'] + (tonumber(weights[i]) or 0)\\n      end\\n\\n      -- Calculate sum of removed weights by client\\n      local client_weights = {}\\n      for i = 1, #clients do\\n        local removed = tonumber(weights[i]) or 0\\n        if removed > 0 then\\n          acc[\'client_weights\'][clients[i]] = (acc[\'client_weights\'][clients[i]] or 0) + removed\\n        end\\n      end\\n    end\\n\\n    local acc = {\\n      [\'total\'] = 0,\\n      [\'client_weights\'] = {}\\n    }\\n    local batch_size = 1000\\n\\n    -- Compute changes to Zsets and apply changes to Hashes\\n    for i = 1, #expired, batch_size do\\n      local batch = {}\\n      for j = i, math.min(i + batch_size - 1, #expired) do\\n        table.insert(batch, expired[j])\\n      end\\n\\n      flush_batch(batch, acc)\\n    end\\n\\n    -- Apply changes to Zsets\\n    if acc[\'total\'] > 0 then\\n      redis.call(\'hincrby\', settings_key, \'done\', acc[\'total\'])\\n      running = tonumber(redis.call(\'hincrby\', settings_key, \'running\', -acc[\'total\']))\\n    end\\n\\n    for client, weight in pairs(acc[\'client_weights\']) do\\n      redis.call(\'zincrby\', client_running_key, -weight, client)\\n    end\\n  end\\n\\n  --\\n  -- Process \'reservoir\' changes\\n  --\\n  local reservoirRefreshActive = reservoirRefreshInterval ~= nil and reservoirRefreshAmount ~= nil\\n  if reservoirRefreshActive and now >= lastReservoirRefresh + reservoirRefreshInterval then\\n    reservoir = reservoirRefreshAmount\\n    redis.call(\'hmset\', settings_key,\\n      \'reservoir\', reservoir,\\n      \'lastReservoirRefresh\', now\\n    )\\n  end\\n\\n  local reservoirIncreaseActive = reservoirIncreaseInterval ~= nil and reservoirIncreaseAmount ~= nil\\n  if reservoirIncreaseActive and now >= lastReservoirIncrease + reservoirIncreaseInterval then\\n    local num_intervals = math.floor((now - lastReservoirIncrease) / reservoirIncreaseInterval)\\n    local incr = reservoirIncreaseAmount * num_intervals\\n    if reservoirIncreaseMaximum ~= nil then\\n      incr = math.min(incr, reservoirIncreaseMaximum - (reservoir or 0))\\n    end\\n    if incr > 0 then\\n      reservoir = (reservoir or 0) + incr\\n    end\\n    redis.call(\'hmset\', settings_key,\\n      \'reservoir\', reservoir,\\n      \'lastReservoirIncrease\', lastReservoirIncrease + (num_intervals * reservoirIncreaseInterval)\\n    )\\n  end\\n\\n  --\\n  -- Clear unresponsive clients\\n  --\\n  local unresponsive = redis.call(\'zrangebyscore\', client_last_seen_key, \'-inf\', (now - clientTimeout))\\n  local unresponsive_lookup = {}\\n  local terminated_clients = {}\\n  for i = 1, #unresponsive do\\n    unresponsive_lookup[unresponsive[i]] = true\\n    if tonumber(redis.call(\'zscore\', client_running_key, unresponsive[i])) == 0 then\\n      table.insert(terminated_clients, unresponsive[i])\\n    end\\n  end\\n  if #terminated_clients > 0 then\\n    redis.call(\'zrem\', client_running_key,         unpack(terminated_clients))\\n    redis.call(\'hdel\', client_num_queued_key,      unpack(terminated_clients))\\n    redis.call(\'zrem\', client_last_registered_key, unpack(terminated_clients))\\n    redis.call(\'zrem\', client_last_seen_key,       unpack(terminated_clients))\\n  end\\n\\n  --\\n  -- Broadcast capacity changes\\n  --\\n  local final_capacity = compute_capacity(maxConcurrent, running, reservoir)\\n\\n  if always_publish or (initial_capacity ~= nil and final_capacity == nil) then\\n    -- always_publish or was not unlimited, now unlimited\\n    redis.call(\'publish\', \'b_\'..id, \'capacity:\'..(final_capacity or \'\'))\\n\\n  elseif initial_capacity ~= nil and final_capacity ~= nil and final_capacity > initial_capacity then\\n    -- capacity was increased\\n    -- send the capacity message to the limiter having the lowest number of running jobs\\n    -- the tiebreaker is the limiter having not registered a job in the longest time\\n\\n    local lowest_concurrency_value = nil\\n    local lowest_concurrency_clients = {}\\n    local lowest_concurrency_last_registered = {}\\n    local client_concurrencies = redis.call(\'zrange\', client_running_key, 0, -1, \'withscores\')\\n\\n    for i = 1, #client_concurrencies, 2 do\\n      local client = client_concurrencies[i]\\n      local concurrency = tonumber(client_concurrencies[i+1])\\n\\n      if (\\n        lowest_concurrency_value == nil or lowest_concurrency_value == concurrency\\n      ) and (\\n        not unresponsive_lookup[client]\\n      ) and (\\n        tonumber(redis.call(\'hget\', client_num_queued_key, client)) > 0\\n      ) then\\n        lowest_concurrency_value = concurrency\\n        table.insert(lowest_concurrency_clients, client)\\n        local last_registered = tonumber(redis.call(\'zscore\', client_last_registered_key, client))\\n        table.insert(lowest_concurrency_last_registered, last_registered)\\n      end\\n    end\\n\\n    if #lowest_concurrency_clients > 0 then\\n      local position = 1\\n      local earliest = lowest_concurrency_last_registered[1]\\n\\n      for i,v in ipairs(lowest_concurrency_last_registered) do\\n        if v < earliest then\\n          position = i\\n          earliest = v\\n        end\\n      end\\n\\n      local next_client = lowest_concurrency_clients[position]\\n      redis.call(\'publish\', \'b_\'..id,\\n        \'capacity-priority:\'..(final_capacity or \'\')..\\n        \':\'..next_client..\\n        \':\'..capacityPriorityCounter\\n      )\\n      redis.call(\'hincrby\', settings_key, \'capacityPriorityCounter\', \'1\')\\n    else\\n      redis.call(\'publish\', \'b_\'..id, \'capacity:\'..(final_capacity or \'\'))\\n    end\\n  end\\n\\n  return {\\n    [\'capacity\'] = final_capacity,\\n    [\'running\'] = running,\\n    [\'reservoir\'] = reservoir\\n  }\\nend\\n","queued.lua":"local clientTimeout = tonumber(redis.call(\'hget\', settings_key, \'clientTimeout\'))\\nlocal valid_clients = redis.call(\'zrangebyscore\', client_last_seen_key, (now - clientTimeout), \'inf\')\\nlocal client_queued = redis.call(\'hmget\', client_num_queued_key, unpack(valid_clients))\\n\\nlocal sum = 0\\nfor i = 1, #client_queued do\\n  sum = sum + tonumber(client_queued[i])\\nend\\n\\nreturn sum\\n","refresh_expiration.lua":"local refresh_expiration = function (now, nextRequest, groupTimeout)\\n\\n  if groupTimeout ~= nil then\\n    local ttl = (nextRequest + groupTimeout) - now\\n\\n    for i = 1, #KEYS do\\n      redis.call(\'pexpire\', KEYS[i], ttl)\\n    end\\n  end\\n\\nend\\n","refs.lua":"local settings_key = KEYS[1]\\nlocal job_weights_key = KEYS[2]\\nlocal job_expirations_key = KEYS[3]\\nlocal job_clients_key = KEYS[4]\\nlocal client_running_key = KEYS[5]\\nlocal client_num_queued_key = KEYS[6]\\nlocal client_last_registered_key = KEYS[7]\\nlocal client_last_seen_key = KEYS[8]\\n\\nlocal now = tonumber(ARGV[1])\\nlocal client = ARGV[2]\\n\\nlocal num_static_argv = 2\\n","register.lua":"local index = ARGV[num_static_argv + 1]\\nlocal weight = tonumber(ARGV[num_static_argv + 2])\\nlocal expiration = tonumber(ARGV[num_static_argv + 3])\\n\\nlocal state = process_tick(now, false)\\nlocal capacity = state[\'capacity\']\\nlocal reservoir = state[\'reservoir\']\\n\\nlocal settings = redis.call(\'hmget\', settings_key,\\n  \'nextRequest\',\\n  \'minTime\',\\n  \'groupTimeout\'\\n)\\nlocal nextRequest = tonumber(settings[1])\\nlocal minTime = tonumber(settings[2])\\nlocal groupTimeout = tonumber(settings[3])\\n\\nif conditions_check(capacity, weight) then\\n\\n  redis.call(\'hincrby\', settings_key, \'running\', weight)\\n  redis.call(\'hset\', job_weights_key, index, weight)\\n  if expiration ~= nil then\\n    redis.call(\'zadd\', job_expirations_key, now + expiration, index)\\n  end\\n  redis.call(\'hset\', job_clients_key, index, client)\\n  redis.call(\'zincrby\', client_running_key, weight, client)\\n  redis.call(\'hincrby\', client_num_queued_key, client, -1)\\n  redis.call(\'zadd\', client_last_registered_key, now, client)\\n\\n  local wait = math.max(nextRequest - now, 0)\\n  local newNextRequest = now + wait + minTime\\n\\n  if reservoir == nil then\\n    redis.call(\'hset\', settings_key,\\n      \'nextRequest\', newNextRequest\\n    )\\n  else\\n    reservoir = reservoir - weight\\n    redis.call(\'hmset\', settings_key,\\n      \'reservoir\', reservoir,\\n      \'nextRequest\', newNextRequest\\n    )\\n  end\\n\\n  refresh_expiration(now, newNextRequest, groupTimeout)\\n\\n  return {true, wait, reservoir}\\n\\nelse\\n  return {false}\\nend\\n","register_client.lua":"local queued = tonumber(ARGV[num_static_argv + 1])\\n\\n-- Could have been re-registered concurrently\\nif not redis.call(\'zscore\', client_last_seen_key, client) then\\n  redis.call(\'zadd\', client_running_key, 0, client)\\n  redis.call(\'hset\', client_num_queued_key, client, queued)\\n  redis.call(\'zadd\', client_last_registered_key, 0, client)\\nend\\n\\nredis.call(\'zadd\', client_last_seen_key, now, client)\\n\\nreturn {}\\n","running.lua":"return process_tick(now, false)[\'running\']\\n","submit.lua":"local queueLength = tonumber(ARGV[num_static_argv + 1])\\nlocal weight = tonumber(ARGV[num_static_argv + 2])\\n\\nlocal capacity = process_tick(now, false)[\'capacity\']\\n\\nlocal settings = redis.call(\'hmget\', settings_key,\\n  \'id\',\\n  \'maxConcurrent\',\\n  \'highWater\',\\n  \'nextRequest\',\\n  \'strategy\',\\n  \'unblockTime\',\\n  \'penalty\',\\n  \'minTime\',\\n  \'groupTimeout\'\\n)\\nlocal id = settings[1]\\nlocal maxConcurrent = tonumber(settings[2])\\nlocal highWater = tonumber(settings[3])\\nlocal nextRequest = tonumber(settings[4])\\nlocal strategy = tonumber(settings[5])\\nlocal unblockTime = tonumber(settings[6])\\nlocal penalty = tonumber(settings[7])\\nlocal minTime = tonumber(settings[8])\\nlocal groupTimeout = tonumber(settings[9])\\n\\nif maxConcurrent ~= nil and weight > maxConcurrent then\\n  return redis.error_reply(\'OVERWEIGHT:\'..weight..\':\'..maxConcurrent)\\nend\\n\\nlocal reachedHWM = (highWater ~= nil and queueLength == highWater\\n  and not (\\n    conditions_check(capacity, weight)\\n    and nextRequest - now <= 0\\n  )\\n)\\n\\nlocal blocked = strategy == 3 and (reachedHWM or unblockTime >= now)\\n\\nif blocked then\\n  local computedPenalty = penalty\\n  if computedPenalty == nil then\\n    if minTime == 0 then\\n      computedPenalty = 5000\\n    else\\n      computedPenalty = 15 * minTime\\n    end\\n  end\\n\\n  local newNextRequest = now + computedPenalty + minTime\\n\\n  redis.call(\'hmset\', settings_key,\\n    \'unblockTime\', now + computedPenalty,\\n    \'nextRequest\', newNextRequest\\n  )\\n\\n  local clients_queued_reset = redis.call(\'hkeys\', client_num_queued_key)\\n  local queued_reset = {}\\n  for i = 1, #clients_queued_reset do\\n    table.insert(queued_reset, clients_queued_reset[i])\\n    table.insert(queued_reset, 0)\\n  end\\n  redis.call(\'hmset\', client_num_queued_key, unpack(queued_reset))\\n\\n  redis.call(\'publish\', \'b_\'..id, \'blocked:\')\\n\\n  refresh_expiration(now, newNextRequest, groupTimeout)\\nend\\n\\nif not blocked and not reachedHWM then\\n  redis.call(\'hincrby\', client_num_queued_key, client, 1)\\nend\\n\\nreturn {reachedHWM, blocked, strategy}\\n","update_settings.lua":"local args = {\'hmset\', settings_key}\\n\\nfor i = num_static_argv + 1, #ARGV do\\n  table.insert(args, ARGV[i])\\nend\\n\\nredis.call(unpack(args))\\n\\nprocess_tick(now, true)\\n\\nlocal groupTimeout = tonumber(redis.call(\'hget\', settings_key, \'groupTimeout\'))\\nrefresh_expiration(0, 0, groupTimeout)\\n\\nreturn {}\\n","validate_client.lua":"if not redis.call(\'zscore\', client_last_seen_key, client) then\\n  return redis.error_reply(\'UNKNOWN_CLIENT\')\\nend\\n\\nredis.call(\'zadd\', client_last_seen_key, now, client)\\n","validate_keys.lua":"if not (redis.call(\'exists\', settings_key) == 1) then\\n  return redis.error_reply(\'SETTINGS_KEY_NOT_FOUND\')\\nend\\n"}');

/***/ }),

/***/ 88349:
/***/ ((module) => {

module.exports = {"r":"2.19.5"};

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(79407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
