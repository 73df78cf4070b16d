// Site search (Pagefind): one index per language, chosen from the page's lang attribute.
// Loaded only on the search page, and only as an enhancement: every page is also in the menus.
window.addEventListener("DOMContentLoaded", function () {
  if (typeof PagefindUI === "undefined") return;
  new PagefindUI({ element: "#search", showImages: false, resetStyles: false });
});
