/* Security keys (WebAuthn) for organisers: enrolling a key on the account security page, and using it to finish
 * the organiser sign-in. No inline script: each button carries its endpoints in data- attributes, and the CSRF
 * token is read from the form the button sits in.
 *
 * Each ceremony is two POSTs: the first returns the options (with a fresh challenge the server keeps in the
 * session), the browser asks the key, and the second sends the key's answer back for the server to verify.
 */
(function () {
  "use strict";

  var supported =
    window.PublicKeyCredential &&
    typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function" &&
    typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function";

  function post(url, token, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(body || {}),
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.error || response.statusText);
        return data;
      });
    });
  }

  function show(button, message) {
    var box = document.getElementById(button.getAttribute("data-message"));
    if (box) {
      box.textContent = message;
      box.hidden = !message;
    }
  }

  function run(button) {
    var form = button.closest("form");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var register = button.getAttribute("data-webauthn") === "register";
    var nameField = form.querySelector("input[name=key_name]");
    var nextField = form.querySelector("input[name=next]");
    button.disabled = true;
    show(button, "");
    post(button.getAttribute("data-options-url"), token)
      .then(function (options) {
        return register
          ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
          : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
      })
      .then(function (credential) {
        return post(button.getAttribute("data-verify-url"), token, {
          credential: credential.toJSON(),
          name: nameField ? nameField.value : "",
          next: nextField ? nextField.value : "",
        });
      })
      .then(function (result) {
        window.location.assign(result.redirect);
      })
      .catch(function (error) {
        button.disabled = false;
        show(button, button.getAttribute("data-failed") + " " + (error && error.message ? error.message : ""));
      });
  }

  document.querySelectorAll("[data-webauthn]").forEach(function (button) {
    if (!supported) {
      button.disabled = true;
      show(button, button.getAttribute("data-unsupported"));
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function (event) {
      event.preventDefault();
      run(button);
    });
  });
})();
