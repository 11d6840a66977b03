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

  // "Chọn xã, phường của bạn" on a commune procedure: the desks come from a small same-origin JSON
  // (data/desks.json, written by the build); the choice, and that commune's desk, are kept on the
  // phone (localStorage), so a later visit shows them at once, even offline.
  var DESK_KEY = "congkhai.commune";
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }
  function todayIn(timeZone) {
    try {
      return new Intl.DateTimeFormat("en-CA", { timeZone: timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
    } catch (e) {
      var now = new Date();
      return now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
    }
  }
  function showDesk(box, data, c, base) {
    box.textContent = "";
    var iso = todayIn(data.time_zone);
    var parts = iso.split("-");
    var weekday = (new Date(Date.UTC(+parts[0], +parts[1] - 1, +parts[2])).getUTCDay() + 6) % 7;
    var inRange = iso >= data.from && iso <= data.until;
    var day = (inRange && c.dates[iso]) || c.week[weekday];
    box.appendChild(el("p", c.desk, "ck-desk__name"));
    var address = el("p", "Địa chỉ: " + c.address + " ");
    var map = el("a", "Xem bản đồ");
    // A link the citizen follows, not a request the page makes: the site stays usable offline.
    map.href = "https://www.google.com/maps/search/?api=1&query=" + encodeURIComponent(c.address + ", " + c.name);
    map.rel = "noopener";
    address.appendChild(map);
    box.appendChild(address);
    var label = "Hôm nay (" + data.weekdays[weekday] + " " + parts[2] + "/" + parts[1] + "/" + parts[0] + "): ";
    var hours = el("p", label + (day.hours ? "mở cửa " + day.hours : "nghỉ") + (day.closure ? " (" + day.closure + ")" : "") + ".");
    box.appendChild(hours);
    if (day.hours) {
      box.appendChild(el("p", day.duty.length ? "Người trực: " + day.duty.join("; ") + "." : "Người trực: cán bộ Bộ phận Một cửa."));
    }
    if (!inRange) {
      box.appendChild(el("p", "Lịch có thể đã thay đổi so với khi trang được cập nhật: hãy xem trang của xã, gọi điện trước khi đến.", "ck-muted"));
    }
    if (c.phone) {
      var call = el("p", "Điện thoại: ");
      var tel = el("a", c.phone, "ck-tel");
      tel.href = c.tel;
      call.appendChild(tel);
      box.appendChild(call);
    }
    var more = el("p");
    var page = el("a", "Giờ làm việc và lịch trực cả tuần");
    page.href = base + c.url;
    more.appendChild(page);
    box.appendChild(more);
  }
  function setUpDeskChooser(root) {
    var chooser = root.querySelector ? root.querySelector(".ck-desk[data-desks]") : null;
    if (!chooser || !window.fetch) { return; }
    var select = chooser.querySelector("select");
    var box = chooser.querySelector(".ck-desk__info");
    var url = new URL(chooser.getAttribute("data-desks"), window.location.href);
    // Paths in the JSON are from the site's root: data/desks.json sits two levels below it.
    var base = new URL("../", url).href;
    var saved = null;
    try { saved = JSON.parse(window.localStorage.getItem(DESK_KEY) || "null"); } catch (e) { saved = null; }
    if (saved && saved.commune && saved.data) {
      chooser.querySelector(".ck-desk__pick").hidden = false;
      var option = el("option", saved.commune.name);
      option.value = saved.commune.id;
      select.appendChild(option);
      select.value = saved.commune.id;
      showDesk(box, saved.data, saved.commune, base);
    }
    fetch(url.href).then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); }).then(function (data) {
      var byId = {};
      while (select.options.length > 1) { select.remove(1); }
      data.communes.forEach(function (c) {
        byId[c.id] = c;
        var option = el("option", c.name);
        option.value = c.id;
        select.appendChild(option);
      });
      var meta = { from: data.from, until: data.until, time_zone: data.time_zone, weekdays: data.weekdays };
      function choose() {
        var c = byId[select.value];
        if (!c) { box.textContent = ""; try { window.localStorage.removeItem(DESK_KEY); } catch (e) { /* private mode */ } return; }
        showDesk(box, meta, c, base);
        try { window.localStorage.setItem(DESK_KEY, JSON.stringify({ commune: c, data: meta })); } catch (e) { /* private mode */ }
      }
      select.addEventListener("change", choose);
      chooser.querySelector(".ck-desk__pick").hidden = false;
      if (saved && saved.commune && byId[saved.commune.id]) { select.value = saved.commune.id; choose(); }
    }).catch(function () { /* offline: the remembered desk, or the link to the communes list, stays */ });
  }

  // The printed sheet says the day it was printed, in the site's time zone.
  function datePrintedSheet(root) {
    root.querySelectorAll(".ck-print-date[data-time-zone]").forEach(function (span) {
      var parts = todayIn(span.getAttribute("data-time-zone")).split("-");
      span.textContent = parts[2] + "/" + parts[1] + "/" + parts[0];
    });
  }

  function init() { datePrintedSheet(document); setUpCalculators(document); markToday(document); markOpenNow(document); setUpFilter(document); nameReportedPage(document); setUpDeskChooser(document); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
