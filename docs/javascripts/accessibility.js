// Material's search overlay has role="dialog" but no name, so a screen reader announces an unnamed
// dialog (axe: aria-dialog-name). Name it after its search box. Runs at the end of <body>.
document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(dialog => {
  const box = dialog.querySelector("input[aria-label]")
  dialog.setAttribute("aria-label", box ? box.getAttribute("aria-label") : "Search")
})
