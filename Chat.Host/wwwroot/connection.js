// The chat socket: JSON Lines (docs/PROTOCOL.md) over a WebSocket at /ws, paced under the server's flood limit.

// The server's default flood limit (Chat:Limits:MessageBurst and MessagesPerSecond): every line counts.
const BURST = 10;
const LINES_PER_SECOND = 5;

// A JSON line holds at most MaxLineBytes plus a 1 MiB payload in base64; anything far longer is not ours.
const MAX_LINE_CHARS = 4 * 1024 * 1024;

/** Splits a byte stream into lines: frames may end mid-line, hold several lines, or split a UTF-8 character. */
export class LineSplitter {
  #decoder = new TextDecoder();
  #pending = [];
  #pendingLength = 0;
  #skipping = false;

  /** Takes one frame (a string or an ArrayBuffer) and returns the lines it completed, without their ending. */
  push(frame) {
    const text = typeof frame === "string" ? frame : this.#decoder.decode(frame, { stream: true });
    const lines = [];
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      this.#add(text.slice(start, end));
      if (!this.#skipping) {
        const line = this.#pending.join("");
        lines.push(line.endsWith("\r") ? line.slice(0, -1) : line);
      }
      this.#pending = [];
      this.#pendingLength = 0;
      this.#skipping = false;
      start = end + 1;
    }
    this.#add(text.slice(start));
    return lines;
  }

  #add(piece) {
    if (this.#skipping || piece.length === 0) return;
    this.#pendingLength += piece.length;
    if (this.#pendingLength > MAX_LINE_CHARS) {
      this.#skipping = true;
      this.#pending = [];
    } else {
      this.#pending.push(piece);
    }
  }
}

/**
 * One WebSocket connection. Calls onEvent(object) for every JSON line (the text greeting and other non-JSON lines
 * are skipped) and onClose() once when it ends. send() queues a command; the queue drains at the flood limit.
 */
export class ChatSocket {
  #socket;
  #splitter = new LineSplitter();
  #queue = [];
  #tokens = BURST;
  #refilledAt = performance.now();
  #timer = 0;
  #closed = false;

  constructor(url, { onOpen, onEvent, onClose }) {
    this.#socket = new WebSocket(url);
    this.#socket.binaryType = "arraybuffer";
    this.#socket.addEventListener("open", () => {
      onOpen();
      this.#drain();
    });
    this.#socket.addEventListener("message", (e) => {
      for (const line of this.#splitter.push(e.data)) {
        const event = parseEvent(line);
        if (event) onEvent(event);
      }
    });
    this.#socket.addEventListener("close", () => {
      this.#closed = true;
      clearTimeout(this.#timer);
      onClose();
    });
  }

  get isOpen() { return !this.#closed && this.#socket.readyState === WebSocket.OPEN; }

  /** Queues one command object; it goes out as one text frame holding one JSON line. */
  send(command) {
    if (this.#closed) return false;
    this.#queue.push(JSON.stringify(command) + "\n");
    this.#drain();
    return true;
  }

  /** Closes the connection, sending lastCommand first (at once: a queued line would be lost with the socket). */
  close(lastCommand) {
    this.#queue = [];
    if (lastCommand && this.isOpen) this.#socket.send(JSON.stringify(lastCommand) + "\n");
    this.#socket.close();
  }

  #drain() {
    clearTimeout(this.#timer);
    const now = performance.now();
    this.#tokens = Math.min(BURST, this.#tokens + (now - this.#refilledAt) * LINES_PER_SECOND / 1000);
    this.#refilledAt = now;
    while (this.#queue.length > 0 && this.#tokens >= 1 && this.isOpen) {
      this.#socket.send(this.#queue.shift());
      this.#tokens -= 1;
    }
    if (this.#queue.length > 0 && this.isOpen) {
      this.#timer = setTimeout(() => this.#drain(), (1 - this.#tokens) * 1000 / LINES_PER_SECOND);
    }
  }
}

function parseEvent(line) {
  if (!line.startsWith("{")) return null;
  try {
    const event = JSON.parse(line);
    return typeof event?.type === "string" ? event : null;
  } catch {
    return null;
  }
}

/** The WebSocket address of this page's server. */
export function chatUrl(location) {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/ws`;
}

/** Reconnect delays: 1, 2, 4 … up to 30 seconds, each shortened by up to a quarter so pages do not return in step. */
export function backoffDelay(attempt) {
  return Math.min(30_000, 1000 * 2 ** attempt) * (1 - Math.random() * 0.25);
}
