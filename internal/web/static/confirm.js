// Buttons with a data-confirm attribute ask before their form is sent, and
// buttons with data-print print the page (the pages allow no inline script,
// so this is where both are wired).
document.addEventListener("click", function (e) {
  const b = e.target.closest("[data-confirm]");
  if (b && !window.confirm(b.dataset.confirm)) e.preventDefault();
  if (e.target.closest("[data-print]")) window.print();
});
