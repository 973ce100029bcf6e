// The review page's one script (served by the service itself, no CDN): copy a suggested correction, and
// record a decision on a conflict with the officer's own API key. Reading needs none of it: without this
// script the page shows everything, and the copy buttons and decision forms stay hidden.
// The key is kept only in this page's memory (the field), sent as a Bearer header to this site, never stored.
"use strict";

(function () {
  const page = document.getElementById("review");
  if (!page) return;
  const reportId = page.dataset.report;

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    const area = document.createElement("textarea");  // older browsers and plain-HTTP intranets
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.querySelectorAll("button.copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      const text = document.getElementById(button.dataset.target).textContent;
      copyText(text).then(function () {
        button.textContent = button.dataset.copied;
        button.classList.add("done");
      }, function () {
        button.textContent = button.dataset.failed;
      });
    });
  });

  const keyBox = document.getElementById("decide-key");
  if (keyBox) keyBox.hidden = false;

  function shown(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }

  document.querySelectorAll("form.decide").forEach(function (form) {
    form.hidden = false;
    const status = form.querySelector(".status");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const key = document.getElementById("key").value.trim();
      if (!key) {
        status.textContent = form.dataset.needsKey;
        document.getElementById("key").focus();
        return;
      }
      const choice = form.querySelector("select[name=decision]");
      const body = {finding: Number(form.dataset.finding), decision: choice.value,
                    note: form.querySelector("textarea[name=note]").value};
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      status.textContent = "…";
      fetch("/v1/reports/" + encodeURIComponent(reportId) + "/decisions", {
        method: "POST", credentials: "omit", cache: "no-store",
        headers: {"Authorization": "Bearer " + key, "Content-Type": "application/json"},
        body: JSON.stringify(body),
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          return {ok: response.ok, status: response.status, data: data};
        });
      }).then(function (result) {
        if (!result.ok) {  // the reason in the page's language where the page knows it, else the API's own
          const known = form.dataset["refused" + result.status];
          status.textContent = form.dataset.failed + ": " + (known || result.data.message || result.data.error);
          return;
        }
        const d = result.data;
        const box = document.getElementById("decision-" + d.finding);
        box.classList.remove("undecided");
        box.dataset.decision = d.decision;
        box.textContent = "";
        const label = document.createElement("strong");
        label.textContent = form.dataset.heading + ": ";
        box.appendChild(label);
        box.appendChild(document.createTextNode(shown(form.dataset.template, {
          decision: choice.options[choice.selectedIndex].text, agency: d.agency || "", key: d.key_id || "",
          at: d.created_at})));
        if (d.note) {
          const note = document.createElement("div");
          note.textContent = d.note;
          box.appendChild(note);
        }
        status.textContent = form.dataset.recorded;
      }).catch(function (error) {
        status.textContent = form.dataset.failed + ": " + error.message;
      }).finally(function () {
        button.disabled = false;
      });
    });
  });
})();
