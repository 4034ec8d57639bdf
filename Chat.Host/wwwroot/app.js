// The chat page: state, rendering and input. Everything a user or the server controls reaches the page through
// textContent or a DOM property, never as HTML; payloads become Blob URLs (payload.js).
import { ChatSocket, backoffDelay, chatUrl } from "./connection.js";
import { MAX_FILE_BYTES, fileToBase64, formatSize, mediaType, payloadToBlobUrl } from "./payload.js";

const ui = Object.fromEntries([
  "login", "login-form", "login-name", "login-error", "login-button", "chat", "server-name", "status", "me", "sign-out",
  "rooms-toggle", "sidebar", "room-list", "direct-list", "directs-title", "join-form", "join-name", "all-rooms",
  "refresh-rooms", "conversation", "conversation-title", "topic", "members-toggle", "leave-room", "log", "log-label",
  "load-older", "composer", "composer-label", "composer-input", "attach", "file-input", "members", "members-title",
  "member-list", "announcer",
].map((id) => [id.replace(/-(\w)/g, (_, c) => c.toUpperCase()), document.getElementById(id)]));

/** A room or a direct conversation; its message list lives on while another conversation is shown. */
class Conversation {
  constructor(kind, name) {
    this.kind = kind; // "room" or "direct"
    this.name = name;
    this.list = element("ol", "entries");
    this.ids = new Set(); // ids of the messages shown, so history never repeats one
    this.members = new Map(); // lower-case name → name
    this.unread = 0;
    this.topic = null;
    this.more = false; // the server's last history reply said older messages exist
    this.loadingOlder = false;
    this.blobUrls = [];
    this.item = element("li");
    this.button = element("button", "conversation-button");
    this.button.type = "button";
    this.button.addEventListener("click", () => activate(this, { focusComposer: true }));
    this.item.append(this.button);
  }

  get key() { return keyOf(this.kind, this.name); }

  get label() { return this.kind === "room" ? `#${this.name}` : this.name; }
}

const state = {
  socket: null,
  name: "", // the registered name, or the one being registered
  registered: false,
  inChat: false, // registered once: a lost connection is re-established by itself from then on
  signedOut: true,
  attempt: 0,
  reconnectTimer: 0,
  conversations: new Map(), // keyOf(kind, name) → Conversation
  active: null,
  stuck: true, // the message log is scrolled to its end and follows new messages
  restoring: new Set(), // rooms being rejoined after a reconnect
  unwantedDefaultRoom: null, // the room the server put us in after a reconnect although we had left it
  requestedWho: new Set(),
  serverName: "ChatApp",
};

// ---- connection ----

function connect() {
  clearTimeout(state.reconnectTimer);
  setStatus(state.inChat ? "Reconnecting…" : "Connecting…");
  const socket = new ChatSocket(chatUrl(location), {
    onOpen: () => socket.send({ type: "hello", name: state.name }),
    onEvent: (event) => socket === state.socket && handleEvent(event),
    onClose: () => socket === state.socket && disconnected(),
  });
  state.socket = socket;
}

function disconnected() {
  const wasRegistered = state.registered;
  state.socket = null;
  state.registered = false;
  if (state.signedOut) return;
  if (!state.inChat) {
    ui.loginButton.disabled = false;
    // The server's last word (a registration timeout, say) explains the close better than a guess.
    showLoginError(ui.loginError.textContent || "Could not reach the chat server. Try again.");
    return;
  }
  if (wasRegistered && state.active) notice(state.active, "Connection lost.", "error");
  const delay = backoffDelay(state.attempt++);
  setStatus(`Disconnected. Reconnecting in ${Math.ceil(delay / 1000)} s…`);
  state.reconnectTimer = setTimeout(connect, delay);
}

function send(command) {
  if (!state.registered) {
    localError("Not connected: nothing was sent.");
    return false;
  }
  return state.socket.send(command);
}

// ---- server events (docs/PROTOCOL.md) ----

