// The operator page: logs in (HttpOnly session cookie + CSRF token), polls /v1/admin/cockpit every 2 s and renders
// it. Every value from the server is inserted as text (textContent), never as markup.
"use strict";
(function () {
  const POLL_MS = 2000;
  const $ = (id) => document.getElementById(id);
  let csrf = sessionStorage.getItem("hubd-csrf");
  let timer = null;
  const charts = {};

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === "class") e.className = v;
      else if (k.startsWith("data-")) e.setAttribute(k, v);
      else if (k === "title") e.title = v;
    });
    children.forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? "–" : String(c))));
    return e;
  }

  function replace(node, ...children) {
    node.replaceChildren(...children);
  }

  // base units (decimal string) → a readable amount with `decimals`, shown to `places` decimal places (default 2)
  function amount(units, decimals, places) {
    places = places === undefined ? 2 : places;
    if (units === null || units === undefined) return "–";
    const neg = units.startsWith("-");
    let digits = neg ? units.slice(1) : units;
    if (decimals > 0) {
      digits = digits.padStart(decimals + 1, "0");
      const whole = digits.slice(0, digits.length - decimals);
      const frac = digits.slice(digits.length - decimals, digits.length - decimals + places);
      digits = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + frac;
    }
    return (neg ? "-" : "") + digits;
  }

  function short(hex) {
    return hex && hex.length > 14 ? hex.slice(0, 8) + "…" + hex.slice(-4) : hex;
  }

  function age(seconds) {
    if (seconds === null || seconds === undefined) return "–";
    if (seconds < 90) return seconds + " s";
    if (seconds < 5400) return Math.round(seconds / 60) + " min";
    return Math.round(seconds / 3600) + " h";
  }

  async function call(method, path, body) {
    const headers = { "Accept": "application/json" };
    if (method !== "GET") headers["X-Hubd-Csrf"] = csrf || "";
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(path, { method, headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    if (res.status === 401) { loggedOut(); throw new Error("not logged in"); }
    if (!res.ok) throw new Error((json && json.code ? json.code + ": " + json.message : "HTTP " + res.status));
    return json;
  }

  function loggedOut() {
    csrf = null;
    sessionStorage.removeItem("hubd-csrf");
    if (timer) clearInterval(timer);
    timer = null;
    $("cockpit").hidden = true;
    $("login-panel").hidden = false;
    $("logout").hidden = true;
    $("status").textContent = "not logged in";
  }

  function loggedIn() {
    $("cockpit").hidden = false;
    $("login-panel").hidden = true;
    $("logout").hidden = false;
    refresh();
    timer = setInterval(refresh, POLL_MS);
  }

  $("login").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    $("login-error").textContent = "";
    try {
      const r = await call("POST", "/v1/admin/session", { token: $("token").value, operator: $("operator").value });
      csrf = r.csrf;
      sessionStorage.setItem("hubd-csrf", csrf);
      $("token").value = "";
      loggedIn();
    } catch (e) {
      $("login-error").textContent = e.message;
    }
  });

  $("logout").addEventListener("click", async () => {
    try { await call("DELETE", "/v1/admin/session"); } catch (e) { /* logged out either way */ }
    loggedOut();
  });

  async function refresh() {
    try {
      const v = await call("GET", "/v1/admin/cockpit");
      render(v);
      $("status").textContent = "live · " + new Date(v.at).toLocaleTimeString();
    } catch (e) {
      $("status").textContent = "update failed: " + e.message;
    }
  }

  function render(v) {
    replace($("alerts"), ...(v.alerts.length ? v.alerts.map((a) =>
      el("li", { class: "alert-" + a.severity }, a.name + ": " + a.text)) : [el("li", { class: "ok" }, "none")]));
    const c = v.chain;
    replace($("chain"),
      el("dt", {}, "hub"), el("dd", {}, v.hub),
      el("dt", {}, "checkpoint"), el("dd", {}, c.checkpoint + " (" + c.headLagBlocks + " behind head)"),
      el("dt", {}, "ready"), el("dd", { class: c.ready ? "ok" : "error" },
        c.ready ? "yes" : "no: " + JSON.stringify(c.notReady)),
      el("dt", {}, "HA role"), el("dd", {}, v.ha.role + (v.ha.epoch === null ? "" : " (epoch " + v.ha.epoch + ")")),
      el("dt", {}, "gas balance"), el("dd", { class: v.gas.low ? "error" : "" }, amount(v.gas.balanceWei, 18, 6)
        + " native" + (v.gas.low ? " (LOW)" : "")),
      el("dt", {}, "gas spent"), el("dd", {}, amount(v.gas.spentWei, 18, 9) + " native since start"));
    renderTokens(v.tokens);
    const decimals = {};
    v.tokens.forEach((t) => { decimals[t.id] = t.decimals; });
    renderJobs(v.jobs, decimals);
    renderProposals(v.proposals, decimals);
    replace($("inflight"), ...(v.inFlight.length ? v.inFlight.map((t) => el("tr", { "data-intent": t.id },
      el("td", {}, t.id), el("td", {}, t.purpose), el("td", {}, t.state), el("td", {}, t.attempts), el("td", {}, t.bumps),
      el("td", {}, t.maxFeePerGas), el("td", {}, t.priorityFeePerGas), el("td", {}, age(t.ageSeconds)),
      el("td", {}, action("cancel tx", "POST", "/v1/admin/transactions/" + t.id + "/cancel")))) :
      [el("tr", {}, el("td", { class: "muted" }, "none"))]));
    replace($("batches"), ...v.batches.map((b) => el("tr", {},
      el("td", {}, b.id), el("td", {}, b.purpose), el("td", {}, b.state), el("td", {}, b.operations),
      el("td", {}, b.gasUsed), el("td", {}, b.feeWei), el("td", {}, b.latencyMillis === null ? "–" : b.latencyMillis + " ms"),
      el("td", {}, b.block))));
    replace($("disputes"), ...(v.disputes.length ? v.disputes.map((d) => el("tr", { "data-claimant": d.claimant },
      el("td", { title: d.counterparty }, short(d.counterparty)),
      el("td", { class: d.claimant === "counterparty" ? "error" : "" }, d.claimant), el("td", {}, d.nonce),
      el("td", {}, d.startBlock), el("td", {}, d.claimBlock), el("td", {}, d.finaliseAfterBlock),
      el("td", {}, d.blocksLeft))) : [el("tr", {}, el("td", { class: "muted" }, "none open"))]));
    replace($("audit"), ...v.audit.map((a) => el("tr", {}, el("td", {}, new Date(a.at).toLocaleTimeString()),
      el("td", {}, a.actor), el("td", {}, a.action), el("td", {}, a.target), el("td", { class: "reason" }, a.detail))));
  }

  function renderTokens(tokens) {
    const box = $("tokens");
    tokens.forEach((t) => {
      let panel = document.getElementById("token-" + t.id);
      if (!panel) {
        panel = el("section", { class: "token" });
        panel.id = "token-" + t.id;
        box.append(panel);
        const facts = el("div", { class: "panel" });
        facts.id = "token-facts-" + t.id;
        const reserve = el("div", { class: "panel" });
        const exposure = el("div", { class: "panel" });
        const buckets = el("div", { class: "panel" });
        const credit = el("div", { class: "panel" });
        const money = el("div", { class: "panel" });
        panel.append(facts, reserve, exposure, buckets, credit, money);
        const h = t.history;
        charts[t.id] = {
          reserve: HubdCharts.lineChart(reserve, t.symbol + " reserve and wallet", t.symbol, h.t,
            [{ label: "reserve", values: h.reserve }, { label: "hub wallet", values: h.wallet }],
            [{ label: "minReserve", value: whole(t.minReserve, t.decimals) },
              { label: "targetReserve", value: whole(t.targetReserve, t.decimals) }]),
          exposure: HubdCharts.lineChart(exposure, t.symbol + " user exposure and hub credit", t.symbol, h.t,
            [{ label: "exposure", values: h.exposure }, { label: "hub credit", values: h.credit }]),
          money: HubdCharts.lineChart(money, t.symbol + " net margin (fees − gas)", t.symbol, h.t,
            [{ label: "net margin", values: h.margin }]),
          buckets: t.exposure ? HubdCharts.barChart(buckets, t.symbol + " accounts by exposure", t.exposure.bucketNames,
            t.exposure.buckets) : null,
          credit: t.exposure ? HubdCharts.barChart(credit, t.symbol + " accounts by hub credit",
            t.exposure.creditBucketNames, t.exposure.creditBuckets) : null,
        };
      } else {
        const h = t.history;
        const ch = charts[t.id];
        ch.reserve.update(h.t, [{ label: "reserve", values: h.reserve }, { label: "hub wallet", values: h.wallet }],
          [{ label: "minReserve", value: whole(t.minReserve, t.decimals) },
            { label: "targetReserve", value: whole(t.targetReserve, t.decimals) }]);
        ch.exposure.update(h.t, [{ label: "exposure", values: h.exposure }, { label: "hub credit", values: h.credit }]);
        ch.money.update(h.t, [{ label: "net margin", values: h.margin }]);
        if (ch.buckets && t.exposure) ch.buckets.update(t.exposure.buckets);
        if (ch.credit && t.exposure) ch.credit.update(t.exposure.creditBuckets);
      }
      renderFacts(document.getElementById("token-facts-" + t.id), t);
    });
  }

  function whole(units, decimals) {
    return Number(units) / Math.pow(10, decimals);
  }

  function renderFacts(node, t) {
    const d = t.decimals;
    const rows = [
      ["reserve", amount(t.reserve, d) + "  (min " + amount(t.minReserve, d) + ", target " + amount(t.targetReserve, d) + ")"],
      ["hub wallet", amount(t.wallet, d)],
    ];
    Object.entries(t.budgets).forEach(([name, b]) => rows.push([name + " budget left", amount(b.remaining, d) + " of " + amount(b.limit, d)]));
    if (t.exposure) {
      rows.push(["user exposure", amount(t.exposure.total, d) + " over " + t.exposure.accounts + " accounts"]);
      rows.push(["hub credit", amount(t.exposure.credit, d) + (t.exposure.creditSoftLimit === null
        ? "  (no settlement policy)" : "  (settlements proposed above " + amount(t.exposure.creditSoftLimit, d) + ")")]);
      rows.push(["top exposure", t.exposure.topExposure.map((r) => short(r.counterparty) + " " + amount(r.amount, d)).join(", ") || "none"]);
      rows.push(["top credit", t.exposure.topCredit.map((r) => short(r.counterparty) + " " + amount(r.amount, d)).join(", ") || "none"]);
    }
    rows.push(["fees quoted / collected", amount(t.money.feesQuoted, d) + " / " + amount(t.money.feesCollected, d)]);
    rows.push(["gas at token price", amount(t.money.gasCost, d) + " (" + amount(t.money.gasCostPerOperation, d, 4)
      + " per operation)  → net margin " + amount(t.money.netMargin, d)]);
    rows.push(["reserve saved by netting", amount(t.money.savedByNetting, d) + " (R2C funded by C2R and settlements)"]);
    const planning = t.paused ? el("span", { class: "paused" }, "paused (" + t.paused + ")") : el("span", { class: "ok" }, "running");
    const toggle = t.paused === "operator"
      ? action("resume planning", "POST", "/v1/admin/tokens/" + t.id + "/resume")
      : action("pause planning", "POST", "/v1/admin/tokens/" + t.id + "/pause");
    toggle.id = "toggle-" + t.id;
    planning.id = "planning-" + t.id;
    const sweep = action("sweep above target to wallet", "POST", "/v1/admin/tokens/" + t.id + "/sweep", { to: "wallet" });
    replace(node, el("h2", {}, t.symbol + " (token " + t.id + ")"),
      el("dl", {}, ...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]),
        el("dt", {}, "planning"), el("dd", {}, planning, " ", toggle)), sweep);
  }

  function renderJobs(jobs, decimals) {
    $("job-counts").textContent = Object.entries(jobs.byState).map(([s, n]) => s + " " + n).join(" · ");
    replace($("jobs-open"), ...(jobs.open.length ? jobs.open.map((j) => jobRow(j, decimals[j.token] || 0,
      j.state === "ACCEPTED" ? action("cancel", "POST", "/v1/admin/jobs/" + j.id + "/cancel") : "")) :
      [el("tr", {}, el("td", { class: "muted" }, "none open"))]));
    replace($("jobs-closed"), ...jobs.closed.map((j) => jobRow(j, decimals[j.token] || 0,
      j.state === "FAILED" && j.kind === "R2C" ? action("requeue", "POST", "/v1/admin/jobs/" + j.id + "/requeue") : "")));
  }

  function renderProposals(p, decimals) {
    const open = Object.entries(p.openByKind).map(([kind, states]) =>
      kind + " " + Object.entries(states).map(([s, n]) => s.toLowerCase() + " " + n).join(", "));
    const outcomes = ["proposed", "signed", "executed", "stale", "expired", "failed"]
      .filter((o) => p.settlementOutcomes[o] !== undefined).map((o) => o + " " + p.settlementOutcomes[o]);
    $("proposal-counts").textContent = "open: " + (open.join(" · ") || "none")
      + "  —  settlements since start: " + (outcomes.join(" · ") || "none");
    const row = (r, last) => el("tr", { "data-proposal": r.id, "data-kind": r.kind, "data-state": r.state },
      el("td", {}, r.id), el("td", {}, r.kind), el("td", {}, r.state), el("td", {}, r.token),
      el("td", { title: r.counterparty }, short(r.counterparty)), el("td", {}, amount(r.amount, decimals[r.token] || 0)),
      el("td", {}, r.nonce), el("td", {}, age(r.ageSeconds)), last, el("td", {}, r.intentId));
    replace($("proposals-open"), ...(p.open.length ? p.open.map((r) => row(r, el("td", {}, r.expiresAt))) :
      [el("tr", {}, el("td", { class: "muted" }, "none open"))]));
    replace($("proposals-ended"), ...p.ended.map((r) => row(r, el("td", { class: "reason" }, r.reason))));
  }

  function jobRow(j, d, button) {
    const tr = el("tr", { "data-job": j.id, "data-state": j.state },
      el("td", {}, j.id), el("td", {}, j.kind), el("td", {}, j.state), el("td", {}, j.token),
      el("td", { title: j.counterparty }, short(j.counterparty)), el("td", {}, amount(j.amount, d)),
      el("td", {}, amount(j.funded, d)),
      el("td", {}, age(j.ageSeconds)), el("td", { class: "reason" }, j.reason), el("td", {}, button));
    return tr;
  }

  function action(label, method, path, body) {
    const b = el("button", {}, label);
    b.addEventListener("click", async () => {
      try {
        await call(method, path, body);
        $("action-result").textContent = label + ": done";
      } catch (e) {
        $("action-result").textContent = label + ": " + e.message;
      }
      refresh();
    });
    return b;
  }

  $("explain-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams({ counterparty: $("explain-counterparty").value.trim(), token: $("explain-token").value.trim() });
    try {
      const x = await call("GET", "/v1/explain?" + q.toString());
      $("explain").textContent = x.reasons.map((r) => r.code + ": " + r.text).join("\n") + "\n\n" + JSON.stringify(x, null, 2);
    } catch (e) {
      $("explain").textContent = e.message;
    }
  });

  if (csrf) {
    loggedIn();
  }
})();
