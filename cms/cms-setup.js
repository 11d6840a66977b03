// Loaded before Decap CMS: it must wait until congkhai-cms.js has registered the content formats.
window.CMS_MANUAL_INIT = true;