const handlers = {
  welcome(e) {
    state.name = e.name;
    state.registered = true;
    state.attempt = 0;
    state.serverName = e.server ?? "ChatApp";
    ui.serverName.textContent = state.serverName;
    ui.me.textContent = e.name;
    remember(e.name);
    setStatus("Connected.");
    if (state.inChat) {
      rejoin(e.room);
    } else {
      state.inChat = true;
      ui.login.hidden = true;
      ui.chat.hidden = false;
      ui.composerInput.focus();
    }
    state.socket.send({ type: "rooms" });
    updateTitle();
  },

  message(e, fromHistory = false) {
    const conv = e.to ? direct(sameName(e.from, state.name) ? e.to : e.from) : room(e.room);
    if (!conv) return;
    const li = entry(e.data ? "message file" : "message", e.ts);
    li.append(element("span", "from", e.from));
    if (e.text) li.append(element("span", "text", e.text));
    if (e.data) li.append(attachment(e, conv));
    addEntry(conv, li, e.id, fromHistory);
    if (!fromHistory) newMessage(conv, e, e.data ? `${e.from} sent ${e.name ?? "a file"}` : `${e.from}: ${e.text}`);
  },

  action(e, fromHistory = false) {
    const conv = room(e.room);
    if (!conv) return;
    const li = entry("action", e.ts);
    li.append(element("span", "text", `* ${e.from} ${e.text}`));
    addEntry(conv, li, e.id, fromHistory);
    if (!fromHistory) newMessage(conv, e, `${e.from} ${e.text}`);
  },

  topic(e, fromHistory = false) {
    const conv = room(e.room);
    if (!conv) return;
    const text = e.by
      ? (e.topic ? `${e.by} set the topic: ${e.topic}` : `${e.by} cleared the topic.`)
      : (e.topic ? `Topic: ${e.topic}` : "No topic is set.");
    const li = entry("notice", e.ts);
    li.append(element("span", "text", text));
    addEntry(conv, li, e.id, fromHistory);
    if (!fromHistory) {
      conv.topic = e.topic ?? null;
      if (conv === state.active) renderHeader();
    }
  },

  history(e) {
    const conv = room(e.room);
    if (!conv) return;
    clearTimeout(conv.olderTimer);
    conv.more = e.more === true;
    conv.loadingOlder = false;
    const keep = keepScroll(conv);
    for (const item of Array.isArray(e.messages) ? e.messages : []) {
      if (["message", "action", "topic"].includes(item?.type)) handlers[item.type](item, true);
    }
    keep();
    if (conv === state.active) renderOlderButton();
  },

  join(e) {
    if (!sameName(e.name, state.name)) {
      const conv = room(e.room);
      if (!conv) return;
      conv.members.set(e.name.toLowerCase(), e.name);
      notice(conv, `${e.name} joined #${e.room}.`);
      if (conv === state.active) renderMembers();
      return;
    }
    if (sameName(e.room, state.unwantedDefaultRoom ?? "")) {
      state.unwantedDefaultRoom = null;
      return;
    }
    const rejoined = state.restoring.delete(e.room.toLowerCase());
    let conv = room(e.room);
    if (!conv) {
      conv = new Conversation("room", e.room);
      addConversation(conv);
    }
    state.socket.send({ type: "who", room: e.room });
    notice(conv, rejoined ? `Rejoined #${e.room}.` : `You joined #${e.room}.`);
    if (!rejoined) activate(conv);
  },

  leave(e) {
    const conv = room(e.room);
    if (!conv) return;
    if (sameName(e.name, state.name)) {
      removeConversation(conv);
      return;
    }
    conv.members.delete(e.name.toLowerCase());
    notice(conv, `${e.name} left #${e.room}${e.reason ? ` (${e.reason})` : ""}.`);
    if (conv === state.active) renderMembers();
  },

  quit(e) {
    const text = `${e.name} quit${e.reason ? ` (${e.reason})` : ""}.`;
    for (const conv of state.conversations.values()) {
      if (conv.members.delete(e.name.toLowerCase()) || (conv.kind === "direct" && sameName(conv.name, e.name))) {
        notice(conv, text);
      }
    }
    renderMembers();
  },

  nick(e) {
    const self = sameName(e.oldName, state.name);
    if (self) {
      state.name = e.newName;
      ui.me.textContent = e.newName;
      remember(e.newName);
    }
    const text = self ? `You are now known as ${e.newName}.` : `${e.oldName} is now known as ${e.newName}.`;
    for (const conv of [...state.conversations.values()]) {
      if (conv.members.delete(e.oldName.toLowerCase())) {
        conv.members.set(e.newName.toLowerCase(), e.newName);
        notice(conv, text);
      } else if (conv.kind === "direct" && sameName(conv.name, e.oldName)) {
        state.conversations.delete(conv.key);
        conv.name = e.newName;
        state.conversations.set(conv.key, conv);
        renderItem(conv);
        notice(conv, text);
      }
    }
    if (state.active) renderHeader();
    renderMembers();
  },

  who(e) {
    const conv = room(e.room);
    if (!conv) return;
    conv.members = new Map((e.members ?? []).map((name) => [name.toLowerCase(), name]));
    if (conv === state.active) renderMembers();
    if (state.requestedWho.delete(e.room.toLowerCase())) {
      notice(conv, `Members of #${e.room} (${conv.members.size}): ${[...conv.members.values()].join(", ")}`);
    }
  },

  rooms(e) {
    ui.allRooms.replaceChildren(...(e.rooms ?? []).map((info) => {
      const li = element("li");
      const button = element("button", "room-button", `#${info.name} (${info.members})`);
      button.type = "button";
      button.addEventListener("click", () => joinRoom(info.name));
      li.append(button);
      if (info.topic) li.append(element("span", "room-topic", info.topic));
      return li;
    }));
  },

  help(e) {
    for (const command of e.commands ?? []) notice(state.active, `${command.usage}: ${command.help}`);
  },

  info(e) {
    notice(room(e.room ?? "") ?? state.active, e.text);
  },

  error(e) {
    if (state.registered) {
      localError(e.message);
    } else if (!state.inChat) {
      ui.loginButton.disabled = false;
      showLoginError(e.code === "name_taken" ? `The name ${state.name} is taken. Choose another.` : e.message);
      ui.loginName.focus();
    } else {
      // Registering again after a reconnect: the old connection may still hold the name until the server drops it.
      setStatus(`Could not sign in again (${e.message}).`);
      state.socket.close();
    }
  },

  ping() {
    state.socket.send({ type: "pong" });
  },

  shutdown(e) {
    if (state.active) notice(state.active, `The server is shutting down: ${e.reason}.`, "error");
  },
};

