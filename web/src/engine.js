// The page's client of the checker, on the main thread: it only passes messages. The checker runs in
// Web Workers (pkg/worker.js): an engine worker that holds the inputs and runs the checks, and, started
// only when a file (or the paste) needs it, a verifier worker that analyses signed files and
// certificates. The page and each widget have a client of their own; all of them share the compiled
// wasm modules, so that a second widget or a restarted worker fetches nothing.
//
// Which wasm modules, and when (the user pays for every byte before a verdict): the engine worker
// starts after the first paint but fetches nothing until the first need of the engine: a sign that a
// text is coming (`warm`: the page calls it when the paste area gets the focus), a check, or a file
// only the engine can route. Then the plan is `split`: the engine module, and the verifier module
// later if a file needs it. When the verifier is needed first (a signed installer dropped before any
// text), the plan is `full`: both workers run the module that holds both (fetched once, by the
// verifier, and handed to the engine worker compiled), 35 KB less than engine + verifier.
//
// Cancelling is ending a worker: a check still running when the inputs or options change, or when the
// user presses Stop, ends with its engine worker (a new one is started and given the kept inputs and
// verification results again, so nothing is verified twice); removing a file that is being verified,
// or Stop, ends the verifier worker.
//
// Events to the page (`emit`): { type: 'ready' } { type: 'load-failed', message }
//   { type: 'progress', id, phase: 'reading' | 'hashing', done, total }
//   { type: 'file', id, state: 'ready' | 'verifying' | 'too-large' | 'held-too-large' | 'failed' | 'stopped', size?, max?, message? }
//   { type: 'report', seq, view, detail: { summary, report } } { type: 'check-failed', seq, message }
//   { type: 'stopped', seq? }

/** Compiled wasm modules by URL, shared by every client and worker on the page. */
const modules = {};
/** The plan the page's first client chose: later clients (a second widget) follow it, so that they
 * use the modules already compiled instead of fetching others. */
let pagePlan;
/** A check running this long when the inputs change is cancelled (its worker ended); a younger one is
 * let finish (its result is dropped) unless it is still running at that age. */
const CANCEL_AFTER_MS = 100;

function spawn(url, role, onMessage) {
  let worker;
  if (new URL(url).origin === location.origin) {
    worker = new Worker(url, { type: 'module' });
  } else {
    // A widget on another origin's page: a worker must be same-origin with the page, so a tiny module
    // of the page's origin imports the checker's worker script (fetched with CORS).
    const source = new Blob([`import ${JSON.stringify(url)};`], { type: 'text/javascript' });
    const trampoline = URL.createObjectURL(source);
    worker = new Worker(trampoline, { type: 'module' });
    setTimeout(() => URL.revokeObjectURL(trampoline), 60000);
  }
  worker.onmessage = ({ data }) => {
    if (data.type === 'module') {
      modules[data.url] ??= data.module;
      return;
    }
    onMessage(data);
  };
  worker.onerror = (e) => {
    e.preventDefault?.();
    onMessage({ type: 'load-failed', role, message: e.message || 'the worker could not start' });
  };
  worker.postMessage({ type: 'init', role });
  return worker;
}

/** Tells a worker which module to load, with the compiled modules the page has. */
function order(worker, wasm) {
  worker.postMessage({ type: 'load', wasm, modules: { ...modules } });
}

/**
 * A worker that is made by `make` once `ready()` holds (or `start()` is called); messages posted and
 * `terminate` before then are kept or honoured.
 */
function spawnLater(ready, make) {
  let worker;
  let ended = false;
  const queue = [];
  const start = () => {
    if (worker || ended) return;
    worker = make();
    for (const [message, transfer] of queue.splice(0)) worker.postMessage(message, transfer);
  };
  if (ready()) start();
  return {
    start,
    postMessage(message, transfer) {
      if (worker) worker.postMessage(message, transfer);
      else queue.push([message, transfer]);
    },
    terminate() {
      ended = true;
      worker?.terminate();
    },
  };
}

const PASTE = 'paste';

