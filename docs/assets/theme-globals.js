/* Material for MkDocs' storage helpers, which the theme writes as an inline script
   (site_overrides/partials/javascripts/base.html says why they come from this file). The scope is
   the site's root: this file is assets/theme-globals.js under it. Loaded in <head>, before the
   theme's bundle, which uses them. */
var __md_scope = new URL("..", document.currentScript.src);
var __md_hash = function (text) {
  return [...text].reduce(function (hash, ch) { return (hash << 5) - hash + ch.charCodeAt(0); }, 0);
};
var __md_get = function (key, storage = localStorage, scope = __md_scope) {
  return JSON.parse(storage.getItem(scope.pathname + "." + key));
};
var __md_set = function (key, value, storage = localStorage, scope = __md_scope) {
  try { storage.setItem(scope.pathname + "." + key, JSON.stringify(value)); } catch (error) { /* storage full or off */ }
};