function handleEvent(event) {
  if (Object.hasOwn(handlers, event.type)) handlers[event.type](event);
}

/** After a reconnect: back into the rooms the page shows, and out of the default room if we had left it. */
function rejoin(defaultRoom) {
  const rooms = [...state.conversations.values()].filter((c) => c.kind === "room");
  state.restoring = new Set(rooms.map((c) => c.name.toLowerCase()));
  state.unwantedDefaultRoom = null;
  if (!state.restoring.has(defaultRoom.toLowerCase())) {
    state.unwantedDefaultRoom = defaultRoom;
    state.socket.send({ type: "leave", room: defaultRoom });
  }
  for (const conv of rooms) {
    conv.loadingOlder = false;
    if (!sameName(conv.name, defaultRoom)) state.socket.send({ type: "join", room: conv.name });
  }
}

// ---- conversations ----

function keyOf(kind, name) { return `${kind}:${String(name).toLowerCase()}`; }

function room(name) { return state.conversations.get(keyOf("room", name)); }

function direct(name) {
  let conv = state.conversations.get(keyOf("direct", name));
  if (!conv) {
    conv = new Conversation("direct", name);
    addConversation(conv);
  }
  return conv;
}

function addConversation(conv) {
  state.conversations.set(conv.key, conv);
  (conv.kind === "room" ? ui.roomList : ui.directList).append(conv.item);
  ui.directsTitle.hidden = ui.directList.hidden = ui.directList.childElementCount === 0;
  renderItem(conv);
}

function removeConversation(conv) {
  state.conversations.delete(conv.key);
  conv.item.remove();
  ui.directsTitle.hidden = ui.directList.hidden = ui.directList.childElementCount === 0;
  conv.blobUrls.forEach((url) => URL.revokeObjectURL(url));
  if (state.active === conv) activate(state.conversations.values().next().value ?? null);
  updateTitle();
}