export class EngineClient {
  /** `url`: the worker script; `emit(event)`: the page hears of everything here. */
  constructor(url, emit) {
    this.url = url;
    this.emit = emit;
    /** id → { name, blob, state: 'reading' | 'verify' | 'ready' | 'done', analysed? } */
    this.files = new Map();
    /** ids sent to the verifier and not answered. */
    this.analysing = new Set();
    /** Checks sent to the engine worker and not answered, oldest first ({ seq, since }). */
    this.pending = [];
    this.engineReady = false;
    this.pendingCheck = undefined;
    /** 'split' (engine, then verifier) or 'full' (one module in both workers): fixed at the first need. */
    this.plan = undefined;
    /** The engine worker was told to load its module (or will be, once the verifier's has arrived). */
    this.engineNeeded = false;
    // The rule of which inputs need the verifier (pkg/route.js, next to the worker script).
    this.route = import(new URL('./route.js', url).href);
    this.startEngine();
  }

  startEngine() {
    this.engine?.terminate();
    // A verifier already running stays; one still waiting for the engine waits for this one.
    this.engineReady = false;
    this.engineStarted = false;
    this.engineOrdered = false;
    this.engine = spawn(this.url, 'engine', (m) => this.fromEngine(m));
    if (this.engineNeeded) this.orderEngine();
    // Everything the engine held: results of the verifier, files to read again, files being verified.
    for (const [id, f] of this.files) {
      if (f.state === 'done') continue;
      this.engine.postMessage({ type: 'add', id, name: f.name, blob: f.blob, analysed: f.analysed, verify: f.state === 'verify' && f.analysed === undefined });
    }
  }

  /**
   * The engine is needed (a text is coming, a check, a file to route): its worker loads its module,
   * the plan's. In the `full` plan, while the verifier worker is still fetching that module, the engine
   * worker waits for it (and then gets it compiled) rather than fetching it a second time.
   */
  needEngine() {
    this.plan ??= pagePlan ??= 'split';
    this.engineNeeded = true;
    this.orderEngine();
  }

  /** `warm()`: a text is probably coming (the paste area has the focus): load the engine now. */
  warm() {
    this.reviveEngine();
    this.needEngine();
  }

  /** An engine whose module could not load is replaced at the next need (a check, a file, a focus). */
  reviveEngine() {
    if (!this.engineFailed) return;
    this.engineFailed = false;
    this.pending = [];
    this.startEngine();
  }

  orderEngine() {
    if (this.engineOrdered || (this.plan === 'full' && this.verifierLoading)) return;
    this.engineOrdered = true;
    order(this.engine, this.plan === 'full' ? 'full' : 'engine');
  }

  /**
   * The verifier worker, started at the first need, but not before the engine worker's script has
   * arrived: it then finds the scripts in the browser's cache. Messages wait meanwhile. Needed before
   * the engine, it sets the plan to `full`; in that plan, while the engine worker is still fetching
   * the module, the verifier waits for it (as the engine waits for the verifier's).
   */
  startVerifier() {
    if (!this.verifier) {
      this.plan ??= pagePlan ??= 'full';
      const wasm = this.plan === 'full' ? 'full' : 'verifier';
      this.verifierLoading = true;
      this.verifier = spawnLater(() => this.engineStarted, () => {
        const worker = spawn(this.url, 'verifier', (m) => this.fromVerifier(m));
        this.verifierOrder = () => order(worker, wasm);
        this.orderVerifier();
        return worker;
      });
    }
    return this.verifier;
  }

  orderVerifier() {
    const engineFetchingFull = this.plan === 'full' && this.engineOrdered && !this.engineReady && !this.engineFailed;
    if (!this.verifierOrder || engineFetchingFull) return;
    const send = this.verifierOrder;
    this.verifierOrder = undefined;
    send();
  }

  /** The verifier's module has arrived or failed (or the verifier ended): an engine waiting for it goes on. */
  verifierLoaded() {
    if (!this.verifierLoading) return;
    this.verifierLoading = false;
    if (this.engineNeeded) this.orderEngine();
  }

  verifierMayStart() {
    this.verifier?.start();
  }

  stopVerifier() {
    this.verifier?.terminate();
    this.verifier = undefined;
    this.verifierOrder = undefined;
    this.verifierLoaded();
    this.pasteAnalysis = undefined;
    this.pasteJob = undefined;
  }

