function sendToken(frame, token) {
  // ruleid: js-postmessage-wildcard-target
  frame.contentWindow.postMessage({ token }, "*");
  // ruleid: js-postmessage-wildcard-target
  window.parent.postMessage(token, "*");
  // ok: js-postmessage-wildcard-target
  frame.contentWindow.postMessage({ token }, "https://widget.example.com");
}