function activate(conv, { focusComposer = false } = {}) {
  const previous = state.active;
  state.active = conv;
  if (previous) renderItem(previous);
  if (conv) {
    conv.unread = 0;
    renderItem(conv);
    ui.log.replaceChildren(ui.logLabel, ui.loadOlder, conv.list);
  } else {
    ui.log.replaceChildren(ui.logLabel, element("p", "empty", "You are in no room. Join one to talk."));
  }
  renderHeader();
  renderMembers();
  renderOlderButton();
  scrollToEnd();
  updateTitle();
  closePanels();
  if (focusComposer) ui.composerInput.focus();
}

function step(offset) {
  const all = [...state.conversations.values()];
  const order = [...all.filter((c) => c.kind === "room"), ...all.filter((c) => c.kind === "direct")];
  const next = order[(order.indexOf(state.active) + offset + order.length) % order.length];
  if (next) activate(next, { focusComposer: true });
}

function joinRoom(name) {
  const bare = name.replace(/^#/, "");
  const existing = room(bare);
  if (existing) {
    activate(existing, { focusComposer: true });
    return true;
  }
  return send({ type: "join", room: bare });
}

// ---- rendering ----

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function entry(kind, ts) {
  const li = element("li", `entry ${kind}`);
  let date = new Date(ts ?? Date.now());
  if (Number.isNaN(date.getTime())) date = new Date();
  const time = element("time", "time", date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
  time.dateTime = date.toISOString();
  time.title = date.toLocaleString();
  li.append(time);
  return li;
}

function attachment(e, conv) {
  const name = e.name || "file";
  const decoded = payloadToBlobUrl(e.data, e.contentType);
  if (!decoded) return element("span", "attachment-error", `${name}: the attachment could not be read.`);
  conv.blobUrls.push(decoded.url);
  const figure = element("figure", "attachment");
  if (decoded.image) {
    const img = element("img");
    img.alt = e.text || name;
    img.addEventListener("load", () => conv === state.active && state.stuck && scrollToEnd());
    img.src = decoded.url;
    figure.append(img);
  }
  const caption = element("figcaption");
  const link = element("a", "download", name);
  link.href = decoded.url;
  link.download = name;
  caption.append(link, ` (${mediaType(e.contentType)}, ${formatSize(e.size ?? decoded.size)})`);
  figure.append(caption);
  return figure;
}

/**
 * Adds an entry: live ones at the end, history by id among the others. History skips messages already shown;
 * live ones never are skipped (a restarted server without a history store numbers its rooms from 1 again).
 */
function addEntry(conv, li, id, fromHistory = false) {
  if (typeof id === "number") {
    if (fromHistory && conv.ids.has(id)) return;
    conv.ids.add(id);
    li.dataset.id = id;
  }
  if (fromHistory && typeof id === "number") {
    let node = conv.list.lastElementChild;
    while (node && !(Number(node.dataset.id) < id)) node = node.previousElementSibling;
    if (node) node.after(li); else conv.list.prepend(li);
    return;
  }
  conv.list.append(li);
  if (conv === state.active && state.stuck) scrollToEnd();
}

function notice(conv, text, kind = "notice") {
  if (!conv) return;
  const li = entry(kind);
  li.append(element("span", "text", text));
  addEntry(conv, li);
  if (kind === "error" && conv === state.active) announce(text);
}

function localError(text) {
  if (state.active) notice(state.active, text, "error"); else setStatus(text);
}

function newMessage(conv, e, spoken) {
  if (sameName(e.from, state.name)) return;
  if (conv !== state.active) {
    conv.unread++;
    renderItem(conv);
    updateTitle();
  }
  if (conv === state.active) announce(spoken);
  else if (conv.kind === "direct") announce(`Direct message from ${e.from}.`);
}

function announce(text) {
  ui.announcer.append(element("p", "", text));
  while (ui.announcer.childElementCount > 3) ui.announcer.firstElementChild.remove();
}

function renderItem(conv) {
  const button = conv.button;
  button.replaceChildren(element("span", "name", conv.label));
  if (conv.unread > 0) button.append(element("span", "badge", String(conv.unread)));
  button.setAttribute("aria-label", conv.unread > 0 ? `${conv.label}, ${conv.unread} unread` : conv.label);
  if (conv === state.active) button.setAttribute("aria-current", "true"); else button.removeAttribute("aria-current");
}

function renderHeader() {
  const conv = state.active;
  ui.conversationTitle.textContent = conv ? (conv.kind === "room" ? conv.label : `Direct messages with ${conv.name}`) : "No room";
  ui.topic.textContent = conv?.topic ?? "";
  ui.topic.hidden = !conv?.topic;
  ui.leaveRoom.hidden = !conv;
  ui.leaveRoom.textContent = conv?.kind === "direct" ? "Close" : "Leave";
  ui.leaveRoom.setAttribute("aria-label", conv ? `${conv.kind === "direct" ? "Close" : "Leave"} ${conv.label}` : "");
  ui.composerLabel.textContent = conv ? `Message ${conv.label}` : "Message";
  ui.composerInput.placeholder = conv ? `Message ${conv.label}` : "Join a room to talk";
}

function renderMembers() {
  const conv = state.active;
  const focused = ui.memberList.contains(document.activeElement) ? document.activeElement.dataset.name : null;
  const names = conv?.kind === "room" ? [...conv.members.values()]
    : conv ? [state.name, conv.name] : [];
  names.sort((a, b) => a.localeCompare(b));
  ui.membersTitle.textContent = `Members (${names.length})`;
  ui.memberList.replaceChildren(...names.map((name) => {
    const li = element("li");
    if (sameName(name, state.name)) {
      li.append(element("span", "member self", `${name} (you)`));
    } else {
      const button = element("button", "member", name);
      button.type = "button";
      button.dataset.name = name.toLowerCase();
      button.setAttribute("aria-label", `${name}: send a direct message`);
      button.addEventListener("click", () => activate(direct(name), { focusComposer: true }));
      li.append(button);
    }
    return li;
  }));
  if (focused) ui.memberList.querySelector(`[data-name="${CSS.escape(focused)}"]`)?.focus();
}

function renderOlderButton() {
  const conv = state.active;
  ui.loadOlder.hidden = !(conv?.more);
  ui.loadOlder.disabled = !!conv?.loadingOlder;
  ui.loadOlder.textContent = conv?.loadingOlder ? "Loading older messages…" : "Load older messages";
}

function updateTitle() {
  let unread = 0;
  for (const conv of state.conversations.values()) unread += conv.unread;
  document.title = unread > 0 ? `(${unread}) ${state.serverName}` : state.serverName;
}

function setStatus(text) { ui.status.textContent = text; }

function showLoginError(text) { ui.loginError.textContent = text; }

// ---- scrolling and history ----

function isAtEnd() { return ui.log.scrollHeight - ui.log.scrollTop - ui.log.clientHeight < 40; }

function scrollToEnd() {
  ui.log.scrollTop = ui.log.scrollHeight;
  state.stuck = true;
}

/** Keeps what the reader sees in place while older entries are inserted above it (or follows the end). */
function keepScroll(conv) {
  if (conv !== state.active) return () => {};
  const fromEnd = ui.log.scrollHeight - ui.log.scrollTop;
  return () => {
    if (state.stuck) scrollToEnd(); else ui.log.scrollTop = ui.log.scrollHeight - fromEnd;
  };
}

function loadOlder() {
  const conv = state.active;
  if (!conv?.more || conv.loadingOlder || !state.registered || conv.ids.size === 0) return;
  let oldest = Infinity;
  for (const id of conv.ids) oldest = Math.min(oldest, id);
  conv.loadingOlder = true;
  // A server that never answers must not leave the button stuck.
  conv.olderTimer = setTimeout(() => {
    conv.loadingOlder = false;
    if (conv === state.active) renderOlderButton();
  }, 10_000);
  renderOlderButton();
  send({ type: "history", room: conv.name, before: oldest, limit: 50 });
}

// ---- input ----

function submitText(text) {
  if (text.startsWith("/") && !text.startsWith("//")) return runCommand(text.trim());
  const conv = state.active;
  if (!conv) {
    localError("Join a room first.");
    return false;
  }
  // In a room the server turns "//x" into chat "/x"; a direct message is never a command, so the page does.
  const chat = conv.kind === "direct" && text.startsWith("//") ? text.slice(1) : text;
  return send({ type: "say", ...target(conv), text: chat });
}

function target(conv) { return conv.kind === "room" ? { room: conv.name } : { to: conv.name }; }

/** Slash commands become typed commands; unknown ones go to the server as custom commands. */
function runCommand(line) {
  const [, name, args] = /^\/(\S+)\s*([\s\S]*)$/.exec(line) ?? [, "", ""];
  const [first, rest] = splitFirst(args);
  const current = state.active?.kind === "room" ? state.active.name : undefined;
  const usage = (text) => (localError(`Usage: ${text}`), false);
  switch (name.toLowerCase()) {
    case "join": return first ? joinRoom(first) : usage("/join ROOM");
    case "leave": return first || current ? send({ type: "leave", room: bare(first) || current, reason: rest || undefined }) : usage("/leave ROOM [REASON]");
    case "switch": {
      const conv = room(bare(first));
      if (!conv) return usage("/switch ROOM (a room you are in)");
      activate(conv, { focusComposer: true });
      return send({ type: "switch", room: conv.name });
    }
    case "me": return current && args ? send({ type: "action", room: current, text: args }) : usage("/me TEXT (in a room)");
    case "msg": return first && rest ? send({ type: "say", to: first, text: rest }) : usage("/msg NAME TEXT");
    case "nick": return first ? send({ type: "nick", name: first }) : usage("/nick NEW");
    case "topic": {
      const [room, topic] = first.startsWith("#") ? [bare(first), rest] : [current, args];
      return room ? send({ type: "topic", room, topic: topic || undefined }) : usage("/topic [#ROOM] [TEXT]");
    }
    case "who": {
      const room = bare(first) || current;
      if (!room) return usage("/who ROOM");
      state.requestedWho.add(room.toLowerCase());
      return send({ type: "who", room });
    }
    case "rooms": return send({ type: "rooms" });
    case "help": return send({ type: "help", command: bare(first, "/") || undefined });
    case "quit": signOut(args || undefined); return true;
    default: return name ? send({ type: "command", name, args, room: current }) : usage("/COMMAND [ARGS]");
  }
}

function splitFirst(text) {
  const match = /^(\S*)\s*([\s\S]*)$/.exec(text);
  return [match[1], match[2]];
}

function bare(name, prefix = "#") { return name.startsWith(prefix) ? name.slice(1) : name; }

async function sendFiles(files) {
  const conv = state.active;
  if (!conv) {
    localError("Open a room or a conversation first.");
    return;
  }
  for (const file of files) {
    if (file.size > MAX_FILE_BYTES) {
      localError(`${file.name} is ${formatSize(file.size)}; files up to ${formatSize(MAX_FILE_BYTES)} can be sent.`);
      continue;
    }
    const data = await fileToBase64(file);
    send({ type: "say", ...target(conv), text: "", contentType: file.type || "application/octet-stream", name: file.name, data });
  }
}

function signOut(reason) {
  state.signedOut = true;
  clearTimeout(state.reconnectTimer);
  state.socket?.close(state.registered ? { type: "quit", reason } : undefined);
  state.socket = null;
  state.registered = false;
  state.inChat = false;
  state.restoring.clear();
  state.unwantedDefaultRoom = null;
  for (const conv of [...state.conversations.values()]) removeConversation(conv);
  ui.allRooms.replaceChildren();
  ui.chat.hidden = true;
  ui.login.hidden = false;
  ui.loginButton.disabled = false;
  ui.loginName.value = state.name;
  setStatus("");
  ui.loginName.focus();
}

function closePanels(returnFocus = false) {
  for (const [toggle, panel] of [[ui.roomsToggle, ui.sidebar], [ui.membersToggle, ui.members]]) {
    if (!panel.classList.contains("open")) continue;
    panel.classList.remove("open");
    toggle.setAttribute("aria-expanded", "false");
    if (returnFocus && panel.contains(document.activeElement)) toggle.focus();
  }
}

function togglePanel(toggle, panel) {
  const open = !panel.classList.contains("open");
  closePanels();
  if (!open) return;
  panel.classList.add("open");
  toggle.setAttribute("aria-expanded", "true");
  panel.querySelector("button, input")?.focus();
}

function sameName(a, b) { return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase(); }

function remember(name) {
  try { localStorage.setItem("chat.name", name); } catch { /* storage may be disabled; the name is only a convenience */ }
}

// ---- wiring ----

ui.loginForm.addEventListener("submit", (e) => {
  e.preventDefault();
  showLoginError("");
  if (!ui.loginName.checkValidity()) {
    showLoginError("A name is 1 to 24 letters, digits, _ or -.");
    ui.loginName.focus();
    return;
  }
  state.name = ui.loginName.value;
  state.signedOut = false;
  ui.loginButton.disabled = true;
  if (state.socket?.isOpen) state.socket.send({ type: "hello", name: state.name }); else connect();
});

ui.composer.addEventListener("submit", (e) => {
  e.preventDefault();
  const text = ui.composerInput.value;
  if (text.trim() && submitText(text)) ui.composerInput.value = "";
});

ui.joinForm.addEventListener("submit", (e) => {
  e.preventDefault();
  if (ui.joinName.checkValidity() && joinRoom(ui.joinName.value.trim())) ui.joinName.value = "";
});

ui.leaveRoom.addEventListener("click", () => {
  const conv = state.active;
  if (conv?.kind === "room") send({ type: "leave", room: conv.name });
  else if (conv) removeConversation(conv);
  ui.composerInput.focus();
});

ui.refreshRooms.addEventListener("click", () => send({ type: "rooms" }));
ui.signOut.addEventListener("click", () => signOut());
ui.attach.addEventListener("click", () => ui.fileInput.click());
ui.fileInput.addEventListener("change", () => {
  sendFiles([...ui.fileInput.files]);
  ui.fileInput.value = "";
});
ui.loadOlder.addEventListener("click", loadOlder);
let lastScrollTop = 0;
ui.log.addEventListener("scroll", () => {
  state.stuck = isAtEnd();
  // Only a move up asks for older messages: following the end scrolls too, and lands near the top while the log
  // is barely longer than the view (as it is with the few messages shown on joining).
  const up = ui.log.scrollTop < lastScrollTop;
  lastScrollTop = ui.log.scrollTop;
  if (up && ui.log.scrollTop < 80) loadOlder();
});
ui.roomsToggle.addEventListener("click", () => togglePanel(ui.roomsToggle, ui.sidebar));
ui.membersToggle.addEventListener("click", () => togglePanel(ui.membersToggle, ui.members));

ui.chat.addEventListener("keydown", (e) => {
  if (e.key === "Escape") closePanels(true);
  if (e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
    e.preventDefault();
    step(e.key === "ArrowUp" ? -1 : 1);
  }
});

// Files dropped on the conversation are sent; dropped anywhere else they must not replace the page.
const hasFiles = (e) => e.dataTransfer?.types.includes("Files");
window.addEventListener("dragover", (e) => hasFiles(e) && e.preventDefault());
window.addEventListener("drop", (e) => hasFiles(e) && e.preventDefault());
ui.conversation.addEventListener("dragover", (e) => {
  if (hasFiles(e)) ui.conversation.classList.add("dropping");
});
ui.conversation.addEventListener("dragleave", (e) => {
  if (!ui.conversation.contains(e.relatedTarget)) ui.conversation.classList.remove("dropping");
});
ui.conversation.addEventListener("drop", (e) => {
  ui.conversation.classList.remove("dropping");
  if (hasFiles(e)) sendFiles([...e.dataTransfer.files]);
});

window.addEventListener("online", () => {
  if (state.inChat && !state.socket) connect();
});

try { ui.loginName.value = localStorage.getItem("chat.name") ?? ""; } catch { /* see remember() */ }
ui.directsTitle.hidden = ui.directList.hidden = true;
activate(null);
ui.loginName.focus();