  fromEngine(m) {
    switch (m.type) {
      case 'started':
        this.engineStarted = true;
        this.verifierMayStart();
        break;
      case 'need':
        this.needEngine();
        break;
      case 'ready':
        this.engineReady = true;
        // Checks posted while the module loaded start running now: their time counts from here, and a
        // newer one waiting behind the first may end it as any newer check does.
        for (const p of this.pending) p.since = performance.now();
        if (this.pending.length > 1 && this.latestMessage) this.cancelLater(this.pending[0], this.latestMessage);
        // For measurements (tests/bench): when the page could first answer a check.
        if (!performance.getEntriesByName('acs-check:engine-ready').length) performance.mark('acs-check:engine-ready');
        this.orderVerifier();
        this.emit({ type: 'ready' });
        break;
      case 'load-failed':
        this.engineReady = false;
        this.engineFailed = true;
        this.orderVerifier();
        this.emit({ type: 'load-failed', message: m.message });
        if (this.pending.length) {
          this.emit({ type: 'check-failed', seq: this.pending.at(-1).seq, message: m.message, load: true });
          this.pending = [];
        }
        break;
      case 'progress':
        this.emit(m);
        break;
      case 'file': {
        const f = this.files.get(m.id);
        if (!f) break;
        if (m.state === 'verify') {
          f.state = 'verify';
          if (f.analysed === undefined) this.analyse(m.id, f);
          this.emit({ type: 'file', id: m.id, state: 'verifying' });
        } else {
          f.state = m.state === 'ready' ? 'ready' : 'done';
          this.emit(m);
        }
        break;
      }
      case 'skipped':
      case 'report':
      case 'check-failed':
        // The worker runs checks in order: every earlier one is done too.
        this.pending = this.pending.filter((p) => p.seq > m.seq);
        if (m.type === 'skipped') break;
        if (m.type === 'report') {
          this.emit({ type: 'report', seq: m.seq, view: m.view, detail: { summary: m.summary, report: m.report } });
        } else {
          this.emit(m);
        }
        break;
      default:
    }
  }

  analyse(id, f) {
    this.analysing.add(id);
    this.startVerifier().postMessage({ type: 'analyse', id, name: f.name, blob: f.blob, options: this.verifyOptions() });
  }

  verifyOptions() {
    // Only the date matters to a signature (a signer's validity without a timestamp).
    return this.lastOptions?.today ? { today: this.lastOptions.today } : {};
  }

  fromVerifier(m) {
    if (typeof m.id === 'string' && m.id.startsWith(PASTE)) {
      const pending = this.pasteAnalysis;
      if (pending?.id === m.id && (m.type === 'analysed' || m.type === 'analyse-failed')) {
        this.pasteAnalysis = undefined;
        pending.done(m.type === 'analysed' ? m.analysed : null);
      }
      return;
    }
    switch (m.type) {
      case 'ready':
        this.verifierLoaded();
        break;
      case 'progress':
        if (this.files.has(m.id)) this.emit(m);
        break;
      case 'analysed': {
        this.analysing.delete(m.id);
        const f = this.files.get(m.id);
        if (!f) break;
        f.analysed = m.analysed;
        this.engine.postMessage({ type: 'analysed', id: m.id, analysed: m.analysed });
        break;
      }
      case 'analyse-failed': {
        this.analysing.delete(m.id);
        const f = this.files.get(m.id);
        if (!f) break;
        f.state = 'done';
        this.engine.postMessage({ type: 'remove', id: m.id });
        this.emit({ type: 'file', id: m.id, state: 'failed', message: m.message });
        break;
      }
      case 'load-failed':
        this.verifierLoaded();
        // A paste waiting for the verifier is checked without it (the report says what it could not
        // read) rather than waiting for ever.
        this.pasteAnalysis?.done(null);
        for (const id of this.analysing) {
          const f = this.files.get(id);
          if (f) f.state = 'done';
          this.engine.postMessage({ type: 'remove', id });
          this.emit({ type: 'file', id, state: 'failed', message: m.message });
        }
        this.analysing.clear();
        this.stopVerifier();
        this.emit({ type: 'load-failed', message: m.message, verifier: true });
        break;
      default:
    }
  }

  /** A file (a File or Blob) becomes an input: it crosses to the engine worker once. */
  add(id, name, blob) {
    this.reviveEngine();
    this.files.set(id, { name, blob, state: 'reading' });
    this.engine.postMessage({ type: 'add', id, name, blob });
  }

