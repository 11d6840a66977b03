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
    var rows = root.querySelectorAll("[data-folded]");
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
      groups.forEach(function (group) { group.hidden = !group.querySelector("[data-folded]:not([hidden])"); });
      count.textContent = words.length ? shown + " / " + total + " thủ tục khớp." : total + " thủ tục.";
    }
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { input.value = query; }
    input.addEventListener("input", apply);
    input.form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    apply();
  }

  // The feedback page names the page a citizen came from ("Báo lỗi nội dung" links carry
  // ?trang=<path of the page>): only a path of this site, shown as text, never as HTML.
  function nameReportedPage(root) {
    var about = root.getElementById ? root.getElementById("ck-feedback-about") : null;
    if (!about) { return; }
    var path = new URLSearchParams(window.location.search).get("trang");
    if (!path || !/^[a-z0-9][a-z0-9./-]*$/.test(path) || path.indexOf("..") !== -1 || path.indexOf("//") !== -1) { return; }
    var target = new URL("../" + path, window.location.href);
    if (target.origin !== window.location.origin) { return; }
    var link = document.createElement("a");
    link.href = target.href;
    link.textContent = path;
    about.textContent = "Bạn đang báo lỗi nội dung của trang: ";
    about.appendChild(link);
    about.appendChild(document.createTextNode(". Hãy ghi rõ thông tin nào sai hoặc thiếu."));
    about.hidden = false;
    var mail = root.getElementById("ck-feedback-mail");
    if (mail) {
      mail.href = mail.href.split("?")[0] + "?subject=" + encodeURIComponent("Báo lỗi nội dung trang " + path) +
        "&body=" + encodeURIComponent("Trang: " + target.href + "\n\nNội dung sai hoặc thiếu:\n");
    }
    // The page's own title, when it can be read (same site, works offline from the cache too).
    fetch(target.href).then(function (r) { return r.ok ? r.text() : ""; }).then(function (html) {
      var h1 = new DOMParser().parseFromString(html, "text/html").querySelector("h1");
      if (h1 && h1.textContent.trim()) { link.textContent = h1.textContent.trim(); }
    }).catch(function () {});
  }

  function init() { setUpCalculators(document); markToday(document); setUpFilter(document); nameReportedPage(document); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
