/* Thành phần hồ sơ theo trường hợp: the citizen picks a case first, and the checklist shows only
   that case's papers; the choice is remembered on the phone. Without this script every case is
   shown, each under its heading (the choice stays hidden). */
(function () {
  "use strict";

  function remembered(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  function remember(key, value) {
    try {
      if (value) { window.localStorage.setItem(key, value); } else { window.localStorage.removeItem(key); }
    } catch (e) { /* private browsing: the choice is simply not kept */ }
  }

  function setUp(box) {
    var key = box.getAttribute("data-ck-cases");
    var choice = box.querySelector(".ck-case-choice");
    if (!choice || choice.parentNode !== box) { return; }
    var sections = Array.prototype.filter.call(box.children, function (el) {
      return el.classList.contains("ck-case");
    });
    var radios = choice.querySelectorAll("input[type=radio]");
    function show(value) {
      sections.forEach(function (section) {
        section.hidden = Boolean(value) && section.getAttribute("data-case") !== value;
      });
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", function () {
        if (!radio.checked) { return; }
        remember(key, radio.value);
        show(radio.value);
      });
    });
    var saved = remembered(key);
    var known = sections.some(function (s) { return s.getAttribute("data-case") === saved; });
    radios.forEach(function (radio) { radio.checked = known ? radio.value === saved : radio.value === ""; });
    show(known ? saved : "");
    choice.hidden = false;
  }

  function init() {
    document.querySelectorAll("[data-ck-cases]").forEach(setUp);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