  remove(id) {
    this.files.delete(id);
    this.engine.postMessage({ type: 'remove', id });
    if (this.analysing.delete(id)) {
      // Verifying it: end the verifier; what else it was doing starts again in a new one.
      const [pasteJob, pasteAnalysis] = [this.pasteJob, this.pasteAnalysis];
      this.stopVerifier();
      for (const other of this.analysing) {
        const f = this.files.get(other);
        if (f) this.analyse(other, f);
      }
      if (pasteAnalysis) {
        [this.pasteJob, this.pasteAnalysis] = [pasteJob, pasteAnalysis];
        const { id: job, name, text } = pasteJob;
        this.startVerifier().postMessage({ type: 'analyse', id: job, name, text, options: this.verifyOptions() });
      }
    }
  }

  /**
   * Runs a check of the paste and the files `ids` (in that order). A check still running is cancelled
   * first: its worker ends and a new one takes over the inputs.
   */
  check(seq, fileIds, pasteName, paste, options) {
    const ids = Array.from(fileIds);
    this.lastOptions = options;
    clearTimeout(this.cancelTimer);
    this.reviveEngine();
    this.needEngine();
    const send = (analysed) => {
      const input = paste ? { name: pasteName, text: paste, analysed: analysed ?? undefined } : null;
      const message = { type: 'check', seq, ids, paste: input, options };
      const running = this.pending[0];
      this.latestMessage = message;
      // A worker still loading its module runs no check yet: ending it would only load it again.
      if (running && this.engineReady && performance.now() - running.since >= CANCEL_AFTER_MS) {
        this.restartWith(message);
        return;
      }
      if (running && this.engineReady) this.cancelLater(running, message);
      this.pending.push({ seq, since: performance.now() });
      this.engine.postMessage(message);
    };
    if (!paste) {
      this.pendingCheck = undefined;
      send(undefined);
      return;
    }
    this.pendingCheck = seq;
    this.route.then(({ textNeedsVerifier }) => {
      if (this.pendingCheck === seq) this.checkPaste(seq, paste, pasteName, textNeedsVerifier(paste), send);
    }, (e) => {
      if (this.pendingCheck === seq) this.emit({ type: 'check-failed', seq, message: e.message, load: true });
    });
  }

  /** Lets a check that has just started finish, unless it is still running at CANCEL_AFTER_MS. */
  cancelLater(running, message) {
    clearTimeout(this.cancelTimer);
    this.cancelTimer = setTimeout(() => {
      if (this.pending[0] === running) this.restartWith(message);
    }, Math.max(0, CANCEL_AFTER_MS - (performance.now() - running.since)));
  }

  /** Ends the engine worker (a check in it runs too long) and runs `message` in a new one. */
  restartWith(message) {
    this.startEngine();
    this.pending = [{ seq: message.seq, since: performance.now() }];
    this.engine.postMessage(message);
  }

  checkPaste(seq, paste, pasteName, needsVerifier, send) {
    if (!needsVerifier) {
      this.pendingCheck = undefined;
      send(undefined);
      return;
    }
    // The paste carries certificates or a signature: the verifier looks at it first (once per text).
    this.analysePaste(paste, pasteName).then((analysed) => {
      if (this.pendingCheck === seq) send(analysed);
    });
  }

  /** The verifier's result for a paste, asked once per text. */
  analysePaste(text, name) {
    if (this.pasteJob?.text === text) return this.pasteJob.promise;
    this.pasteJobs = (this.pasteJobs ?? 0) + 1;
    const id = `${PASTE}-${this.pasteJobs}`;
    const promise = new Promise((resolve) => {
      this.pasteAnalysis = { id, done: resolve };
    });
    this.pasteJob = { id, name, text, promise };
    this.startVerifier().postMessage({ type: 'analyse', id, name, text, options: this.verifyOptions() });
    return promise;
  }

  /** Stop: every check, reading and verification in progress ends. */
  stop() {
    clearTimeout(this.cancelTimer);
    const seq = this.pending.at(-1)?.seq;
    this.pending = [];
    this.pendingCheck = undefined;
    const stopped = [];
    for (const [id, f] of this.files) {
      if (f.state === 'reading' || (f.state === 'verify' && f.analysed === undefined)) {
        f.state = 'done';
        stopped.push(id);
      }
    }
    this.stopVerifier();
    this.analysing.clear();
    this.startEngine();
    for (const id of stopped) this.emit({ type: 'file', id, state: 'stopped' });
    this.emit({ type: 'stopped', seq });
  }
}

/** Starts a client for the page or one widget; see `EngineClient`. */
export function engineStart(url, emit) {
  return new EngineClient(url, emit);
}
