/* congkhai: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  function money(amount) {
    return amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".") + " đồng";
  }

  // Fee calculator: the same rule as FeeVersion.compute in generator/models.py.
  function feeFor(rule, units, copies) {
    var each = 0;
    rule.tiers.forEach(function (tier) {
      var from = tier[0], to = tier[1], amount = tier[2];
      var top = to === null ? units : Math.min(units, to);
      if (top >= from) { each += (top - from + 1) * amount; }
    });
    if (rule.cap !== null) { each = Math.min(each, rule.cap); }
    return each * copies;
  }

  function setUpCalculators(root) {
    root.querySelectorAll("form.ck-calc").forEach(function (form) {
      var rule = JSON.parse(form.getAttribute("data-fee"));
      var inputs = form.querySelectorAll("input");
      var output = form.querySelector("output");
      function update() {
        var units = Math.max(1, parseInt(inputs[0].value, 10) || 1);
        var copies = Math.max(1, parseInt(inputs[1].value, 10) || 1);
        output.textContent = money(feeFor(rule, units, copies));
      }
      inputs.forEach(function (input) { input.addEventListener("input", update); });
      // Enter in a field recomputes; it never sends the form (no inline handler: the site's
      // Content-Security-Policy allows none).
      form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
      update();
    });
  }

  // The duty table marks the build date as today; correct it to the visitor's date.
  function markToday(root) {
    var now = new Date();
    var iso = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
    var rows = root.querySelectorAll("table.ck-week tr[data-date]");
    if (!rows.length) { return; }
    var found = false;
    rows.forEach(function (row) { if (row.getAttribute("data-date") === iso) { found = true; } });
    if (!found) { return; }
    rows.forEach(function (row) {
      var today = row.getAttribute("data-date") === iso;
      row.classList.toggle("ck-today", today);
      if (today) { row.setAttribute("aria-current", "date"); } else { row.removeAttribute("aria-current"); }
    });
  }

  // The commune page's key facts: whether the desk is open right now, from this week's table
  // (the page says what was true on the day it was built; the citizen reads it later).
  function minutes(hhmm) { var p = hhmm.split(":"); return Number(p[0]) * 60 + Number(p[1]); }
  function ranges(text) {
    var found = [], re = /(\d\d:\d\d)\u2013(\d\d:\d\d)/g, m;
    while ((m = re.exec(text)) !== null) { found.push([m[1], m[2]]); }
    return found;
  }
  function markOpenNow(root) {
    var target = root.querySelector("[data-live=opening]");
    if (!target) { return; }
    var parts = {};
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    var iso = parts.year + "-" + parts.month + "-" + parts.day;
    var now = Number(parts.hour) * 60 + Number(parts.minute);
    var rows = Array.prototype.slice.call(root.querySelectorAll("table.ck-week tr[data-date]"));
    var index = rows.findIndex(function (row) { return row.getAttribute("data-date") === iso; });
    if (index < 0) { return; }
    function hoursOf(row) { var cell = row.querySelector("td"); return cell ? ranges(cell.textContent) : []; }
    function dayOf(row) { var m = /^\s*(.*?\d\d\/\d\d\/\d{4})/.exec(row.querySelector("th").textContent); return m ? m[1] : ""; }
    function text(list) { return list.map(function (r) { return r[0] + "\u2013" + r[1]; }).join(", "); }
    var today = hoursOf(rows[index]);
    var open = today.find(function (r) { return now >= minutes(r[0]) && now < minutes(r[1]); });
    var later = today.find(function (r) { return now < minutes(r[0]); });
    var message = null;
    if (open) {
      message = "Đang mở cửa, đến " + open[1] + " (hôm nay " + text(today) + ")";
    } else if (later) {
      var before = today.indexOf(later) > 0 ? "Đang nghỉ giữa buổi; mở lại lúc " : "Chưa mở cửa; mở lúc ";
      message = before + later[0] + " (hôm nay " + text(today) + ")";
    } else {
      for (var i = index + 1; i < rows.length; i += 1) {
        var next = hoursOf(rows[i]);
        if (next.length) { message = "Đã đóng cửa; mở lại " + dayOf(rows[i]) + ", " + text(next); break; }
      }
    }
    if (message) { target.textContent = message; }
  }

  // Accent-insensitive, đ → d, with the table generated from generator/format.py fold()
  // (assets/ck-data.js), so the browser folds exactly as the generator does.
  var FOLD = (window.congkhai && window.congkhai.fold) || {};
  function fold(text) {
    return text.normalize("NFC").replace(/[^\x00-\x7f]/g, function (ch) { return FOLD[ch] || ch; }).toLowerCase();
  }

  // The A–Z list filters as you type, and answers the home page's search form (?q=…).
  function setUpFilter(root) {
    var input = root.getElementById ? root.getElementById("ck-filter-q") : null;
    if (!input) { return; }
    var rows = root.querySelectorAll("tr[data-folded]");
    var groups = root.querySelectorAll("section.ck-group");
    var count = root.getElementById("ck-filter-count");
    var total = count.getAttribute("data-total");
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.getAttribute("data-folded");
        var hit = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !hit;
        if (hit) { shown += 1; }
      });
      groups.forEach(function (group) { group.hidden = !group.querySelector("tr[data-folded]:not([hidden])"); });
      count.textContent = words.length ? shown + " / " + total + " thủ tục khớp." : total + " thủ tục.";
    }
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { input.value = query; }
    input.addEventListener("input", apply);
    input.form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    apply();
  }

  function init() { setUpCalculators(document); markToday(document); markOpenNow(document); setUpFilter(document); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
