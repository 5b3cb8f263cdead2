// Pagefind index of a built site, fed the Kiwi-segmented text of its Material search index:
// one custom record per page and section, U+200B cuts turned into spaces so Pagefind's word
// splitter sees 컨테이너 and 를 as two words. Used by scripts/search_scale.py.
//   node scripts/pagefind_index.mjs SITE_DIR BASE_PATH PAGEFIND_DIR   (a folder where `npm install pagefind` ran)
import * as fs from "node:fs"
import * as path from "node:path"
import { pathToFileURL } from "node:url"

const pagefind = await import(pathToFileURL(path.join(process.argv[4], "node_modules/pagefind/lib/index.js")).href)

const [site, base] = process.argv.slice(2)
const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf-8"))
const { index: pf } = await pagefind.createIndex({ forceLanguage: "ko" })
for (const doc of index.docs) {
  const text = s => s.replace(/<[^>]*>/g, " ").replace(/\u200b/g, " ")
  await pf.addCustomRecord({ url: base + doc.location, content: text(doc.text), language: "ko", meta: { title: text(doc.title) } })
}
await pf.writeFiles({ outputPath: path.join(site, "pagefind") })
await pagefind.close()
