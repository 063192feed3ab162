// The print link of the printable safety plan (no inline script: CSP script-src 'self').
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    event.preventDefault();
    window.print();
  }
});
