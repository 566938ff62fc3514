// A team's page: it follows the run through the server's event stream and
// shows only what the server sends, which is the team's own picture. All
// text is set with textContent: nothing a team or a scenario writes is read
// as markup.
"use strict";
(function () {
  const base = location.pathname.replace(/\/+$/, "");
  const $ = (id) => document.getElementById(id);
  let run = 0, seq = 0, es = null, retry = 1000, view = null, chosen = 0, shownDecision = "";

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function addItems(items) {
    const list = $("items");
    for (const it of items) {
      if (it.seq <= seq) continue; // had it already (a reconnect overlapping)
      seq = it.seq;
      const li = el("li", "tone-" + it.tone);
      li.dataset.seq = it.seq;
      li.appendChild(el("span", "when", it.clock));
      li.appendChild(el("span", "mark", it.text));
      list.insertBefore(li, list.firstChild);
    }
    $("count").textContent = seq ? "(" + seq + ")" : "";
  }

  function render(v) {
    view = v;
    $("team").textContent = v.name;
    $("scenario").textContent = v.scenario;
    document.title = v.name + " · cpkrange";
    const st = $("stage");
    st.textContent = v.stage;
    st.className = "stage " + v.stage.toLowerCase().replace(/\s+/g, "-");
    $("clock").textContent = v.clock;
    $("state").textContent = v.ended ? "· ended" : v.paused ? "· paused" : "· running";
    const at = $("attacks");
    at.replaceChildren();
    for (const a of v.attacks) {
      const li = el("li", "tone-" + a.tone);
      li.appendChild(el("span", "when", a.clock));
      li.appendChild(el("span", "", a.what));
      li.appendChild(el("span", "belief", a.belief));
      at.appendChild(li);
    }
    if (v.known > v.attacks.length) {
      at.appendChild(el("li", "dim", (v.known - v.attacks.length) + " earlier: in the news below"));
    }
    $("no-attacks").hidden = v.attacks.length > 0;
    const as = $("assets");
    as.replaceChildren();
    for (const a of v.assets) {
      const li = el("li");
      li.appendChild(el("span", "", a.Name + " · " + a.Sector));
      li.appendChild(el("span", "status-" + a.Status, a.Status));
      as.appendChild(li);
    }
    $("no-assets").hidden = v.assets.length > 0;
    $("assets-title").textContent = v.team === "force" ? "Assets we monitor" : "Our assets";
    renderDecision(v.decision);
  }

  function renderDecision(d) {
    const box = $("decision");
    if (!d) { box.hidden = true; shownDecision = ""; return; }
    box.hidden = false;
    $("d-prompt").textContent = d.prompt;
    const form = $("d-form");
    if (!d.yours) {
      $("d-title").textContent = "Decision for " + d.decider;
      form.hidden = true;
      return;
    }
    $("d-title").textContent = d.voted ? "Our decision · vote recorded" : "Our decision · the room waits for our vote";
    form.hidden = false;
    if (shownDecision !== d.id) { // a new decision: fresh options, fresh text
      shownDecision = d.id;
      chosen = d.voted || 0;
      $("d-why").value = d.rationale || "";
      $("d-status").textContent = "";
      const fs = $("d-options");
      fs.replaceChildren();
      d.options.forEach((label, i) => {
        const b = el("button", "opt");
        b.type = "button";
        b.dataset.option = i + 1;
        b.appendChild(el("span", "n", String(i + 1) + "."));
        b.appendChild(document.createTextNode(label));
        b.addEventListener("click", () => { chosen = i + 1; pressed(); });
        fs.appendChild(b);
      });
      updateCount();
    }
    pressed();
    if (d.voted) {
      $("d-status").className = "status";
      $("d-status").textContent = "Recorded: option " + d.voted + ". You may change it until the facilitator confirms.";
    }
  }

  function pressed() {
    for (const b of $("d-options").children) b.setAttribute("aria-pressed", String(Number(b.dataset.option) === chosen));
    $("d-send").disabled = chosen === 0;
  }

  function updateCount() { $("d-count").textContent = [...$("d-why").value].length + " / 500"; }

  async function send(ev) {
    ev.preventDefault();
    if (!view || !view.decision || chosen === 0) return;
    const status = $("d-status");
    $("d-send").disabled = true;
    status.className = "status";
    status.textContent = "Sending…";
    try {
      const res = await fetch(base + "/vote", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ decision: view.decision.id, option: chosen, rationale: $("d-why").value }),
      });
      if (res.ok) {
        status.textContent = "Sent: option " + chosen + ". Waiting for the facilitator's screen to record it…";
      } else {
        const body = await res.json().catch(() => ({ error: res.statusText }));
        status.className = "status bad";
        status.textContent = "Not sent: " + (body.error || res.status);
      }
    } catch (e) {
      status.className = "status bad";
      status.textContent = "Not sent: no connection. Try again.";
    }
    $("d-send").disabled = chosen === 0;
  }

  function connect() {
    const link = $("link");
    es = new EventSource(base + "/events" + (run ? "?after=" + run + "." + seq : ""));
    es.addEventListener("open", () => { retry = 1000; link.textContent = "· live"; link.className = "link dim"; });
    es.addEventListener("reset", (e) => {
      const r = Number(e.data);
      if (r !== run) { run = r; seq = 0; $("items").replaceChildren(); shownDecision = ""; }
    });
    es.addEventListener("items", (e) => {
      const [r] = (e.lastEventId || "").split(".");
      if (r) run = Number(r);
      addItems(JSON.parse(e.data));
    });
    es.addEventListener("view", (e) => render(JSON.parse(e.data)));
    es.addEventListener("error", () => {
      link.textContent = "· reconnecting… (nothing is lost)";
      link.className = "link down";
      if (es.readyState === EventSource.CLOSED) { // the browser gave up: try again, slower each time
        setTimeout(connect, retry);
        retry = Math.min(retry * 2, 15000);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("d-form").addEventListener("submit", send);
    $("d-why").addEventListener("input", updateCount);
    connect();
  });
})();
