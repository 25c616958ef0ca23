// ymchat inbox: keyboard shortcuts, the reply box's counter and file check, canned replies.
// No inline scripts (the CSP forbids them); everything hangs on data attributes.
(function () {
  "use strict";
  var MAX_TEXT = 4096;

  function typing(e) {
    var t = e.target;
    return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
  }

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("#chats tr.row")); }

  var selectedId = null;
  function select(index) {
    var all = rows();
    if (all.length === 0) { return; }
    index = Math.max(0, Math.min(all.length - 1, index));
    all.forEach(function (r) { r.classList.remove("selected"); });
    all[index].classList.add("selected");
    all[index].scrollIntoView({ block: "nearest" });
    selectedId = all[index].id;
  }
  function current() {
    var all = rows();
    for (var i = 0; i < all.length; i++) { if (all[i].id === selectedId) { return i; } }
    return -1;
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (typing(e)) {
      if (e.key === "Escape") { e.target.blur(); }
      return;
    }
    var chat = document.querySelector("main.chat");
    var k = e.key;
    if (k === "?") { var h = document.getElementById("help"); if (h && !h.open) { h.showModal(); } e.preventDefault(); return; }
    if (chat) {
      if (k === "j" || k === "J") { if (chat.dataset.next) { location.href = chat.dataset.next; } }
      else if (k === "k" || k === "K") { if (chat.dataset.prev) { location.href = chat.dataset.prev; } }
      else if (k === "r" || k === "R") { var t = document.getElementById("reply-text"); if (t) { t.focus(); e.preventDefault(); } }
      else if (k === "e" || k === "E") { var b = document.getElementById("resolve"); if (b) { b.click(); } }
      else if (k === "u" || k === "U") { location.href = document.getElementById("back").getAttribute("href"); }
      return;
    }
    if (k === "j" || k === "J") { select(current() + 1); }
    else if (k === "k" || k === "K") { select(current() < 0 ? 0 : current() - 1); }
    else if (k === "Enter" || k === "o") {
      var all = rows(); var i = current();
      if (i >= 0) { location.href = all[i].dataset.href; }
    }
  });

  // keep the selection across live refreshes of the list
  document.addEventListener("htmx:afterSwap", function () {
    if (selectedId) {
      var el = document.getElementById(selectedId);
      if (el) { el.classList.add("selected"); }
    }
  });

  document.addEventListener("click", function (e) {
    var help = e.target.closest && e.target.closest("[data-help]");
    if (help) { document.getElementById("help").showModal(); }
    var row = e.target.closest && e.target.closest("#chats tr.row");
    if (row && e.target.tagName !== "A") { location.href = row.dataset.href; }
  });

  function counter(text) {
    var c = document.getElementById("counter");
    if (!c) { return; }
    var n = text.value.length;
    c.textContent = n + " / " + MAX_TEXT;
    c.classList.toggle("over", n > MAX_TEXT);
  }

  // canned replies: "/name" at the start of a word opens the picker; Enter or Tab inserts
  function cannedQuery(text) {
    var upto = text.value.slice(0, text.selectionStart);
    var m = /(^|\s)\/([a-z0-9_-]*)$/.exec(upto);
    return m ? { start: upto.length - m[2].length - 1, name: m[2] } : null;
  }
  function cannedItems(q) {
    var list = document.getElementById("canned");
    var items = list ? Array.prototype.slice.call(list.querySelectorAll("li")) : [];
    return items.filter(function (li) {
      var show = q !== null && li.dataset.name.indexOf(q.name) === 0;
      li.hidden = !show;
      return show;
    });
  }
  function showCanned(text) {
    var list = document.getElementById("canned");
    if (!list) { return; }
    var q = cannedQuery(text);
    var shown = cannedItems(q);
    list.hidden = shown.length === 0;
    list.querySelectorAll("li").forEach(function (li) { li.classList.remove("active"); });
    if (shown.length) { shown[0].classList.add("active"); }
  }
  function insertCanned(text, li) {
    var q = cannedQuery(text);
    if (!q) { return; }
    var before = text.value.slice(0, q.start);
    var after = text.value.slice(text.selectionStart);
    text.value = before + li.dataset.text + after;
    var pos = before.length + li.dataset.text.length;
    text.setSelectionRange(pos, pos);
    document.getElementById("canned").hidden = true;
    counter(text);
  }

  document.addEventListener("input", function (e) {
    if (e.target.id === "reply-text") { counter(e.target); showCanned(e.target); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.target.id !== "reply-text") { return; }
    var list = document.getElementById("canned");
    if (!list || list.hidden) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { document.getElementById("send").click(); e.preventDefault(); }
      return;
    }
    var active = list.querySelector("li.active");
    if ((e.key === "Enter" || e.key === "Tab") && active) { insertCanned(e.target, active); e.preventDefault(); }
    else if (e.key === "Escape") { list.hidden = true; }
  }, true);
  document.addEventListener("mousedown", function (e) {
    var li = e.target.closest && e.target.closest("#canned li");
    if (li) { insertCanned(document.getElementById("reply-text"), li); e.preventDefault(); }
  });

  // the file is checked before upload (the server checks again)
  document.addEventListener("change", function (e) {
    if (e.target.id !== "reply-file") { return; }
    var err = document.getElementById("file-error");
    var f = e.target.files && e.target.files[0];
    var max = parseInt(e.target.dataset.maxBytes, 10);
    if (f && f.size > max) {
      err.textContent = "The file is larger than 5 MB (" + (f.size / 1048576).toFixed(1) + " MB); choose a smaller one.";
      err.hidden = false;
      e.target.value = "";
    } else {
      err.hidden = true;
    }
  });
  document.addEventListener("htmx:beforeRequest", function (e) {
    var form = e.detail.elt;
    if (form && form.id === "reply") {
      var t = document.getElementById("reply-text");
      if (t.value.length > MAX_TEXT) { e.preventDefault(); counter(t); }
    }
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    var form = e.detail.elt;
    if (form && form.id === "reply" && e.detail.successful) {
      form.reset();
      counter(document.getElementById("reply-text"));
    }
  });
  // 4xx answers of htmx requests show their page's message instead of failing silently
  document.addEventListener("htmx:beforeSwap", function (e) {
    var s = e.detail.xhr.status;
    if (s >= 400 && s < 500 && s !== 401) {
      var doc = new DOMParser().parseFromString(e.detail.xhr.responseText, "text/html");
      var msg = doc.querySelector(".problem .error");
      var notice = document.getElementById("notice") || document.getElementById("file-error");
      if (msg && notice) { notice.textContent = msg.textContent; notice.hidden = false; }
    }
  });
})();
