/*
 * FieldKey booking widget, inside the iframe: free slots from GET /api/v1/slots,
 * booking with POST /api/v1/bookings. The Idempotency-Key is made once when the
 * form opens, so a double click or a retry books one visit. Errors come back as
 * problem+json; each field error is shown under its field.
 */
(function () {
  var form = document.getElementById("fk-book");
  if (!form) return;
  var message = document.getElementById("fk-message");
  var done = document.getElementById("fk-done");
  var day = form.elements["day"];
  var time = form.elements["slotStart"];
  var button = form.querySelector("button[type=submit]");
  var days = [];
  var key = (function () {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var a = new Uint8Array(16);
    crypto.getRandomValues(a);
    return Array.prototype.map
      .call(a, function (b) {
        return (b + 256).toString(16).slice(1);
      })
      .join("");
  })();

  function el(id) {
    return document.getElementById(id);
  }
  function say(text) {
    message.textContent = text || "";
    message.hidden = !text;
  }
  function clearErrors() {
    Array.prototype.forEach.call(form.querySelectorAll(".e"), function (p) {
      p.hidden = true;
      p.textContent = "";
    });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (i) {
      i.removeAttribute("aria-invalid");
    });
    say("");
  }
  function showError(field, detail) {
    var target = field === "slotStart" || field === "devices" ? (field === "devices" ? "devices.0.brand" : "slotStart") : field;
    var input = el(target);
    var p = el("err-" + target);
    if (!input || !p) return false;
    input.setAttribute("aria-invalid", "true");
    p.textContent = p.textContent ? p.textContent + " " + detail : detail;
    p.hidden = false;
    return true;
  }
  /** The estimate for the device and the chosen time: the same price function as the invoice (POST /api/v1/quotes). */
  function showEstimate() {
    var out = el("fk-estimate");
    if (!out) return;
    out.textContent = "";
    if (!time.value) return;
    fetch("/api/v1/quotes", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ devices: [{ brand: value("devices.0.brand"), kind: value("devices.0.kind") }], slotStart: time.value }),
    })
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (q) {
        if (q && q.summary) out.textContent = "Estimate: " + q.summary + ".";
      })
      .catch(function () {});
  }
  function fillTimes() {
    var d = days.filter(function (x) {
      return x.day === day.value;
    })[0];
    time.innerHTML = "";
    (d ? d.slots : []).forEach(function (s) {
      time.add(new Option(s.label, s.start));
    });
    showEstimate();
  }
  function loadSlots() {
    var brand = form.elements["devices.0.brand"].value;
    day.innerHTML = "";
    day.add(new Option("Loading free days…", ""));
    time.innerHTML = "";
    fetch("/api/v1/slots?devices=1&brands=" + encodeURIComponent(brand), { headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().then(function (b) {
          return { ok: r.ok, body: b };
        });
      })
      .then(function (r) {
        if (!r.ok) throw new Error(r.body && r.body.detail);
        days = r.body.days;
        day.innerHTML = "";
        if (!days.length) day.add(new Option("No free days: please call us", ""));
        days.forEach(function (d) {
          day.add(new Option(d.label + " (" + d.slots.length + " free)", d.day));
        });
        fillTimes();
      })
      .catch(function (e) {
        day.innerHTML = "";
        day.add(new Option("Could not load free days", ""));
        say((e && e.message) || "Could not load the free times. Please try again or call us.");
      });
  }
  function value(name) {
    return form.elements[name].value.trim();
  }
  function body() {
    var none = { recovery_email: "unknown", security_questions: "unknown", app_account: "unknown", guid_file: "unknown", reset_button: "unknown" };
    return {
      contact: { name: value("contact.name"), email: value("contact.email"), phone: value("contact.phone") },
      site: { addressLine1: value("site.addressLine1"), city: value("site.city"), region: value("site.region"), postalCode: value("site.postalCode") },
      devices: [{ brand: value("devices.0.brand"), kind: value("devices.0.kind"), recovery: none }],
      slotStart: time.value,
      account: { mode: "invite" },
    };
  }

  form.elements["devices.0.brand"].addEventListener("change", loadSlots);
  day.addEventListener("change", fillTimes);
  time.addEventListener("change", showEstimate);
  form.elements["devices.0.kind"].addEventListener("change", showEstimate);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearErrors();
    if (!time.value) {
      showError("slotStart", "Pick a day and a time.");
      time.focus();
      return;
    }
    button.disabled = true;
    fetch("/api/v1/bookings", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": key, Accept: "application/json" },
      body: JSON.stringify(body()),
    })
      .then(function (r) {
        return r.json().then(function (b) {
          return { status: r.status, body: b };
        });
      })
      .then(function (r) {
        button.disabled = false;
        if (r.status === 201) {
          form.hidden = true;
          done.textContent = "Booked: " + r.body.reference + ", " + r.body.window + ". We emailed the confirmation to " + value("contact.email") + ".";
          done.hidden = false;
          done.focus();
          return;
        }
        var errs = (r.body && r.body.errors) || [];
        var shown = errs.filter(function (x) {
          return showError(x.field, x.detail);
        });
        say(
          shown.length
            ? r.status === 409
              ? r.body.detail
              : "Please correct the highlighted fields."
            : (r.body && r.body.detail) || "Something went wrong. Please try again.",
        );
        if (
          r.status === 409 &&
          errs.some(function (x) {
            return x.field === "slotStart";
          })
        )
          loadSlots();
        var first = shown[0] && el(shown[0].field === "devices" ? "devices.0.brand" : shown[0].field);
        if (first) first.focus();
      })
      .catch(function () {
        button.disabled = false;
        say("Could not reach us. Check the connection and try again.");
      });
  });
  loadSlots();
})();
