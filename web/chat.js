// Starts botfront's rasa-webchat (loaded from /webchat.js) inside #chat.
// window.CHAT_CONFIG comes from /config.js, written by bot/serve/chat_page.py from settings.
(function () {
  // rasa-webchat holds each bot bubble back 0.8-3 s ("typing"); an emergency
  // must never wait, and a long answer should not trickle in over seconds.
  var URGENT = /sign of an emergency|call .* now/i;
  var MAX_DELAY_MS = 1000;
  function messageDelay(text) {
    if (URGENT.test(text || "")) return 0;
    return Math.min(MAX_DELAY_MS, 300 + 5 * (text || "").length);
  }
  var config = window.CHAT_CONFIG;
  var socketUrl = config.socketUrl ||
    window.location.protocol + "//" + window.location.hostname + ":" + config.rasaPort;
  // The second argument is the element to mount in (else a div added to body).
  window.WebChat.default({
    socketUrl: socketUrl,
    socketPath: "/socket.io/",
    initPayload: "/greet",
    embedded: true,
    title: "Muscle-health assistant",
    subtitle: "Cited answers, not a diagnosis",
    inputTextFieldHint: "Ask about aching, tense or cramping muscles",
    customData: { language: "en" },
    // The conversation survives a reload (same tab) through the session id.
    params: { storage: "session" },
    hideWhenNotConnected: false,
    showMessageDate: false,
    customMessageDelay: messageDelay
  }, document.getElementById("chat"));
})();
