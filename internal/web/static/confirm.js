// Buttons with a data-confirm attribute ask before their form is sent (the
// pages allow no inline script, so this is where the question is asked).
document.addEventListener("click", function (e) {
  const b = e.target.closest("[data-confirm]");
  if (b && !window.confirm(b.dataset.confirm)) e.preventDefault();
});
