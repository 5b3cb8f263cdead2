// Material's search overlay has role="dialog" but no name, so a screen reader announces an unnamed
// dialog (axe: aria-dialog-name). Name it after its search box. Runs at the end of <body>.
document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(dialog => {
  const box = dialog.querySelector("input[aria-label]")
  dialog.setAttribute("aria-label", box ? box.getAttribute("aria-label") : "Search")
})

// A table or code block wider than its column scrolls sideways; a keyboard user can only scroll it
// once it takes focus (axe: scrollable-region-focusable; the theme does it for code blocks only on
// devices that hover). Such a box becomes focusable (a table wrapper also a named region), and stops
// being one when the screen is wide enough to show it whole. Attributes the theme set stay.
const markScrollRegion = box => {
  const table = box.classList.contains("md-typeset__scrollwrap")
  if (box.scrollWidth > box.clientWidth) {
    if (box.hasAttribute("tabindex")) return
    box.setAttribute("tabindex", "0")
    box.dataset.scrollRegion = ""
    if (!table) return
    const heading = [...document.querySelectorAll("article :is(h1, h2, h3)")]
      .filter(h => h.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING).pop()
    box.setAttribute("role", "region")
    box.setAttribute("aria-label", (heading ? heading.textContent.replace("¶", "").trim() : document.title) + " (표)")
  } else if ("scrollRegion" in box.dataset) {
    ["tabindex", "role", "aria-label", "data-scroll-region"].forEach(name => box.removeAttribute(name))
  }
}
const scrollRegions = new ResizeObserver(entries => entries.forEach(entry => markScrollRegion(entry.target)))
const watchScrollRegions = () => document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code").forEach(box => {
  markScrollRegion(box)  // at once, so the page is right before the first resize notice
  scrollRegions.observe(box)
})
if (typeof document$ !== "undefined") document$.subscribe(watchScrollRegions)
else watchScrollRegions()
